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

from embargo.names import analyze_name, detect_script, guess_language
from embargo.text._keys import TextWord, split_text, word_keys
from embargo.text._morph import is_common_word
from embargo.text._ner import Entity, english_available, english_entities, is_common_english, russian_entities
from embargo.text.dictionary import DictionaryHit, NameDictionary

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


def text_language(text: str) -> str | None:
    """``be``, ``uk``, ``ru`` for Cyrillic text, ``en`` for Latin text (by letter counts)."""
    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if cyr > lat:
        sample = "".join(ch for ch in text if "\u0400" <= ch <= "\u04ff" or ch in " \u2019'")
        return guess_language(sample[:20_000]) or "ru"
    return "en" if lat else None


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


def _keep_hit(hit: DictionaryHit, words: list[TextWord], lang: str | None) -> bool:
    run = words[hit.first : hit.last + 1]
    if not (_capitalized(run[0].text) and _capitalized(run[-1].text)):
        return False
    return not (len(run) == 1 and _plain_word(run[0].text, lang))


@lru_cache(maxsize=1)
def _given_keys() -> frozenset[str]:
    import natasha

    path = Path(natasha.__file__).parent / "data" / "dict" / "first.txt"
    names = path.read_text(encoding="utf-8").split()
    return frozenset(k for name in names for k in word_keys(name))


def is_given_name(word: str) -> bool:
    """True when a word is a known given name (Дмитрий, Dmitry, Святлана, Alexander).

    natasha's list of 7,600 first names (in its package), compared by key so
    that transliterations and inflected forms count; a Latin word is also one
    when it is in the English word index (WordNet lists Alexander, Elizabeth).
    rigour's name data does not tell given names from surnames, so it is not used here.
    """
    if any(k in _given_keys() for k in word_keys(word)):
        return True
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
        while first < last and not (is_given_name(words[first].text) or _named(words[first].text)):
            first += 1
    elif first < last and words[first].text.lower() in ("the", "a", "an"):
        first += 1
    if first == last and first not in (listed or ()) and _plain_word(words[first].text, lang):
        return None
    return first, last


def _name_runs(text: str, words: list[TextWord]) -> list[tuple[int, int]]:
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
            and (is_given_name(words[i].text) or _named(words[i].text))
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
    listed = {h.first for h in hits if h.first == h.last and not h.partial}
    for ent in _model_entities(text):
        span = _word_range(words, starts, ent.start, ent.end)
        if span is None:
            continue
        if ent.kind == "Place":
            places.append(span)
            continue
        span = _trim(words, span, ent.kind, lang, listed)
        if span is not None:
            candidates.append(_mention(text, words, span, ent.kind, "ner"))
    if hits:
        for hit in hits:
            if not _keep_hit(hit, words, lang) or any(p[0] <= hit.first and hit.last <= p[1] for p in places):
                continue
            m = _mention(text, words, (hit.first, hit.last), hit.schema, "dictionary")
            m.listed, m.surname_only = hit.entities, hit.partial
            candidates.append(m)
    if lang in ("be", "uk") or (lang == "en" and not english_available()):
        for span in _name_runs(text, words):
            trimmed = _trim(words, span, "Person", lang)
            if trimmed is not None and trimmed[1] > trimmed[0]:
                candidates.append(_mention(text, words, trimmed, "Person", "names"))
    return merge(candidates)


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
