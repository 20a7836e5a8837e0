"""What makes two person names the same name, beyond their shared tokens.

* One shared word is not a name ("Lukashenko", "Alexander"), unless the
  other words are the initials of given names ("V. Putin").
* Father and son are different people ("SALMAN BIN MUHAMMAD" against
  "MUHAMMAD BIN SALMAN").
* A name written short keeps its first name and its order: lists carry the
  chains of father's and grandfather's names, tribal and family names of
  Arabic, Afghan and South Asian naming ("AKHTAR MOHAMMAD MANSOUR SHAH
  MOHAMMED"), and Western middle names; people write the first name and one
  or two of the others, in the same order ("AKHTAR MANSOUR").
"""

from __future__ import annotations

from itertools import pairwise

from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching._lookalikes import from_abugida, is_known_name, swapped_letters
from embargo.matching.pairing import TokenPair, Used
from embargo.matching.rule import Aligned, Kind, Rule
from embargo.names import WEAK_TAGS, Tag, Token, detect_script
from embargo.names.frequency import common_name

__all__ = [
    "ABJAD_ALONE",
    "ACROSS_ABJAD",
    "COMMON_NAMES_ONLY",
    "COMMON_ONLY_CAP",
    "FATHERS_SWAPPED",
    "FATHER_SWAP",
    "SINGLE_WORD",
    "SINGLE_WORD_CAP",
    "SURNAME_LOOKALIKE",
    "SURNAME_TYPO_CAP",
    "across_abjad",
    "fathers_swapped",
    "keeps_order",
    "only_common_names",
    "single_word_agreement",
    "surname_by_sound",
    "surname_by_typo",
]

_SON_OF = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould", "walad"})
#: Factor when two names name each other's father ("X bin Y" against "Y bin X").
FATHER_SWAP = 0.6
#: Highest score when a single word of two multi-word person names agrees.
SINGLE_WORD_CAP = 0.6
#: Highest score when the family names agree only through a typo of a short word
#: (:func:`surname_by_typo`) or by their sound (:func:`surname_by_sound`): below the threshold,
#: so that evidence must lift it. Above :data:`SINGLE_WORD_CAP`, which it never lifts.
SURNAME_TYPO_CAP = 0.65


def _father(tokens: tuple[Token, ...]) -> int | None:
    """Position of the father's name in an Arabic-style chain: the word after the first bin/ibn/ben/bint."""
    for i, t in enumerate(tokens[:-1]):
        if t.tag == "particle" and t.text in _SON_OF:
            return i + 1
    return None


def fathers_swapped(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], used_q: Used) -> bool:
    """Both names say whose son he is, and the query's father is the listed person himself (or vice versa).

    "SALMAN BIN MUHAMMAD" and "MUHAMMAD BIN SALMAN" hold the same words but
    are father and son.
    """
    qf, cf = _father(q_tokens), _father(c_tokens)
    if qf is None or cf is None or qf not in used_q or 0 not in used_q:
        return False
    # The query's father is the listed man's first name and the query's first name is the listed father.
    return used_q[qf][0] == 0 and used_q[0][0] == cf


def keeps_order(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], used_q: Used) -> bool:
    """The query is the listed name with parts left out: same first name, same order, nothing of its own.

    Every query token found a partner, at least two of them full words, the
    first of the query is the first of the listed name, and the partners
    stand in the listed name in the query's order.
    """
    if len(used_q) != len(q_tokens):
        return False
    strong = [i for i, t in enumerate(q_tokens) if t.tag not in WEAK_TAGS and t.tag != "initial"]
    if len(strong) < 2:
        return False
    c_strong = [j for j, t in enumerate(c_tokens) if t.tag not in WEAK_TAGS]
    if not c_strong or used_q[strong[0]][0] != c_strong[0]:
        return False
    positions = [used_q[i][0] for i in range(len(q_tokens))]
    return all(a < b for a, b in pairwise(positions))


