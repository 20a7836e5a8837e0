"""Adjectives of place in organisation names (:mod:`embargo.names.places`).

Invented organisations in the official styles; the places are real towns and regions, as
the rule reads any place's adjective without a list of places.
"""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.places import PLACE_PREFIX, place_keys, place_stems, same_place, same_place_words

#: (romanized word, a stem it must give)
STEMS: list[tuple[str, str]] = [
    ("tulskiy", "tul"),  # Тульский: Tula's adjective, stem "tul"
    ("permskaya", "perm"),
    ("omskoye", "omsk"),  # a town whose name ends in the suffix
    ("tomskiye", "tomsk"),
    ("bryanskogo", "bryansk"),
    ("luganskyi", "lugansk"),  # Ukrainian romanization
    ("poltavska", "poltav"),
    ("vitsebskaya", "vitsebsk"),  # Belarusian
    ("gdanska", "gdansk"),  # Polish
    ("siberian", "siber"),  # English demonyms
    ("tavrian", "tavr"),
    ("kubanian", "kuban"),
]
#: words that are no adjective of place
NONE = ["ivanov", "sibir", "bank", "ocean", "port", "skoda", "moskva", "asia", "ski"]


@pytest.mark.parametrize(("word", "stem"), STEMS)
def test_adjective_gives_its_place(word: str, stem: str) -> None:
    assert stem in place_stems(word)


@pytest.mark.parametrize("word", NONE)
def test_other_words_give_no_place(word: str) -> None:
    assert place_stems(word) == ()


#: (a, b, same place?)
PAIRS: list[tuple[str, str, bool]] = [
    ("tulskiy", "tula", False),  # a stem of three letters meets a name only in the same letters
    ("tulskiy", "tul", True),
    ("permskiy", "perm", True),
    ("omskiy", "omsk", True),
    ("kurganskaya", "kurgan", True),
    ("orenburgskiye", "orenburg", True),
    ("kerchenskiy", "kerch", True),  # a linking syllable falls away against the name
    ("sibirskiy", "siberian", True),  # two languages' adjectives meet by sound
    ("krymskiye", "crimean", True),
    ("russkiye", "russian", True),
    ("permskiy", "tomsk", False),
    ("sibirskiy", "syrian", False),
    ("omskiy", "tomskiy", False),
    ("novosibirskiy", "novosibirsk", True),
    ("novosibirskiy", "novgorod", False),
]


@pytest.mark.parametrize(("a", "b", "same"), PAIRS)
def test_same_place(a: str, b: str, same: bool) -> None:
    assert same_place_words(a, b) is same
    assert same_place_words(b, a) is same


def test_only_organisation_words_carry_places() -> None:
    org = analyze_name("Permskiy Zavod", "Company").tokens[0]
    person = analyze_name("Ivan Permskiy", "Person").tokens[-1]
    assert any(s.startswith(PLACE_PREFIX) for s in org.symbols)
    assert not any(s.startswith(PLACE_PREFIX) for s in person.symbols)
    assert place_keys(org.symbols)
    assert not same_place(person.text, person.symbols, "perm", frozenset())


def test_cyrillic_adjective_is_read_romanized() -> None:
    token = analyze_name("Пермский завод", "Company").tokens[0]
    assert same_place(token.text, token.symbols, "perm", frozenset())
