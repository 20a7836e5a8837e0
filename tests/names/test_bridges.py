"""Spanish, German, French and Slavic Latin spellings of kh, zh, ts and x meet the English romanization's phonetic key."""

from __future__ import annotations

import pytest

from embargo.names import bridge_keys, phonetic_key

#: (press spelling, list spelling): one of the press spelling's bridge keys is the list spelling's key.
BRIDGED = [
    ("jruschov", "khrushchev"),  # Spanish j = kh
    ("chruschtschow", "khrushchev"),  # German ch = kh
    ("jodorkovski", "khodorkovsky"),
    ("chodorkowski", "khodorkovsky"),
    ("mijail", "mikhail"),
    ("michail", "mikhail"),
    ("jamenei", "khamenei"),
    ("prigojine", "prigozhin"),  # French j = zh
    ("jirinovski", "zhirinovsky"),
    ("alejandro", "aleksandr"),  # old Spanish x
    ("alejandro", "alexander"),
    ("cvetkov", "tsvetkov"),  # ISO 9, Polish, Czech, South Slavic c = ts
    ("cmrbank", "tsmrbank"),
    ("kucnetsov", "kutsnetsov"),
]


@pytest.mark.parametrize(("press", "listed"), BRIDGED)
def test_press_spelling_meets_list_spelling(press: str, listed: str) -> None:
    assert phonetic_key(listed) in bridge_keys(press)


@pytest.mark.parametrize("word", ["khrushchev", "aleksandr", "lukashenko", "prigozhin", "shchukin"])
def test_words_without_j_or_lone_ch_have_none(word: str) -> None:
    assert bridge_keys(word) == ()


@pytest.mark.parametrize("word", ["clark", "craig", "cecil", "mcdonald", "scott"])
def test_english_c_keeps_its_sound(word: str) -> None:
    assert phonetic_key(word.replace("c", "ts")) not in bridge_keys(word)


def test_own_key_is_not_repeated() -> None:
    assert phonetic_key("djokhar") not in bridge_keys("djokhar")
    assert all(k for k in bridge_keys("jan"))