def single_word_agreement(pairs: list[TokenPair]) -> bool:
    """Only one full word of two person names agrees while either name has more.

    A shared surname or given name alone ("Lukashenko", "Alexander"), or a
    given name and an initial ("Alexander L."), is how every namesake of a
    listed person would look, so it is not the same name. A family name with
    the initials of the given names ("В. В. Путин", "Putin V.", "A. Khamenei"
    against "Ali Khamenei") is the usual short form of a full name, and
    stays uncapped: the full word is no given name on either side and no
    initial stands for a family name.
    """
    strong = 0
    full: list[TokenPair] = []
    initials: list[TokenPair] = []
    for p in pairs:
        token = p.query if p.query is not None else p.listed
        if token is None or token.tag in WEAK_TAGS:
            continue
        strong += 1
        if p.query is None or p.listed is None:
            continue
        if p.reason == "initial":
            initials.append(p)
        elif p.reason != "joined":
            full.append(p)
    if any(p.reason == "joined" for p in pairs) or strong <= 1 or len(full) > 1:
        return False
    if len(full) != 1 or not initials:
        return True
    word = full[0]
    assert word.query is not None
    assert word.listed is not None
    surname = "given" not in (word.query.tag, word.listed.tag)
    for_given = all(
        p.query is not None and p.listed is not None and "family" not in (p.query.tag, p.listed.tag) for p in initials
    )
    return not (surname and for_given)


#: Longest family name whose one-letter difference reads as another name rather than a typo.
SHORT_SURNAME = 6
_NOT_SURNAME: frozenset[Tag] = frozenset({"given", "patronymic", "initial", *WEAK_TAGS})


def surname_by_typo(pairs: list[TokenPair]) -> bool:
    """The names agree on given names, and on the family name only through a typo of a short word.

    "Vladimir Pugin" against "Vladimir Vladimirovich PUTIN": one letter of a
    five-letter family name makes another family name (Pugin, Putin, Puzin
    are all names), and a given name is shared by thousands; the pair says
    "same first name, similar surname", not "same person".
    """
    found = False
    given = 0
    for p in pairs:
        if p.query is None or p.listed is None:
            continue
        if "given" in (p.query.tag, p.listed.tag):
            given += 1
        if p.query.tag in _NOT_SURNAME or p.listed.tag in _NOT_SURNAME:
            continue
        if p.reason != "typo" or max(len(p.query.text), len(p.listed.text)) > SHORT_SURNAME:
            return False
        if swapped_letters(p.query.text, p.listed.text):
            return False  # two letters swapped is the commonest slip of all (Marcon / Macron), not a name
        if not (is_known_name(p.query) and is_known_name(p.listed)):
            return False
        found = True
    return found and given <= 1


#: Scripts that write consonants and long vowels only (abjads): a romanization supplies the rest.
ABJADS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})
#: Highest name score of two person names of which one is written in an abjad and the other not:
#: their agreement rests on vowels one side never wrote (هلیا read ``hlya``: Helia, Hilya, Holya...),
#: so, as for a Chinese or Korean name (:data:`._cjk_rules.NAME_ALONE`), the name alone is a hit
#: that a conflicting birth date takes below the threshold.
ABJAD_ALONE = 0.88


