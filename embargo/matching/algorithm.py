"""The matching algorithm: name alignment plus evidence, as one explained score.

An algorithm has a name and a version so a score can always be traced to the
logic that made it (alerts record it). ``embargo-v6`` (``embargo-v5`` let a birth date that differs without
conflicting, one year apart or another day, add a little; ``embargo-v4`` had no
series siblings, run-together initials, Wade-Giles readings, Chinese homophones,
doubled letters in short words or the rule on registered names in different places; ``embargo-v3`` had no
cross-language spelling bridges, accent-free legal forms, region words, Khmer or
Devanagari readings; ``embargo-v2`` had no
lookalike-name rules, ``embargo-v1`` no organization, short-form or script
rules; see docs/matching.md):

1. every query name is compared with every listed name, in every
   romanization (:mod:`.alignment`), and the algorithm's rules (:data:`RULES`,
   from :mod:`.rules`: father and son, one shared word, syllables, legal forms,
   series siblings...) say what the aligned words mean; the best pair gives
   the name score;
2. birth date, country, identifier and gender evidence adjust it
   (:mod:`.features`); evidence can only lift a score whose names already
   agree in part (``EVIDENCE_FLOOR``), so a shared birth year never turns a
   stranger into a hit, while counter-evidence always counts; the one
   exception is an identifier that identifies alone (an IMO number, a BIC,
   a passport number of six significant characters...): it sets a floor,
   ``IDENTIFIER_FLOOR`` less the counter-evidence, whatever the names say;
3. the result is clipped to [0, 1];
4. it is mapped to a calibrated probability of "same party"
   (:mod:`.calibration`), which keeps its order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from embargo.matching._org_rules import core_factor, core_score, described
from embargo.matching.alignment import NameMatch, SimilarityMemo, best_alignment, compare_analyzed, names_bound
from embargo.matching.calibration import probability
from embargo.matching.features import DATE_CONFLICT, Feature, birth_date, countries, gender, identifiers
from embargo.matching.query import Query
from embargo.matching.rule import BOUND_MARGIN
from embargo.matching.rules import RULES
from embargo.names import WEAK_TAGS, AnalyzedName
from embargo.names.facts import ListedFacts
from embargo.names.org_structure import is_core_reading, with_cores
from embargo.names.wadegiles import query_readings

__all__ = [
    "ALGORITHM",
    "DEFAULT_THRESHOLD",
    "EVIDENCE_FLOOR",
    "RULES",
    "MatchResult",
    "compare_names",
    "score_entity",
    "score_entity_above",
]

ALGORITHM = "embargo-v6"
#: Scores at or above this are hits unless the caller says otherwise.
DEFAULT_THRESHOLD = 0.7
#: A name score below this is not lifted by positive evidence.
EVIDENCE_FLOOR = 0.5
#: Name score of a query that is only a family name held by a single listed person
#: ("President Putin"): just over the threshold, so it is flagged but ranked low.
UNIQUE_SURNAME = 0.72

_FEATURES = (birth_date, countries, identifiers, gender)


@dataclass(slots=True)
class MatchResult:
    """The score of one listed entity for one query, and how it was made."""

    score: float
    name_score: float
    name: NameMatch | None
    features: list[Feature] = field(default_factory=list)
    #: Calibrated probability that the listed entity is the party (:func:`.calibration.probability` of ``score``).
    probability: float = 0.0


def best_name_match(
    query_names: Sequence[AnalyzedName],
    listed_names: Sequence[AnalyzedName],
    memo: SimilarityMemo | None = None,
    floor: float | None = None,
    cores: Sequence[tuple[AnalyzedName, ...]] | None = None,
) -> NameMatch | None:
    """The best-aligned pair of a query name and a listed name (``memo``: see :data:`.alignment.SimilarityMemo`).

    Args:
        floor: a name score the caller has no use for below; pairs bound to
            stay under it, or under the best so far, are not aligned in full
            (:func:`.alignment.compare_analyzed`). The result is the same
            whenever the best pair reaches the floor.
        cores: the core readings of each listed name, when an index stored them
            (:func:`embargo.names.org_structure.listed_cores`); read here otherwise.
    """
    best: NameMatch | None = None
    if any(q.kind == "org" for q in query_names):
        # an organisation is also met by its core name (._org_rules)
        listed_names = with_cores(listed_names, cores)
    for q in query_names:
        if floor is not None and names_bound(q, listed_names, memo, floor) + BOUND_MARGIN < floor:
            continue  # no listed name can bring this query name to the floor
        for c in listed_names:
            if q.kind == "person" and c.kind == "org" and any(t.tag == "legal_form" for t in c.tokens):
                continue  # a name with a legal form (``OOO``, ``Ltd``) is a company's, never a person's
            bar = floor if best is None else best.score if floor is None else max(floor, best.score)
            factor = core_factor(q, c)
            if factor == 0.0:
                continue
            # a core reading's match is worth ``factor`` of its alignment (._org_rules.CORE_ONLY)
            match = best_alignment(q, c, memo, None if bar is None else bar / factor)
            if match is not None and factor != 1.0:
                bare = is_core_reading(c) and not described(q)
                match = replace(match, score=core_score(match.score, factor, match.pairs, bare))
            if match is not None and (best is None or match.score > best.score):
                best = match
    return best


def _lone_family_name(match: NameMatch) -> str | None:
    """The listed family name, when the query is that one word and nothing else."""
    strong = [p for p in match.pairs if p.query is not None and p.query.tag not in WEAK_TAGS]
    if len(strong) != 1:
        return None
    pair = strong[0]
    if pair.listed is None or pair.listed.tag != "family":
        return None
    if pair.reason != "same" and pair.similarity < 0.97:
        return None
    return pair.listed.text


def _may_be_lone_word(names: Sequence[AnalyzedName]) -> bool:
    """Some reading of some query name has a single strong word (:func:`_lone_family_name` may apply)."""
    return any(
        sum(t.tag not in WEAK_TAGS for t in variant) == 1
        for name in names
        for variant in name.variants or (name.tokens,)
    )


def score_entity(
    query: Query,
    query_names: Sequence[AnalyzedName],
    listed_names: Sequence[AnalyzedName],
    facts: ListedFacts,
    unique_word: Callable[[str], bool] | None = None,
    memo: SimilarityMemo | None = None,
) -> MatchResult:
    """Score one listed entity against a query.

    Args:
        unique_word: tells whether a listed word belongs to this entity alone
            (the screener answers from its index); lets a query that is only a
            distinctive family name reach the threshold.
        memo: token similarities already computed for this query, shared by
            the candidates of one query (:data:`.alignment.SimilarityMemo`);
            the score is the same with or without it.
    """
    evidence = _evidence(query, facts)
    return _result(best_name_match(query_names, listed_names, memo), evidence, unique_word)


def score_entity_above(
    query: Query,
    query_names: Sequence[AnalyzedName],
    listed_names: Sequence[AnalyzedName],
    facts: ListedFacts,
    cut: float,
    unique_word: Callable[[str], bool] | None = None,
    memo: SimilarityMemo | None = None,
    cores: Sequence[tuple[AnalyzedName, ...]] | None = None,
) -> MatchResult | None:
    """:func:`score_entity` when it reaches ``cut``, else None, skipping names that cannot lift it there.

    The evidence is weighed first: a name pair whose score, plus everything
    the evidence could add, is bound to stay below ``cut`` is not aligned in
    full. Whenever the entity reaches ``cut`` the result is the one
    :func:`score_entity` gives (``cores``: see :func:`best_name_match`).
    """
    evidence = _evidence(query, facts)
    floor: float | None = cut - sum(f.delta for f in evidence)
    if unique_word is not None and _may_be_lone_word(query_names):
        floor = None  # a lone family name is lifted to UNIQUE_SURNAME whatever its alignment scored
    assured = _assured(evidence)
    if assured is not None and assured >= cut:
        floor = None  # a hit whatever the names say: every name is aligned, to show the best pair
    match = best_name_match(query_names, listed_names, memo, floor, cores)
    if match is None and assured is None:
        return None
    result = _result(match, evidence, unique_word)
    return result if result.score >= cut else None


def _evidence(query: Query, facts: ListedFacts) -> list[Feature]:
    """What birth dates, countries, identifiers and gender say, before the names are weighed."""
    return [f for f in (feature(query, facts) for feature in _FEATURES) if f is not None]


def _assured(evidence: list[Feature]) -> float | None:
    """The score the evidence guarantees whatever the names say (a floor less the counter-evidence), if any.

    A birth date counts against the floor as a slip at most (:data:`.features.DATE_CONFLICT`): the
    steeper conflict of a date of another decade is a date tolerance for names, and an identifier that
    identifies alone outweighs it (a holder of the passport born in another decade is still flagged,
    below the agreeing hits).
    """
    floors = [f.floor for f in evidence if f.floor is not None]
    if not floors:
        return None
    against = (max(f.delta, DATE_CONFLICT) if f.name == "birth_date" else f.delta for f in evidence if f.delta < 0)
    return max(floors) + sum(against)


def _lift_to_floor(found: list[Feature], score: float) -> float:
    """``score``, or the floor an identifier sets less the counter-evidence when that is higher.

    The identifier's own delta then carries the difference, so that the
    explanation still adds up to the score.
    """
    assured = _assured(found)
    if assured is None or assured <= score:
        return score
    at = max((i for i, f in enumerate(found) if f.floor is not None), key=lambda i: found[i].floor or 0.0)
    f = found[at]
    less = " less the counter-evidence" if any(e.delta < 0 for e in found) else ""
    detail = f"{f.detail}; it identifies alone: the score is at least {f.floor or 0.0:.2f}{less}"
    found[at] = Feature(f.name, f.delta + assured - score, detail, f.floor)
    return assured


def _result(match: NameMatch | None, evidence: list[Feature], unique_word: Callable[[str], bool] | None) -> MatchResult:
    name_score = match.score if match is not None else 0.0
    found: list[Feature] = []
    if match is not None and unique_word is not None and name_score < UNIQUE_SURNAME:
        family = _lone_family_name(match)
        if family is not None and unique_word(family):
            found.append(
                Feature(
                    "unique_family_name",
                    UNIQUE_SURNAME - name_score,
                    f"the query is only the family name {family!r}, which no other listed person has",
                )
            )
            name_score = UNIQUE_SURNAME
    score = name_score
    for result in evidence:
        if result.delta > 0 and name_score < EVIDENCE_FLOOR:
            note = " (not counted: the names differ too much)" if result.floor is None else ""
            result = Feature(result.name, 0.0, result.detail + note, result.floor)
        found.append(result)
        score += result.delta
    score = _lift_to_floor(found, score)
    final = max(0.0, min(1.0, score))
    return MatchResult(final, name_score, match, found, probability(final))


def compare_names(schema: str, a: str, b: str) -> float:
    """Name-only score of two names of the same schema, whichever is the query.

    Screening is directional (a query must be found in full in a listed name);
    two names compared as equals take the better of both directions.
    """
    first, second = query_readings(a, schema), query_readings(b, schema)
    forward = max(compare_analyzed(q, second[0]).score for q in first)
    backward = max(compare_analyzed(q, first[0]).score for q in second)
    return max(forward, backward)
