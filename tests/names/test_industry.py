"""Industry words across English, Russian, Ukrainian and Belarusian (:mod:`embargo.names.industry`)."""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.industry import COMPASS_WORDS, INDUSTRY_WORDS, compass_symbols, industry_symbols, phrase_symbols

#: (folded word, class)
WORDS: list[tuple[str, str]] = [
    ("порты", "domain:port"),
    ("портов", "domain:port"),
    ("porty", "domain:port"),
    ("seaport", "domain:port"),
    ("refinery", "domain:refinery"),
    ("нефтеперерабатывающая", "domain:refinery"),
    ("neftepererabatyvayushchiy", "domain:refinery"),
    ("нафтопереробний", "domain:refinery"),
    ("автомобили", "domain:auto"),
    ("avtomobilnyy", "domain:auto"),
    ("машины", "domain:machine"),
    ("mashiny", "domain:machine"),
    ("железнодорожная", "domain:railway"),
    ("zaliznychna", "domain:railway"),
    ("верфь", "domain:shipbuilding"),
]
#: words that start like a short stem but are no inflection of it
NOT: list[str] = ["портфель", "portfolio", "портрет", "машинист"]


@pytest.mark.parametrize(("word", "symbol"), WORDS)
def test_word_class(word: str, symbol: str) -> None:
    assert symbol in industry_symbols(word)


@pytest.mark.parametrize("word", NOT)
def test_short_stems_take_inflections_only(word: str) -> None:
    assert not industry_symbols(word)


def test_every_class_has_cyrillic_stems() -> None:
    assert all(stems for _, stems in INDUSTRY_WORDS.values())


def test_two_word_phrase_is_one_token() -> None:
    assert phrase_symbols(["tavricheskaya", "zheleznaya", "doroga"]) == {1: "domain:railway", 2: "domain:railway"}
    tokens = analyze_name("Таврическая железная дорога", "Company").tokens
    assert len(tokens) == 2
    assert tokens[1].tag == "generic" and "domain:railway" in tokens[1].symbols
    assert tokens[1].original == "железная дорога"
    # a person's name is no phrase
    assert len(analyze_name("Zheleznaya Doroga", "Person").tokens) == 2


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Пермские порты", "Perm Ports"),
        ("Омская железная дорога", "Omsk Railway"),
        ("Сибирские автомобили", "Siberian Automobiles"),
        ("Orenburgskiy Neftepererabatyvayushchiy Zavod", "Orenburg Refinery"),
        ("Омский нефтеперерабатывающий завод Южной нефтяной компании", "Omsk Refinery of the Southern Oil Company"),
        ("Vostochnaya Verf", "Eastern Shipyard"),
    ],
)
def test_translated_names_share_words(russian: str, english: str) -> None:
    from embargo.matching import compare_names

    assert compare_names("Company", russian, english) >= 0.7


def test_refinery_plant_is_one_token() -> None:
    tokens = analyze_name("Омский нефтеперерабатывающий завод", "Company").tokens
    assert [t.symbols & {"domain:refinery"} for t in tokens][1:] == [{"domain:refinery"}]


@pytest.mark.parametrize(
    ("word", "symbol"),
    [
        ("eastern", "dir:east"),
        ("восточной", "dir:east"),
        ("vostochnaya", "dir:east"),
        ("північна", "dir:north"),
        ("severnyy", "dir:north"),
        ("южная", "dir:south"),
        ("zapadnoy", "dir:west"),
    ],
)
def test_compass_words(word: str, symbol: str) -> None:
    assert compass_symbols(word) == {symbol}


@pytest.mark.parametrize("word", ["vostok", "severstal", "yug", "northernmost", "westernization", "южанин"])
def test_words_that_only_begin_like_a_compass_word(word: str) -> None:
    assert not compass_symbols(word)


def test_compass_words_are_not_generic() -> None:
    # a compass word tells firms apart: it is another language's word, not a word that weighs nothing
    from embargo.matching import compare_names

    assert all(not s.startswith(("sym:", "domain:")) for s in COMPASS_WORDS)
    assert compare_names("Company", "Northern Star LLC", "Southern Star LLC") < 0.7
