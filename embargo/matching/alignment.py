"""Align the tokens of two names and score how much of each name the other covers.

Names are compared as sets of tokens, not strings, so order does not matter
("LUKASHENKA, Alyaksandr" = "Alyaksandr Lukashenka"). Each query token is
paired with at most one listed token, best pairs first. The score is the
share of the query's weight that found a partner (coverage of the query),
times a softer share of the listed name's weight (coverage of the listed
name): a query must be found in full, while a listed name may carry parts the
query leaves out (a patronymic, a second given name) at a small cost.

Token weights follow what a token says about identity: a family name or an
unknown token counts fully, a given name a little less, a patronymic,
particle, legal form or generic word (Group, Bank) little.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from embargo.matching._cjk_rules import (
    distinct_readers,
    japanese_reading,
    syllable_lift,
    syllable_verdict,
)
from embargo.matching._initials import expand_initials
from embargo.matching._joins import join_pass, join_reach
from embargo.matching._org_rules import (
    LEGAL_FORM_CONFLICT,
    ONE_WORD_CAP,
    PLACE_SWAP_CAP,
    QUALIFIER,
    counts_as_part,
    legal_forms_conflict,
    one_word_by_likeness,
    places_differ,
    qualifiers,
)
from embargo.matching._person_rules import (
    ABJAD_ALONE,
    COMMON_ONLY_CAP,
    across_abjad,
    fathers_swapped,
    keeps_order,
    only_common_names,
    single_word_agreement,
    surname_by_sound,
    surname_by_typo,
)
from embargo.matching._series import SERIES_SIBLING, is_designator, mark_series, series_sibling
from embargo.matching.tokens import token_similarity
from embargo.names import AnalyzedName, Token
from embargo.names.initials import looks_like_initials
from embargo.names.org_structure import descriptor_symbols
from embargo.names.symbols import STOPWORDS

__all__ = [
    "LISTED_WEIGHTS",
    "QUERY_WEIGHTS",
    "Alignment",
    "NameMatch",
    "SimilarityMemo",
    "TokenPair",
    "align",
    "best_alignment",
    "compare_analyzed",
    "names_bound",
    "score_bound",
]

#: Weight of a query token by its tag: how much leaving it unmatched costs.
QUERY_WEIGHTS: dict[str, float] = {
    "family": 1.0,
    "unknown": 1.0,
    "number": 1.0,
    "given": 0.8,
    "patronymic": 0.35,
    "initial": 0.3,
    "generic": 0.25,
    "particle": 0.15,
    "legal_form": 0.1,
}
#: Weight of a query's description word or function word in an organisation's name (:func:`_describes`):
#: ``морские`` in ``Крымские морские порты``, which another list writes ``Crimean Ports``.
DESCRIBING = 0.1
#: Weight of a listed token: lists carry more parts than people type.
LISTED_WEIGHTS: dict[str, float] = {
    "family": 1.0,
    "unknown": 0.8,
    "number": 1.0,
    "given": 0.6,
    "patronymic": 0.15,
    "initial": 0.2,
    "generic": 0.1,
    "particle": 0.05,
    "legal_form": 0.05,
}
#: Pairs less alike than this are not aligned at all.
MIN_PAIR = 0.5
#: Exponent on the listed name's coverage (below 1: extra listed parts cost less).
LISTED_EXPONENT = 0.5
#: Factor per substitution: a part on each side that found no partner
#: ("Magomedovich" where the list says "Salimovich") says "another person",
#: which is more than a part left out.
SUBSTITUTION = 0.85
#: Highest score when a single word of two multi-word person names agrees.
SINGLE_WORD_CAP = 0.6
#: Factor when two names name each other's father ("X bin Y" against "Y bin X").
FATHER_SWAP = 0.6
#: Weight of a listed part a query leaves out when the query keeps the listed
#: name's first word and order (:func:`._person_rules.keeps_order`).
DROPPED_PART = 0.25
#: Highest score when the family names agree only through a typo of a short word
#: (:func:`._person_rules.surname_by_typo`): below the threshold, so that evidence must lift it.
SURNAME_TYPO_CAP = 0.65
#: Tags whose tokens count neither for substitutions nor for joining.
_WEAK = frozenset({"particle", "legal_form", "generic"})
#: Token similarities already computed, by ``id`` of the query token, then of the listed token.
#: One query meets the same listed words in many candidates (an index gives equal listed tokens
#: as one object, :meth:`embargo.index.ListIndex.name`). Keys are object ids, so a memo must not
#: outlive the tokens it saw: make one per query and drop it with the query.
SimilarityMemo = dict[int, dict[int, tuple[float, str]]]
#: How far below a floor an alignment's bound must fall before the alignment is skipped
#: (room for rounding: a skipped alignment must score below the floor for certain).
_BOUND_MARGIN = 1e-9


def _is_place(token: Token) -> bool:
    """A place word in an organization's name ("Europe", "Schweiz"): rigour tags these ``loc:``."""
    return token.tag == "unknown" and bool(token.symbols) and _names_place(token.symbols)


