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

from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching.tokens import token_similarity, typo_budget
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
LISTED_EXPONENT = 0.5
#: Factor per substitution: a part on each side that found no partner
#: ("Magomedovich" where the list says "Salimovich") says "another person",
#: which is more than a part left out.
SUBSTITUTION = 0.85
#: Highest score when a single word of two multi-word person names agrees.
SINGLE_WORD_CAP = 0.6
#: Factor when two names name each other's father ("X bin Y" against "Y bin X").
FATHER_SWAP = 0.6
_SON_OF = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould", "walad"})
#: Tags whose tokens count neither for substitutions nor for joining.
_WEAK = frozenset({"particle", "legal_form", "generic"})


def _is_place(token: Token) -> bool:
    """A place word in an organization's name ("Europe", "Schweiz"): rigour tags these ``loc:``."""
    return token.tag == "unknown" and any(sym.startswith("loc:") for sym in token.symbols)


def _qw(token: Token) -> float:
    if _is_place(token):
        return QUERY_WEIGHTS["generic"]
    return QUERY_WEIGHTS.get(token.tag, 1.0)


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


def align(
    q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], person: bool = True
) -> tuple[float, float, float, list[TokenPair]]:
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
    joined = _join_pass(q_tokens, c_tokens, used_q, used_c)
    q_total = sum(_qw(t) for t in q_tokens)
    c_total = sum(_cw(t) for t in c_tokens)
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
            continue
        if j in joined.listed:
            sim = joined.listed[j]
            c_hit += sim * _cw(c)
            pairs.append(TokenPair(None, c, sim, "joined"))
        else:
            pairs.append(TokenPair(None, c, 0.0, "extra"))
    q_cov = q_hit / q_total if q_total else 0.0
    c_cov = c_hit / c_total if c_total else 0.0
    missing_q = sum(
        1
        for p in pairs
        if p.listed is None and p.query is not None and p.similarity == 0.0 and p.query.tag not in _WEAK
    )
    extra_c = sum(
        1
        for p in pairs
        if p.query is None and p.listed is not None and p.similarity == 0.0 and p.listed.tag not in _WEAK
    )
    penalty = SUBSTITUTION ** min(missing_q, extra_c)
    score = q_cov * c_cov**LISTED_EXPONENT * penalty
    if person and _fathers_swapped(q_tokens, c_tokens, used_q):
        score *= FATHER_SWAP
    if person and _single_word_agreement(pairs):
        score = min(score, SINGLE_WORD_CAP)
    return score, q_cov, c_cov, pairs


def _father(tokens: tuple[Token, ...]) -> int | None:
    """Position of the father's name in an Arabic-style chain: the word after the first bin/ibn/ben/bint."""
    for i, t in enumerate(tokens[:-1]):
        if t.tag == "particle" and t.text in _SON_OF:
            return i + 1
    return None


def _fathers_swapped(
    q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], used_q: dict[int, tuple[int, float, str]]
) -> bool:
    """Both names say whose son he is, and the query's father is the listed person himself (or vice versa).

    "SALMAN BIN MUHAMMAD" and "MUHAMMAD BIN SALMAN" hold the same words but
    are father and son.
    """
    qf, cf = _father(q_tokens), _father(c_tokens)
    if qf is None or cf is None or qf not in used_q or 0 not in used_q:
        return False
    # The query's father is the listed man's first name and the query's first name is the listed father.
    return used_q[qf][0] == 0 and used_q[0][0] == cf


def _single_word_agreement(pairs: list[TokenPair]) -> bool:
    """Only one full word of two person names agrees while either name has more.

    A shared surname or given name alone ("Lukashenko", "Alexander"), or a
    given name and an initial ("Alexander L."), is how every namesake of a
    listed person would look, so it is not the same name. A family name with
    the initials of the given names ("В. В. Путин", "Putin V.") is the usual
    short form of a full name, and stays uncapped.
    """
    strong = 0
    full: list[TokenPair] = []
    initials = 0
    for p in pairs:
        token = p.query if p.query is not None else p.listed
        if token is None or token.tag in _WEAK:
            continue
        strong += 1
        if p.query is None or p.listed is None:
            continue
        if p.reason == "initial":
            initials += 1
        elif p.reason != "joined":
            full.append(p)
    if any(p.reason == "joined" for p in pairs) or strong <= 1 or len(full) > 1:
        return False
    surname_with_initials = (
        len(full) == 1 and initials > 0 and full[0].listed is not None and full[0].listed.tag == "family"
    )
    return not surname_with_initials


@dataclass(slots=True)
class _Joined:
    query: dict[int, float]
    listed: dict[int, float]


def _join_pass(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    used_q: dict[int, tuple[int, float, str]],
    used_c: set[int],
) -> _Joined:
    """Match a left-over token against adjacent left-over tokens of the other name written together.

    "RamiMakhlouf" is "Rami Makhlouf", "Goodwill" is "Good Will", "Abdulrahman"
    is "Abdul Rahman": lists and customers split and join name parts freely.
    """
    joined = _Joined({}, {})
    free_q = [i for i in range(len(q_tokens)) if i not in used_q]
    free_c = [j for j in range(len(c_tokens)) if j not in used_c]
    if not free_q or not free_c:
        return joined
    _join_side(q_tokens, free_q, c_tokens, free_c, joined.query, joined.listed)
    free_q = [i for i in free_q if i not in joined.query]
    free_c = [j for j in free_c if j not in joined.listed]
    _join_side(c_tokens, free_c, q_tokens, free_q, joined.listed, joined.query)
    return joined


def _join_side(
    singles: tuple[Token, ...],
    single_free: list[int],
    others: tuple[Token, ...],
    other_free: list[int],
    single_out: dict[int, float],
    other_out: dict[int, float],
) -> None:
    free = set(other_free)
    for i in single_free:
        word = singles[i].text
        if len(word) < 4 or singles[i].tag in _WEAK:
            continue
        for start in other_free:
            if not word.startswith(others[start].text[:2]):
                continue
            for size in (2, 3):
                span = list(range(start, start + size))
                if not all(k in free for k in span):
                    break
                combined = "".join(others[k].text for k in span)
                if abs(len(combined) - len(word)) > 3:
                    continue
                dist = DamerauLevenshtein.distance(word, combined)
                longest = max(len(word), len(combined))
                if dist <= typo_budget(longest):
                    sim = 1.0 - 0.6 * dist / longest
                    single_out[i] = sim
                    for k in span:
                        other_out[k] = sim
                        free.discard(k)
                    break
            if i in single_out:
                break


def compare_analyzed(query: AnalyzedName, listed: AnalyzedName) -> NameMatch:
    """Best alignment over every romanization of both names."""
    best: NameMatch | None = None
    for qv in query.variants or (query.tokens,):
        for cv in listed.variants or (listed.tokens,):
            score, q_cov, c_cov, pairs = align(qv, cv, query.kind == "person")
            if best is None or score > best.score:
                best = NameMatch(score, query, listed, pairs, q_cov, c_cov)
    assert best is not None
    return best
