"""Mentions of people and organizations in a text: NER, the dictionary scan, name analysis.

Three finders, merged:

* the NER models (:mod:`._ner`): spaCy's English pipeline on Latin text,
  natasha on Cyrillic text;
* the dictionary scan (:class:`~embargo.text.dictionary.NameDictionary`), so a
  listed name is found even where the model is silent (Belarusian text, an
  unusual spelling), with guards where the model did not agree: the words must
  be capitalized, a single word must not be an ordinary dictionary word (Group,
  Bank, Minsk, said), and nothing inside a place the model tagged is kept;
* capitalized runs of two to four words starting with a known given name
  (rigour's name data through :func:`embargo.names.analyze_name`), for text the
  models do not cover (Belarusian, Ukrainian, English without spaCy).

Where spans overlap, the longer one wins.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from embargo.names import analyze_name, detect_script, looks_patronymic
from embargo.text._keys import TextWord, split_text, word_keys
from embargo.text._morph import is_common_word, is_given_name_form, is_not_a_name, is_surname_not_place, is_verb
from embargo.text._ner import Entity, english_available, english_entities, is_common_english, russian_entities
from embargo.text.dictionary import LEGAL_FORMS, DictionaryHit, NameDictionary

__all__ = ["Mention", "find_mentions", "is_given_name", "text_language"]

#: A model is run when its script holds at least this share of the letters.
_SCRIPT_SHARE = 0.05
_MAX_RUN = 4


@dataclass(slots=True)
class Mention:
    """A person or organization named in a text.

    Attributes:
        start, end: character offsets in the text (``text[start:end]`` is the surface form).
        text: the surface form.
        kind: ``Person`` or ``Organization``.
        sources: which finders saw it (``ner``, ``dictionary``, ``names``, ``coref``).
        first, last: indexes of its first and last word in the text's words.
        listed: entity ids whose listed name the dictionary found on these words.
        surname_only: the words are one surname (the dictionary's short form, or a back-reference).
        words: the words, as written.
        resolved: the full name in its dictionary form (set by :func:`embargo.text.coref.resolve`).
        antecedent: for a surname alone, the index of the earlier full mention it refers back to.
        rivals: other earlier full names with the same surname (the reference is then uncertain).
        support: entity ids of every listed name (or listed surname) the dictionary found on its words.
    """

    start: int
    end: int
    text: str
    kind: str
    sources: list[str]
    first: int
    last: int
    listed: tuple[str, ...] = ()
    surname_only: bool = False
    words: list[str] = field(default_factory=list)
    resolved: str = ""
    antecedent: int | None = None
    rivals: list[str] = field(default_factory=list)
    support: tuple[str, ...] = ()


def text_language(text: str) -> str | None:
    """``be``, ``uk``, ``ru`` for Cyrillic text, ``en`` for Latin text (by letter counts).

    Counted over the whole text, not per name: Russian has no і (so и far outnumbers the і
    of a quoted Belarusian name), Belarusian alone has ў and no и, Ukrainian alone has ї, є and ґ.
    """
    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if cyr <= lat:
        return "en" if lat else None
    lower = text.lower()
    count = {ch: lower.count(ch) for ch in "іўїєґиыэ"}
    ukrainian = count["ї"] + count["є"] + count["ґ"]
    belarusian = count["ў"] + (count["ы"] + count["э"] if count["и"] < count["і"] else 0)
    if 3 * count["і"] < count["и"] and 3 * max(ukrainian, count["ў"]) < count["и"]:
        return "ru"
    return "be" if belarusian > ukrainian else "uk"


def _capitalized(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _model_entities(text: str) -> list[Entity]:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return []
    cyr = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") / len(letters)
    found: list[Entity] = []
    if 1 - cyr >= _SCRIPT_SHARE:
        found += [e for e in english_entities(text) if detect_script(text[e.start : e.end]) == "Latin"]
    if cyr >= _SCRIPT_SHARE:
        found += [e for e in russian_entities(text) if detect_script(text[e.start : e.end]) == "Cyrillic"]
    return found


def _word_range(words: list[TextWord], starts: list[int], start: int, end: int) -> tuple[int, int] | None:
    first = last = None
    for i in range(_lower(starts, start), len(words)):
        if words[i].start >= end:
            break
        if words[i].end > start:
            first = i if first is None else first
            last = i
    return None if first is None or last is None else (first, last)


def _lower(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _plain_word(word: str, lang: str | None) -> bool:
    if detect_script(word) == "Cyrillic":
        return is_common_word(word, lang)
    return is_common_english(word)


#: Words that say a vessel's name follows (lower-case prefixes): a listed ship called ALPHA or NEPTUNE
#: is only taken for one after them.
_VESSEL_CUES = ("tanker", "vessel", "ship", "freighter", "yacht", "танкер", "судн", "сухогруз", "теплоход", "корабл")
_VESSEL_WINDOW = 8
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
    for i in range(first - 1, max(-1, first - 1 - _VESSEL_WINDOW), -1):
        if any(ch in text[words[i].end : words[i + 1].start] for ch in ".!?"):
            return False  # not across a sentence end
        if words[i].text.lower().startswith(_VESSEL_CUES):
            return True
    return False


def _keep_hit(
    hit: DictionaryHit, text: str, words: list[TextWord], lang: str | None, places: list[tuple[int, int]]
) -> bool:
    """Whether a dictionary match is a mention: see the module docstring for the guards."""
    run = words[hit.first : hit.last + 1]
    if not (_capitalized(run[0].text) and _capitalized(run[-1].text)):
        return False
    if len(run) == 1 and _plain_word(run[0].text, lang):
        return False
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
        hit.last > hit.first or (hit.schema == "Organization" and place == (hit.first, hit.first))
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
    if detect_script(word) == "Cyrillic":
        return is_given_name_form(word, lang)
    return detect_script(word) == "Latin" and is_common_english(word)


def _named(word: str) -> bool:
    """True when rigour's name data knows the word (a given name or a surname, in any script)."""
    tokens = analyze_name(word, "Person").tokens
    return len(tokens) == 1 and any(s.startswith("name:") for s in tokens[0].symbols)


def _trim(
    words: list[TextWord], span: tuple[int, int], kind: str, lang: str | None, listed: set[int] | None = None
) -> tuple[int, int] | None:
    """A span without the words before the name; None when what is left names no one.

    A person's span loses leading words that no name data knows (Праваабаронца,
    Прыхільнікі: natasha tags the role with the name in Belarusian text); an
    organization's loses a leading article. A single ordinary word (Minsk,
    Group, Bank, tagged as an organization in a headline) is not a name, unless
    it is a listed name in full (Сбербанк is also a Russian noun).
    """
    first, last = span
    if kind == "Person":
        while first < last and (
            is_not_a_name(words[first].text, lang)
            or not (is_given_name(words[first].text, lang) or _named(words[first].text))
        ):
            first += 1
        # natasha runs a headline's name into its verbs (ЛУКАШЕНКО ПЕРЕСТАВЛЯЕТ СИЛОВИКОВ)
        while last > first and is_not_a_name(words[last].text, lang):
            if last == first + 1 and is_given_name(words[first].text, lang):
                break  # Юлія Навальна: a surname that is also an adjective stays after a given name
            last -= 1
    else:
        while first < last and (
            words[first].text.lower() in ("the", "a", "an") or set(word_keys(words[first].text)) & LEGAL_FORMS
        ):
            first += 1  # the article, or the legal form before the name (ОАО «Гродно Азот»)
    if first == last and first not in (listed or ()) and _plain_word(words[first].text, lang):
        return None
    if all(len(w.text) < 2 for w in words[first : last + 1]):
        return None  # initials alone, a stray letter
    return first, last


def _pieces(
    text: str, words: list[TextWord], span: tuple[int, int], kind: str, lang: str | None
) -> list[tuple[int, int]]:
    """A model's span cut where it cannot be one name.

    At a paragraph break (a headline is not part of the first sentence's name), around a verb
    (ЛУКАШЕНКО ПЕРЕСТАВЛЯЕТ СИЛОВИКОВ), and for a person before a given name that follows a
    full name (Володимира Путіна | Віктор Медведчук); a surname written first (Лукашенко
    Александр) is not cut.
    """
    out: list[tuple[int, int]] = []
    first = span[0]
    for i in range(span[0], span[1] + 1):
        if is_verb(words[i].text, lang):
            if i > first:
                out.append((first, i - 1))
            first = i + 1
            continue
        if i == first:
            continue
        cut = text[words[i - 1].end : words[i].start].count("\n") >= 2
        if not cut and kind == "Person" and is_given_name(words[i].text, lang):
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


def _name_runs(text: str, words: list[TextWord], lang: str | None) -> list[tuple[int, int]]:
    """Capitalized runs (2-4 words, nothing but spaces between) that start with a given name."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        j = i
        while (
            j + 1 < len(words)
            and j + 1 - i < _MAX_RUN
            and _capitalized(words[j + 1].text)
            and not text[words[j].end : words[j + 1].start].strip()
        ):
            j += 1
        if (
            j > i
            and len(words[i].text) > 1
            and _capitalized(words[i].text)
            and (is_given_name(words[i].text, lang) or _named(words[i].text))
            and not is_not_a_name(words[i].text, lang)
        ):
            out.append((i, j))
            i = j + 1
        else:
            i += 1
    return out


def find_mentions(text: str, dictionary: NameDictionary | None = None) -> list[Mention]:
    """Every person and organization mention the finders agree is one, in text order.

    Args:
        text: plain text (see :func:`embargo.text.extract_main_text` for HTML).
        dictionary: listed names to scan for; without it only the models and name analysis run.
    """
    words = split_text(text)
    starts = [w.start for w in words]
    lang = text_language(text)
    candidates: list[Mention] = []
    places: list[tuple[int, int]] = []
    hits = dictionary.scan(words) if dictionary is not None else []
    # A single ordinary word is still a mention when it is a listed name in full (Сбербанк), not
    # when it is only an organization's short name (Весна for VESNA HOTEL AND SPA).
    listed = {h.first for h in hits if h.first == h.last and not (h.partial or h.short)}
    for ent in _model_entities(text):
        span = _word_range(words, starts, ent.start, ent.end)
        if span is None:
            continue
        if ent.kind == "Place":
            places.append(span)
            continue
        for piece in _pieces(text, words, span, ent.kind, lang):
            trimmed = _trim(words, piece, ent.kind, lang, listed)
            if trimmed is not None:
                candidates.append(_mention(text, words, trimmed, ent.kind, "ner"))
    kept = [hit for hit in hits if _keep_hit(hit, text, words, lang, places)]
    named = [(h.first, h.last, h.schema) for h in kept if h.last > h.first and not (h.partial or h.short)]
    # A model span around a listed name of another kind is the model's mistake (Виктора Шеймана Евросоюз as ORG).
    candidates = [
        c
        for c in candidates
        if not any(c.first <= a and b <= c.last and (a, b) != (c.first, c.last) and k != c.kind for a, b, k in named)
    ]
    for hit in kept:
        span = (
            (hit.first, hit.last)
            if hit.schema == "Person"
            else _trim(words, (hit.first, hit.last), hit.schema, lang, listed)
        )
        if span is None:
            continue
        m = _mention(text, words, span, hit.schema, "dictionary")
        m.listed, m.surname_only = hit.entities, hit.partial
        candidates.append(m)
    if lang in ("be", "uk") or (lang == "en" and not english_available()):
        for span in _name_runs(text, words, lang):
            for piece in _pieces(text, words, span, "Person", lang):
                trimmed = _trim(words, piece, "Person", lang)
                if trimmed is not None and trimmed[1] > trimmed[0]:
                    candidates.append(_mention(text, words, trimmed, "Person", "names"))
    mentions = merge(candidates)
    for m in mentions:
        inside = [h for h in kept if m.first <= h.first and h.last <= m.last]
        m.support = tuple(dict.fromkeys(e for h in inside for e in h.entities))
    return mentions


def _mention(text: str, words: list[TextWord], span: tuple[int, int], kind: str, source: str) -> Mention:
    first, last = span
    start, end = words[first].start, words[last].end
    return Mention(
        start, end, text[start:end], kind, [source], first, last, words=[w.text for w in words[first : last + 1]]
    )


def merge(candidates: list[Mention]) -> list[Mention]:
    """Overlapping candidates become one: the longest span, with every finder that saw it and its listed ids."""
    ordered = sorted(candidates, key=lambda m: (-(m.last - m.first), "ner" not in m.sources, m.first))
    kept: list[Mention] = []
    for m in ordered:
        other = next((k for k in kept if k.first <= m.last and m.first <= k.last), None)
        if other is None:
            kept.append(m)
            continue
        for source in m.sources:
            if source not in other.sources:
                other.sources.append(source)
        if (m.first, m.last) == (other.first, other.last):
            other.listed = tuple(dict.fromkeys(other.listed + m.listed))
            if "dictionary" in m.sources and not m.surname_only:
                other.kind = m.kind  # a listed full name says what it is better than the model's label
    return sorted(kept, key=lambda m: m.start)