@lru_cache(maxsize=65536)
def _names_place(symbols: frozenset[str]) -> bool:
    return any(sym.startswith("loc:") for sym in symbols)


def _qw(token: Token) -> float:
    if _is_place(token):
        return QUERY_WEIGHTS["generic"]
    if token.tag == "generic" and _describes(token.text):
        return DESCRIBING
    return QUERY_WEIGHTS.get(token.tag, 1.0)


@lru_cache(maxsize=65536)
def _describes(text: str) -> bool:
    """A word of an organisation's description of its field (design, sea, research, production:
    :mod:`embargo.names.org_structure`) or a function word (of, the): translations and other lists leave
    them out more often than a trade word. Words of its kind (company, corporation, holding) keep their weight."""
    return text in STOPWORDS or any(s.startswith("domain:") for s in descriptor_symbols(text, abbreviations=False))


def _cw(token: Token) -> float:
    if _is_place(token):
        return LISTED_WEIGHTS["generic"]
    return LISTED_WEIGHTS.get(token.tag, 0.8)


@dataclass(slots=True)
class TokenPair:
    """One aligned pair (or an unmatched token, with the other side None)."""

    query: Token | None
    listed: Token | None
    similarity: float
    reason: str


@dataclass(slots=True)
class NameMatch:
    """The best alignment of a query name with a listed name."""

    score: float
    query: AnalyzedName
    listed: AnalyzedName
    pairs: list[TokenPair]
    query_coverage: float
    listed_coverage: float
    #: rules that weighed on the score, as (feature, detail in words) for explanations
    notes: tuple[tuple[str, str], ...] = ()


def _similarities(
    q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], memo: SimilarityMemo | None
) -> list[tuple[float, int, int, str]]:
    """Every pair similar enough to align: (similarity, query position, listed position, reason)."""
    scored: list[tuple[float, int, int, str]] = []
    if memo is None:
        for (i, q), (j, c) in product(enumerate(q_tokens), enumerate(c_tokens)):
            sim, reason = token_similarity(q, c)
            if sim >= MIN_PAIR:
                scored.append((sim, i, j, reason))
        return scored
    for i, q in enumerate(q_tokens):
        row = memo.get(id(q))
        if row is None:
            row = memo[id(q)] = {}
        for j, c in enumerate(c_tokens):
            found = row.get(id(c))
            if found is None:
                found = row[id(c)] = token_similarity(q, c)
            if found[0] >= MIN_PAIR:
                scored.append((found[0], i, j, found[1]))
    return scored


#: (score, query coverage, listed coverage, pairs, notes: (feature, detail) of the rules that weighed)
Alignment = tuple[float, float, float, list[TokenPair], tuple[tuple[str, str], ...]]


