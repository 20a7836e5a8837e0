"""Organization and object names: legal forms, abbreviations, prefixes.

* Legal forms come from rigour's org-type database (OCCRP's list, ISO 20275
  entity legal forms, Wikipedia's types of business entity): ``LLC``,
  ``OOO``, ``ООО``, ``Общество с ограниченной ответственностью``,
  ``GmbH``, ``Limited``, ``S.A.``, ``JSC``, ``有限公司``... Each found form
  becomes one token whose text is rigour's compare form (``ooo``) and
  whose symbols hold both that form and its generic class
  (``orgtype:ooo``, ``orgtype:llc``), so "OOO X" meets "X LLC".
* Letters with dots (``S.A.``, ``J.S.C.``) are joined into one word before
  anything else in organization and object names; in person names they
  stay initials.
* A legal form written in short pieces at the end (``Sp. z o.o.``,
  ``A/S``) is recognized joined (``spzoo``, ``as``); a Roman numeral
  (``II``) is a series number, never a legal form.
* A legal form of one or two letters (``AO``, ``AS``, ``SA``, ``AG``) counts
  only at either end of the name or beside another legal form: inside a
  name those letters are too often a word or an initial.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rigour._core import obj_name_prefixes_list
from rigour.names import extract_org_types
from rigour.text.normalize import Normalize

from embargo.names.text import fold
from embargo.names.translit import render_word, scheme_skeleton

__all__ = [
    "ABBREVIATIONS",
    "ACRONYM_LONGEST",
    "ACRONYM_SCRIPTS",
    "ACRONYM_SKIPPED",
    "COMPOUND_PARTS",
    "OBJECT_PREFIXES",
    "ROMANIZED_FORMS",
    "LegalForm",
    "compound_initials",
    "compound_spelling",
    "initial_letters",
    "is_roman_numeral",
    "join_acronyms",
    "legal_forms",
    "roman_value",
    "spelled_initials",
    "split_legal_suffix",
    "trade_initials",
]

#: Words an acronym usually skips after its first ("Department of State" -> DS).
ACRONYM_SKIPPED = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "y", "et", "und"})
#: Scripts whose letters stand for sounds one by one, so that a word in them may be an acronym or give
#: its initial to one; an abjad's or a syllabary's romanized words spell no letters their writers use.
ACRONYM_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian", "Georgian"})
#: Longest word read as an acronym: beyond six letters a word is a word.
ACRONYM_LONGEST = 6


#: Russian acronyms spell a trade's compound adjective by the letters of its parts: нефтеперерабатывающий
#: завод (oil refinery) is НПЗ, so Сызранский НПЗ is СНПЗ and the Achinsk Oil Refinery АНПЗ. Trade class
#: (:mod:`embargo.names.industry`) -> the adjective's letters; the class's English noun (``refinery``)
#: names the plant too and adds :data:`_PLANT_LETTER`, where the Russian adjective is followed by its
#: own word for the plant (завод), spelled by its initial.
#: НПЗ is the usual Russian abbreviation of нефтеперерабатывающий завод, and the lists write it so
#: (the EU's АО “СНПЗ”, JSC ANPZ VNK, OOO Афипский НПЗ, where OFAC writes Syzran, Achinsk, Afipsky Refinery).
TRADE_LETTERS = {"domain:refinery": "np"}
_PLANT_LETTER = "z"
#: How a two-word trade phrase ends when it holds the plant (:data:`embargo.names.industry.PHRASES`).
_PLANT_WORDS = ("zavod", "завод")
#: An English word a trade's Russian letters already hold: the "oil" of "oil refinery" is the нефте- of НП.
_HELD_BY_TRADE = frozenset({"oil"})


def trade_initials(words: Sequence[str], kept: Container[str] = frozenset()) -> str:
    """:func:`spelled_initials` with trade words spelled as Russian acronyms spell them
    (:data:`TRADE_LETTERS`): ``syzran refinery`` -> ``snpz``; ``""`` when no word names such a trade."""
    if not any(_trade_letters(word) for word in words):
        return ""
    letters = ""
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        trade = _trade_letters(word)
        if trade:
            letters += trade
        elif word in _HELD_BY_TRADE and _trade_letters(following):
            continue
        else:
            letters += initial_letters(word, i == 0, kept)
    return letters


@lru_cache(maxsize=65536)
def _trade_letters(word: str) -> str:
    """The letters a Russian acronym spells ``word`` with, if it names a trade of :data:`TRADE_LETTERS`."""
    from embargo.names.industry import ABBREVIATED, INDUSTRY_WORDS, industry_symbols

    if word in ABBREVIATED:
        return word  # an abbreviation spells itself: Syzranskiy NPZ is SNPZ
    for symbol in industry_symbols(word):
        if symbol in TRADE_LETTERS:
            # the English noun (refinery), or the phrase that holds the plant (нефтеперерабатывающий завод)
            noun = word in INDUSTRY_WORDS[symbol][0] or word.endswith(_PLANT_WORDS)
            return TRADE_LETTERS[symbol] + _PLANT_LETTER if noun else TRADE_LETTERS[symbol]
    return ""


#: Parts of Russian compound names (сложносокращённые слова: Стройгазмонтаж = строй + газ + монтаж,
#: Промсвязьбанк = пром + связь + банк, Уралвагонзавод = урал + вагон + завод), the truncated stems
#: Soviet and Russian firm names are built of (the components of сложносокращённые слова common in
#: firm names, listed by us: trades, places, kinds of business). Acronyms spell such a name by the initials of its
#: parts (SGM, PSB, UVZ), as a run of words by the initials of its words. Cyrillic stems; their
#: romanizations are made with the transliterators names are read with, plus the English spellings
#: names borrow (``techno``, ``export``).
COMPOUND_PARTS: tuple[str, ...] = (
    *("строй", "газ", "монтаж", "пром", "связь", "банк", "нефть", "нефте", "урал", "вагон", "завод"),
    *("рос", "тех", "техно", "теле", "атом", "энерго", "маш", "авиа", "авто", "транс", "сиб", "спец"),
    *("внеш", "эконом", "торг", "мос", "гос", "хим", "агро", "лес", "уголь", "инвест", "радио"),
    *("электро", "прибор", "оборон", "экспорт", "импорт", "снаб", "сбыт", "проект", "флот", "сталь"),
    *("кабель", "сервис", "холдинг", "капитал", "кредит", "финанс", "страх", "союз", "тепло", "сбер"),
)
_COMPOUND_LATIN = ("techno", "tech", "export", "import", "electro", "trans", "auto", "service")
#: Letters a part must have to be read in a word: "gaz" and "rus" are whole words elsewhere, but
#: shorter pieces cut any word into parts.
_PART_LETTERS = 3
#: Fewest parts whose initials are read.
_COMPOUND_LEAST = 3
#: A linking vowel between two parts (нефт-е-газ, газ-о-провод).
_LINKS = ("", "o", "e")


@lru_cache(maxsize=1)
def _compound_parts() -> frozenset[str]:
    parts: set[str] = set(_COMPOUND_LATIN)
    for stem in COMPOUND_PARTS:
        parts.add(stem)
        for scheme in ("Russian-Latin/BGN", "Any-Latin"):
            parts.update(render_word(stem, (scheme, "word")))
    return frozenset(p for p in parts if len(p) >= _PART_LETTERS)


@lru_cache(maxsize=65536)
def compound_initials(word: str) -> str:
    """The initials of a Russian compound name's parts (``stroygazmontazh`` -> ``sgm``,
    ``технопромэкспорт`` -> ``тпэ``): ``""`` unless the whole word is three parts or more of
    :data:`COMPOUND_PARTS`, a linking ``o``/``e`` allowed between them. Two parts are not read
    (``Gazprom`` is not "GP": two letters spell thousands of names).

    Args:
        word: one folded word, Cyrillic or romanized.
    """
    if len(word) < 2 * _PART_LETTERS:
        return ""
    parts = _compound_parts()
    longest = max(len(p) for p in parts)
    # best[i]: the initials of a segmentation of word[:i] into parts, the fewest parts first
    best: dict[int, str] = {0: ""}
    for i in range(len(word)):
        if i not in best:
            continue
        for link in _LINKS if i else ("",):
            if not word.startswith(link, i):
                continue
            start = i + len(link)
            for end in range(start + _PART_LETTERS, min(len(word), start + longest) + 1):
                if word[start:end] in parts:
                    letters = best[i] + word[start]
                    if end not in best or len(letters) < len(best[end]):
                        best[end] = letters
    letters = best.get(len(word), "")
    return letters if len(letters) >= _COMPOUND_LEAST else ""


def compound_spelling(words: Sequence[str]) -> str:
    """The initials of a run of words with each Russian compound name spelled by its parts
    (:func:`compound_initials`: ``stroygazmontazh most`` -> ``sgmm``); ``""`` when no word is one."""
    if not any(compound_initials(w) for w in words):
        return ""
    return "".join(compound_initials(w) or initial_letters(w, i == 0) for i, w in enumerate(words))


def spelled_initials(words: Sequence[str], kept: Container[str] = frozenset()) -> str:
    """The acronym a run of words spells: each word's first letter, the words of :data:`ACRONYM_SKIPPED`
    after the first left out (``bank of moscow`` -> ``bm``).

    Args:
        kept: abbreviations kept whole after the first word (with the standard Russian ones of
            :data:`embargo.names.org_structure.ABBREVIATIONS`, ``dolgoprudnenskoye npp`` -> ``dnpp``, as
            Russian writes ДНПП).
    """
    return "".join(initial_letters(word, i == 0, kept) for i, word in enumerate(words))


def initial_letters(word: str, first: bool, kept: Container[str] = frozenset()) -> str:
    """What one word adds to the acronym of its run (:func:`spelled_initials`): its first letter; nothing
    for a word of :data:`ACRONYM_SKIPPED` after the first; the whole word for one of ``kept`` after the first.

    Args:
        first: the word starts the run.
    """
    if first:
        return word[:1]
    if word in ACRONYM_SKIPPED:
        return ""
    return word if word in kept else word[:1]


#: Abbreviations in company names -> the word they stand for. rigour's
#: organization data already puts each pair in one class (``grp`` and
#: ``group`` share ``sym:grp``) but names no word for the class; this table
#: gives the word, for the common abbreviations of the US Postal Service's
#: business-word list and SEC EDGAR conformed company names.
ABBREVIATIONS = {
    "co": "company",
    "comp": "company",
    "cos": "companies",
    "corp": "corporation",
    "grp": "group",
    "intl": "international",
    "mfg": "manufacturing",
    "ind": "industries",
    "inds": "industries",
    "hldg": "holding",
    "hldgs": "holdings",
    "svc": "service",
    "svcs": "services",
    "trdg": "trading",
    "shpg": "shipping",
    "natl": "national",
    "assn": "association",
    "assoc": "association",
    "mgmt": "management",
    "dev": "development",
    "bros": "brothers",
    "engg": "engineering",
    "tech": "technology",
    "ent": "enterprises",
    "fdn": "foundation",
    "inst": "institute",
    "univ": "university",
    "dept": "department",
    "govt": "government",
    "invt": "investment",
}
#: Vessel and other object prefixes from rigour (``M/V``, ``MV``, ``SS``), as
#: tuples of folded words.
OBJECT_PREFIXES = frozenset(tuple(fold(p).split()) for p in obj_name_prefixes_list()) - {()}

_ACRONYM = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.\s?){1,}[^\W\d_]\.?(?![^\W\d_])")
_SHORT = 2


def join_acronyms(text: str) -> str:
    """``S.A. de C.V.`` -> ``SA de CV``: dotted single letters become one word."""
    return _ACRONYM.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)), text)


LegalForm = tuple[int, int, str, frozenset[str]]


#: How rigour's table of forms is normalized to meet folded words: decomposed and split into
#: name tokens, which drops accents as :func:`~embargo.names.text.fold` does. rigour's default
#: keeps them, so a folded ``beschrankter`` or ``societe`` never met ``beschränkter`` or
#: ``société`` (only the forms the table also spells without accents, such as ``sociedad anonima``).
_TABLE_FORM = Normalize.CASEFOLD | Normalize.NFKD | Normalize.NAME


#: East Slavic legal forms as rigour's table spells them in Latin letters (OKOPF's forms of
#: commercial and state organisations; Ukrainian and Belarusian ones of the same kinds). Lists
#: romanize them in other schemes (``aktsionernoye``, ``akcionernoe``, ``obschestvo``, ``ogranichennoj``)
#: or with a slip (``otvestvennostyu``), which the table does not hold: :func:`_romanized_forms`
#: reads such words as these before the table is searched.
ROMANIZED_FORMS = (
    "obshchestvo s ogranichennoi otvetstvennostyu",
    "obshchestvo s ogranichennoy otvetstvennostyu",
    "otkrytoe aktsionernoe obshchestvo",
    "zakrytoe aktsionernoe obshchestvo",
    "publichnoe aktsionernoe obshchestvo",
    "aktsionernoe obshchestvo",
    "gosudarstvennoe unitarnoe predpriyatie",
    "tovarystvo z obmezhenoyu vidpovidalnistyu",
)
#: Shortest word read as a form word by its skeleton, and shortest allowed one slip on top.
_FORM_WORD = 5
_FORM_SLIP = 10


@lru_cache(maxsize=1)
def _form_words() -> tuple[dict[str, str], dict[str, tuple[tuple[str, str], ...]]]:
    """Skeleton of each long word of :data:`ROMANIZED_FORMS` -> the word; and by the skeleton's first
    four letters, (skeleton, word) pairs for the one-slip reading."""
    exact: dict[str, str] = {}
    by_head: dict[str, list[tuple[str, str]]] = {}
    for form in ROMANIZED_FORMS:
        for word in form.split():
            if len(word) >= _FORM_WORD:
                skeleton = scheme_skeleton(word)
                exact.setdefault(skeleton, word)
                by_head.setdefault(skeleton[:4], []).append((skeleton, word))
    return exact, {head: tuple(pairs) for head, pairs in by_head.items()}


def _form_word(word: str) -> str:
    """A folded ASCII word as :data:`ROMANIZED_FORMS` spells it, when it is one of their words in
    another scheme or with one slip (long words only); else the word itself."""
    if len(word) < _FORM_WORD or not word.isascii():
        return word
    exact, by_head = _form_words()
    skeleton = scheme_skeleton(word)
    found = exact.get(skeleton)
    if found is not None:
        return found
    if len(word) >= _FORM_SLIP:
        for other, form_word in by_head.get(skeleton[:4], ()):
            if Levenshtein.distance(skeleton, other, score_cutoff=1) <= 1:
                return form_word
    return word


def _romanized_forms(words: Sequence[str]) -> list[str]:
    """``words`` with every word of a romanized East Slavic legal form spelled as rigour's table does."""
    return [_form_word(w) for w in words]


