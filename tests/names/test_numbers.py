"""Numbers written in words."""

from __future__ import annotations

import pytest

from embargo.names.numbers import read_number_words

CASES = [
    (["brigade", "forty", "four"], [(1, 3, "44")]),
    (["brigade", "forty", "4"], [(1, 3, "44")]),
    (["fourty", "two", "brigade"], [(0, 2, "42")]),
    (["twenty", "brigade"], [(0, 1, "20")]),
    (["seventh", "fleet"], [(0, 1, "7")]),
    (["twenty", "45"], [(0, 1, "20")]),  # a units digit only joins a tens word
    (["one"], []),  # a lone word "one" is a name, not a number
    (["network", "ten", "tone"], [(1, 2, "10")]),
]


@pytest.mark.parametrize(("words", "spans"), CASES)
def test_read_number_words(words: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert read_number_words(words) == spans
