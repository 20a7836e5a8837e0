"""Align the tokens of two names and score how much of each name the other covers.

Names are compared as sets of tokens, not strings, so order does not matter
("LUKASHENKA, Alyaksandr" = "Alyaksandr Lukashenka"). Each query token is
paired with at most one listed token, best pairs first. The score is the
share of the query's weight that found a partner (coverage of the query),
times a softer share of the listed name's weight (coverage of the listed
name): a query must be found in full, while a listed name may carry parts the
query leaves out (a patronymic, a second given name) at a small cost.

Token weights follow what a token says about identity (:mod:`.pairing`): a
family name or an unknown token counts fully, a given name a little less, a
patronymic, particle, legal form or generic word (Group, Bank) little. The
algorithm's rules (:data:`.rules.RULES`: father and son, one shared word,
legal forms, series siblings...) then say what the aligned words mean, each
applied in turn to the names of its kind; the pruning bounds
(:func:`score_bound`, :func:`names_bound`) ask the same rules how far each
can raise a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from embargo.matching._cjk_rules import japanese_reading
from embargo.matching._initials import expand_initials
from embargo.matching._joins import join_pass, join_reach
from embargo.matching._org_rules import counts_as_part
from embargo.matching._person_rules import keeps_order
from embargo.matching.pairing import (
    LISTED_WEIGHTS,
    QUERY_WEIGHTS,
    Reason,
    TokenPair,
    Used,
    counts_for_person,
    listed_weight,
    query_weight,
)
from embargo.matching.rule import BOUND_MARGIN, Aligned
from embargo.matching.rules import rules_for
from embargo.matching.tokens import token_similarity
from embargo.names import WEAK_TAGS, AnalyzedName, Token
from embargo.names.initials import looks_like_initials

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

#: Pairs less alike than this are not aligned at all.
MIN_PAIR = 0.5
#: Exponent on the listed name's coverage (below 1: extra listed parts cost less).
LISTED_EXPONENT = 0.5
#: Factor per substitution: a part on each side that found no partner
#: ("Magomedovich" where the list says "Salimovich") says "another person",
#: which is more than a part left out.
SUBSTITUTION = 0.85
#: Weight of a listed part a query leaves out when the query keeps the listed
#: name's first word and order (:func:`._person_rules.keeps_order`).
DROPPED_PART = 0.25
#: Token similarities already computed, by ``id`` of the query token, then of the listed token.
#: One query meets the same listed words in many candidates (an index gives equal listed tokens
#: as one object, :meth:`embargo.index.ListIndex.name`). Keys are object ids, so a memo must not
#: outlive the tokens it saw: make one per query and drop it with the query.
SimilarityMemo = dict[int, dict[int, tuple[float, Reason]]]
#: One name of the query's and one listed name's words: (similarity, query position, listed position, reason).
Scored = list[tuple[float, int, int, Reason]]


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


def _similarities(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], memo: SimilarityMemo | None) -> Scored:
    """Every pair similar enough to align: (similarity, query position, listed position, reason)."""
    scored: Scored = []
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
    if floor is not None and score_bound(q_tokens, c_tokens, scored, person, floor) + BOUND_MARGIN < floor:
        return None
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_q: Used = {}
    used_c: set[int] = set()
    for sim, i, j, reason in scored:
        if i in used_q or j in used_c:
            continue
        used_q[i] = (j, sim, reason)
        used_c.add(j)
    joined = join_pass(q_tokens, c_tokens, used_q, used_c, org=not person)
    # A query that is the listed name with parts left out, in order, pays less for them.
    dropped = person and not joined.query and keeps_order(q_tokens, c_tokens, used_q)
    q_total = sum(query_weight(t) for t in q_tokens)
    c_total = 0.0
    q_hit = 0.0
    c_hit = 0.0
    pairs: list[TokenPair] = []
    for i, q in enumerate(q_tokens):
        if i in used_q:
            j, sim, reason = used_q[i]
            c = c_tokens[j]
            q_hit += sim * query_weight(q)
            c_hit += sim * listed_weight(c)
            pairs.append(TokenPair(q, c, sim, reason))
        elif i in joined.query:
            sim = joined.query[i]
            q_hit += sim * query_weight(q)
            pairs.append(TokenPair(q, None, sim, "joined"))
        else:
            pairs.append(TokenPair(q, None, 0.0, "missing"))
    for j, c in enumerate(c_tokens):
        if j in used_c:
            c_total += listed_weight(c)
            continue
        if j in joined.listed:
            sim = joined.listed[j]
            c_hit += sim * listed_weight(c)
            c_total += listed_weight(c)
            pairs.append(TokenPair(None, c, sim, "joined"))
        else:
            c_total += min(listed_weight(c), DROPPED_PART) if dropped else listed_weight(c)
            pairs.append(TokenPair(None, c, 0.0, "extra"))
    q_cov = q_hit / q_total if q_total else 0.0
    c_cov = c_hit / c_total if c_total else 0.0
    counts = counts_for_person if person else counts_as_part
    missing_q = sum(1 for p in pairs if p.reason == "missing" and p.query is not None and counts(p.query))
    extra_c = sum(1 for p in pairs if p.reason == "extra" and p.listed is not None and counts(p.listed))
    substitutions = min(missing_q, extra_c)
    # the rules of the query's kind say what the words mean (.rules.RULES, in order)
    aligned = Aligned(
        q_tokens, c_tokens, used_q, pairs, substitutions, q_cov * c_cov**LISTED_EXPONENT * SUBSTITUTION**substitutions
    )
    for rule in rules_for(person):
        rule.apply(aligned)
    return aligned.score, q_cov, c_cov, pairs, aligned.notes


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
    that may hold an acronym and a query reading with a word that may be
    initials written together are not bounded (1.0), nor is a pair a rule may
    raise (:attr:`.rule.Rule.lift_names`: a series number on both sides, Chinese
    or Korean syllables). Entities whose every name falls short are skipped
    without aligning a single name.

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
    if not person and _acronym_possible(query, listed_words):
        return 1.0
    # what a join needs first (:func:`._joins.join_pass`): a single word of four letters or more
    # that starts as a run of two or three words of the other name starts, and is about as long
    runs = _runs(_name_variants(listed))
    singles = [(t.text, len(t.text)) for t in listed_words if len(t.text) >= 4 and t.tag not in WEAK_TAGS]
    best = 0.0
    for variant in query.variants or (query.tokens,):
        if not variant:
            continue
        if person and any(looks_like_initials(t, variant) for t in variant):
            return 1.0
        joins = [len(t.text) >= 4 and t.tag not in WEAK_TAGS and _starts_run(t.text, runs) for t in variant]
        for head, size, span in _runs([variant]):
            if any(w.startswith(head) and abs(n - size) <= 3 for w, n in singles):
                for k in span:
                    joins[k] = True
        weights = [query_weight(t) for t in variant]
        total = sum(weights)
        # every token found in full, then each token's shortfall taken off, heaviest first
        reached = total
        for i in sorted(range(len(variant)), key=weights.__getitem__, reverse=True):
            if joins[i]:
                continue
            reached -= weights[i] * (1.0 - _best_similarity(variant[i], listed_words, memo))
            if floor is not None and reached / total + BOUND_MARGIN < floor:
                break
        if floor is not None and reached / total >= floor:
            return 1.0
        best = max(best, reached / total)
    if floor is None or best + BOUND_MARGIN < floor:
        # what the letters cannot reach, a rule may still set (.rule.Rule.lift_names)
        for rule in rules_for(person):
            if rule.lift_names is not None:
                lift = rule.lift_names(query, listed, listed_words, floor)
                if lift is not None and lift > best:
                    best = lift
    return best


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


def score_bound(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    scored: Scored,
    person: bool,
    floor: float = 1.0,
) -> float:
    """A score :func:`align` cannot exceed, from the token similarities alone.

    Each query token is taken at the best similarity it has with any listed
    token (or that a join could give it); the listed name is taken as fully
    covered; a part on each side that nothing can partner is a substitution.
    The rules after that mostly lower a score; those that may raise one
    (a series sibling, Chinese or Korean names agreeing syllable by syllable)
    give their own bound (:attr:`.rule.Rule.lift`), and the bound is the
    highest of them all. Joins and the rules' bounds are looked for only
    while the bound stays below ``floor``: a value at or above ``floor`` says
    only that (it may be below the score when a join or a rule would lift
    it), a value below it is a bound.

    Args:
        scored: every pair similar enough to align (:func:`_similarities`).
    """
    q_best = [0.0] * len(q_tokens)
    c_seen = [False] * len(c_tokens)
    for sim, i, j, _ in scored:
        if sim > q_best[i]:
            q_best[i] = sim
        c_seen[j] = True
    weights = [query_weight(t) for t in q_tokens]
    total = sum(weights)
    if not total:
        return 1.0
    bound = _coverage_bound(q_tokens, c_tokens, q_best, c_seen, weights, total, person)
    if bound + BOUND_MARGIN < floor:
        joined = join_reach(q_tokens, c_tokens, org=not person)
        if joined.query or joined.listed:
            for i, sim in joined.query.items():
                q_best[i] = max(q_best[i], sim)
            for j in joined.listed:
                c_seen[j] = True
            bound = _coverage_bound(q_tokens, c_tokens, q_best, c_seen, weights, total, person)
    for rule in rules_for(person):
        if rule.lift is not None and bound + BOUND_MARGIN < floor:
            lift = rule.lift(q_tokens, c_tokens)
            if lift is not None and lift > bound:
                bound = lift
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
    counts = counts_for_person if person else counts_as_part
    covered = sum(w * b for w, b in zip(weights, q_best, strict=True)) / total
    missing = sum(1 for t, b in zip(q_tokens, q_best, strict=True) if not b and counts(t))
    extra = sum(1 for t, seen in zip(c_tokens, c_seen, strict=True) if not seen and counts(t))
    return min(1.0, covered) * SUBSTITUTION ** min(missing, extra)