@lru_cache(maxsize=65536)
def _forms(text: str) -> tuple[tuple[str, str, str], ...]:
    specific = extract_org_types(text, normalize_flags=_TABLE_FORM)
    generic = dict(extract_org_types(text, normalize_flags=_TABLE_FORM, generic=True))
    found = [(m, t, generic.get(m, t)) for m, t in specific]
    seen = {m for m, _, _ in found}
    found.extend((m, g, g) for m, g in generic.items() if m not in seen)
    return tuple(found)


def legal_forms(words: Sequence[str]) -> list[LegalForm]:
    """Legal forms in a sequence of folded words.

    Args:
        words: the folded words of a name (any script).

    Returns:
        ``(start, end, compare_form, symbols)`` for each form, words
        ``start`` to ``end`` (exclusive), not overlapping, in order.
    """
    text = " ".join(words)
    if text.isascii():
        text = " ".join(_romanized_forms(words))
    starts, ends, pos = {}, {}, 0
    for i, word in enumerate(text.split(" ")):
        starts[pos] = i
        ends[pos + len(word)] = i + 1
        pos += len(word) + 1
    spans: list[LegalForm] = []
    cursor = 0
    for matched, specific, generic in _forms(text):
        at = text.find(matched, cursor)
        while at >= 0 and (at not in starts or at + len(matched) not in ends):
            at = text.find(matched, at + 1)
        if at < 0:
            continue
        cursor = at + len(matched)
        form = re.sub(r"[^a-z0-9]", "", specific.lower()) or re.sub(r"[^a-z0-9]", "", generic.lower())
        symbols = frozenset(f"orgtype:{re.sub(r'[^a-z0-9]', '', s.lower())}" for s in (specific, generic)) - {
            "orgtype:"
        }
        spans.append((starts[at], ends[at + len(matched)], form, symbols))
    last = len(words)
    spans = [s for s in spans if not (s[1] - s[0] == 1 and is_roman_numeral(words[s[0]]))]
    if not spans or spans[-1][1] != last:
        spans.extend(_split_form_at_end(words))
    kept: list[LegalForm] = []
    for i, span in enumerate(spans):
        start, end = span[0], span[1]
        short = sum(len(w) for w in words[start:end]) <= _SHORT
        beside = (i > 0 and spans[i - 1][1] == start) or (i + 1 < len(spans) and spans[i + 1][0] == end)
        if short and start != 0 and end != last and not beside:
            continue
        kept.append(span)
    return kept


