"""The language of an original-script name, when its letters settle it.

Lists give names in Cyrillic, Arabic or Korean script without saying which
language they are written in, yet Belarusian, Russian and Ukrainian names
romanize differently (Аляксандр -> Aliaksandr, Александр -> Aleksandr,
Олександр -> Oleksandr). A language is guessed only when the alphabet alone
decides it; otherwise the answer is ``None``:

* Cyrillic: ``ў`` is Belarusian; ``ї є ґ`` are Ukrainian; ``і`` with one of
  ``ы э ё`` is Belarusian (Ukrainian has none of them), ``і`` with ``и щ ъ``
  is Ukrainian (Belarusian has none of them), ``і`` alone is Belarusian only
  in a ``-віч`` patronymic. Without ``і ў ї є ґ``, the Ukrainian spellings
  ``ьо`` (Васильович) and ``-ськ-`` give Ukrainian, and a text with ``и`` or
  ``щ`` is taken as Russian. Remaining risk: a Ukrainian name that uses none
  of these (``Микола Петрович``) is tagged Russian. Central Asian letters
  decide their language where one alphabet alone has them: ``ұ`` is
  Kazakh, and so are ``ә қ ғ`` without Uzbek's ``ў ҳ`` (Uzbek: ``ў`` or
  ``ҳ`` with ``қ ғ``); ``ң ө ү`` alone are Kyrgyz; Tajik ``ҷ ӣ ӯ``, Serbian
  and Macedonian letters, and Bulgarian's vowel ``ъ`` give ``None``.
* Latin letters that look like Cyrillic ones (``I`` in ``СЯРГЕЕВIЧ``, the
  ``A`` in ``Aкционерное``, ``ĸ`` and ``Ë`` from PDF text extraction) are
  read as Cyrillic inside a name that is mostly Cyrillic.
* Hangul is Korean, kana Japanese, Greek, Georgian, Armenian and Thai script
  their one language. Arabic script is never tagged: Arabic, Persian, Dari,
  Pashto and Urdu share it. Han characters alone (Chinese or Japanese) and
  Latin script are never tagged either.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rigour._core import codepoint_script
from rigour.langs import iso_639_alpha2

__all__ = ["guess_language", "normalize_lang", "uncross_cyrillic"]

_LOOKALIKES = "AaBCcEeHIiKMOoPpTXxYyĸËëÏï"
_HOMOGLYPHS = str.maketrans(_LOOKALIKES, "АаВСсЕеНІіКМОоРрТХхУукЁёЇї")
_OTHER_CYRILLIC = frozenset("јљњђћџѓќѕҗңүөһәқғұҳӣӯҷӊ")
_BULGARIAN_VOWEL = re.compile(r"ъ(?![еёюя])")
_BELARUSIAN_PATRONYMIC = re.compile(r"віч\b")
# Soft sign before "о" (Васильович) and "-ськ-"/"-цьк-" are Ukrainian spellings;
# Russian writes "ье" (Васильевич) and "-ск-".
_UKRAINIAN_SPELLING = re.compile(r"ьо|[сцз]ьк")
_SHARED = frozenset({"COMMON", "INHERITED"})
_SINGLE_SCRIPT = {"HANGUL": "ko", "GREEK": "el", "GEORGIAN": "ka", "ARMENIAN": "hy", "THAI": "th"}


def _script(ch: str) -> str:
    # The Unicode script property (rigour's Rust table), upper-cased; marks
    # and signs shared by scripts (the kana length mark) are "COMMON".
    return (codepoint_script(ord(ch)) or "Common").upper()


def _central_asian(letters: set[str]) -> str | None:
    """Kazakh, Uzbek or Kyrgyz from the letters only one of their alphabets has."""
    if letters & set("ҷӣӯјљњђћџѓќѕ"):
        return None
    if "ұ" in letters:
        return "kk"
    if letters & set("қғ"):
        return "uz" if letters & set("ўҳ") else "kk"
    if "ә" in letters:
        return "kk"
    if letters & set("ңөү") and not letters & set("җһ"):
        return "ky"
    return None


def _cyrillic_lang(text: str) -> str | None:
    t = text.lower()
    letters = set(t)
    if letters & _OTHER_CYRILLIC:
        return _central_asian(letters)
    if "ў" in letters:
        return "be"
    if letters & set("їєґ"):
        return "uk"
    if "і" in letters:
        if letters & set("ыэё"):
            return "be"
        if letters & set("ищъ"):
            return "uk"
        return "be" if _BELARUSIAN_PATRONYMIC.search(t) else None
    if _BULGARIAN_VOWEL.search(t):
        return None
    if _UKRAINIAN_SPELLING.search(t):
        return "uk"
    if letters & set("ищ"):
        return "ru"
    return None


@lru_cache(maxsize=65536)
def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or None if unsure.

    Args:
        text: a name as published.

    Returns:
        ``be``, ``ru``, ``uk``, ``ko``, ``ja``, ``el``, ``ka``, ``hy``, ``th``
        or ``None``.
    """
    if text.isascii():
        return None
    scripts: Counter[str] = Counter()
    for chunk in text.split():
        scripts.update(_letter_scripts(chunk))
    if not scripts:
        return None
    cyrillic = scripts.get("CYRILLIC", 0)
    if cyrillic:
        latin = scripts.get("LATIN", 0)
        others = sum(scripts.values()) - cyrillic - latin
        if others or latin >= cyrillic:
            return None
        if latin:
            stray = {ch for ch in text if ch.isalpha() and _script(ch) == "LATIN"}
            if stray - set(_LOOKALIKES):
                return None
            text = text.translate(_HOMOGLYPHS)
        return _cyrillic_lang(text)
    if "HIRAGANA" in scripts or "KATAKANA" in scripts:
        return "ja" if set(scripts) <= {"HIRAGANA", "KATAKANA", "HAN"} else None
    if len(scripts) == 1:
        (script,) = scripts
        return _SINGLE_SCRIPT.get(script)
    return None


