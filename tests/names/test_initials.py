"""Initials written together: which words look like them, and the reading retrieval adds."""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.initials import initials_reading, looks_like_initials


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("AG Lukashenko", "a g lukashenko"),  # capitals among words that are not
        ("JC Juncker", "j c juncker"),  # no vowel
        ("vv putin", "v v putin"),
        ("Putin VV", "putin v v"),
        ("Kim Jong Un", None),  # syllables, not initials
        ("KIM JONG UN", None),  # all capitals: "UN" says nothing
        ("Ali Khamenei", None),
        ("JC", None),  # initials alone are not a name to look up
        ("Alexander Lukashenko", None),
    ],
)
def test_initials_reading(name: str, reading: str | None) -> None:
    read = initials_reading(analyze_name(name, "Person"))
    assert (read.key() if read else None) == reading
    if read is not None:
        assert read.original == name and read.variants == (read.tokens,)
        assert all(t.tag == "initial" for t in read.tokens if len(t.text) == 1)


def test_only_people_are_read_so() -> None:
    assert initials_reading(analyze_name("JSC Rosneft", "Company")) is None


@pytest.mark.parametrize(
    ("name", "word", "expected"),
    [("AG Lukashenko", "ag", True), ("Ag Lukashenko", "ag", False), ("Li Ng", "ng", True), ("Li Wu", "wu", False)],
)
def test_looks_like_initials(name: str, word: str, expected: bool) -> None:
    tokens = analyze_name(name, "Person").tokens
    token = next(t for t in tokens if t.text == word)
    assert looks_like_initials(token, tokens) is expected