def across_abjad(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> str | None:
    """The abjad one of two names is written in when the other is not (Arabic against Latin), else None."""
    q, c = _script(q_tokens), _script(c_tokens)
    if q == c:
        return None
    if q in ABJADS:
        return q
    return c if c in ABJADS else None


def _script(tokens: tuple[Token, ...]) -> str | None:
    for t in tokens:
        if not t.original.isascii():
            return detect_script(t.original)
    return "Latin" if tokens else None


#: Honorifics that Arabic, Persian and South Asian names carry among their words (a descendant of the
#: Prophet: Sayyid and its spellings; Sharif): no name of the person's own, for :func:`only_common_names`.
HONORIFICS = frozenset({"sayyid", "sayed", "sayyed", "seyed", "seyyed", "syed", "sharif", "sherif"})
#: Highest score of two person names that agree only in very common names while the listed name
#: holds more (:func:`only_common_names`): below the threshold, where a birth date lifts it.
COMMON_ONLY_CAP = 0.65


def only_common_names(pairs: list[TokenPair]) -> bool:
    """Every word the names share is a very common name, and the listed name has words of its own.

    "Muhammad Abdullah" against "Abdullah Muhammad al-Masri": among the commonest given names of
    their culture (:mod:`embargo.names.frequency`, from published counts), shared by countless
    people, so the listed person's own name (al-Masri) is what would identify him, and the
    query does not have it. A name written in full (nothing listed left over) is not capped.
    """
    shared = [p for p in pairs if p.query is not None and p.listed is not None and p.query.tag not in WEAK_TAGS]
    if not shared:
        return False
    own = any(
        p.reason == "extra"
        and p.listed is not None
        and p.listed.tag not in WEAK_TAGS
        and p.listed.text not in HONORIFICS
        for p in pairs
    )
    if not own:
        return False
    return all(
        common_name(p.query.text, p.query.symbols) or common_name(p.listed.text, p.listed.symbols)
        for p in shared
        if p.query is not None and p.listed is not None
    )


def _vowels_written(token: Token) -> bool:
    """The word's script writes its vowels: not an abjad (حسن is ``hsn`` or ``hasan``), not an abugida."""
    if token.original.isascii():
        return True
    return detect_script(token.original) not in ABJADS and not from_abugida(token.original)


#: Most share of letters a family name may keep and still be "another name that sounds alike"
#: (:func:`surname_by_sound`): half of them differ.
SOUND_ONLY_LETTERS = 0.5


def surname_by_sound(pairs: list[TokenPair]) -> bool:
    """The family names agree only by their consonants: half their letters or more differ.

    ``Andriy Shiyan`` against ``SHEIN, Andrey``, ``Igor Chuyko`` against ``Igor
    Yurievich CHAIKA``: a phonetic key keeps the consonants, and two surnames of
    one key whose vowels all differ are two families (Shiyan, Shein, Shun), not
    two spellings of one; a given name shared by thousands does not make them one.
    Spellings of one name across schemes keep most letters (Lukashenko /
    Loukachenko 0.73, Hussein / Husayn 0.57); Arabic names in Latin letters may
    not (Qasim / Kassem 0.5), so two words that are both names rigour knows are
    left alone.
    """
    found = False
    for p in pairs:
        if p.query is None or p.listed is None:
            continue
        if p.query.tag in _NOT_SURNAME or p.listed.tag in _NOT_SURNAME:
            continue
        if p.reason != "phonetic" or not (_vowels_written(p.query) and _vowels_written(p.listed)):
            return False
        if is_known_name(p.query) and is_known_name(p.listed):
            return False  # two names rigour knows, of one key: spellings it files apart (Qasim / Kassem)
        q, c = p.query.text, p.listed.text
        if 1.0 - DamerauLevenshtein.distance(q, c) / max(len(q), len(c)) > SOUND_ONLY_LETTERS:
            return False
        found = True
    return found


def _fathers_swapped(a: Aligned) -> None:
    if fathers_swapped(a.q_tokens, a.c_tokens, a.used):
        a.score *= FATHER_SWAP


def _single_word(a: Aligned) -> None:
    if a.score > SINGLE_WORD_CAP and single_word_agreement(a.pairs):
        a.score = SINGLE_WORD_CAP


def _surname_lookalike(a: Aligned) -> None:
    # after SINGLE_WORD, whose lower cap leaves nothing to cap here
    if a.score > SURNAME_TYPO_CAP and (surname_by_typo(a.pairs) or surname_by_sound(a.pairs)):
        a.score = SURNAME_TYPO_CAP


def _common_names(a: Aligned) -> None:
    if a.score > COMMON_ONLY_CAP and only_common_names(a.pairs):
        a.score = COMMON_ONLY_CAP
        a.notes = (
            *a.notes,
            (
                "common_names",
                "the names share only very common names and the listed name has more of its own: "
                f"the name alone scores at most {COMMON_ONLY_CAP}, a birth date decides",
            ),
        )


def _across_abjad(a: Aligned) -> None:
    if a.score <= ABJAD_ALONE:
        return
    abjad = across_abjad(a.q_tokens, a.c_tokens)
    if abjad is not None:
        a.score = ABJAD_ALONE
        a.notes = (
            *a.notes,
            (
                "script",
                f"one name is written in {abjad} script, which leaves vowels out: "
                f"the name alone scores at most {ABJAD_ALONE}, a birth date decides",
            ),
        )


_PERSON: frozenset[Kind] = frozenset({"person"})
#: Father and son: the score times :data:`FATHER_SWAP`.
FATHERS_SWAPPED = Rule("fathers_swapped", _PERSON, _fathers_swapped)
#: One shared word is not a name: at most :data:`SINGLE_WORD_CAP`.
SINGLE_WORD = Rule("single_word", _PERSON, _single_word)
#: A family name met only by a typo of a short word or by its sound: at most :data:`SURNAME_TYPO_CAP`.
SURNAME_LOOKALIKE = Rule("surname_lookalike", _PERSON, _surname_lookalike)
#: Only very common names shared: at most :data:`COMMON_ONLY_CAP`.
COMMON_NAMES_ONLY = Rule("common_names_only", _PERSON, _common_names)
#: One name in an abjad, the other not: at most :data:`ABJAD_ALONE`.
ACROSS_ABJAD = Rule("across_abjad", _PERSON, _across_abjad)
