"""The analyzed form of a name: tokens with tags, symbols and phonetic keys.

These are the hot-path value objects that candidate retrieval and scoring
read: frozen ``__slots__`` dataclasses, hashable, built by
:func:`embargo.names.analyze_name` and never changed afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = ["TAGS", "WEAK_TAGS", "AnalyzedName", "Tag", "Token", "name_kind"]

#: Name-part tag of a token (a hint for scoring, not hard truth); a type, so that mypy checks
#: every spelling (``token.tag == "legal_from"`` is an error). ``generic``: a word that carries
#: little identity in an organization's name ("group", "bank", "company", "international", "the").
Tag = Literal["given", "family", "patronymic", "particle", "initial", "legal_form", "generic", "number", "unknown"]
#: Every :data:`Tag`, in that order.
TAGS: tuple[Tag, ...] = get_args(Tag)
#: Tags of the words that say little of identity: they count neither for substitutions nor for joins,
#: and a name of them alone is no name (:mod:`embargo.matching`, :mod:`embargo.index`).
WEAK_TAGS: frozenset[Tag] = frozenset({"particle", "legal_form", "generic"})

_ORG_SCHEMATA = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})


def name_kind(schema: str) -> str:
    """The kind of name an entity of ``schema`` has.

    Args:
        schema: a FollowTheMoney schema name.

    Returns:
        ``person`` for Person; ``org`` for Organization, Company, LegalEntity
        and PublicBody; ``object`` for Vessel, Airplane and anything else.
    """
    if schema == "Person":
        return "person"
    return "org" if schema in _ORG_SCHEMATA else "object"


@dataclass(frozen=True, slots=True)
class Token:
    """One word of an analyzed name.

    Attributes:
        text: comparison form, lower-case ASCII letters and digits
            (``aliaksandr``); for a legal form its compare form (``llc``), for
            an abbreviation its full word (``company`` for ``COMP``).
        original: the word as written (``Аляксандр``, ``LUKASHENKA``).
        tag: one of :data:`TAGS`.
        phonetic: :func:`embargo.names.phonetic_key` of ``text``, ``""`` for
            numbers.
        symbols: equivalence classes: ``name:Q…`` (rigour's given- and
            family-name groups from Wikidata), ``nick:…``, ``orgtype:…``,
            ``num:…``, ``sym:…``/``domain:…``/``loc:…`` (rigour's organization
            words); may be empty.
    """

    text: str
    original: str
    tag: Tag
    phonetic: str
    symbols: frozenset[str]


@dataclass(frozen=True, slots=True)
class AnalyzedName:
    """A name split into tokens, in every romanization lists may use.

    Attributes:
        original: the name as given.
        kind: ``person``, ``org`` or ``object`` (:func:`name_kind`).
        lang: ISO 639-1 language given or guessed, None if unknown.
        script: dominant script of the original (``Latin``, ``Cyrillic``...).
        tokens: best romanization, in the name's order, titles removed.
        variants: every distinct romanization of the whole name, best first;
            ``variants[0] == tokens``.
        removed: honorifics, titles and vessel prefixes that were removed,
            folded (``president``, ``mr``, ``gen``, ``mv``).
        mixed: a note for each word that mixed alphabets and was read in its main one
            (:mod:`embargo.names.confusables`); empty for a name in one script.
        syllabic: a person's name some reading of which reads as Chinese or Korean
            syllables (:mod:`embargo.names.syllables`): the matcher compares it so.
    """

    original: str
    kind: str
    lang: str | None
    script: str
    tokens: tuple[Token, ...]
    variants: tuple[tuple[Token, ...], ...]
    removed: tuple[str, ...]
    mixed: tuple[str, ...] = ()
    syllabic: bool = False

    def key(self) -> str:
        """Exact-match key: the token texts of :attr:`tokens`, space-joined."""
        return " ".join(t.text for t in self.tokens)
