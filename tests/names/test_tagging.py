"""Name-part tags of person names, decided from the name's own shape."""

from __future__ import annotations

import pytest

from embargo.names import TAGS, analyze_name

# (name, [(token text, tag)])
PERSON_CASES = [
    # FAMILY, Given Patronymic (OFAC, UN)
    (
        "LUKASHENKA, Alyaksandr Hryhoryavich",
        [("lukashenka", "family"), ("alyaksandr", "given"), ("hryhoryavich", "patronymic")],
    ),
    # Given Patronymic FAMILY in capitals (EU)
    (
        "Aliaksandr Ryhoravich LUKASHENKA",
        [("aliaksandr", "given"), ("ryhoravich", "patronymic"), ("lukashenka", "family")],
    ),
    # Given Patronymic Family: the patronymic fixes the order
    (
        "Александр Григорьевич Лукашенко",
        [("aleksandr", "given"), ("grigoryevich", "patronymic"), ("lukashenko", "family")],
    ),
    # Russian official order Family Given Patronymic
    (
        "Лукашенко Александр Григорьевич",
        [("lukashenko", "family"), ("aleksandr", "given"), ("grigoryevich", "patronymic")],
    ),
    # Two words: order unknown, the last one may be the family name
    ("Alexander Lukashenko", [("alexander", "given"), ("lukashenko", "unknown")]),
    ("Alexander Lukashevich", [("alexander", "given"), ("lukashevich", "unknown")]),  # -evich family name
    # Family name with a patronymic ending after a real patronymic
    ("Roman Arkadyevich Abramovich", [("roman", "given"), ("arkadyevich", "patronymic"), ("abramovich", "family")]),
    # German -rich given names are no patronymics
    ("Friedrich Wilhelm Heinrich", [("friedrich", "given"), ("wilhelm", "given"), ("heinrich", "unknown")]),
    # Turkic patronymic marker and the father's name before it
    (
        "Ilham Heydar oglu Aliyev",
        [("ilham", "given"), ("heydar", "patronymic"), ("oglu", "patronymic"), ("aliyev", "family")],
    ),
    # Particles, initials, numbers
    ("Osama bin Laden", [("osama", "given"), ("bin", "particle"), ("laden", "unknown")]),
    ("Abu Bakr al-Baghdadi", [("abu", "particle"), ("bakr", "given"), ("al", "particle"), ("baghdadi", "unknown")]),
    ("Ludwig van Beethoven", [("ludwig", "given"), ("van", "particle"), ("beethoven", "unknown")]),
    ("O'Neil, Patrick J.", [("oneil", "family"), ("patrick", "given"), ("j", "initial")]),
    ("AHMED, A.", [("ahmed", "family"), ("a", "initial")]),
    ("John Smith 3", [("john", "given"), ("smith", "unknown"), ("3", "number")]),
    # Given, a family name's form, FAMILY: the middle word is the patronymic (Bulgarian; a letter lost)
    ("Petar Ivanov PETROV", [("petar", "given"), ("ivanov", "patronymic"), ("petrov", "family")]),
    ("Valentina Ivanova ORLOVA", [("valentina", "given"), ("ivanova", "patronymic"), ("orlova", "family")]),
    # ... but not a given name there, nor with no family name told
    ("Anna Maria IVANOVA", [("anna", "given"), ("maria", "given"), ("ivanova", "family")]),
    ("Oksana Aleksandrova", [("oksana", "given"), ("aleksandrova", "unknown")]),
    # Chinese and Korean: family name first
    ("金正恩", [("jin", "family"), ("zhengen", "given")]),
    ("김정은", [("gim", "family"), ("jeong", "given"), ("eun", "given")]),
    # One word: nothing to go by
    ("Lukashenko", [("lukashenko", "unknown")]),
    ("Al", [("al", "unknown")]),
]


@pytest.mark.parametrize(("name", "expected"), PERSON_CASES)
def test_person_tags(name: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.tag) for t in analyze_name(name).tokens] == expected


def test_tags_are_known() -> None:
    for name, _ in PERSON_CASES:
        for variant in analyze_name(name).variants:
            assert all(t.tag in TAGS for t in variant)


def test_tags_agree_across_variants() -> None:
    name = analyze_name("Аляксандр Рыгоравіч Лукашэнка")
    assert len(name.variants) == 3
    assert {tuple(t.tag for t in v) for v in name.variants} == {("given", "patronymic", "family")}
