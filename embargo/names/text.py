"""Text of names: folding to a comparison form, scripts, and words.

Everything here works on the letters of a name before any transliteration:

* :func:`fold` is the one normal form used for comparisons inside a script:
  Unicode NFKC (full-width letters, ligatures, compatibility digits), case
  folding, Latin diacritics stripped to ASCII (``Lukašenka`` -> ``lukasenka``,
  ``ß`` -> ``ss``), punctuation turned into spaces. Letters of other scripts
  are kept as they are: transliteration is :mod:`.translit`'s job.
* Apostrophes and their look-alikes are deleted, not turned into spaces:
  ``O'Neil`` is one word (``oneil``), and so is a BGN romanization with a
  soft-sign prime (``Grigorʹyevich``). Hyphens separate words (``Abu-Bakr``
  -> ``abu bakr``, ``Al-Qaida`` -> ``al qaida``, ``Jong-un`` -> ``jong un``):
  lists write such names both hyphenated and spaced, rarely joined, so the
  split form meets most spellings; joining neighbours is left to matching.
* :func:`detect_script` names the dominant script, using the Unicode script
  property as rigour's Rust core reports it (``Latin``, ``Cyrillic``,
  ``Han``, ``Hangul``, ``Katakana``...), ``Common`` for text without letters.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import icu  # PyICU ships no stubs (ignored in pyproject)
from rigour._core import codepoint_script, text_scripts

__all__ = ["Word", "detect_script", "fold", "split_words"]

#: Apostrophes, primes and invisible joiners: deleted inside a word. The
#: middle dot separates words (弗拉基米尔·普京, Catalan l·l).
_JOINERS = frozenset("'`´ʹʺʻʼʽˈ‘’‛′\u00ad\u200b\u200c\u200d\u2060\ufeff")
_JOINER_CHARS = "".join(_JOINERS)
_NEUTRAL = frozenset({"Common", "Inherited", "Unknown", ""})
_LATIN_ASCII = icu.Transliterator.createInstance("Latin-ASCII")


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a name as written, before romanization.

    Attributes:
        raw: the word as written (NFKC), e.g. ``LUKASHENKA`` or ``Аляксандр``.
        folded: :func:`fold` of the word without its joiners, e.g. ``аляксандр``.
        part: 0 for words before the first comma of the name, 1 after it.
    """

    raw: str
    folded: str
    part: int

    @property
    def upper(self) -> bool:
        """True for a word written in capitals (two letters or more)."""
        letters = [ch for ch in self.raw if ch.isalpha()]
        return len(letters) > 1 and all(ch.isupper() for ch in letters)


@lru_cache(maxsize=8192)
def _char_class(ch: str) -> str:
    """``w`` word character, ``j`` joiner, ``,`` comma, `` `` separator."""
    if ch in _JOINERS:
        return "j"
    if ch == ",":
        return ","
    cat = unicodedata.category(ch)
    if cat[0] in "LMN":
        return "w"
    return "j" if cat == "Cf" else " "


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _LATIN_ASCII.transliterate(text).casefold()
    out = [ch if (c := _char_class(ch)) == "w" else ("" if c == "j" else " ") for ch in text]
    return " ".join("".join(out).split())


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Comparison form of a text within its script.

    NFKC, case folding, Latin letters to ASCII, apostrophes deleted, other
    punctuation and symbols to single spaces; non-Latin letters are kept.

    Args:
        text: any text.

    Returns:
        The folded text; ``fold(fold(x)) == fold(x)``.
    """
    folded = _fold_once(text)
    # Case folding and NFKC do not commute for a few letters (Greek with
    # dialytika and tonos, some ligatures); a second round settles them.
    for _ in range(3):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


@lru_cache(maxsize=131072)
def detect_script(text: str) -> str:
    """The script most letters of ``text`` are written in.

    Args:
        text: a name or a word.

    Returns:
        A Unicode script name (``Latin``, ``Cyrillic``, ``Arabic``, ``Han``,
        ``Hangul``, ``Hiragana``, ``Katakana``, ``Greek``...), ``Common`` when
        the text has no letters. Ties go to the script seen first.
    """
    if text.isascii():
        return "Latin" if any(ch.isalpha() for ch in text) else "Common"
    scripts = text_scripts(text) - _NEUTRAL
    if len(scripts) <= 1:
        return next(iter(scripts), "Common")
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            script = codepoint_script(ord(ch)) or ""
            if script not in _NEUTRAL:
                counts[script] += 1
    if not counts:
        return "Common"
    return counts.most_common(1)[0][0]


@lru_cache(maxsize=65536)
def split_words(text: str) -> tuple[Word, ...]:
    """The words of a name, as written, with the comma part they belong to.

    Args:
        text: a name as written.

    Returns:
        Words in order; a word whose fold is empty is dropped, and a word
        whose fold holds spaces (a ligature of several words) is split.
    """
    words: list[Word] = []
    part, seen = 0, False
    # Whitespace always ends a word, so a name is read chunk by chunk and a
    # chunk (mostly one word, met again in other names) is read once.
    for chunk in unicodedata.normalize("NFKC", text).split():
        found, part, seen = _chunk_words(chunk, part, seen)
        words.extend(found)
    return tuple(words)


@lru_cache(maxsize=262144)
def _chunk_words(chunk: str, part: int, seen: bool) -> tuple[tuple[Word, ...], int, bool]:
    """The words of a chunk without whitespace, given the part and whether words came before it.

    Returns:
        The chunk's words, the part after it, and whether any word came so far.
    """
    words: list[Word] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            raw = "".join(current).rstrip(_JOINER_CHARS)
            current.clear()
            folded = fold(raw)
            for piece in folded.split():
                words.append(Word(raw if piece == folded else piece, piece, part))

    for ch in chunk:
        cls = _char_class(ch)
        if cls == "w":
            current.append(ch)
        elif cls == "j":
            if current:
                current.append(ch)
        else:
            flush()
            if cls == "," and (words or seen):
                part = 1
    flush()
    return tuple(words), part, seen or bool(words)