def _split_form_at_end(words: Sequence[str]) -> list[LegalForm]:
    """A legal form written in pieces at the end of a name: ``Sp. z o.o.`` -> ``sp z oo``, ``A/S`` -> ``a s``.

    Abbreviated forms are written with dots, slashes and spaces in every
    combination; short pieces (one or two letters) at the end of a name are
    tried together.
    """
    for size in (4, 3, 2):
        if len(words) <= size:
            continue
        tail = words[-size:]
        if not all(len(w) <= 2 and w.isalpha() for w in tail):
            continue
        joined = "".join(tail)
        found = [(m, t, g) for m, t, g in _forms(joined) if m == joined]
        if found:
            _, specific, generic = found[0]
            # a form rigour spells only in another script (Cyrillic С.П.) keeps its Latin letters as written
            form = next((f for f in (specific, generic, joined) if re.sub(r"[^a-z0-9]", "", f.lower())), "")
            form = re.sub(r"[^a-z0-9]", "", form.lower())
            if not form:
                return []
            symbols = frozenset(f"orgtype:{re.sub(r'[^a-z0-9]', '', x.lower())}" for x in (specific, generic))
            return [(len(words) - size, len(words), form, symbols - {"orgtype:"})]
    return []


_ROMAN = re.compile(r"(?:xl|x{0,3})(?:ix|iv|v?i{0,3})")


