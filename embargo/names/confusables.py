"""Words that mix alphabets: look-alike letters read in the script of the word.

``Lukashеnka`` with a Cyrillic ``е``, ``Рutin`` with a Cyrillic ``Р``,
``ΑBDULLAH`` with a Greek ``Α``: a copy-paste accident or a deliberate
evasion (the classic homoglyph trick) leaves a word whose letters look Latin
but are not, and which no Latin listed word equals. Such a word is read in
the script of most of its letters, each letter of another alphabet replaced
by the letter of that script it is confusable with, and the mix is kept as a
note for the explanation, so a reviewer sees that the name was not written
in one script. A word is never dropped: a letter with no look-alike in the
word's script stays as it is.

The look-alikes are Unicode's confusables data (UTS #39) as ICU ships it:
two letters are look-alikes when their skeletons are equal
(``icu.SpoofChecker.getSkeleton``: Cyrillic ``е`` and Latin ``e`` both
``e``). Only the alphabets whose letters share shapes are considered (Latin,
Cyrillic, Greek): words that mix Han and kana (Japanese), Hangul and Han
(Korean), or an Arabic article with a Latin name are mixed by design and
left alone.

A whole word can be the mix: ``Акционерное общество ACT`` writes the
company АСТ with Latin capitals that look like Cyrillic ones. A word of
capitals in another alphabet of the name, each with a look-alike in the
name's own alphabet, is read in that alphabet (:func:`unmix_in_name`), and
noted the same way. A word with any letter that has no look-alike there
(``BMW``) is a name in its own alphabet and stays as it is.

A name may also be Latin throughout and still hold such a word: the EU
writes the company АСТ as ``AO ACT``, its Russian legal form romanized and
its name copied in the Latin capitals that look like it. A query of that
kind gets a second reading (:func:`cyrillic_reading`) when it carries an
East Slavic legal form in Latin letters: its words of capitals with a
Cyrillic look-alike for every letter, and a letter that sounds otherwise
in Cyrillic (``C`` с, ``H`` н, ``P`` р, ``B`` в, ``X`` х, ``Y`` у), read
in Cyrillic (``AO АСТ``, romanized ``ast``).
"""

from __future__ import annotations

from functools import cache, lru_cache

import icu  # PyICU ships no stubs (ignored in pyproject)
from rigour._core import codepoint_script

__all__ = ["ALPHABETS", "Unmixed", "cyrillic_reading", "main_alphabet", "unmix_in_name", "unmix_word"]

#: Alphabets whose letters are confused with each other's.
ALPHABETS: tuple[str, ...] = ("Latin", "Cyrillic", "Greek")

#: The letters of each alphabet that a look-alike may be read as (both cases).
_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Latin": ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F)),
    "Cyrillic": ((0x400, 0x4FF),),
    "Greek": ((0x370, 0x3FF),),
}
_CHECKER = icu.SpoofChecker()


def _script(ch: str) -> str:
    return codepoint_script(ord(ch)) or "Common"


@cache
def _by_skeleton(script: str) -> dict[str, str]:
    """Skeleton to the plainest letter of ``script`` with that skeleton (lowest code point)."""
    table: dict[str, str] = {}
    for low, high in _RANGES[script]:
        for code in range(low, high + 1):
            ch = chr(code)
            if not ch.isalpha() or _script(ch) != script:
                continue
            table.setdefault(_CHECKER.getSkeleton(0, ch), ch)
    return table


class Unmixed:
    """A word read in one script.

    Attributes:
        word: the word with its look-alike letters replaced (the word itself when nothing was mixed).
        note: what was mixed and how it was read (``"Lukashеnka": 1 Cyrillic letter read as Latin (е→e)``),
            or None for a word in one script.
    """

    __slots__ = ("note", "word")

    def __init__(self, word: str, note: str | None) -> None:
        self.word = word
        self.note = note

    def __repr__(self) -> str:
        return f"Unmixed({self.word!r}, {self.note!r})"


