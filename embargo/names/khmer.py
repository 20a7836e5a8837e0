"""Khmer script in Latin letters, after the UNGEGN romanization (BGN/PCGN 1972).

ICU has no Khmer-Latin transliterator: ``Any-Latin`` leaves Khmer as it is,
so a Cambodian name written in its own script (``ហ៊ុន សែន``, Hun Sen) gave
no tokens at all and met nothing. This module follows the UNGEGN tables
("Report on the current status of United Nations romanization systems for
geographical names", Khmer), simplified where only the vowels differ:

* each consonant has a Latin value and belongs to the first (``a``) or second
  (``o``) series, which decides how the vowels after it are written; the signs
  ``៉`` and ``៊`` move a consonant to the other series (``ប៉`` is ``p``);
* a consonant under ``្`` (coeng) joins the one before it (``វ្ល`` = ``vl``);
* a consonant with no vowel sign carries the inherent vowel of its series
  (``â`` -> ``a``, ``ô`` -> ``o``) unless it ends the word (``ពត`` = ``pot``).

The phonetic key drops vowels, so it is the consonants that must be right;
the vowels follow the table's first-series / second-series values.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["romanize_khmer"]

# consonant -> (Latin, series)
_CONSONANTS = {
    "ក": ("k", 1), "ខ": ("kh", 1), "គ": ("k", 2), "ឃ": ("kh", 2), "ង": ("ng", 2),
    "ច": ("ch", 1), "ឆ": ("chh", 1), "ជ": ("ch", 2), "ឈ": ("chh", 2), "ញ": ("nh", 2),
    "ដ": ("d", 1), "ឋ": ("th", 1), "ឌ": ("d", 2), "ឍ": ("th", 2), "ណ": ("n", 1),
    "ត": ("t", 1), "ថ": ("th", 1), "ទ": ("t", 2), "ធ": ("th", 2), "ន": ("n", 2),
    "ប": ("b", 1), "ផ": ("ph", 1), "ព": ("p", 2), "ភ": ("ph", 2), "ម": ("m", 2),
    "យ": ("y", 2), "រ": ("r", 2), "ល": ("l", 2), "វ": ("v", 2), "ស": ("s", 1),
    "ហ": ("h", 1), "ឡ": ("l", 1), "អ": ("", 1),
}  # fmt: skip
# dependent vowel -> (after a first-series consonant, after a second-series one)
_VOWELS = {
    "ា": ("a", "ea"), "ិ": ("e", "i"), "ី": ("ei", "i"), "ឹ": ("oe", "ue"), "ឺ": ("eu", "eu"),
    "ុ": ("o", "u"), "ូ": ("ou", "u"), "ួ": ("uo", "uo"), "ើ": ("aeu", "eu"), "ឿ": ("oea", "oea"),
    "ៀ": ("ie", "ie"), "េ": ("e", "e"), "ែ": ("ae", "eae"), "ៃ": ("ai", "ey"), "ោ": ("ao", "o"),
    "ៅ": ("au", "ov"), "ំ": ("am", "um"), "ះ": ("h", "h"), "ៈ": ("a", "a"),
}  # fmt: skip
_INDEPENDENT = {
    "ឥ": "e", "ឦ": "ei", "ឧ": "o", "ឩ": "ou", "ឪ": "ov", "ឫ": "rue", "ឬ": "rueu",
    "ឭ": "lue", "ឮ": "lueu", "ឯ": "ae", "ឰ": "ai", "ឱ": "ao", "ឲ": "ao", "ឳ": "au",
}  # fmt: skip
_INHERENT = {1: "a", 2: "o"}
_TO_FIRST, _TO_SECOND, _COENG = "\u17c9", "\u17ca", "\u17d2"


@lru_cache(maxsize=16384)
def romanize_khmer(text: str) -> str:
    """Latin letters for Khmer text; other characters pass through.

    Args:
        text: a word or name in Khmer script.

    Returns:
        The romanization, lower case (``ប៉ុល ពត`` -> ``pol pot``).
    """
    out: list[str] = []
    series = 0  # series of the consonant cluster waiting for its vowel; 0: none waiting
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _CONSONANTS:
            if series:
                out.append(_INHERENT[series])  # the cluster before had no vowel sign and is not final
            latin, series = _CONSONANTS[ch]
            out.append(latin)
        elif ch == _COENG and i + 1 < len(text) and text[i + 1] in _CONSONANTS:
            out.append(_CONSONANTS[text[i + 1]][0])
            i += 1
        elif ch in (_TO_FIRST, _TO_SECOND):
            if out and out[-1] == "b" and ch == _TO_FIRST:
                out[-1] = "p"
            series = 1 if ch == _TO_FIRST else 2
        elif ch in _VOWELS:
            out.append(_VOWELS[ch][(series or 1) - 1])
            series = 0
        elif ch in _INDEPENDENT:
            series = 0
            out.append(_INDEPENDENT[ch])
        elif not "\u1780" <= ch <= "\u17ff":  # other Khmer signs (bantoc, diacritics) write no letter
            series = 0  # a space or punctuation ends the word: its last cluster is final
            out.append(ch)
        i += 1
    return "".join(out)