def align(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    person: bool = True,
    memo: SimilarityMemo | None = None,
) -> Alignment:
    """Pair tokens greedily by similarity; return (score, query coverage, listed coverage, pairs, notes).

    Args:
        memo: token similarities computed earlier for the same query (see :data:`SimilarityMemo`).
    """
    found = _align(q_tokens, c_tokens, person, memo, None)
    assert found is not None  # only a floor skips
    return found


def _align(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    person: bool,
    memo: SimilarityMemo | None,
    floor: float | None,
) -> Alignment | None:
    """:func:`align`, or None when the token similarities already show that it stays below ``floor``
    (:func:`score_bound`)."""
    if not q_tokens or not c_tokens:
        return 0.0, 0.0, 0.0, [], ()
    expanded = expand_initials(q_tokens, c_tokens) if person else None
    if expanded is not None:
        # New token objects: the memo, keyed by object id, must not see them.
        q_tokens, memo = expanded, None
    scored = _similarities(q_tokens, c_tokens, memo)
    if floor is not None and score_bound(q_tokens, c_tokens, scored, person, floor) + _BOUND_MARGIN < floor:
        lift = syllable_lift(q_tokens, c_tokens) if person else None
        if lift is None or lift + _BOUND_MARGIN < floor:
            return None
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_q: dict[int, tuple[int, float, str]] = {}
    used_c: set[int] = set()
    for sim, i, j, reason in scored:
        if i in used_q or j in used_c:
            continue
        used_q[i] = (j, sim, reason)
        used_c.add(j)
    joined = join_pass(q_tokens, c_tokens, used_q, used_c, org=not person)
    # A query that is the listed name with parts left out, in order, pays less for them.
    dropped = person and not joined.query and keeps_order(q_tokens, c_tokens, used_q)
    q_total = sum(_qw(t) for t in q_tokens)
    c_total = 0.0
    q_hit = 0.0
    c_hit = 0.0
    pairs: list[TokenPair] = []
    for i, q in enumerate(q_tokens):
        if i in used_q:
            j, sim, reason = used_q[i]
            c = c_tokens[j]
            q_hit += sim * _qw(q)
            c_hit += sim * _cw(c)
            pairs.append(TokenPair(q, c, sim, reason))
        elif i in joined.query:
            sim = joined.query[i]
            q_hit += sim * _qw(q)
            pairs.append(TokenPair(q, None, sim, "joined"))
        else:
            pairs.append(TokenPair(q, None, 0.0, "missing"))
    for j, c in enumerate(c_tokens):
        if j in used_c:
            c_total += _cw(c)
            continue
        if j in joined.listed:
            sim = joined.listed[j]
            c_hit += sim * _cw(c)
            c_total += _cw(c)
            pairs.append(TokenPair(None, c, sim, "joined"))
        else:
            c_total += min(_cw(c), DROPPED_PART) if dropped else _cw(c)
            pairs.append(TokenPair(None, c, 0.0, "extra"))
    q_cov = q_hit / q_total if q_total else 0.0
    c_cov = c_hit / c_total if c_total else 0.0
    counts = _counts_as_part if person else counts_as_part
    missing_q = sum(1 for p in pairs if p.reason == "missing" and p.query is not None and counts(p.query))
    extra_c = sum(1 for p in pairs if p.reason == "extra" and p.listed is not None and counts(p.listed))
    substitutions = min(missing_q, extra_c)
    score = q_cov * c_cov**LISTED_EXPONENT * SUBSTITUTION**substitutions
    notes: tuple[tuple[str, str], ...] = ()
    if person:
        if fathers_swapped(q_tokens, c_tokens, used_q):
            score *= FATHER_SWAP
        if single_word_agreement(pairs):
            score = min(score, SINGLE_WORD_CAP)
        elif surname_by_typo(pairs) or surname_by_sound(pairs):
            score = min(score, SURNAME_TYPO_CAP)
        verdict = syllable_verdict(q_tokens, c_tokens, pairs)
        if verdict is not None:
            score = verdict.apply(score)
            notes = (("syllables", verdict.note),)
        if score > COMMON_ONLY_CAP and only_common_names(pairs):
            score = COMMON_ONLY_CAP
            notes = (
                *notes,
                (
                    "common_names",
                    "the names share only very common names and the listed name has more of its own: "
                    f"the name alone scores at most {COMMON_ONLY_CAP}, a birth date decides",
                ),
            )
        abjad = across_abjad(q_tokens, c_tokens)
        if abjad is not None and score > ABJAD_ALONE:
            score = ABJAD_ALONE
            notes = (
                *notes,
                (
                    "script",
                    f"one name is written in {abjad} script, which leaves vowels out: "
                    f"the name alone scores at most {ABJAD_ALONE}, a birth date decides",
                ),
            )
    else:
        if legal_forms_conflict(q_tokens, c_tokens):
            score *= LEGAL_FORM_CONFLICT
        unmatched = [p.query or p.listed for p in pairs if p.reason in ("missing", "extra")]
        extra = qualifiers(q_tokens, c_tokens, [t for t in unmatched if t is not None])
        score *= QUALIFIER ** max(0, extra - 2 * substitutions)
        missing = [p.query for p in pairs if p.reason == "missing" and p.query is not None]
        if places_differ(
            q_tokens, c_tokens, missing, [p.listed for p in pairs if p.listed and p.reason == "extra"], _is_place
        ):
            score = min(score, PLACE_SWAP_CAP)
        if one_word_by_likeness(pairs):
            score = min(score, ONE_WORD_CAP)
        sibling = None if legal_forms_conflict(q_tokens, c_tokens) else series_sibling(pairs, _qw, counts, _is_place)
        if sibling is not None and sibling > score:
            score = sibling
            mark_series(pairs)
    return score, q_cov, c_cov, pairs, notes


