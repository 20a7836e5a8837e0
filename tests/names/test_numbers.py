"""Numbers written in words."""

from __future__ import annotations

import pytest

from embargo.names.numbers import read_number_words, slavic_ordinal

CASES = [
    (["brigade", "forty", "four"], [(1, 3, "44")]),
    (["brigade", "forty", "4"], [(1, 3, "44")]),
    (["fourty", "two", "brigade"], [(0, 2, "42")]),
    (["twenty", "brigade"], [(0, 1, "20")]),
    (["seventh", "fleet"], [(0, 1, "7")]),
    (["twenty", "45"], [(0, 1, "20")]),  # a units digit only joins a tens word
    (["one"], []),  # a lone word "one" is a name, not a number
    (["network", "ten", "tone"], [(1, 2, "10")]),
    # East Slavic ordinals, Cyrillic or romanized
    (["первая", "страховая"], [(0, 1, "1")]),
    (["vtoroy", "zavod"], [(0, 1, "2")]),
    (["zavod", "tretiy"], [(1, 2, "3")]),
    (["первая"], []),  # a lone word is a name
]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("первый", 1),
        ("pervaya", 1),
        ("pervoye", 1),
        ("pervyi", 1),
        ("перша", 1),
        ("першы", 1),
        ("второго", 2),
        ("vtorogo", 2),
        ("третья", 3),
        ("tretya", 3),
        ("pyataya", 5),
        ("desyatyy", 10),
    ],
)
def test_slavic_ordinals(word: str, value: int) -> None:
    assert slavic_ordinal(word) == value


@pytest.mark.parametrize(
    "word", ["друг", "пята", "первенство", "pervomayskiy", "sestra", "pyat", "vtorchermet", "perm"]
)
def test_words_that_only_begin_like_an_ordinal(word: str) -> None:
    assert slavic_ordinal(word) is None


@pytest.mark.parametrize(("words", "spans"), CASES)
def test_read_number_words(words: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert read_number_words(words) == spans
