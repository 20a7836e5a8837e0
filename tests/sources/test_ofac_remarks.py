"""OFAC remarks text: splitting, items, dates, countries, IMO numbers."""

from __future__ import annotations

import pytest

from embargo.sources._ofac_remarks import (
    ID_TYPES,
    normalize_imo,
    parse_birth_dates,
    parse_remarks,
    split_country,
    split_remarks,
)

SPLIT_CASES = [
    (
        "DOB 30 Aug 1954; POB Kopys, Vitebsk oblast, Belarus; President.",
        ["DOB 30 Aug 1954", "POB Kopys, Vitebsk oblast, Belarus", "President"],
    ),
    # Apostrophes are not quotes: the ayn in "'Aniza" must not hide the next items.
    (
        "POB 'Aniza, Saudi Arabia; a.k.a. 'THABIT, Shaykh Abu'.",
        ["POB 'Aniza, Saudi Arabia", "a.k.a. 'THABIT, Shaykh Abu'"],
    ),
    (
        "a.k.a. 'D'S SUPERMARKET'; Linked To: LORD'S RESISTANCE ARMY.",
        ["a.k.a. 'D'S SUPERMARKET'", "Linked To: LORD'S RESISTANCE ARMY"],
    ),
    ("a.k.a. 'BROKEN; DOB 1954.", ["a.k.a. 'BROKEN", "DOB 1954"]),
    ("", []),
    ("  ;  ; ", []),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_remarks(text: str, expected: list[str]) -> None:
    assert split_remarks(text) == expected


DOB_CASES = [
    ("30 Aug 1954", ["1954-08-30"]),
    ("1954", ["1954"]),
    ("circa 1954", ["1954"]),
    ("circa 30 Aug 1954", ["1954-08-30"]),
    ("Aug 1954", ["1954-08"]),
    ("1960 to 1962", ["1960", "1961", "1962"]),
    ("01 Jan 1960 to 31 Dec 1962", ["1960", "1961", "1962"]),
    ("Aug 1960 to Sep 1961", ["1960", "1961"]),
    ("circa 1979-1982", ["1979", "1980", "1981", "1982"]),
    ("1900 to 1990", ["1900", "1990"]),  # too wide to be evidence: ends only
    ("unknown", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), DOB_CASES)
def test_parse_birth_dates(text: str, expected: list[str]) -> None:
    assert parse_birth_dates(text) == expected


COUNTRY_CASES = [
    ("042833 (Lebanon)", ("042833", "Lebanon")),
    ("27082171 (United States) issued 21 Jun 1992", ("27082171", "United States")),
    ("J32377129 (Iran) expires 31 Aug 2020", ("J32377129", "Iran")),
    ("3848561 (New York) (United States)", ("3848561 (New York)", "United States")),
    ("(98)(21)(66153220)", ("(98)(21)(66153220)", None)),
    ("AIMM67125HCHRRG06 (Mexico) issued 1968", ("AIMM67125HCHRRG06", "Mexico")),
    ("12345 issued 2001", ("12345", None)),
    ("ABC (Nowhere Land)", ("ABC (Nowhere Land)", None)),
]


@pytest.mark.parametrize(("value", "expected"), COUNTRY_CASES)
def test_split_country(value: str, expected: tuple[str, str | None]) -> None:
    assert split_country(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("IMO 9187655", "IMO9187655"), ("imo9187655", "IMO9187655"), ("IMO 918765", None), ("9187655", None)],
)
def test_normalize_imo(value: str, expected: str | None) -> None:
    assert normalize_imo(value) == expected


def test_parse_remarks_sorts_items() -> None:
    text = (
        "DOB 31 Aug 1960; alt. DOB 31 Aug 1953; POB Al Basuriyah, Lebanon; nationality Lebanon; "
        "alt. citizen Syria; Additional Sanctions Information - Subject to Secondary Sanctions; Gender Male; "
        "Passport 042833 (Lebanon); alt. Passport RL 1794375 (Lebanon) issued 2001; Diplomatic Passport 008827 (Iran); "
        "Organization Type: Extraction of crude petroleum; Vessel Registration Identification IMO 9187655; "
        "a.k.a. 'HESA'; f.k.a. 'OLD NAME'; n.k.a. \"NEW\"; Secretary General of Hizballah; Linked To: HIZBALLAH."
    )
    found = parse_remarks(text)
    assert found.birth_dates == ["31 Aug 1960", "31 Aug 1953"]
    assert found.birth_places == ["Al Basuriyah, Lebanon"]
    assert found.nationalities == ["Lebanon"]
    assert found.citizenships == ["Syria"]
    assert found.names == [("a.k.a.", "HESA"), ("f.k.a.", "OLD NAME"), ("n.k.a.", "NEW")]
    assert found.ids == [
        ("Gender", "Male", None),
        ("Passport", "042833", "Lebanon"),
        ("Passport", "RL 1794375", "Lebanon"),
        ("Diplomatic Passport", "008827", "Iran"),
        ("Organization Type:", "Extraction of crude petroleum", None),
        ("Vessel Registration Identification", "IMO 9187655", None),
    ]
    # "alt." is dropped; unknown items stay as written, in order.
    assert found.notes == [
        "Additional Sanctions Information - Subject to Secondary Sanctions",
        "Secretary General of Hizballah",
        "Linked To: HIZBALLAH",
    ]


def test_parse_remarks_empty_and_keys_without_value() -> None:
    assert parse_remarks(None).notes == []
    assert parse_remarks("").ids == []
    # A key with nothing after it is not an identifier; it is kept as a note.
    assert parse_remarks("Passport; DOB").notes == ["Passport", "DOB"]
    # A key must be a whole word: "Passports seized" is not a passport.
    assert parse_remarks("Passports seized 2001").notes == ["Passports seized 2001"]


def test_id_types_use_real_properties() -> None:
    from followthemoney import model

    known: set[str] = set()
    for schema in ("Person", "Company", "Vessel", "Airplane"):
        known |= set(model.get(schema).properties)
    for id_type, spec in ID_TYPES.items():
        assert spec.props, id_type
        assert set(spec.props) <= known, id_type
        assert spec.kind in ("id", "date"), id_type