def _counts_as_part(token: Token) -> bool:
    return token.tag not in _WEAK


def compare_analyzed(query: AnalyzedName, listed: AnalyzedName, memo: SimilarityMemo | None = None) -> NameMatch:
    """Best alignment over every romanization of both names (``memo``: see :data:`SimilarityMemo`)."""
    best = best_alignment(query, listed, memo)
    assert best is not None  # only a floor skips
    return best


def best_alignment(
    query: AnalyzedName, listed: AnalyzedName, memo: SimilarityMemo | None = None, floor: float | None = None
) -> NameMatch | None:
    """:func:`compare_analyzed`, skipping romanizations bound to stay below ``floor`` or the best so far.

    The result is the same whenever the best alignment reaches ``floor``;
    when it does not, it may be None or a lesser alignment.
    """
    best: NameMatch | None = None
    for qv in query.variants or (query.tokens,):
        for cv in listed.variants or (listed.tokens,):
            bar = floor if best is None else best.score if floor is None else max(floor, best.score)
            found = _align(qv, cv, query.kind == "person", memo, bar)
            if found is None:
                continue
            score, q_cov, c_cov, pairs, notes = found
            verdict = japanese_reading(query, pairs)
            if verdict is not None:
                score = verdict.apply(score)
                notes = (*notes, ("reading", verdict.note))
            if best is None or score > best.score:
                best = NameMatch(score, query, listed, pairs, q_cov, c_cov, notes)
    return best


