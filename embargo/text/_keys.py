"""Words of a text and their comparison keys, the same for listed names and articles.

A key is a word romanized (every scheme of its script, :func:`embargo.names.romanize`)
and cut to a stem: the usual Slavic case and gender endings are removed, so that
Лукашэнка, Лукашэнкі, Лукашенко and LUKASHENKA share the key ``lukashenk`` and
Петров, Петрова, Петровым share ``petrov`` (and the Ukrainian dative Лукашенкові
loses its -ові). Keys only propose candidates: every
candidate is screened again on its dictionary form, so a stem shared by two
different words costs a screening, not a false verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from embargo.names import romanize

__all__ = ["TextWord", "in_capitals_line", "name_keys", "split_text", "word_keys"]

#: A word: letters and digits, with inner hyphens and apostrophes (al-Karim, Валер’евіч, O'Neill),
#: or hyphenated across a line break.
#: A lower-case elided article or preposition before an acronym of capitals (dell'FSB, l'ONU, d'ETA).
_ELIDED_ACRONYM = re.compile(r"^[a-zà-ÿ]{1,5}['’](?=[A-ZÀ-Þ]{2,}$)")
_WORD = re.compile(r"[^\W_]+(?:(?:[-'’]|-\n)[^\W_]+)*")
_POSSESSIVE = ("'s", "’s", "'S", "’S")

#: Endings removed from a romanized word, longest first; a stem keeps at least 4 letters.
_ENDING_LIST = (
    "ogo ego omu emu ymi imi ami yami iami ovi evi aya aia aja yaya iya ia ya yu iu ju ay ai aj oy oi oj ey ei ej"
    " iy ii ij yy ym im om em ov ev ach akh ah ykh ikh ukh ie yi a e i o u y"
)
_ENDINGS = tuple(sorted(_ENDING_LIST.split(" "), key=len, reverse=True))
_MIN_STEM = 4
#: At most this many romanization schemes are scanned.
MAX_SCHEMES = 3


@dataclass(frozen=True, slots=True)
class TextWord:
    """A word of a text with its character span."""

    start: int
    end: int
    text: str


def split_text(text: str) -> list[TextWord]:
    """The words of ``text`` with their offsets; a possessive ``'s`` is left out of the word."""
    out: list[TextWord] = []
    for m in _WORD.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if word.endswith(_POSSESSIVE) and len(word) > 2:
            end -= 2
            word = word[:-2]
        elided = _ELIDED_ACRONYM.match(word)
        if elided:
            # an acronym after an elided French or Italian article (dell'FSB, l'ONU) is a word of its own
            start += elided.end()
            word = word[elided.end() :]
        # A word hyphenated across a line break (Usma-\nnov) is one word; its span keeps the break.
        out.append(TextWord(start, end, word.replace("-\n", "")))
    return out


def _stem(word: str) -> str:
    # "ov"/"ev" are only cut when they close a longer word, so Petrov keeps its stem.
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            if ending in ("ov", "ev"):
                continue
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The keys of one word, one per romanization scheme (best first, at most :data:`MAX_SCHEMES`)."""
    out: list[str] = []
    for rendering in romanize(word)[:MAX_SCHEMES]:
        key = _stem(rendering.replace(" ", ""))
        if key and key not in out:
            out.append(key)
    return tuple(out)


def name_keys(name: str) -> list[tuple[str, ...]]:
    """The keys of each word of a name, in order (words without letters or digits are dropped)."""
    keys = [word_keys(w.text) for w in split_text(name)]
    return [k for k in keys if k]


def in_capitals_line(text: str, start: int, end: int) -> bool:
    """Whether the line around ``text[start:end]`` is written mostly in capitals (a headline, a dateline, a
    payment's remittance line): there a word in capitals tells nothing (every word looks like an acronym)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    letters = [c for c in text[line_start : line_end if line_end >= 0 else len(text)] if c.isalpha()]
    return sum(1 for c in letters if c.isupper()) > 0.5 * len(letters)
