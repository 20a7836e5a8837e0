"""What an alignment of two names is made of, shared by :mod:`.alignment` and the rules it applies.

A pair of tokens and the reason they paired (:class:`TokenPair`, :data:`Reason`), and what
each token weighs: a family name or an unknown token counts fully, a given name a little
less, a patronymic, particle, legal form or generic word (Group, Bank) little, a place word
in an organisation's name as a generic word. The rules (:mod:`._person_rules`,
:mod:`._org_rules`, :mod:`._series`...) read these as the alignment does, from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from embargo.names import WEAK_TAGS, Tag, Token
from embargo.names.org_structure import descriptor_symbols
from embargo.names.symbols import STOPWORDS

__all__ = [
    "DESCRIBING",
    "LISTED_WEIGHTS",
    "QUERY_WEIGHTS",
    "Reason",
    "TokenPair",
    "Used",
    "counts_for_person",
    "is_place",
    "listed_weight",
    "query_weight",
]

#: Why two tokens paired, or why one found no partner. :func:`.tokens.token_similarity` gives the
#: first six; the alignment adds ``joined`` (a partner among words written together or initials),
#: ``missing`` (a query word the listed name lacks), ``extra`` (the other way round), and
#: :data:`._series.SERIES_REASON` for two numbers of one series.
Reason = Literal[
    "same", "equivalent", "phonetic", "typo", "initial", "different", "joined", "missing", "extra",
    "series number differs",
]  # fmt: skip

#: Weight of a query token by its tag: how much leaving it unmatched costs.
QUERY_WEIGHTS: dict[Tag, float] = {
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
LISTED_WEIGHTS: dict[Tag, float] = {
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
#: The pairing of an alignment: the listed position, similarity and reason of each paired query position.
Used = dict[int, tuple[int, float, Reason]]


@dataclass(slots=True)
class TokenPair:
    """One aligned pair (or an unmatched token, with the other side None)."""

    query: Token | None
    listed: Token | None
    similarity: float
    reason: Reason


def is_place(token: Token) -> bool:
    """A place word in an organization's name ("Europe", "Schweiz"): rigour tags these ``loc:``."""
    return token.tag == "unknown" and bool(token.symbols) and _names_place(token.symbols)


@lru_cache(maxsize=65536)
def _names_place(symbols: frozenset[str]) -> bool:
    return any(sym.startswith("loc:") for sym in symbols)


def query_weight(token: Token) -> float:
    """What leaving a query token unmatched costs."""
    if is_place(token):
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


def listed_weight(token: Token) -> float:
    """What a listed token the query leaves out costs."""
    if is_place(token):
        return LISTED_WEIGHTS["generic"]
    return LISTED_WEIGHTS.get(token.tag, 0.8)


def counts_for_person(token: Token) -> bool:
    """A word of a person's name whose absence on one side, and presence of another, is a substitution
    (:func:`._org_rules.counts_as_part` for an organisation's)."""
    return token.tag not in WEAK_TAGS