def names_bound(
    query: AnalyzedName,
    listed: Sequence[AnalyzedName],
    memo: SimilarityMemo | None = None,
    floor: float | None = None,
) -> float:
    """A score :func:`best_alignment` of ``query`` cannot exceed against any of ``listed``, in one pass.

    The looser sibling of :func:`score_bound`, for all the names of one
    entity at once: each query token is taken at its best similarity with
    any word of any listed name, or at 1.0 when it might be part of a join
    (it starts as a run of listed words starts and is about as long, or it is
    in a run of query words that a listed word starts as); organization names
    that may hold an acronym or a series number, and a query reading with a
    word that may be initials written together, are not bounded (1.0).
    Entities whose every name falls short are skipped without aligning a
    single name.

    Args:
        floor: the value that matters: tokens are weighed heaviest first and the
            work stops as soon as the bound is sure to stay below ``floor``
            (the value returned is then still a bound, only a looser one);
            once a reading reaches ``floor``, 1.0 is returned at once.
    """
    person = query.kind == "person"
    words: dict[int, Token] = {}
    for name in listed:
        for variant in name.variants or (name.tokens,):
            for token in variant:
                words.setdefault(id(token), token)
    listed_words = tuple(words.values())
    if not person and (_acronym_possible(query, listed_words) or _series_possible(query, listed_words)):
        return 1.0
    # what a join needs first (:func:`._joins.join_pass`): a single word of four letters or more
    # that starts as a run of two or three words of the other name starts, and is about as long
    runs = _runs(_name_variants(listed))
    singles = [(t.text, len(t.text)) for t in listed_words if len(t.text) >= 4 and t.tag not in _WEAK]
    best = 0.0
    for variant in query.variants or (query.tokens,):
        if not variant:
            continue
        if person and any(looks_like_initials(t, variant) for t in variant):
            return 1.0
        joins = [len(t.text) >= 4 and t.tag not in _WEAK and _starts_run(t.text, runs) for t in variant]
        for head, size, span in _runs([variant]):
            if any(w.startswith(head) and abs(n - size) <= 3 for w, n in singles):
                for k in span:
                    joins[k] = True
        weights = [_qw(t) for t in variant]
        total = sum(weights)
        # every token found in full, then each token's shortfall taken off, heaviest first
        reached = total
        for i in sorted(range(len(variant)), key=weights.__getitem__, reverse=True):
            if joins[i]:
                continue
            reached -= weights[i] * (1.0 - _best_similarity(variant[i], listed_words, memo))
            if floor is not None and reached / total + _BOUND_MARGIN < floor:
                break
        if floor is not None and reached / total >= floor:
            return 1.0
        best = max(best, reached / total)
    if person and (floor is None or best + _BOUND_MARGIN < floor) and _lifted(query, listed, floor):
        return 1.0  # Chinese or Korean syllables agree by their tables, above what their letters align to
    return best


def _lifted(query: AnalyzedName, listed: Sequence[AnalyzedName], floor: float | None) -> bool:
    """Some reading of ``query`` agrees with some listed name by its syllables at ``floor`` or above
    (:func:`._cjk_rules.syllable_lift`)."""
    if not query.syllabic or not any(name.syllabic for name in listed):
        return False
    readers = distinct_readers(query.variants or (query.tokens,))
    listed_readers = [
        cv for name in listed if name.syllabic for cv in distinct_readers(name.variants or (name.tokens,))
    ]
    for cv in listed_readers:
        for qv in readers:
            lift = syllable_lift(qv, cv)
            if lift is not None and (floor is None or lift + _BOUND_MARGIN >= floor):
                return True
    return False


def _best_similarity(q: Token, words: tuple[Token, ...], memo: SimilarityMemo | None) -> float:
    """The query token's best similarity with any of ``words`` (0.0 below :data:`MIN_PAIR`)."""
    row = None
    if memo is not None:
        row = memo.get(id(q))
        if row is None:
            row = memo[id(q)] = {}
    top = 0.0
    for c in words:
        found = row.get(id(c)) if row is not None else None
        if found is None:
            found = token_similarity(q, c)
            if row is not None:
                row[id(c)] = found
        if found[0] > top:
            top = found[0]
            if top >= 1.0:
                break
    return top if top >= MIN_PAIR else 0.0


def _name_variants(names: Sequence[AnalyzedName]) -> list[tuple[Token, ...]]:
    """Every reading of every name."""
    return [variant for name in names for variant in name.variants or (name.tokens,)]


