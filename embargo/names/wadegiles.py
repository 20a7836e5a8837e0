"""Chinese names in Wade-Giles, read in Pinyin: "Mao Tse-tung" is "Mao Zedong".

Lists romanize Chinese names in Hanyu Pinyin (``ZHOU Jianshu``); the press,
older documents and Taiwanese passports write Wade-Giles (``Chou Chien-shu``),
whose letters say other things: ``hs`` is Pinyin ``x``, ``ch`` is ``zh`` or
``j``, ``ts``/``tz`` is ``z``, ``k``/``t``/``p`` without the aspiration mark
(an apostrophe) are ``g``/``d``/``b``, ``-ung`` is ``-ong``, and a given name's
syllables are joined by a hyphen where Pinyin writes one word. The phonetic
key cannot bridge that, so a query written in Wade-Giles is also read in
Pinyin, syllable by syllable, with the standard conversion table, and that
reading is screened as one more name of the query (:func:`query_readings`).

The table is pypinyin's Wade-Giles table (MIT licence; compiled from the
Wade-Giles tables of Wikipedia, UCLA and the University of Chicago Library's
"Wade-Giles to Pinyin conversion table"), loaded as data, not retyped here.
A syllable written without its aspiration mark (as most writers drop it:
"Hsi Chin-ping") is read unaspirated (``ping`` -> ``bing``); the scorer's
typo budget then forgives the one letter (``jinbing`` / ``jinping``).

A name is read so only when every word is one Wade-Giles syllable or
syllables joined by hyphens, and at least one syllable is Wade-Giles and not
Pinyin (``hsi``, ``tse``, ``tung``, ``chien``, ``shih``) or carries an
aspiration mark: a Pinyin name, or one of another language, is left alone.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

from embargo.names.analyze import analyze_name, repeated_spellings
from embargo.names.confusables import cyrillic_reading
from embargo.names.japanese import hepburn_readings, may_be_japanese
from embargo.names.name import AnalyzedName

__all__ = [
    "longest_syllable",
    "pinyin_reading",
    "pinyin_syllables",
    "query_readings",
    "wade_giles_readings",
    "wade_giles_syllable",
]

_APOSTROPHES = "'’‘ʼ`ʻ"
_WORDS = re.compile(r"[\s,]+")


def _pypinyin_table() -> list[tuple[str, str]]:
    """The (Pinyin, Wade-Giles) pairs of pypinyin's table, read from its source as data.

    Importing pypinyin would load its phrase dictionaries (a third of a second and tens of MB
    in every worker) for a table of 420 pairs, so the list literal is read from the module's file.
    """
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        raise ImportError("pypinyin is not installed (pip install pypinyin): it holds the Wade-Giles table")
    source = Path(spec.origin).parent / "style" / "wadegiles.py"
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "_convert_table" for t in node.targets
        ):
            return [(str(py), str(wg)) for py, wg in ast.literal_eval(node.value)]
    raise ImportError(f"no _convert_table in {source}: pypinyin changed its Wade-Giles module")


@cache
def _readings() -> dict[tuple[str, bool], str]:
    """(Wade-Giles syllable, aspirated) -> Pinyin, the first reading the table gives."""
    readings: dict[tuple[str, bool], str] = {}
    for py, wg in _pypinyin_table():
        read = py.replace("v", "u").replace("ü", "u")
        aspirated = "'" in wg
        bare = wg.replace("'", "")
        readings.setdefault((bare, aspirated), read)
        # Writers drop the diaeresis as often as the apostrophe: "chuan" may be chüan.
        readings.setdefault((bare.replace("ü", "u"), aspirated), read)
    return readings


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every Pinyin syllable of the table, without tone or diaeresis."""
    return frozenset(py.replace("v", "u").replace("ü", "u") for py, _ in _pypinyin_table())


