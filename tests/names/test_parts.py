"""Titles, Jr/Sr suffixes and patronymic endings."""

from __future__ import annotations

import pytest

from embargo.names.parts import is_patronymic, strip_titles
from embargo.names.text import split_words

TITLE_CASES = [
    # (name, words kept, titles removed)
    ("President Alexander Lukashenko", ["Alexander", "Lukashenko"], ["president"]),
    ("Mr. John Smith Jr", ["John", "Smith"], ["mr", "jr"]),
    ("Gen. Mohammed Ali", ["Mohammed", "Ali"], ["gen"]),
    ("President Gen. Alexander Lukashenko", ["Alexander", "Lukashenko"], ["president", "gen"]),
    ("Lt. Gen. Ivan Petrov", ["Ivan", "Petrov"], ["lt gen"]),  # multi-word titles, longest first
    ("His Excellency Ivan Petrov", ["Ivan", "Petrov"], ["his excellency"]),  # rigour's list
    ("Haji Khalil Fazl", ["Khalil", "Fazl"], ["haji"]),
    ("Mullah Mohammed Omar", ["Mohammed", "Omar"], ["mullah"]),
    ("Sheikh Abdullah", ["Abdullah"], ["sheikh"]),
    ("Dr Prof Smith", ["Smith"], ["dr", "prof"]),
    ("SMITH, Dr John, Jr.", ["SMITH", "John"], ["dr", "jr"]),  # after the comma too
    ("John President Smith", ["John", "President", "Smith"], []),  # only at the start
    ("General", ["General"], []),  # never empties the name
    ("Haji Mullah", ["Mullah"], ["haji"]),
    ("Jr", ["Jr"], []),
    ("Amir Khan", ["Amir", "Khan"], []),  # a common given name is no title here
    ("Sr. Juan Perez", ["Juan", "Perez"], ["sr"]),  # Señor at the start, Senior at the end
]


@pytest.mark.parametrize(("name", "kept", "removed"), TITLE_CASES)
def test_strip_titles(name: str, kept: list[str], removed: list[str]) -> None:
    words, titles = strip_titles(split_words(name))
    assert [w.raw for w in words] == kept
    assert titles == removed


PATRONYMIC_CASES = [
    ("grigoryevich", "grigoryevich", True),  # ru BGN
    ("grigorievich", "grigorievich", True),
    ("ryhoravich", "ryhoravich", True),  # be
    ("hryhoryavich", "hryhoryavich", True),
    ("yuriyovych", "yuriyovych", True),  # uk BGN
    ("ilyich", "ильич", True),
    ("ivanovna", "ivanovna", True),
    ("ilyinichna", "ilyinichna", True),
    ("petrivna", "petrivna", True),  # uk female
    ("alyaksandrauna", "alyaksandrauna", True),  # be female
    ("grigorevic", "григорьевич", True),  # ISO 9 romanization, Cyrillic original
    ("oglu", "oglu", True),
    ("kyzy", "кызы", True),
    ("abishuly", "abishuly", True),  # Kazakh, joined
    ("heinrich", "heinrich", False),  # German -rich given names
    ("friedrich", "friedrich", False),
    ("ivanov", "ivanov", False),
    ("rich", "rich", False),
    ("ich", "ich", False),
]


@pytest.mark.parametrize(("text", "folded", "expected"), PATRONYMIC_CASES)
def test_is_patronymic(text: str, folded: str, expected: bool) -> None:
    assert is_patronymic(text, folded) is expected
