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

from dataclasses import dataclass
from itertools import product

from embargo.matching.tokens import token_similarity
from embargo.names import AnalyzedName, Token

__all__ = ["LISTED_WEIGHTS", "QUERY_WEIGHTS", "NameMatch", "TokenPair", "align", "compare_analyzed"]

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
LISTED_EXPONENT = 0.7


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


def align(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> tuple[float, float, float, list[TokenPair]]:
    """Pair tokens greedily by similarity; return (score, query coverage, listed coverage, pairs)."""
    if not q_tokens or not c_tokens:
        return 0.0, 0.0, 0.0, []
    scored: list[tuple[float, int, int, str]] = []
    for (i, q), (j, c) in product(enumerate(q_tokens), enumerate(c_tokens)):
        sim, reason = token_similarity(q, c)
        if sim >= MIN_PAIR:
            scored.append((sim, i, j, reason))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_q: dict[int, tuple[int, float, str]] = {}
    used_c: set[int] = set()
    for sim, i, j, reason in scored:
        if i in used_q or j in used_c:
            continue
        used_q[i] = (j, sim, reason)
        used_c.add(j)
    q_total = sum(QUERY_WEIGHTS.get(t.tag, 1.0) for t in q_tokens)
    c_total = sum(LISTED_WEIGHTS.get(t.tag, 0.8) for t in c_tokens)
    q_hit = 0.0
    c_hit = 0.0
    pairs: list[TokenPair] = []
    for i, q in enumerate(q_tokens):
        if i in used_q:
            j, sim, reason = used_q[i]
            c = c_tokens[j]
            q_hit += sim * QUERY_WEIGHTS.get(q.tag, 1.0)
            c_hit += sim * LISTED_WEIGHTS.get(c.tag, 0.8)
            pairs.append(TokenPair(q, c, sim, reason))
        else:
            pairs.append(TokenPair(q, None, 0.0, "missing"))
    for j, c in enumerate(c_tokens):
        if j not in used_c:
            pairs.append(TokenPair(None, c, 0.0, "extra"))
    q_cov = q_hit / q_total if q_total else 0.0
    c_cov = c_hit / c_total if c_total else 0.0
    return q_cov * c_cov**LISTED_EXPONENT, q_cov, c_cov, pairs


def compare_analyzed(query: AnalyzedName, listed: AnalyzedName) -> NameMatch:
    """Best alignment over every romanization of both names."""
    best: NameMatch | None = None
    for qv in query.variants or (query.tokens,):
        for cv in listed.variants or (listed.tokens,):
            score, q_cov, c_cov, pairs = align(qv, cv)
            if best is None or score > best.score:
                best = NameMatch(score, query, listed, pairs, q_cov, c_cov)
    assert best is not None
    return best