@lru_cache(maxsize=65536)
def _letter_scripts(chunk: str) -> dict[str, int]:
    """How many letters of each script a word holds (a name's words recur: counted once each)."""
    return dict(Counter(s for ch in chunk if ch.isalpha() and (s := _script(ch)) not in _SHARED))


def uncross_cyrillic(word: str) -> str:
    """``word`` with Latin look-alike letters read as Cyrillic, if mostly Cyrillic.

    PDF extraction and careless typing mix ``I`` or ``A`` from the Latin
    alphabet into Cyrillic names (``Вiктар``); a romanizer would keep them as
    they are and a name lookup would miss the word.

    Args:
        word: one word of a name.

    Returns:
        The word with look-alikes replaced, or unchanged when it has more
        Latin than Cyrillic letters or Latin letters that look like no
        Cyrillic one.
    """
    cyrillic = latin = 0
    for ch in word:
        script = _script(ch) if ch.isalpha() else ""
        if script == "CYRILLIC":
            cyrillic += 1
        elif script == "LATIN":
            if ch not in _LOOKALIKES:
                return word
            latin += 1
    if not latin or latin >= cyrillic:
        return word
    return word.translate(_HOMOGLYPHS)


@lru_cache(maxsize=1024)
def normalize_lang(code: str | None) -> str | None:
    """ISO 639-1 code for an ISO 639-1/-2/-3 code (``rus`` -> ``ru``), or None.

    Lists and FollowTheMoney give three-letter codes, the guesser two-letter
    ones; a code with no two-letter form (``ckb``) is kept as given.
    """
    if code is None or not code.strip():
        return None
    code = code.strip().lower()
    return iso_639_alpha2(code) or (code if code.isalpha() and len(code) in (2, 3) else None)
