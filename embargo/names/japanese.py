"""Japanese names in kanji and kana, read in Hepburn: 山田太郎 is "Yamada Taro".

Lists write Japanese people in Hepburn romaji (``TAKAYAMA, Kiyoshi``); a
bank's Japanese customers are written in kanji, with kana for the reading.
ICU's ``Han-Latin`` reads kanji in Mandarin Pinyin (山田太郎 -> "shan tian
tai lang"), which is right for a Chinese name and wrong for a Japanese one,
and kanji alone do not tell which the name is. So a person's name written
with kanji or kana is also read in Japanese with kakasi's published reading
dictionary (pykakasi), and that reading is screened as one more name of the
query, beside the Chinese one, never instead of it (:func:`hepburn_readings`).

* Kanji are read word by word from a general dictionary, not a dictionary of
  names: family names mostly come out right, given names often do not (a
  given name has many readings, and 照明 "Teruaki" is read as the word
  "shoumei"); docs/matching.md gives the measured rate. A wrong reading only
  costs a candidate that the scorer rejects.
* A name typed without a space is split after its first dictionary word,
  because Japanese writes the family name first and most family names are
  one dictionary word (山田|太郎); the scorer aligns words in any order.
* Hepburn as dictionaries write it keeps long vowels (``tarou``, ``gotou``,
  ``oono``); lists and passports mostly drop them (Taro, Goto, Ono), but not
  always (``GOTOU``). Both are given. The long vowel cannot be folded blindly
  inside a word (``inoue`` is i-no-u-e), so the folded reading is an extra one.
* A name with a character the dictionary cannot read (most Simplified
  Chinese forms: 伟, 习) is not Japanese and gets no reading.

pykakasi is imported the first time a name needs it (it loads its
dictionaries, about half a second), so other queries never pay for it. It
is an optional dependency (GPL-3.0; docs/dependencies.md): without it,
names get no Japanese reading and a warning is logged once.
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from typing import Any

__all__ = ["fold_long_vowels", "has_japanese_letters", "has_kana", "hepburn_readings", "load_reader", "may_be_japanese"]

log = logging.getLogger(__name__)

#: Kanji (CJK unified ideographs and extensions A, compatibility ideographs), hiragana and katakana.
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff\uff66-\uff9f]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
#: Fewest kanji of a name without kana that is also read in Japanese: Japanese names in kanji have
#: three or four (山田太郎, 佐藤健), Chinese names two or three (王伟, 习近平), so a two-character
#: name is read as Chinese only, and each reading tried is one more chance of a coincidence.
MIN_KANJI = 3
_SPACES = re.compile(r"[\s\u3000・･,、]+")
_LONG = re.compile("ou|oo|uu")


def has_japanese_letters(name: str) -> bool:
    """Whether a name has kanji or kana (and so may be a Japanese name)."""
    return not name.isascii() and _JAPANESE.search(name) is not None


def has_kana(name: str) -> bool:
    """Whether a name has hiragana or katakana (and so is written in Japanese)."""
    return not name.isascii() and _KANA.search(name) is not None


def may_be_japanese(name: str) -> bool:
    """Whether a name with kanji or kana is read in Japanese too: it has kana, or :data:`MIN_KANJI` kanji or more."""
    if not has_japanese_letters(name):
        return False
    return has_kana(name) or sum(1 for ch in name if _JAPANESE.match(ch)) >= MIN_KANJI


def fold_long_vowels(reading: str) -> str:
    """``tarou`` -> ``taro``, ``oono`` -> ``ono``, ``yuusuke`` -> ``yusuke``: long vowels written once."""
    return _LONG.sub(lambda m: m.group(0)[0], reading)


@cache
def _kakasi() -> Any | None:
    try:
        import pykakasi
    except ImportError:
        log.warning("pykakasi is not installed (pip install 'embargo[japanese]'): no Japanese readings of names")
        return None
    make: Any = pykakasi.kakasi  # its constructor is not annotated
    return make()


def load_reader() -> bool:
    """Load pykakasi's dictionaries now (in a process about to fork workers that will read Japanese names).

    Returns:
        Whether Japanese readings are available.
    """
    return _kakasi() is not None


def _read(kakasi: Any, word: str) -> list[str] | None:
    """The Hepburn reading of each dictionary word of ``word``, or None when a letter has no reading."""
    out: list[str] = []
    for part in kakasi.convert(word):
        reading = "".join(ch for ch in part["hepburn"] if ch.isascii() and ch.isalnum())
        if not reading and _JAPANESE.search(part["orig"]):
            return None
        if reading:
            out.append(reading)
    return out


@lru_cache(maxsize=16384)
def hepburn_readings(name: str) -> tuple[str, ...]:
    """A name written with kanji or kana, read in Hepburn ("山田太郎" -> "yamada tarou", "yamada taro").

    Args:
        name: a person's name as typed.

    Returns:
        The dictionary's reading and, when it differs, the same with long vowels written once;
        empty when the name has no kanji or kana, a letter has no Japanese reading, or
        pykakasi is not installed.
    """
    if not has_japanese_letters(name):
        return ()
    kakasi = _kakasi()
    if kakasi is None:
        return ()
    typed = [w for w in _SPACES.split(name.strip()) if w]
    words: list[str] = []
    for word in typed:
        parts = _read(kakasi, word)
        if parts is None:
            return ()
        if len(typed) == 1 and len(parts) > 1:
            words += [parts[0], "".join(parts[1:])]
        elif parts:
            words.append("".join(parts))
    if not words:
        return ()
    reading = " ".join(words)
    folded = fold_long_vowels(reading)
    return (reading,) if folded == reading else (reading, folded)
