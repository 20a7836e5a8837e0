"""Two names that look alike but are two names, and two spellings that look apart but are one.

A typo or a romanization explains a difference between two spellings of one
name. When both words are given names in their own right (rigour knows each
as a name, ``name:`` symbols, and none is shared), a small difference is
more likely the difference between two people than a slip:

* **A known name is not a typo of another known name.** "Maria" is not a
  slip for "Marina", nor "Harry" for "Larry": when both words are known given
  names, the typo route is closed. Scheme differences between Belarusian and
  Russian romanizations (``dz``/``d``, ``ts``/``t``, ``h``/``g``: Dzmitry /
  Dmitry, Tatsiana / Tatiana, Hleb / Gleb) are not typos and stay open.
* **A feminine form is another name.** One of two known given names ending
  in ``-a`` where the other ends in a consonant or in ``-o`` is the feminine
  form or pattern (Alexander / Alexandra, Ivan / Ivana, Antonio / Antonia,
  Bashar / Bushra): no phonetic or typo match.

Cross-language spellings that the phonetic key misses (Spanish ``j`` for
``kh`` or an old ``x``, German ``ch``, French ``j``) are in
:mod:`embargo.names.bridges`.

The counts behind the first two rules (pairs of names of the same listed
person, on every real list) are in docs/matching.md.
"""

from __future__ import annotations

import re
from functools import lru_cache

from embargo.names import Token, detect_script, phonetic_key

__all__ = [
    "different_names",
    "east_slavic_key",
    "east_slavic_text",
    "feminine_pair",
    "from_abugida",
    "is_known_name",
    "swapped_letters",
]

_VOWELS = frozenset("aeiouy")


def is_known_name(token: Token) -> bool:
    """rigour knows the word as a person's name (it has a ``name:`` symbol)."""
    return bool(token.symbols) and _names_person(token.symbols)


@lru_cache(maxsize=65536)
def _names_person(symbols: frozenset[str]) -> bool:
    return any(s.startswith("name:") for s in symbols)


def different_names(q: Token, c: Token) -> bool:
    """Both tokens are given names rigour knows and they share no symbol (check that first).

    Words romanized from an abugida (Devanagari, Thai, Khmer...) are left out:
    their letters carry an inherent vowel that romanization writes or drops
    (``व्लादिमीर`` -> ``vladimira``), so their endings and single letters say nothing.
    """
    return (
        q.tag == "given"
        and c.tag == "given"
        and is_known_name(q)
        and is_known_name(c)
        and not from_abugida(q.original)
        and not from_abugida(c.original)
    )


#: Scripts whose consonant letters carry a vowel of their own (the Brahmic abugidas and Ethiopic).
_ABUGIDAS = frozenset(
    {
        "Devanagari",
        "Bengali",
        "Gurmukhi",
        "Gujarati",
        "Oriya",
        "Tamil",
        "Telugu",
        "Kannada",
        "Malayalam",
        "Sinhala",
        "Thai",
        "Lao",
        "Khmer",
        "Myanmar",
        "Tibetan",
        "Ethiopic",
    }
)


@lru_cache(maxsize=50_000)
def from_abugida(original: str) -> bool:
    """A word written in an abugida, whose romanization writes or drops each consonant's own vowel."""
    return not original.isascii() and detect_script(original) in _ABUGIDAS


def feminine_pair(a: str, b: str) -> bool:
    """One word ends in ``-a``, the other in a consonant or in the Romance masculine ``-o``; or one
    ends in ``-ia``/``-ya`` and the other in ``-i``/``-y``/``-j`` (Slavic Evgeniia / Yevgeny, Valeriya /
    Valeriy; Arabic Alia / Ali).

    ``-h`` is no consonant here: Arabic ``-ah`` is ``-a`` (Usamah / Usama).
    """
    return _feminine_of(a, b) or _feminine_of(b, a)


def _feminine_of(a: str, b: str) -> bool:
    if a[-1] != "a":
        return False
    return b[-1] == "o" or (b[-1] not in _VOWELS and b[-1] != "h") or (a[-2:-1] in ("i", "y") and b[-1] in "iyj")


@lru_cache(maxsize=50_000)
def east_slavic_key(text: str) -> str:
    """Phonetic key with Belarusian ``dz``/``ts`` read as Russian ``d``/``t`` and ``h`` as ``g``."""
    return phonetic_key(text.replace("dz", "d").replace("ts", "t").replace("kh", "x").replace("h", "g"))


@lru_cache(maxsize=50_000)
def east_slavic_text(text: str) -> str:
    """``text`` with the letters of the Belarusian and Ukrainian schemes in Russian's: ``dz``/``ts`` as
    ``d``/``t``, a lone ``h`` as ``g``, ``ia`` as ``e``, without the ``v`` set before an initial ``o``
    or ``u``, and a final ``-iy``/``-ii``/``-ey``/``-ei``/``-y`` (Ukrainian -ій, Russian -ей, -ий, each
    romanized several ways) as ``i`` (Siarhei -> sergi, Serhiy -> sergi, Volha -> olga)."""
    if text[:2] in ("vo", "vu"):
        text = text[1:]
    text = text.replace("dz", "d").replace("ts", "t").replace("kh", "x").replace("ia", "e")
    return _FINAL_I.sub("i", _LONE_H.sub("g", text))


#: The ending of Сергей / Сергій / Юрий / Андрій in the schemes of the lists (-ey, -ei, -ej, -iy, -ii, -ij, -yi, -y).
_FINAL_I = re.compile(r"(?<=[a-z]{3})(?:[eiy][iyj]|(?<=[^aeiouy])y)$")
#: An ``h`` that is a letter of its own (Belarusian г: Siarhei, Hanna), not the second of ch, sh, zh, th, ph.
_LONE_H = re.compile(r"(?<![csztp])h")


def swapped_letters(a: str, b: str) -> bool:
    """``b`` is ``a`` with two adjacent letters swapped: the commonest slip of all (Macron / Marcon)."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
