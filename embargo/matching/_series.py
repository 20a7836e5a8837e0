"""Series designators: another number of a named series is a sibling, not a stranger.

Funds, securitisation trusts, capital trusts and vessels come in series that
share a sponsor's or owner's name and differ only by a number: a fund's
vintage ("Capital Partners VII" / "VIII"), a trust's year and tranche
("Mortgage Loan Trust 2004-1" / "2005-1"), a fleet's hull numbers ("KUM SONG
3" / "KUM SONG 5"). Another number is another vehicle, so the two are not one
party, yet an analyst must see the siblings of a listed vehicle: they have
its sponsor or owner. Such a pair gets a medium score just above the
threshold (:data:`SERIES_SIBLING`), explained as a series number that
differs, instead of the low score a substitution gives.

The shared part must name someone: at least one word that is neither a
generic organization word, a place, a legal form nor a stop word ("Trust 1"
/ "Trust 2", "Plant No. 7" / "Plant No. 8", "Bureau 39" / "Bureau 40" share
nothing distinctive), and every word but the numbers must find its partner.
A number on one side only ("Management Company 23" / "Management Company")
is not a series: a name may carry a number for many reasons.
"""

from __future__ import annotations

from collections.abc import Sequence

from embargo.matching._org_rules import counts_as_part, legal_forms_conflict
from embargo.matching.pairing import Reason, TokenPair, is_place, query_weight
from embargo.matching.rule import Aligned, Rule
from embargo.names import AnalyzedName, Token
from embargo.names.symbols import STOPWORDS

__all__ = ["SERIES", "SERIES_REASON", "SERIES_SIBLING", "is_designator", "mark_series", "series_sibling"]

#: Score of two names of one series with different numbers, when the rest agrees exactly:
#: just above the default threshold 0.7, so the sibling is flagged and ranked low.
SERIES_SIBLING = 0.72
#: Reason given to the two differing numbers in the alignment (the explanation shows it).
SERIES_REASON: Reason = "series number differs"
#: Shared words must agree at least this well (a typo within the budget; not a mere lookalike).
_MIN_SHARED = 0.85
#: Roman numerals of one letter, which the tagger reads as initials.
_ONE_LETTER_NUMERALS = frozenset({"i", "v", "x"})
#: A distinctive word has at least this many letters ("JH 86" / "JH 87" share no name).
_MIN_DISTINCTIVE = 3


def is_designator(token: Token) -> bool:
    """A number of a series: a numeral (``VII``, ``2004``, a lone ``I``, ``V`` or ``X``) or a code with digits."""
    if token.tag == "number" or any(ch.isdigit() for ch in token.text):
        return True
    # rigour files a lone I or V under its number but not X; all three are Roman numerals.
    return token.tag == "initial" and (
        token.text in _ONE_LETTER_NUMERALS or any(s.startswith("num:") for s in token.symbols)
    )


def _distinctive(token: Token) -> bool:
    if token.tag not in ("unknown", "family", "given") or is_place(token):
        return False
    return len(token.text) >= _MIN_DISTINCTIVE and token.text not in STOPWORDS


def series_sibling(pairs: Sequence[TokenPair]) -> float | None:
    """The sibling score when two organization or vessel names differ only by their series numbers.

    Args:
        pairs: the alignment of the two names.

    Returns:
        :data:`SERIES_SIBLING` times the share of the query's other words found (so a typo in
        the shared part lowers it), or None when the names are not two numbers of one series.
    """
    missing = [p.query for p in pairs if p.reason == "missing" and p.query is not None]
    extra = [p.listed for p in pairs if p.reason == "extra" and p.listed is not None]
    if not any(is_designator(t) for t in missing) or not any(is_designator(t) for t in extra):
        return None
    if any(counts_as_part(t) and not is_designator(t) for t in (*missing, *extra)):
        return None
    shared = [(p.query, p.listed, p.similarity) for p in pairs if p.query is not None and p.listed is not None]
    if not shared or any(sim < _MIN_SHARED for _, _, sim in shared):
        return None
    if not any(_distinctive(q) and _distinctive(c) for q, c, _ in shared):
        return None
    total = sum(query_weight(p.query) for p in pairs if p.query is not None and not is_designator(p.query))
    found = sum(sim * query_weight(q) for q, _, sim in shared if not is_designator(q))
    return SERIES_SIBLING * min(1.0, found / total if total else 0.0)


def mark_series(pairs: list[TokenPair]) -> None:
    """Pair the first differing number of each side, as :data:`SERIES_REASON`, for the explanation."""
    q_at = next((i for i, p in enumerate(pairs) if p.reason == "missing" and p.query and is_designator(p.query)), None)
    c_at = next((i for i, p in enumerate(pairs) if p.reason == "extra" and p.listed and is_designator(p.listed)), None)
    if q_at is None or c_at is None:
        return
    pairs[q_at].listed = pairs[c_at].listed
    pairs[q_at].reason = SERIES_REASON
    del pairs[c_at]


def _sibling(a: Aligned) -> None:
    # two legal forms of different kinds are two companies, whatever their numbers
    sibling = None if legal_forms_conflict(a.q_tokens, a.c_tokens) else series_sibling(a.pairs)
    if sibling is not None and sibling > a.score:
        a.score = sibling
        mark_series(a.pairs)


def _lift(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> float | None:
    """:data:`SERIES_SIBLING` when both readings carry a series number, whatever else pairs."""
    if any(map(is_designator, q_tokens)) and any(map(is_designator, c_tokens)):
        return SERIES_SIBLING
    return None


def _lift_names(
    query: AnalyzedName, listed: Sequence[AnalyzedName], words: tuple[Token, ...], floor: float | None
) -> float | None:
    """Not bounded (1.0) when the query and some listed name both carry a series number: which words
    pair, and so the sibling's share, is known only pair by pair."""
    query_words = [t for v in query.variants or (query.tokens,) for t in v]
    return 1.0 if any(map(is_designator, query_words)) and any(map(is_designator, words)) else None


#: Two numbers of one named series: raised to :data:`SERIES_SIBLING` (times the share of the rest
#: found), never above it.
SERIES = Rule("series_sibling", frozenset({"org", "object"}), _sibling, _lift, _lift_names)