def is_roman_numeral(word: str) -> bool:
    """A Roman numeral of two letters or more (``ii``, ``iv``, ``xii``): a series number in a company name.

    One letter (``I``, ``V``, ``X``) is more often an initial.

    Args:
        word: a folded word.
    """
    return len(word) >= 2 and _ROMAN.fullmatch(word) is not None


def roman_value(word: str) -> int:
    """The value of a Roman numeral accepted by :func:`is_roman_numeral`."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for ch, nxt in zip(word, word[1:] + " ", strict=True):
        value = values[ch]
        total += -value if nxt != " " and values[nxt] > value else value
    return total


@lru_cache(maxsize=65536)
def split_legal_suffix(word: str) -> tuple[str, ...]:
    """A word of a script without spaces split off its legal form.

    Chinese, Japanese and Korean write ``長安海連技術有限公司`` as one word;
    the legal form at its end (``有限公司``) or start (``株式会社``) is split
    off so that it is recognized like a Latin one.

    Args:
        word: a folded word.

    Returns:
        ``(word,)`` or the word's parts, legal form apart.
    """
    for size in range(min(len(word) - 1, 8), 1, -1):
        tail, head = word[-size:], word[:size]
        if any(m == tail for m, _, _ in _forms(tail)):
            return (word[:-size], tail)
        if any(m == head for m, _, _ in _forms(head)):
            return (head, word[size:])
    return (word,)
