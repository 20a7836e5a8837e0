"""Numbers written in English words, and Russian, Ukrainian and Belarusian ordinals, read as digits.

Organization and vessel names write a number in digits or in words
("Brigade 44", "Forty-Fourth Brigade", "Brigade Forty Four"): a run of
number words (and a units digit after a tens word: "Forty 4") becomes the
digits, so that both spellings meet as one ``number`` token. The ordinals
first to tenth of the East Slavic languages, in any gender and case, in
Cyrillic or in BGN/PCGN Latin letters (``Первая``, ``pervaya``, ``Перша``,
``vtorogo``), are read so too: ``First Crimean Insurance Company`` and
``Krymskaya Pervaya Strakhovaya Kompaniya`` both hold a 1.
"""

from __future__ import annotations

import re

from embargo.names.translit import russian_from_bgn

__all__ = ["read_number_words", "slavic_ordinal"]

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


#: Stems of the Russian ordinals 1-10 (with ё written е), then the Ukrainian and Belarusian first.
_SLAVIC_ORDINALS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10,
}  # fmt: skip
#: Adjective endings of every gender, number and case (первый, первая, первое, первого, первому, первых...),
#: and -ыи / -ии, what other schemes' -yi / -ii read back as.
_ADJECTIVE = r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ую|юю|ых|их|ыми|ими|ыи|ии)"
_ORDINAL = re.compile(
    rf"^(?:(?P<ru>{'|'.join(_SLAVIC_ORDINALS)}){_ADJECTIVE}|трет(?:ья|ье|ьи|ьего|ьей|ьему|ьим|ьих|я|е)"
    r"|(?P<first>перш)(?:ий|а|е|і|ого|ої|ому|ий|ы|ая|ае|ыя))$"
)


def slavic_ordinal(word: str) -> int | None:
    """The number a Russian, Ukrainian or Belarusian ordinal word stands for (``первая``, ``pervoye``: 1).

    Args:
        word: a folded word, Cyrillic or romanized.
    """
    if not word.isalpha():
        return None
    if word.isascii():
        if len(word) < 5:
            return None
        word = russian_from_bgn(word)
    found = _ORDINAL.match(word.replace("ё", "е"))
    if found is None:
        return None
    if found.group("first"):
        return 1
    return _SLAVIC_ORDINALS[found.group("ru")] if found.group("ru") else 3


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
        elif len(words) > 1 and (ordinal := slavic_ordinal(word)) is not None:
            spans.append((i, i + 1, str(ordinal)))
            i += 1
        else:
            i += 1
    return spans
