from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from embargo.model.values import (
    clean_country,
    clean_date,
    clean_gender,
    clean_language,
    clean_text,
    parse_date,
    year_range,
)

DATES = [
    ("1954-08-30", "1954-08-30"),
    ("30 Aug 1954", "1954-08-30"),
    ("30 August 1954", "1954-08-30"),
    ("Aug 30, 1954", "1954-08-30"),
    ("Aug 1954", "1954-08"),
    ("1954", "1954"),
    ("30/08/1954", "1954-08-30"),
    ("30.8.1954", "1954-08-30"),
    ("7.2.1956", "1956-02-07"),
    ("00/00/1980", "1980"),
    ("00/05/1980", "1980-05"),
    ("1954-08-30T00:00:00", "1954-08-30"),
    ("31/02/1990", "1990-02"),
    ("08/30/1954", "1954-08-30"),
    ("1954-30-08", "1954-08-30"),
    ("not a date", None),
    ("", None),
    ("0000", None),
    ("30 Foo 1954", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_clean_date_shortens_unknown_parts() -> None:
    assert clean_date("1980-00-00") == "1980"
    assert clean_date("1980-05-00") == "1980-05"
    assert clean_date("1980-13-01") == "1980-01-13"
    assert clean_date("1980-13-13") is None


def test_year_range() -> None:
    assert year_range("1960", "1962") == ["1960", "1961", "1962"]
    assert year_range("1962", "1960") == ["1960", "1961", "1962"]
    assert year_range("1900", "1990") == ["1900", "1990"]
    assert year_range("x", "1990") == []


COUNTRIES = [
    ("Belarus", "by"),
    ("Russian Federation", "ru"),
    ("former USSR (now Russian Federation)", "ru"),
    ("Democratic Republic of the Congo", "cd"),
    ("BY", "by"),
    ("Atlantis", None),
]


@pytest.mark.parametrize(("text", "expected"), COUNTRIES)
def test_clean_country(text: str, expected: str | None) -> None:
    assert clean_country(text) == expected


def test_clean_gender() -> None:
    assert clean_gender("Male") == "male"
    assert clean_gender("F") == "female"
    assert clean_gender("unknown") is None


def test_clean_text_strips_controls_and_spaces() -> None:
    assert clean_text("  a\x00b \n\t c ") == "ab c"
    assert clean_text("   ") is None
    assert clean_text(None) is None


@given(st.text())
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(st.text(max_size=30))
def test_parse_date_never_raises_and_is_iso(text: str) -> None:
    result = parse_date(text)
    if result is not None:
        assert clean_date(result) == result


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("BE", "be"),
        ("ru", "ru"),
        ("EN", "en"),
        ("Belarusian", "be"),
        ("Russian", "ru"),
        ("Dari", "prs"),
        ("Farsi", "fa"),
        ("  Chinese ", "zh"),
        ("Cyrillic", None),
        ("", None),
        ("XX", None),
        (None, None),
    ],
)
def test_clean_language(value: str | None, code: str | None) -> None:
    assert clean_language(value) == code


def _country_spellings() -> list[str]:
    """Every name and code rigour knows a territory by, in several shapes, and awkward text."""
    from rigour.territories import get_territories

    found = ["", " ", "\u200bde", "de\u00a0", "Côte d'Ivoire", "Cote d\u2019Ivoire", "USSR", "Zzz", "\x00ru", "RU."]
    for territory in get_territories():
        for text in (territory.code, territory.name, territory.full_name, territory.alpha3, *territory.other_codes):
            if text:
                found += [text, text.upper(), f" {text.lower()} ", unicodedata.normalize("NFD", text)]
    return found


def test_country_cleaning_is_followthemoneys() -> None:
    """clean_country reads countries as FtM's registry does, without importing FtM on the screening path."""
    from followthemoney import registry

    from embargo.model.values import _ftm_country

    for text in _country_spellings():
        assert _ftm_country(text) == registry.country.clean(text), repr(text)
