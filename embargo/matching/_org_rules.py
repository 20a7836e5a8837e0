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
  the score stays below the threshold. So does a typo of a word of up to five
  letters (Koch / Koach, Aksu / Aksh: a short name is a letter from many
  others; an acronym must agree letter for letter), and a typo that meets one
  word of a longer listed name (Stroh / "R-Stroy", Tarhan / "Tarhuna
  Brigade"); two letters swapped stay a slip, and a vowel written as another
  in a word from Arabic script (Qaeda / Qa'ida) a transliteration.
* A name met only through its core ("Crimean Ports" inside "State Unitary
  Enterprise of the Republic of Crimea 'Crimean Ports'",
  :mod:`embargo.names.org_structure`) scores a little below the whole name:
  the description the match left aside could still name another body. Two
  descriptions of different lines of business ("Bank 'Zaliv'", "Shipyard
  'Zaliv'") or with different owners or places ("... of the Republic of
  Crimea", "... of the City of Moscow") name different bodies.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching._lookalikes import swapped_letters
from embargo.matching._person_rules import ABJADS
from embargo.matching.pairing import TokenPair, is_place
from embargo.matching.rule import Aligned, Kind, Rule
from embargo.names import AnalyzedName, Token, detect_script
from embargo.names.frequency import commonness
from embargo.names.org_structure import (
    NAMED_AFTER_MARK,
    has_named_after,
    is_core_reading,
    parse_org_name,
    place_words,
    word_kinds,
)
from embargo.names.spelling import typo_budget
from embargo.names.symbols import STOPWORDS
from embargo.names.translit import romanized_alike

__all__ = [
    "CORE_ONLY",
    "DESCRIPTOR_CONFLICT",
    "LEGAL_FORMS",
    "LEGAL_FORM_CONFLICT",
    "ONE_WORD",
    "ONE_WORD_CAP",
    "PLACES",
    "PLACE_SWAP_CAP",
    "QUALIFIER",
    "QUALIFIERS",
    "QUALIFIER_CONFLICT",
    "core_factor",
    "core_score",
    "counts_as_part",
    "described",
    "legal_forms_conflict",
    "one_word_by_likeness",
    "places_differ",
    "qualifiers",
]

#: Factor on a match reached only through a core name (either side): the core is the name people
#: use, but the description left aside (state unitary enterprise, research institute) is part of
#: the registered name, so such a match ranks just below one of the whole name, and a core that
#: met its partner in full (1.0) still clears the threshold with room for a typo.
CORE_ONLY = 0.95
#: Factor when a core match's two descriptions name different lines of business
#: (``domain:`` classes, none shared: a bank and a shipyard of one name).
DESCRIPTOR_CONFLICT = 0.7
#: Factor when both descriptions name places in their qualifiers (``of the Republic of Crimea``:
#: words rigour files as places) and none is shared.
QUALIFIER_CONFLICT = 0.7
#: Factor when both names give a legal form and the forms are of different kinds.
LEGAL_FORM_CONFLICT = 0.7
#: Factor per qualifier only one of two full registered names has (at most two count).
QUALIFIER = 0.7
#: Highest score of two registered names of one group in different places.
PLACE_SWAP_CAP = 0.65
#: Longest word whose typo, as the only word two organization names share, is taken for another name.
SHORT_WORD = 5
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
    if romanized_alike(q, c):
        return False  # one word in two romanization schemes (Mashinostroyeniya / Mashinostroeniya)
    if DamerauLevenshtein.distance(q, c) > typo_budget(max(len(q), len(c))):
        return True
    if swapped_letters(q, c):
        return False  # two letters swapped is a slip (Apple / Appel)
    if _vowel_for_vowel(q, c) and (_from_abjad(pair.query) or _from_abjad(pair.listed)):
        return False  # a vowel the source script does not write, written two ways (Qaeda / Qa'ida)
    # A typo of a short word, or a typo that meets one word of a longer name: a family name or
    # a short brand is one letter from many others (Koch / Koach, Aksu / Aksh), and a word of
    # another firm's name is not that firm (Stroh / "R-Stroy", Tarhan / "Tarhuna Brigade").
    # So is a typo that is the one word of the other name a longer query shares ("Судостроительный
    # завод Восток" / "VOSTOG": the query's words of description are left over, not agreeing); a
    # place the query adds is where a branch is ("Faberlic Europe"), not another word of the name.
    own = any(
        (p.query is None and p.listed is not None and p.reason == "extra" and counts_as_part(p.listed))
        or (
            p.listed is None and p.query is not None and p.reason == "missing" and counts_as_part(p.query)
            and not any(s.startswith("loc:") for s in p.query.symbols)
        )
        for p in pairs
    )  # fmt: skip
    # A firm named after a person is one of many so named: a common given or family name in a
    # published frequency list (George, Palmer, Moran: embargo.names.frequency) is one letter from
    # as many others (Gorge, Polymer, Mokran), so only its own letters identify the firm.
    return max(len(q), len(c)) <= SHORT_WORD or own or commonness(q) > 0.0 or commonness(c) > 0.0


#: Descriptor classes that say how a body is organised or funded, not its line of business:
#: "research and production" enterprises make anything.
_NEUTRAL_KINDS = frozenset({"domain:production", "domain:research", "domain:scientific", "domain:budget"})


def _kinds(name: AnalyzedName) -> frozenset[str]:
    """The lines of business a name's description gives (``domain:`` classes)."""
    if is_core_reading(name):
        found = {r[5:] for r in name.removed if r.startswith("desc:")}
    else:
        found = {s for w in parse_org_name(name.original).descriptor for s in word_kinds(w)}
    return frozenset(s for s in found if s.startswith("domain:") and s not in _NEUTRAL_KINDS)


def described(name: AnalyzedName) -> bool:
    """The name carries a description of its own (descriptor words or abbreviations besides its core)."""
    if is_core_reading(name):
        return any(r.startswith("desc:") for r in name.removed)
    return bool(parse_org_name(name.original).descriptor)


def _places(name: AnalyzedName) -> frozenset[str]:
    """The places a name's qualifiers give (``of the Republic of Crimea``)."""
    if is_core_reading(name):
        return frozenset(r[5:] for r in name.removed if r.startswith("qual:"))
    return place_words(parse_org_name(name.original))


def core_factor(query: AnalyzedName, listed: AnalyzedName) -> float:
    """What a name match is worth when one side is a core reading (1.0 when neither is).

    0.0 for a query read without its named-after clause against a listed name that has one
    (:func:`~embargo.names.org_structure.without_named_after`). Otherwise
    :data:`CORE_ONLY`, times :data:`DESCRIPTOR_CONFLICT` when both sides describe
    a line of business and none is shared, times :data:`QUALIFIER_CONFLICT` when
    both name an owner or place and none is shared.
    """
    if not (is_core_reading(query) or is_core_reading(listed)):
        return 1.0
    if query.removed[1:2] == (NAMED_AFTER_MARK,) and has_named_after(listed):
        return 0.0  # the listed body is named after someone too: the description alone says nothing
    factor = CORE_ONLY
    # the query's side first: the listed name is parsed only when the query gives something to compare
    q_kinds = _kinds(query)
    if q_kinds and (c_kinds := _kinds(listed)) and q_kinds.isdisjoint(c_kinds):
        factor *= DESCRIPTOR_CONFLICT
    q_places = _places(query)
    if q_places and (c_places := _places(listed)) and q_places.isdisjoint(c_places):
        factor *= QUALIFIER_CONFLICT
    return factor


def core_score(score: float, factor: float, pairs: Iterable[TokenPair], bare_query: bool = False) -> float:
    """A core-reading match's score: ``score`` times :func:`core_factor`'s ``factor``.

    A core of one word that agrees only by a typo or its sound ("Morandi" /
    "Miranda", "Koch" / "Koach") stays below the threshold
    (:data:`ONE_WORD_CAP`): a bare core has no description left to back a near
    spelling, and one-word cores are common. Nor does a query with no
    description of its own (``bare_query``: ``РАО «Калашников»``) meet a listed
    description's one-word core (``Kalashnikov Concern``) on that word alone:
    companies named after a family name are many.
    """
    score *= factor
    agreeing = [
        p
        for p in pairs
        if p.query is not None and p.listed is not None and p.similarity > 0.0
        and counts_as_part(p.query) and counts_as_part(p.listed)
    ]  # fmt: skip
    if len(agreeing) == 1 and (bare_query or not _agree_in_letters(agreeing[0])):
        score = min(score, ONE_WORD_CAP)
    return score


def _agree_in_letters(pair: TokenPair) -> bool:
    """The words are the same, equivalent by the name data, or one word in two romanization schemes."""
    if pair.reason in ("same", "equivalent"):
        return True
    assert pair.query is not None
    assert pair.listed is not None
    return romanized_alike(pair.query.text, pair.listed.text)


_VOWELS = frozenset("aeiouy")
#: Marks that transliterations of Arabic-script words keep for ayn and hamza (Qa'ida, Shi`a).
_TRANSLITERATION_MARKS = frozenset("'’ʿʾ`")


def _from_abjad(token: Token) -> bool:
    """A word written in an abjad, or transliterated from one (it keeps an ayn or hamza mark)."""
    if not token.original.isascii() and detect_script(token.original) in ABJADS:
        return True
    return any(ch in _TRANSLITERATION_MARKS for ch in token.original)


def _vowel_for_vowel(a: str, b: str) -> bool:
    """``b`` is ``a`` with one vowel written as another (scripts that write no short vowels leave that open)."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS


def _legal_forms(a: Aligned) -> None:
    if legal_forms_conflict(a.q_tokens, a.c_tokens):
        a.score *= LEGAL_FORM_CONFLICT


def _qualifiers(a: Aligned) -> None:
    unmatched = [p.query or p.listed for p in a.pairs if p.reason in ("missing", "extra")]
    extra = qualifiers(a.q_tokens, a.c_tokens, [t for t in unmatched if t is not None])
    # two words left over, one on each side, paid as a substitution already: not counted again
    a.score *= QUALIFIER ** max(0, extra - 2 * a.substitutions)


def _places_apart(a: Aligned) -> None:
    missing = [p.query for p in a.pairs if p.reason == "missing" and p.query is not None]
    extra = [p.listed for p in a.pairs if p.listed and p.reason == "extra"]
    if places_differ(a.q_tokens, a.c_tokens, missing, extra):
        a.score = min(a.score, PLACE_SWAP_CAP)


def _one_word(a: Aligned) -> None:
    if one_word_by_likeness(a.pairs):
        a.score = min(a.score, ONE_WORD_CAP)


_ORG: frozenset[Kind] = frozenset({"org", "object"})
#: Legal forms of different kinds: the score times :data:`LEGAL_FORM_CONFLICT`.
LEGAL_FORMS = Rule("legal_forms", _ORG, _legal_forms)
#: Qualifiers only one of two registered names has: the score times :data:`QUALIFIER` for each (two at most).
QUALIFIERS = Rule("qualifiers", _ORG, _qualifiers)
#: Registered names of one group in different places: at most :data:`PLACE_SWAP_CAP`.
PLACES = Rule("places", _ORG, _places_apart)
#: One word shared, and only by its sound or a short word's typo: at most :data:`ONE_WORD_CAP`.
ONE_WORD = Rule("one_word", _ORG, _one_word)
