"""Words that mix alphabets are read in their main one, with a note; other words are untouched."""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.confusables import cyrillic_reading, unmix_in_name, unmix_word

CASES = [
    # (as written, read as, mixed?)
    ("Lukashеnka", "Lukashenka", True),  # Cyrillic е
    ("Рutin", "Putin", True),  # Cyrillic Р
    ("ΑBDULLAH", "ABDULLAH", True),  # Greek Α
    ("Ivanоv", "Ivanov", True),  # Cyrillic о
    ("Вiктар", "Віктар", True),  # Latin i in Cyrillic: read as Cyrillic і
    ("ЗАМУЛЕВIЧ", "ЗАМУЛЕВІЧ", True),  # Latin I in Cyrillic
    ("Lukaшenka", "Lukaшenka", True),  # ш has no Latin look-alike: kept, still reported
    ("Lukashenka", "Lukashenka", False),
    ("Лукашэнка", "Лукашэнка", False),
    ("Café", "Café", False),
    ("野村悟", "野村悟", False),
    ("のむら悟", "のむら悟", False),  # kana and kanji: Japanese, mixed by design
    ("김정은", "김정은", False),
    ("Müller", "Müller", False),
]


@pytest.mark.parametrize(("written", "read", "mixed"), CASES, ids=[c[0] for c in CASES])
def test_unmix_word(written: str, read: str, mixed: bool) -> None:
    found = unmix_word(written)
    assert found.word == read
    assert (found.note is not None) is mixed
    if mixed:
        assert written in (found.note or "") and "mixes scripts" in (found.note or "")


def test_a_mixed_name_analyzes_as_its_clean_twin_and_says_so() -> None:
    mixed = analyze_name("Alyaksandr Lukashеnka")
    clean = analyze_name("Alyaksandr Lukashenka")
    assert [t.text for t in mixed.tokens] == [t.text for t in clean.tokens]
    assert len(mixed.mixed) == 1 and "1 Cyrillic letter read as Latin (е→e)" in mixed.mixed[0]
    assert clean.mixed == ()


def test_unmixing_is_stable() -> None:
    for written, _, _ in CASES:
        once = unmix_word(written).word
        assert unmix_word(once).word == once


#: (name, the word as read, a note?): a word of capitals of another alphabet in a name of one alphabet
WHOLE_WORDS = [
    ("Акционерное общество ACT", "аст", True),  # Latin capitals that look Cyrillic: the company АСТ
    ("ООО «Северный MOCT»", "мост", True),
    ("ООО BMW Русланд", "bmw", False),  # W has no Cyrillic look-alike: a Latin brand
    ("AO ACT", "act", False),  # a Latin name stays Latin
    ("Общество Aст", "аст", True),  # a mixed word is read letter by letter first
    ("Иван PETROV", "petrov", False),  # most letters are Latin: nothing to read otherwise
]


@pytest.mark.parametrize(("name", "word", "noted"), WHOLE_WORDS)
def test_whole_word_in_another_alphabet(name: str, word: str, noted: bool) -> None:
    analyzed = analyze_name(name, "Company")
    assert word in [t.original.lower() for t in analyzed.tokens]
    assert bool(analyzed.mixed) is noted


def test_unmix_in_name_needs_a_look_alike_for_every_letter() -> None:
    assert unmix_in_name("ACT", "Cyrillic").word == "АСТ"
    assert unmix_in_name("ACT", "Latin").note is None
    assert unmix_in_name("BMW", "Cyrillic").note is None
    assert unmix_in_name("Act", "Cyrillic").note is None  # capitals only: a word, not an acronym


#: (name, its Cyrillic reading or None): look-alike capitals beside an East Slavic legal form in Latin.
CYRILLIC_READINGS = [
    ("AO ACT", "AO АСТ"),
    ("OOO HOPA", "OOO НОРА"),
    ("ACT Inc", None),  # no East Slavic legal form
    ("OOO TOMAK", None),  # every letter sounds alike in both alphabets: nothing to read
    ("AO BMW", None),  # W has no Cyrillic look-alike
    ("OOO Act", None),  # not written in capitals
]


@pytest.mark.parametrize(("name", "read"), CYRILLIC_READINGS)
def test_cyrillic_reading(name: str, read: str | None) -> None:
    found = cyrillic_reading(name.split())
    if read is None:
        assert found is None
    else:
        assert found is not None
        assert " ".join(found[0]) == read
        assert "→" in found[1]


def test_a_query_gets_the_cyrillic_reading_beside_its_own() -> None:
    from embargo.names.wadegiles import query_readings

    readings = query_readings("AO ACT", "Company")
    assert [r.tokens[-1].text for r in readings] == ["act", "ast"]
    assert readings[1].original == "AO ACT"
    assert readings[1].mixed and "ACT→АСТ" in readings[1].mixed[0]
    assert len(query_readings("ACT Inc", "Company")) == 1
