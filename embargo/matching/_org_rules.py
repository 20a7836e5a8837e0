"""What makes two organization names the same name, beyond their shared tokens.

* A different line of business is a different company: "BAE Systems" and
  "BAE Industries", "Mitsubishi UFJ Trust and Banking" and "Mitsubishi UFJ
  Lease and Finance" are sister companies of one group. Generic words
  (Group, Bank, Systems) weigh little when one name leaves them out, but a
  generic word on each side that found no partner is a substitution.
* A different kind of legal person is a different company: "Deutsche Bank
  AG" (a stock corporation) is not "Deutsche Bank GmbH" (a limited company).
  Legal forms of one kind in different languages or spellings (OOO, LLC,
  GmbH; OAO, PAO, JSC, AG) agree; forms of different kinds conflict.
* A registered name is written in full: when both names carry a legal form,
  each is a company's whole registered name, and a qualifier only one of
  them has ("Banco Santander México, S.A.", "Crystalord Systems Limited")
  names a subsidiary or a sister company. Without a legal form a name may be
  a short form ("Sberbank" for "Sberbank of Russia"), and such words cost
  only their weight.
* One word is little to go on: when two organization names agree in a
  single word that counts, it must be written the same, be equivalent by
  the name data, or differ by a typo ("Gazprom" / "Gasprom", "Shell" /
  "Schell") for the names to be one. A word that only sounds alike
  ("Masson" and "MASNA", "Зінчук LLC" and "ZINC", "Sezgin" and "SUGON") is
  how an unrelated family name meets an acronym or another firm's word, and
  the score stays below the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching.tokens import typo_budget
from embargo.names import Token

if TYPE_CHECKING:
    from embargo.matching.alignment import TokenPair
from embargo.names.symbols import STOPWORDS

__all__ = [
    "LEGAL_FORM_CONFLICT",
    "ONE_WORD_CAP",
    "PLACE_SWAP_CAP",
    "QUALIFIER",
    "counts_as_part",
    "legal_forms_conflict",
    "one_word_by_likeness",
    "places_differ",
    "qualifiers",
]

#: Factor when both names give a legal form and the forms are of different kinds.
LEGAL_FORM_CONFLICT = 0.7
#: Factor per qualifier only one of two full registered names has (at most two count).
QUALIFIER = 0.7
#: Highest score of two registered names of one group in different places.
PLACE_SWAP_CAP = 0.65
#: Highest score of two organization names that agree in one word only, and only by its sound.
ONE_WORD_CAP = 0.65


def counts_as_part(token: Token) -> bool:
    """A word of an organization's name whose absence on one side, and presence of another, is a substitution."""
    if token.tag in ("particle", "legal_form", "initial"):
        return False
    return not (token.tag == "generic" and (token.text in STOPWORDS or len(token.text) <= 2))


def _forms(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if t.tag == "legal_form"]


def legal_forms_conflict(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> bool:
    """Both names give legal forms, and no form of one is of a kind the other gives."""
    q_forms, c_forms = _forms(q_tokens), _forms(c_tokens)
    if not q_forms or not c_forms:
        return False
    q_kinds = frozenset().union(*(t.symbols | {t.text} for t in q_forms))
    c_kinds = frozenset().union(*(t.symbols | {t.text} for t in c_forms))
    return q_kinds.isdisjoint(c_kinds)


def qualifiers(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], unmatched: Iterable[Token]) -> int:
    """Words only one of two full registered names has (both give a legal form)."""
    if not _forms(q_tokens) or not _forms(c_tokens):
        return 0
    return min(2, sum(1 for t in unmatched if counts_as_part(t)))


def places_differ(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    missing: Iterable[Token],
    extra: Iterable[Token],
    is_place: Callable[[Token], bool],
) -> bool:
    """Both names give a legal form, and each has a place word that found no partner in the other."""
    if not _forms(q_tokens) or not _forms(c_tokens):
        return False
    return any(is_place(t) for t in missing) and any(is_place(t) for t in extra)


def one_word_by_likeness(pairs: Iterable[TokenPair]) -> bool:
    """The names agree in exactly one word that counts, and only by its sound.

    Words written the same, equivalent by the name data (an abbreviation, a
    transliteration) or within a typo of each other are agreement enough; a
    sound-alike further apart in its letters is not.
    """
    agreeing = [
        p
        for p in pairs
        if p.query is not None and p.listed is not None and p.similarity > 0.0
        and counts_as_part(p.query) and counts_as_part(p.listed)
    ]  # fmt: skip
    if len(agreeing) != 1:
        return False
    pair = agreeing[0]
    if pair.reason not in ("phonetic", "typo"):
        return False
    assert pair.query is not None
    assert pair.listed is not None
    q, c = pair.query.text, pair.listed.text
    return DamerauLevenshtein.distance(q, c) > typo_budget(max(len(q), len(c)))
