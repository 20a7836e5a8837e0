"""Mentions of people and organizations in a text: NER, the dictionary scan, name analysis.

The finders, merged:

* the NER models (:mod:`._ner`): spaCy's English pipeline on Latin text,
  natasha on Cyrillic text; in a Latin text of another language (French,
  Spanish, German...), the English model's spans are kept only where they
  look like names in that language (:func:`._latin.latin_persons`);
* the dictionary scan (:class:`~embargo.text.dictionary.NameDictionary`), so a
  listed name is found even where the model is silent (Belarusian text, an
  unusual spelling), with guards where the model did not agree: the words must
  be capitalized, a single word must not be an ordinary dictionary word (Group,
  Bank, Minsk, said), a match inside a place the model tagged is kept only when
  it is clearly the listed name, a listed vessel only after a word such as tanker;
* capitalized runs of two to four words starting with a known given name
  (natasha's first names, pymorphy3's given-name parses, rigour's given-name
  groups), for text the models do not cover well (Belarusian, Ukrainian, any
  Latin-script language, English without spaCy);
* state bodies named by what they are or by acronym (:mod:`.bodies`: Interior
  Ministry, Міністэрства абароны, КДБ), which replace the models' spans over them;
* organisations marked by how they are written (:mod:`._marked`): a quoted name
  after a noun for a kind of organisation, an acronym outside a headline.

Every span is cut and trimmed first (:mod:`._spans`: paragraph breaks, verbs, a
second person's name, roles, legal forms). A model's span around a listed name
of another kind gives way to it; otherwise, where spans overlap, the longer one wins.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import pairwise

from embargo.names import detect_script, romanize
from embargo.text._keys import TextWord, split_text
from embargo.text._latin import (
    english_spelling,
    english_word,
    is_latin_given_name,
    latin_language,
    latin_persons,
    other_latin,
)
from embargo.text._marked import acronym_spans, headed_spans, quoted_spans
from embargo.text._morph import phrase_nominative
from embargo.text._ner import Entity, english_available, english_entities, russian_entities
from embargo.text._spans import is_given_name, keep_hit, name_runs, pieces, trim
from embargo.text.bodies import BodyMatch, country_after, find_bodies
from embargo.text.dictionary import DictionaryHit, NameDictionary

__all__ = ["Mention", "find_mentions", "is_given_name", "text_language"]

#: A model is run when its script holds at least this share of the letters.
_SCRIPT_SHARE = 0.05


@dataclass(slots=True)
class Mention:
    """A person or organization named in a text.

    Attributes:
        start, end: character offsets in the text (``text[start:end]`` is the surface form).
        text: the surface form.
        kind: ``Person``, ``Organization`` or ``Vessel``.
        sources: which finders saw it (``ner``, ``dictionary``, ``names``, ``coref``).
        first, last: indexes of its first and last word in the text's words.
        listed: entity ids whose listed name the dictionary found on these words.
        surname_only: the words are one surname (the dictionary's short form, or a back-reference).
        words: the words, as written.
        resolved: the full name in its dictionary form (set by :func:`embargo.text.coref.resolve`).
        antecedent: for a surname alone, the index of the earlier full mention it refers back to.
        rivals: other earlier full names with the same surname (the reference is then uncertain).
        support: entity ids of every listed name (or listed surname) the dictionary found on its words.
        body: for a state body named by what it is (Interior Ministry) or an acronym (KGB), the listed
            bodies it may be.
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
    #: for a state body named by what it is or by an acronym, the listed bodies it may be (:mod:`.bodies`)
    body: BodyMatch | None = None
    #: the name as the lists would spell it, screened too (Iwan Tertel in a German text: Ivan Tertel)
    variants: list[str] = field(default_factory=list)


def text_language(text: str) -> str | None:
    """``be``, ``uk``, ``ru`` for Cyrillic text (by letter counts); for Latin text ``en``, ``fr``,
    ``es``, ``de``, ``it``, ``pt``, ``nl`` or ``pl`` (by frequent words, :func:`~._latin.latin_language`).

    Counted over the whole text, not per name: Russian has no і (so и far outnumbers the і
    of a quoted Belarusian name), Belarusian alone has ў and no и, Ukrainian alone has ї, є and ґ.
    """

    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if cyr <= lat:
        return latin_language(text) if lat else None
    lower = text.lower()
    count = {ch: lower.count(ch) for ch in "іўїєґиыэ"}
    ukrainian = count["ї"] + count["є"] + count["ґ"]
    belarusian = count["ў"] + (count["ы"] + count["э"] if count["и"] < count["і"] else 0)
    if 3 * count["і"] < count["и"] and 3 * max(ukrainian, count["ў"]) < count["и"]:
        return "ru"
    return "be" if belarusian > ukrainian else "uk"


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


def find_mentions(text: str, dictionary: NameDictionary | None = None, models: bool = True) -> list[Mention]:
    """Every person and organization mention the finders agree is one, in text order.

    Args:
        text: plain text (see :func:`embargo.text.extract_main_text` for HTML).
        dictionary: listed names to scan for; without it only the models and name analysis run.
        models: run the language models (spaCy NER) too; False: the dictionary alone finds mentions
            (a payment's remittance line: a few words, in capitals, screened in about a millisecond).
    """
    words = split_text(text)
    starts = [w.start for w in words]
    lang = text_language(text)
    candidates: list[Mention] = []
    places: list[tuple[int, int]] = []
    hits = _scan(text, words, lang, dictionary) if dictionary is not None else []
    # A single ordinary word is still a mention when it is a listed name in full (Сбербанк), not
    # when it is only an organization's short name (Весна for VESNA HOTEL AND SPA).
    listed = {h.first for h in hits if h.first == h.last and not (h.partial or h.short)}
    for ent in _model_entities(text) if models else ():
        span = _word_range(words, starts, ent.start, ent.end)
        if span is None:
            continue
        if ent.kind == "Place":
            places.append(span)
            continue
        for piece in pieces(text, words, span, ent.kind, lang):
            trimmed = trim(words, piece, ent.kind, lang, listed)
            if trimmed is not None and ent.kind == "Organization" and lang in ("ru", "uk", "be", "pl", "de"):
                # the country after a body's name is part of it (Высшего совета национальной безопасности Ирана)
                trimmed = (trimmed[0], country_after(words, text, trimmed[1], lang))
            if trimmed is not None:
                candidates.append(_mention(text, words, trimmed, ent.kind, "ner"))
    kept = [hit for hit in hits if keep_hit(hit, text, words, lang, places)]
    # the same listed name again where capitals tell nothing (a sentence's first word: Росгвардія отримала)
    proper = {h.entities for h in kept if h.first == h.last and h.schema == "Organization" and not h.partial}
    taken = set(kept)
    kept += [h for h in hits if h.first == h.last and h.entities in proper and h not in taken]
    named = [(h.first, h.last, h.schema) for h in kept if h.last > h.first and not (h.partial or h.short)]
    # A model span around a listed name of another kind is the model's mistake (Виктора Шеймана Евросоюз as ORG).
    candidates = [
        c
        for c in candidates
        if not any(c.first <= a and b <= c.last and (a, b) != (c.first, c.last) and k != c.kind for a, b, k in named)
    ]
    for hit in kept:
        span = (
            _without_rank(words, hit.first, hit.last)
            if hit.schema == "Person"
            else trim(words, (hit.first, hit.last), hit.schema, lang, listed)
        )
        if span is None:
            continue
        m = _mention(text, words, span, hit.schema, "dictionary")
        m.listed, m.surname_only = hit.entities, hit.partial
        candidates.append(m)
    if lang in ("be", "uk") or (lang == "en" and not english_available()):
        for span in name_runs(text, words, lang):
            for piece in pieces(text, words, span, "Person", lang):
                trimmed = trim(words, piece, "Person", lang)
                if trimmed is not None and trimmed[1] > trimmed[0]:
                    candidates.append(_mention(text, words, trimmed, "Person", "names"))
    elif lang is not None and lang not in ("ru", "uk", "be"):
        # Latin script: given-name runs beside the English model, and its spans checked for the language
        candidates = latin_persons(
            text, words, lang, candidates, lambda span, source: _mention(text, words, span, "Person", source)
        )
        if lang != "en":
            candidates = [_without_opening_noun(text, words, c, kept, lang) for c in candidates]
    if other_latin(lang):
        # a name headed by a kind of organisation (Procura di Genova), unless it runs into a person's name
        people = [(c.first, c.last) for c in candidates if c.kind == "Person"]
        candidates += [
            _mention(text, words, span, "Organization", "headed")
            for span in headed_spans(text, words, lang)
            if not any(a <= span[1] and span[0] <= b for a, b in people)
        ]
    candidates += [_mention(text, words, span, "Organization", "quoted") for span in quoted_spans(text, words)]
    candidates += [_mention(text, words, (i, i), "Organization", "acronym") for i in acronym_spans(text, words, lang)]
    candidates = _with_bodies(text, words, lang, dictionary, candidates)
    mentions = merge(_joined_people(text, words, candidates))
    for m in mentions:
        inside = [h for h in kept if m.first <= h.first and h.last <= m.last]
        m.support = tuple(dict.fromkeys(e for h in inside for e in h.entities))
        if m.kind == "Person" and len(m.words) > 1 and (spelled := english_spelling(m.words, lang)) is not None:
            m.variants.append(spelled)
        if m.kind == "Person" and len(m.words) > 1 and (foreign := _foreign_spelling(m.words)) is not None:
            m.variants.append(foreign)
        if m.kind == "Organization" and (nominative := phrase_nominative(m.words, lang)) is not None:
            m.variants.append(nominative)  # Минском автомобильном заводе: Минский автомобильный завод
    return mentions


def _foreign_spelling(words: list[str]) -> str | None:
    """A foreign (Arabic, Persian, English) name written in Cyrillic as the lists romanize it: Cyrillic
    writes their j as дж, which romanization makes dzh (Садек Лариджани: Sadek Larijani, against the
    lists' Sadegh LARIJANI); None when no word has дж."""
    if not any("дж" in w.lower() for w in words):
        return None
    spelled = [romanize(w.replace("Дж", "J").replace("дж", "j").replace("ДЖ", "J")) for w in words]
    return " ".join(s[0] if s else w for s, w in zip(spelled, words, strict=True))


#: Ranks and offices a list may write as part of a person's name (Senior General Min Aung Hlaing); a
#: text's mention starts at the name, as its other titles do not count.
_RANKS = frozenset(
    {"senior", "general", "colonel", "lieutenant", "major", "brigadier", "admiral", "marshal", "captain"}
    | {"commander", "president", "chairman", "général", "coronel", "oberst", "генерал", "полковник", "майор"}
    | {"генерал-лейтенант", "генерал-майор", "генерал-полковник", "адмирал", "маршал", "капитан"}
)


def _without_rank(words: list[TextWord], first: int, last: int) -> tuple[int, int]:
    """A listed person's name found with a rank the list writes in it: the name from its first word that
    is no rank, when two words of it are left."""
    while last - first >= 2 and words[first].text.lower() in _RANKS:
        first += 1
    return first, last


def _without_opening_noun(
    text: str, words: list[TextWord], m: Mention, hits: list[DictionaryHit], lang: str | None
) -> Mention:
    """A two-word person span that opens a sentence with a noun the English model took for a given name
    (Polish Podwładni Tertela, German Bruder Assads): the listed surname after it alone, when no listed
    full name covers both words and the first is no known given name."""
    if m.kind != "Person" or m.last != m.first + 1 or is_latin_given_name(words[m.first].text, lang):
        return m
    before = text[: words[m.first].start].rstrip(" \t")
    if before and not before.endswith(("\n", ".", "!", "?", "»", '"', "“")):
        return m
    surname = any(h.first == h.last == m.last and h.partial for h in hits)
    full = any(h.first <= m.first and m.last <= h.last and not h.partial for h in hits)
    if not surname or full:
        return m
    return _mention(text, words, (m.last, m.last), "Person", m.sources[0])


def _scan(text: str, words: list[TextWord], lang: str | None, dictionary: NameDictionary) -> list[DictionaryHit]:
    """The dictionary's hits on the words as written and, for a language that spells sounds otherwise than
    the lists (German Baschar, Machluf; Polish Szejman), as the lists would spell them. A hit does not
    run across the end of a sentence (ВТБ. Банк is not VTB Bank)."""
    hits = dictionary.scan(words)
    respelled = [TextWord(w.start, w.end, english_word(w.text, lang)) for w in words]
    if any(a.text != b.text for a, b in zip(words, respelled, strict=True)):
        seen = {(h.first, h.last) for h in hits}
        hits += [h for h in dictionary.scan(respelled) if (h.first, h.last) not in seen]
    return [h for h in hits if not any(_sentence_end(text, words, i) for i in range(h.first, h.last))]


def _sentence_end(text: str, words: list[TextWord], i: int) -> bool:
    """True when a sentence ends between word ``i`` and the next (a full stop after a word of two letters
    or more: not the initial of A. G. Lukashenko)."""
    gap = text[words[i].end : words[i + 1].start]
    return any(c in gap for c in "!?\n") or ("." in gap and len(words[i].text) > 1)


def _with_bodies(
    text: str, words: list[TextWord], lang: str | None, dictionary: NameDictionary | None, candidates: list[Mention]
) -> list[Mention]:
    """Add the state bodies the press names by what they are or by acronym (:func:`.bodies.find_bodies`).

    Such a span replaces the models' spans over it (El Consejo Nacional Electoral, MINSK - Belarus's
    Central Election Commission) but gives way to a listed organisation's full name that the dictionary
    found reaching past it (Belarus Ministry of Defence) and to a person's name no model proposed.
    """
    index = dictionary.bodies if dictionary is not None else None
    bodies: list[Mention] = []
    for span in find_bodies(text, words, lang, index):
        listed = [
            c
            for c in candidates
            if "dictionary" in c.sources
            and c.listed
            and not c.surname_only
            and c.first <= span.last
            and span.first <= c.last
            and not (span.first <= c.first and c.last <= span.last)
        ]
        if listed:
            continue
        m = _mention(text, words, (span.first, span.last), "Organization", "bodies")
        m.body = index.match(span, words) if index is not None else None
        bodies.append(m)
    if not bodies:
        return candidates
    kept = [
        c
        for c in candidates
        if not any(c.first <= b.last and b.first <= c.last for b in bodies)
        or (c.kind == "Person" and "ner" not in c.sources)
    ]
    return kept + bodies


def _mention(text: str, words: list[TextWord], span: tuple[int, int], kind: str, source: str) -> Mention:
    first, last = span
    start, end = words[first].start, words[last].end
    return Mention(
        start, end, text[start:end], kind, [source], first, last, words=[w.text for w in words[first : last + 1]]
    )


def _joined_people(text: str, words: list[TextWord], candidates: list[Mention]) -> list[Mention]:
    """Two person spans sharing a word, each from a finder that saw part of the name (the English
    model's Choe Son, the name runs' Son Hui), are one name of up to four words (Choe Son Hui)."""
    people = sorted((c for c in candidates if c.kind == "Person"), key=lambda c: (c.first, c.last))
    joined: list[Mention] = []
    for a, b in pairwise(people):
        if a.first < b.first <= a.last < b.last and b.last - a.first < _MAX_NAME_WORDS:
            union = _mention(text, words, (a.first, b.last), "Person", a.sources[0])
            union.sources = list(dict.fromkeys(a.sources + b.sources))
            joined.append(union)
    return candidates + joined


#: The most words a person's name has in a text (Aliaksandr Ryhoravich Lukashenka; Julio César Avilés Castillo).
_MAX_NAME_WORDS = 4


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