def wade_giles_syllable(syllable: str) -> str | None:
    """The Pinyin reading of one Wade-Giles syllable (``tse`` -> ``ze``, ``ch'eng`` -> ``cheng``), or None."""
    aspirated = any(a in syllable for a in _APOSTROPHES)
    bare = syllable.lower().translate({ord(a): None for a in _APOSTROPHES}).replace("u:", "ü")
    found = _readings().get((bare, aspirated))
    if found is None and aspirated:
        found = _readings().get((bare, False))
    return found


@cache
def longest_syllable() -> int:
    """Letters of the longest Wade-Giles syllable written without its marks (``hsiung``: 6)."""
    return max(len(bare) for bare, _ in _readings())


@lru_cache(maxsize=16384)
def wade_giles_readings(syllable: str) -> frozenset[str]:
    """Every Pinyin reading of a Wade-Giles syllable written without its marks (``chang`` -> zhang, chang).

    Lists and passports drop the aspiration apostrophe and the diaeresis, so a bare syllable may be
    either the unaspirated or the aspirated one; empty when it is no Wade-Giles syllable.
    """
    bare = syllable.lower().translate({ord(a): None for a in _APOSTROPHES})
    table = _readings()
    return frozenset(r for r in (table.get((bare, False)), table.get((bare, True))) if r is not None)


@lru_cache(maxsize=16384)
def pinyin_reading(name: str) -> str | None:
    """A name written in Wade-Giles, read in Pinyin ("Hsi Chin-p'ing" -> "Xi Jinping"), or None.

    Args:
        name: a person's name as typed.

    Returns:
        The Pinyin reading, hyphenated syllables joined into one word; None when the name is not
        all Wade-Giles syllables or shows nothing that Pinyin would not write the same.
    """
    words = [w for w in _WORDS.split(name.strip()) if w]
    if not words or not all(w.isascii() or "ü" in w for w in words):
        return None
    out: list[str] = []
    telling = False
    for word in words:
        syllables = [s for s in word.split("-") if s]
        if not syllables:
            return None
        read: list[str] = []
        for syllable in syllables:
            py = wade_giles_syllable(syllable)
            if py is None:
                return None
            bare = syllable.lower().translate({ord(a): None for a in _APOSTROPHES})
            telling = telling or bare != syllable.lower() or bare.replace("ü", "u") not in pinyin_syllables()
            read.append(py)
        out.append("".join(read).capitalize())
    return " ".join(out) if telling else None


def query_readings(name: str, schema: str) -> list[AnalyzedName]:
    """A query name analyzed, followed by its other readings when it is a person's name.

    A name in Wade-Giles is also read in Pinyin; one with kana, or of three kanji or more
    (:func:`.japanese.may_be_japanese`), is also read in Japanese Hepburn (:mod:`.japanese`), beside
    its Chinese reading, with ``lang`` ``ja``. An organisation's name in Latin letters with an East
    Slavic legal form is also read with its look-alike capitals in Cyrillic
    (:func:`.confusables.cyrillic_reading`: ``AO ACT`` as ``AO АСТ``). A person's name written two or
    three times over in one field is read as each of its spellings (:func:`.analyze.repeated_spellings`),
    and in no other way. A reading keeps the name as typed as its ``original``, so a hit still shows
    the query.
    """
    analyzed = analyze_name(name, schema)
    if schema == "Person" and (spellings := repeated_spellings(name)):
        # one name written two or three times over: each spelling is a reading (.analyze)
        return [analyzed, *(replace(analyze_name(s, schema), original=name) for s in spellings)]
    if schema != "Person":
        cyrillic = cyrillic_reading(name.split()) if analyzed.kind == "org" and analyzed.script == "Latin" else None
        if cyrillic is None:
            return [analyzed]
        words, note = cyrillic
        return [analyzed, replace(analyze_name(" ".join(words), schema), original=name, mixed=(note,))]
    if analyzed.script != "Latin":
        if not may_be_japanese(name):
            return [analyzed]
        return [analyzed, *(replace(analyze_name(r, schema), original=name, lang="ja") for r in hepburn_readings(name))]
    reading = pinyin_reading(name)
    if reading is None:
        return [analyzed]
    return [analyzed, replace(analyze_name(reading, schema), original=name)]