@lru_cache(maxsize=65536)
def unmix_word(word: str) -> Unmixed:
    """``word`` read in the alphabet of most of its letters.

    Args:
        word: one word of a name, as written.

    Returns:
        The word with each letter of another alphabet (Latin, Cyrillic, Greek) replaced by its
        look-alike in the word's main alphabet where Unicode's confusables data has one, and a
        note saying so; the word unchanged (note None) when it is in one script, or mixes
        scripts that are not confusable alphabets.
    """
    if word.isascii():
        return Unmixed(word, None)
    counts: dict[str, int] = {}
    for ch in word:
        if ch.isalpha():
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
    if len(counts) < 2 or not set(counts) <= set(ALPHABETS):
        return Unmixed(word, None)
    main = max(counts, key=lambda s: (counts[s], -ALPHABETS.index(s)))
    table = _by_skeleton(main)
    out: list[str] = []
    read: list[str] = []
    others: dict[str, int] = {}
    for ch in word:
        script = _script(ch) if ch.isalpha() else main
        if script == main:
            out.append(ch)
            continue
        others[script] = others.get(script, 0) + 1
        found = table.get(_CHECKER.getSkeleton(0, ch))
        if found is None:
            out.append(ch)
            read.append(f"{ch}: no {main} look-alike, kept")
        else:
            out.append(found)
            read.append(f"{ch}→{found}")
    letters = ", ".join(f"{n} {s} letter{'s' if n > 1 else ''}" for s, n in sorted(others.items()))
    note = f"{word!r} mixes scripts: {letters} read as {main} ({'; '.join(read)})"
    return Unmixed("".join(out), note)


def main_alphabet(words: list[str]) -> str | None:
    """The alphabet (Latin, Cyrillic, Greek) of most letters of a name's words; None when another script leads."""
    counts: dict[str, int] = {}
    for word in words:
        for ch in word:
            if ch.isalpha():
                script = _script(ch)
                counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    main = max(counts, key=lambda s: (counts[s], -ALPHABETS.index(s) if s in ALPHABETS else -99))
    return main if main in ALPHABETS else None


@lru_cache(maxsize=65536)
def unmix_in_name(word: str, main: str) -> Unmixed:
    """A word of capitals of another alphabet read in the name's alphabet ``main``, when every letter has a
    look-alike there (``ACT`` in a Cyrillic name: ``АСТ``); the word unchanged (note None) otherwise.

    Args:
        word: one word of a name, as written (already read by :func:`unmix_word`).
        main: the alphabet of most of the name's letters (:func:`main_alphabet`).
    """
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2 or not word.isupper():
        return Unmixed(word, None)
    scripts = {_script(ch) for ch in letters}
    if len(scripts) != 1 or main in scripts or not scripts <= set(ALPHABETS):
        return Unmixed(word, None)
    table = _by_skeleton(main)
    out = [table.get(_CHECKER.getSkeleton(0, ch), "") if ch.isalpha() else ch for ch in word]
    if not all(out):
        return Unmixed(word, None)
    (script,) = scripts
    read = "".join(out)
    note = f"{word!r} is written in {script} letters in a {main} name: read as {main} ({word}→{read})"
    return Unmixed(read, note)


#: Russian, Ukrainian and Belarusian legal forms as the lists romanize them (AO, OOO, PAO...).
_EAST_SLAVIC_FORMS = frozenset(
    {"ao", "oao", "zao", "pao", "nao", "ooo", "odo", "tov", "pat", "prat", "at", "gup", "fgup", "mup", "up", "chup"}
)
#: Latin capitals whose Cyrillic look-alike is another sound (C с, H н, P р, B в, X х, Y у).
_OTHER_SOUND = frozenset("CHPBXY")


def cyrillic_reading(words: list[str]) -> tuple[list[str], str] | None:
    """The words of a Latin name with an East Slavic legal form, its look-alike capitals read in Cyrillic.

    Args:
        words: the name's words as written.

    Returns:
        The words with each such word replaced (``["AO", "АСТ"]``) and a note for the explanation, or
        None when the name has no East Slavic legal form, or no word that reads otherwise in Cyrillic.
    """
    if not any(w.lower().strip(".") in _EAST_SLAVIC_FORMS for w in words):
        return None
    out: list[str] = []
    notes: list[str] = []
    for word in words:
        read = None
        if word.lower() not in _EAST_SLAVIC_FORMS and _OTHER_SOUND & set(word):
            unmixed = unmix_in_name(word, "Cyrillic")
            read = unmixed.word if unmixed.note is not None else None
        out.append(read or word)
        if read:
            notes.append(f"{word}→{read}")
    if not notes:
        return None
    note = "Latin capitals that look like Cyrillic ones beside an East Slavic legal form, also read in Cyrillic: "
    return out, note + ", ".join(notes)
