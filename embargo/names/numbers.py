"""Numbers written in English words, read as digits.

Organization and vessel names write a number in digits or in words
("Brigade 44", "Forty-Fourth Brigade", "Brigade Forty Four"): a run of
number words (and a units digit after a tens word: "Forty 4") becomes the
digits, so that both spellings meet as one ``number`` token.
"""

from __future__ import annotations

__all__ = ["read_number_words"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
#: Tens, with the common misspelling "fourty".
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


def read_number_words(words: list[str]) -> list[tuple[int, int, str]]:
    """Runs of number words in folded words: ``(start, end, digits)`` for each.

    Args:
        words: folded words of a name.

    Returns:
        Spans (``end`` exclusive) whose words spell one number below 100.
    """
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _TENS:
            value, end = _TENS[word], i + 1
            if end < len(words):
                nxt = words[end]
                unit = _UNITS.get(nxt) if nxt in _UNITS else (int(nxt) if nxt.isdigit() and len(nxt) == 1 else None)
                if unit is not None and 0 < unit < 10:
                    value, end = value + unit, end + 1
            spans.append((i, end, str(value)))
            i = end
        elif word in _UNITS and len(words) > 1:
            spans.append((i, i + 1, str(_UNITS[word])))
            i += 1
        else:
            i += 1
    return spans