def _runs(variants: Sequence[tuple[Token, ...]]) -> list[tuple[str, int, range]]:
    """Every run of two or three adjacent words: its first word's first two letters, its length, its positions."""
    out = []
    for variant in variants:
        for start in range(len(variant) - 1):
            size = len(variant[start].text) + len(variant[start + 1].text)
            out.append((variant[start].text[:2], size, range(start, start + 2)))
            if start + 2 < len(variant):
                out.append((variant[start].text[:2], size + len(variant[start + 2].text), range(start, start + 3)))
    return out


def _starts_run(word: str, runs: list[tuple[str, int, range]]) -> bool:
    """``word`` starts as some run starts and is within three letters of its length."""
    return any(word.startswith(head) and abs(size - len(word)) <= 3 for head, size, _ in runs)


def _acronym_possible(query: AnalyzedName, words: tuple[Token, ...]) -> bool:
    """A word on either side may be the initials of words on the other (:func:`._joins.join_pass`)."""
    query_words = [t for v in query.variants or (query.tokens,) for t in v]
    for singles, others in ((query_words, words), (words, query_words)):
        firsts = {t.text[:1] for t in others}
        for t in singles:
            if 2 <= len(t.text) <= 6 and t.text.isalpha() and t.tag != "legal_form" and t.text[0] in firsts:
                return True
    return False


def _series_possible(query: AnalyzedName, words: tuple[Token, ...]) -> bool:
    """Both sides carry a series number (:func:`._series.series_sibling` may lift the score)."""
    query_words = [t for v in query.variants or (query.tokens,) for t in v]
    return any(map(is_designator, query_words)) and any(map(is_designator, words))


def score_bound(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    scored: list[tuple[float, int, int, str]],
    person: bool,
    floor: float = 1.0,
) -> float:
    """A score :func:`align` cannot exceed, from the token similarities alone.

    Each query token is taken at the best similarity it has with any listed
    token (or that a join could give it); the listed name is taken as fully
    covered; a part on each side that nothing can partner is a substitution.
    Every rule after that only lowers a score, except a series sibling,
    which raises an organization name to at most :data:`SERIES_SIBLING`,
    and two Chinese or Korean names agreeing syllable by syllable, which
    the caller checks apart (:func:`._cjk_rules.syllable_lift`).
    Joins are looked for only when the bound without them stays below
    ``floor``: a value at or above ``floor`` says only that (it may be below
    the score when a join would lift it), a value below it is a bound.

    Args:
        scored: every pair similar enough to align (:func:`_similarities`).
    """
    q_best = [0.0] * len(q_tokens)
    c_seen = [False] * len(c_tokens)
    for sim, i, j, _ in scored:
        if sim > q_best[i]:
            q_best[i] = sim
        c_seen[j] = True
    weights = [_qw(t) for t in q_tokens]
    total = sum(weights)
    if not total:
        return 1.0
    bound = _coverage_bound(q_tokens, c_tokens, q_best, c_seen, weights, total, person)
    if bound + _BOUND_MARGIN < floor:
        joined = join_reach(q_tokens, c_tokens, org=not person)
        if joined.query or joined.listed:
            for i, sim in joined.query.items():
                q_best[i] = max(q_best[i], sim)
            for j in joined.listed:
                c_seen[j] = True
            bound = _coverage_bound(q_tokens, c_tokens, q_best, c_seen, weights, total, person)
    sibling_possible = not person and any(map(is_designator, q_tokens)) and any(map(is_designator, c_tokens))
    if sibling_possible and bound < SERIES_SIBLING:
        bound = SERIES_SIBLING
    return bound


def _coverage_bound(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    q_best: list[float],
    c_seen: list[bool],
    weights: list[float],
    total: float,
    person: bool,
) -> float:
    counts = _counts_as_part if person else counts_as_part
    covered = sum(w * b for w, b in zip(weights, q_best, strict=True)) / total
    missing = sum(1 for t, b in zip(q_tokens, q_best, strict=True) if not b and counts(t))
    extra = sum(1 for t, seen in zip(c_tokens, c_seen, strict=True) if not seen and counts(t))
    return min(1.0, covered) * SUBSTITUTION ** min(missing, extra)
