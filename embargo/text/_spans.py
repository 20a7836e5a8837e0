"""Where a name's words start and end: guards on the finders' spans and dictionary matches.

The NER models run names into roles, verbs and the next person's name, and the
dictionary matches listed names that are also cities, planets or ordinary words;
the rules here (see :mod:`.mentions`) cut and check every span before it becomes
a mention. Latin-script text in languages other than English has rules of its own
(:mod:`._latin`), which :func:`trim`, :func:`pieces` and :func:`is_given_name` apply.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from embargo.names import detect_script, looks_patronymic
from embargo.text._keys import TextWord, in_capitals_line, word_keys
from embargo.text._latin import (
    MAX_RUN,
    ROLES_LOWER,
    cuts_latin_name,
    is_known_name,
    is_latin_given_name,
    name_capital,
    other_latin,
    plain_word,
    trim_latin,
)
from embargo.text._morph import is_animate_noun, is_given_name_form, is_not_a_name, is_surname_not_place, is_verb
from embargo.text._ner import is_common_english
from embargo.text.dictionary import LEGAL_FORMS, DictionaryHit

__all__ = [
    "SURNAME_FIRST",
    "capitalized",
    "is_given_name",
    "keep_hit",
    "name_runs",
    "pieces",
    "trim",
]


def capitalized(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or name_capital(word)


#: Words that say a vessel's name follows (lower-case prefixes): a listed ship called ALPHA or NEPTUNE
#: is only taken for one after them.
_VESSEL_CUES = ("tanker", "vessel", "ship", "freighter", "yacht", "танкер", "судн", "сухогруз", "теплоход", "корабл")
_VESSEL_WINDOW = 8
#: The prefixes written before a ship's name (motor vessel, motor tanker, steamship), right before it.
_SHIP_PREFIX = re.compile(r"(?:^|[\s(/,;:])(?:m\.?\s?/?\s?[vt]\.?|mts|ss|s\.s\.)\s+$", re.IGNORECASE)
#: Words right before a place name, not an organization's.
_PLACE_CUES = frozenset(
    [
        "in",
        "of",
        "from",
        "to",
        "near",
        "at",
        "into",
        "outside",
        "city",
        "town",
        "village",
        "region",
        "province",
        "в",
        "у",
        "ў",
        "з",
        "із",
        "из",
        "под",
        "пад",
        "до",
        "ля",
        "біля",
        "возле",
        "около",
        "горад",
        "город",
        "місто",
    ]
)


def _after_vessel_cue(text: str, words: list[TextWord], first: int) -> bool:
    if _SHIP_PREFIX.search(text[max(0, words[first].start - 12) : words[first].start]):
        return True  # MV CASPIAN ORCHID, M/T Adrian Darya: a ship's name prefix right before it
    for i in range(first - 1, max(-1, first - 1 - _VESSEL_WINDOW), -1):
        if any(ch in text[words[i].end : words[i + 1].start] for ch in ".!?"):
            return False  # not across a sentence end
        if words[i].text.lower().startswith(_VESSEL_CUES):
            return True
    return False


def _proper_in_sentence(hit: DictionaryHit, text: str, words: list[TextWord]) -> bool:
    """A Cyrillic word capitalised inside a sentence that is a listed organisation's whole name: a proper
    name, though the dictionary knows it as a noun too (Ukrainian Росгвардії); Cyrillic capitalises no
    common noun there."""
    word = words[hit.first]
    if hit.schema != "Organization" or hit.partial or hit.short or detect_script(word.text) != "Cyrillic":
        return False
    before = text[: word.start].rstrip(' \t«"„(')
    return bool(before) and before[-1] not in '.!?\n:»"”'


def keep_hit(
    hit: DictionaryHit, text: str, words: list[TextWord], lang: str | None, places: list[tuple[int, int]]
) -> bool:
    """Whether a dictionary match is a mention: see the module docstring for the guards."""
    run = words[hit.first : hit.last + 1]
    if not (capitalized(run[0].text) and capitalized(run[-1].text)):
        return False
    if len(run) == 1 and plain_word(run[0].text, lang) and not _proper_in_sentence(hit, text, words):
        return False
    if len(run) == 1 and len(run[0].text) <= 4 and in_capitals_line(text, run[0].start, run[0].end):
        return False  # a short word in a line of capitals (CUST, BANK in a payment's text) is any word, no acronym
    if hit.schema == "Vessel" and not _after_vessel_cue(text, words, hit.first):
        return False
    place = next((p for p in places if p[0] <= hit.first and hit.last <= p[1]), None)
    if place is None:
        return True
    if hit.first > 0 and words[hit.first - 1].text.lower() in _PLACE_CUES:
        return False  # in Grodno, the city of Grodno: the place, not Grodno Azot
    if hit.partial and hit.first == hit.last and is_surname_not_place(words[hit.first].text, lang):
        return True  # natasha calls a headline's ЛУКАШЕНКО a place
    # Inside what the model calls a place: a listed name in full still counts when it is several words
    # (the Islamic Republic of Iran Shipping Lines) or an organization's whole name (Belavia), never a surname.
    return not hit.partial and (
        (hit.last > hit.first and not hit.short) or (hit.schema == "Organization" and place == (hit.first, hit.first))
    )


@lru_cache(maxsize=1)
def _given_keys() -> frozenset[str]:
    import natasha

    path = Path(natasha.__file__).parent / "data" / "dict" / "first.txt"
    names = path.read_text(encoding="utf-8").split()
    return frozenset(k for name in names for k in word_keys(name))


def is_given_name(word: str, lang: str | None = None) -> bool:
    """True when a word is a known given name (Дмитрий, Dmitry, Святлана, Alexander, Сергієм).

    natasha's list of 7,600 first names (in its package), compared by key so
    that transliterations and inflected forms count; a Cyrillic word is also one
    when pymorphy3 parses it as a given name in any case (Ukrainian Сергієм,
    Russian Николаем), and a Latin word when it is in the English word index
    (WordNet lists Alexander, Elizabeth). rigour's name data does not tell given
    names from surnames, so it is not used here.
    """
    if any(k in _given_keys() for k in word_keys(word)):
        return True
    if "-" in word.strip("-"):
        # a double given name (Мохаммад-Реза, Jean-Pierre) is one when its first part is
        return is_given_name(word.split("-", 1)[0], lang)
    if detect_script(word) == "Cyrillic":
        return is_given_name_form(word, lang)
    return detect_script(word) == "Latin" and (is_common_english(word) or is_latin_given_name(word))


def trim(
    words: list[TextWord], span: tuple[int, int], kind: str, lang: str | None, listed: set[int] | None = None
) -> tuple[int, int] | None:
    """A span without the words before the name; None when what is left names no one.

    A person's span loses leading words that no name data knows (Праваабаронца,
    Прыхільнікі: natasha tags the role with the name in Belarusian text); an
    organization's loses a leading article. In Latin-script languages other than English,
    function words, titles and lower-case words go (:func:`trim_latin`). A single ordinary word (Minsk,
    Group, Bank, tagged as an organization in a headline) is not a name, unless
    it is a listed name in full (Сбербанк is also a Russian noun).
    """
    if other_latin(lang) and detect_script(" ".join(w.text for w in words[span[0] : span[1] + 1])) == "Latin":
        found = trim_latin(words, span, kind, lang)
        if found is None:
            return None
        span = found
    first, last = span
    if kind == "Person" and lang not in ROLES_LOWER:
        while first < last and (
            _not_a_name(words[first].text, lang)
            or not (is_given_name(words[first].text, lang) or is_known_name(words[first].text))
        ):
            first += 1
        # natasha runs a headline's name into its verbs (ЛУКАШЕНКО ПЕРЕСТАВЛЯЕТ СИЛОВИКОВ)
        while last > first and is_not_a_name(words[last].text, lang):
            if last == first + 1 and is_given_name(words[first].text, lang):
                break  # Юлія Навальна: a surname that is also an adjective stays after a given name
            if _syllable_name(words, first, last):
                break  # Кім Чен Ин, Ким Ир Сен: a Korean name's last syllable is no common word
            last -= 1
    else:
        while first < last and (
            words[first].text.lower() in ("the", "a", "an") or set(word_keys(words[first].text)) & LEGAL_FORMS
        ):
            first += 1  # the article, or the legal form before the name (ОАО «Гродно Азот»)
    if first == last and first not in (listed or ()) and plain_word(words[first].text, lang):
        return None
    if all(len(w.text) < 2 for w in words[first : last + 1]):
        return None  # initials alone, a stray letter
    return first, last


def _syllable_name(words: list[TextWord], first: int, last: int) -> bool:
    """True when a span is a name of three short capitalised syllables, as Korean and Chinese names are
    written (Кім Чен Ин, Ким Ир Сен, Kim Jong Un): its last one is a syllable of it, however a dictionary
    reads it alone."""
    parts = [w.text for w in words[first : last + 1]]
    return len(parts) == 3 and all(p[:1].isupper() and len(p) <= 4 for p in parts)


#: Korean and Chinese surnames, written first (Kim Jong Un, Choe Son Hui, Xi Jinping), in the spellings of
#: the lists and of the Latin and Cyrillic press: the commonest, which cover most of the people listed.
SURNAME_FIRST = frozenset(
    {"kim", "ким", "кім", "ri", "rhee", "lee", "yi", "li", "ли", "лі", "пак", "pak", "park", "choe", "choi"}
    | {"чхве", "цой", "jong", "chong", "jung", "чон", "kang", "кан", "cho", "jo", "чо", "jang", "chang", "чан"}
    | {"han", "хан", "ryu", "рю", "yun", "юн", "hwang", "хван", "xi", "си", "wang", "ван", "zhang", "чжан"}
    | {"liu", "лю", "chen", "чэнь", "zhou", "чжоу", "wu", "у", "hu", "ху", "o", "oh", "о", "so", "со", "song"}
)


def pieces(
    text: str, words: list[TextWord], span: tuple[int, int], kind: str, lang: str | None
) -> list[tuple[int, int]]:
    """A model's span cut where it cannot be one name.

    At a paragraph break (a headline is not part of the first sentence's name), at a quotation mark
    (a quoted name ends there), around a verb
    (ЛУКАШЕНКО ПЕРЕСТАВЛЯЕТ СИЛОВИКОВ), and for a person before a given name that follows a
    full name (Володимира Путіна | Віктор Медведчук); a surname written first (Лукашенко
    Александр) is not cut.
    """
    out: list[tuple[int, int]] = []
    first = span[0]
    latin = kind == "Person" and other_latin(lang)
    for i in range(span[0], span[1] + 1):
        if is_verb(words[i].text, lang) or (latin and cuts_latin_name(words[i].text)):
            if i > first:
                out.append((first, i - 1))
            first = i + 1
            continue
        if i == first:
            continue
        gap = text[words[i - 1].end : words[i].start]
        # a paragraph break, or a closing and an opening quote (the quoted name is one name: «Белшине» и Минском)
        cut = gap.count("\n") >= 2 or any(q in gap for q in "«»“”„")
        korean = words[first].text.lower() in SURNAME_FIRST and all(len(w.text) <= 5 for w in words[first : i + 1])
        if not cut and kind == "Person" and not korean and is_given_name(words[i].text, lang):
            before = words[i - 1].text
            cut = not (is_given_name(before, lang) or looks_patronymic(before) or len(before) < 2) and any(
                is_given_name(w.text, lang) for w in words[first : i - 1]
            )
        if cut:
            out.append((first, i - 1))
            first = i
    if first <= span[1]:
        out.append((first, span[1]))
    return out


def _not_a_name(word: str, lang: str | None) -> bool:
    """:func:`is_not_a_name` for a word that opens a name, unless it is a given name that the dictionary
    knows as a person without tagging it a name (Ukrainian Володимир)."""
    return is_not_a_name(word, lang) and not (is_given_name(word, lang) and is_animate_noun(word, lang))


def name_runs(text: str, words: list[TextWord], lang: str | None) -> list[tuple[int, int]]:
    """Capitalized runs (2-4 words, nothing but spaces between) that start with a given name."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        j = i
        while (
            j + 1 < len(words)
            and j + 1 - i < MAX_RUN
            and capitalized(words[j + 1].text)
            and not text[words[j].end : words[j + 1].start].strip()
        ):
            j += 1
        if (
            j > i
            and len(words[i].text) > 1
            and capitalized(words[i].text)
            and (is_given_name(words[i].text, lang) or is_known_name(words[i].text))
            and not _not_a_name(words[i].text, lang)
        ):
            out.append((i, j))
            i = j + 1
        else:
            i += 1
    return out
