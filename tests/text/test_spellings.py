"""Listed people written in another transliteration than any list's are listed (issue 22, point 1)."""

from __future__ import annotations

import pytest

from embargo.text import TextScreener
from embargo.text.coref import surname_gender


def _verdicts(screener: TextScreener, text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.text: (r.verdict, r.reason) for r in screener.screen(text, html=False).mentions}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le président Alexandre Loukachenko a reçu la délégation à Minsk.", "Alexandre Loukachenko"),
        ("Der Präsident Alexander Lukaschenko empfing die Delegation in Minsk.", "Alexander Lukaschenko"),
    ],
)
def test_a_listed_person_in_a_press_spelling_is_listed(text_screener: TextScreener, text: str, name: str) -> None:
    found = _verdicts(text_screener, text)
    verdict, reason = found[name]
    assert verdict == "listed"
    assert "sounds as" in reason or "the same" in reason  # the evidence says which words agree


def test_a_namesake_in_part_is_not_listed(text_screener: TextScreener) -> None:
    """One word agreeing is not the name: every word must pair with the listed name's."""
    found = _verdicts(text_screener, "The reporter Alexander Dubovsky wrote about Minsk.")
    assert found["Alexander Dubovsky"][0] == "not_listed"


def test_a_womans_surname_does_not_refer_back_to_a_man(text_screener: TextScreener) -> None:
    """Tsikhanouskaya and Tsikhanouski share a stem; the most recent full name is the husband's."""
    text = (
        "Sviatlana Tsikhanouskaya ran for president. Her husband Siarhei Tsikhanouski was jailed in May. "
        "Tsikhanouskaya left for Vilnius."
    )
    last = text_screener.screen(text, html=False).mentions[-1]
    assert last.mention.text == "Tsikhanouskaya"
    assert last.mention.resolved != "Siarhei Tsikhanouski"


@pytest.mark.parametrize(
    ("word", "gender"),
    [
        ("Tsikhanouskaya", "femn"),
        ("Kachanava", "femn"),
        ("Tsikhanouski", "masc"),
        ("Kachanau", "masc"),
        ("Ціханоўская", "femn"),
        ("Кубракова", None),  # a man's genitive as much as a woman's name
        ("Хреніна", None),
        ("Smith", None),
    ],
)
def test_the_gender_a_surname_shows(word: str, gender: str | None) -> None:
    assert surname_gender(word) == gender


def test_a_german_genitive_refers_back(text_screener: TextScreener) -> None:
    """Lukaschenkos is the genitive of Lukaschenko: it refers back to him and takes his verdict."""
    text = "Alexander Lukaschenko sprach in Minsk. Das Regime Lukaschenkos antwortete nicht."
    found = {r.mention.text: r for r in text_screener.screen(text, html=False).mentions}
    assert found["Lukaschenkos"].mention.resolved == found["Alexander Lukaschenko"].mention.resolved
    assert found["Lukaschenkos"].verdict == found["Alexander Lukaschenko"].verdict == "listed"
