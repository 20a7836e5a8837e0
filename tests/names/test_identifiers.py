"""Identifiers by kind: kinds told from properties and forms, checks, what identifies alone, lookup keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from embargo.index import IDENTIFIER_PROPERTIES
from embargo.names.identifiers import (
    PROPERTY_KINDS,
    agreement,
    check,
    identifies,
    index_key,
    listed_identifiers,
    normalize_identifier,
    query_keys,
    shown,
)

# (property, value as a list writes it, kind, canonical value)
LISTED = [
    ("imoNumber", "IMO 9187655", "imo", "IMO9187655"),
    ("imoNumber", "9187655", "imo", "IMO9187655"),
    ("swiftBic", "BKMT IR TH", "bic", "BKMTIRTH"),
    ("leiCode", "5493001KJTIIGC8Y1R12", "lei", "5493001KJTIIGC8Y1R12"),
    ("innCode", "7707083893", "inn", "7707083893"),
    ("passportNumber", "MP 3303172", "passport", "MP3303172"),
    ("taxNumber", "650100123456", "tax", "650100123456"),
    # a generic property: the form tells the kind
    ("idNumber", "IMO 9876543", "imo", "IMO9876543"),
    ("idNumber", "1KorvinFixtureXbtAddr5mNqYk3hLcUe8s", "crypto", "1KORVINFIXTUREXBTADDR5MNQYK3HLCUE8S"),
    ("idNumber", "0x7F367cC41522cE07553e823bf3be79A889DEbe1B", "crypto", "0X7F367CC41522CE07553E823BF3BE79A889DEBE1B"),
    ("registrationNumber", "DE89 3704 0044 0532 0130 00", "iban", "DE89370400440532013000"),
    ("registrationNumber", "5493001KJTIIGC8Y1R12", "lei", "5493001KJTIIGC8Y1R12"),
    ("registrationNumber", "1027739108649", "registration", "1027739108649"),
    ("idNumber", "3010171A012PB1", "id", "3010171A012PB1"),
]


@pytest.mark.parametrize(("prop", "raw", "kind", "value"), LISTED)
def test_a_listed_identifier_gets_its_kind(prop: str, raw: str, kind: str, value: str) -> None:
    assert listed_identifiers({prop: [raw]}, IDENTIFIER_PROPERTIES) == [(kind, value)]


def test_every_identifier_property_has_a_kind() -> None:
    assert set(IDENTIFIER_PROPERTIES) <= set(PROPERTY_KINDS)


def test_a_value_under_two_properties_keeps_the_specific_kind() -> None:
    props = {"idNumber": ["MP3303172", "No. 1"], "passportNumber": ["MP 3303172"]}
    assert listed_identifiers(props, IDENTIFIER_PROPERTIES) == [("passport", "MP3303172")]


# (query id number as typed, listed kind, listed canonical value, agreement)
AGREEMENT = [
    ("IMO 9187655", "imo", "IMO9187655", "same"),
    ("9187655", "imo", "IMO9187655", "same"),
    ("IMO 9187656", "imo", "IMO9187655", None),
    ("BKMTIRTH", "bic", "BKMTIRTH", "same"),
    ("BKMTIRTHXXX", "bic", "BKMTIRTH", "same"),
    ("BKMTIRTH123", "bic", "BKMTIRTH", "same bank"),
    ("BKMTIRTH123", "bic", "BKMTIRTH456", "same bank"),
    ("BKMTIRTI", "bic", "BKMTIRTH", None),
    ("MP 3303172", "passport", "MP3303172", "same"),
    ("3303172", "passport", "MP3303172", None),  # a part is the weaker substring rule of the feature
    ("9187655", "passport", "IMO9187655", None),  # only an IMO number reads the prefix away
]


@pytest.mark.parametrize(("typed", "kind", "value", "expected"), AGREEMENT)
def test_agreement_reads_the_query_as_the_listed_kind(typed: str, kind: str, value: str, expected: str | None) -> None:
    assert agreement(normalize_identifier(typed), kind, value) == expected


# (kind, canonical value, identifies alone)
IDENTIFIES = [
    ("imo", "IMO9187655", True),
    ("bic", "BKMTIRTH", True),  # no digit, yet a BIC
    ("lei", "5493001KJTIIGC8Y1R12", True),
    ("passport", "MP3303172", True),
    ("id", "10100722073", True),
    ("passport", "042833", False),  # five significant digits
    ("registration", "26740", False),
    ("passport", "123456", False),  # consecutive digits
    ("id", "98765432", False),
    ("id", "111111", False),
    ("id", "12121212", False),  # two different characters
    ("id", "NOTAVAILABLE", False),  # a word where a number should be
    ("mmsi", "256842000", False),  # reassigned with the flag
    ("callsign", "9HDQ9", False),
]


@pytest.mark.parametrize(("kind", "value", "expected"), IDENTIFIES)
def test_what_identifies_alone(kind: str, value: str, expected: bool) -> None:
    assert identifies(kind, value) is expected


# (kind, value, passes, words)
CHECKS = [
    ("imo", "9187655", True, "check digit valid"),
    ("imo", "IMO9187656", False, "check digit fails"),
    ("imo", "IMO918765", False, "not seven digits"),
    ("bic", "BKMTIRTH", True, "valid format"),
    ("bic", "BKMTZZTH", False, "not a valid BIC format"),  # ZZ is no country
    ("lei", "5493001KJTIIGC8Y1R12", True, "ISO 7064 check valid"),
    ("lei", "5493001KJTIIGC8Y1R13", False, "ISO 7064 check fails"),
    ("iban", "DE89370400440532013000", True, "check digits valid"),
    ("iban", "DE88370400440532013000", False, "check digits fail"),
    ("inn", "7707083893", True, "check digit valid"),
    ("ogrn", "1027739108649", True, "check digit valid"),
]


@pytest.mark.parametrize(("kind", "value", "passes", "words"), CHECKS)
def test_checks(kind: str, value: str, passes: bool, words: str) -> None:
    assert check(kind, value) == (passes, words)


def test_kinds_without_a_check() -> None:
    assert check("passport", "MP3303172") is None


def test_shown_names_the_kind() -> None:
    assert shown("imo", "IMO9187655") == "IMO 9187655"
    assert shown("bic", "BKMTIRTH") == "BIC BKMTIRTH"
    assert shown("passport", "MP3303172") == "passport number MP3303172"


_VALUES = st.one_of(
    st.from_regex(r"(IMO ?)?[1-9][0-9]{6}", fullmatch=True).map(lambda v: ("imoNumber", v)),
    st.from_regex(r"[A-Z]{4}(IR|RU|DE)[A-Z0-9]{2}([A-Z0-9]{3})?", fullmatch=True).map(lambda v: ("swiftBic", v)),
    st.from_regex(r"[A-Z0-9]{4,14}", fullmatch=True).map(lambda v: ("idNumber", v)),
)


@given(_VALUES, st.sampled_from(["", " ", "-", "XXX", "123"]))
def test_the_lookup_finds_every_identifier_the_feature_meets(listed: tuple[str, str], suffix: str) -> None:
    # retrieval by identifier must bring every entity whose identifier the scorer would meet
    prop, raw = listed
    for kind, value in listed_identifiers({prop: [raw]}, IDENTIFIER_PROPERTIES):
        for typed in (raw, raw + suffix, raw.replace("IMO", "").strip(), raw[:8] + suffix):
            qid = normalize_identifier(typed)
            if qid and agreement(qid, kind, value) is not None:
                assert index_key(kind, value) in query_keys(qid), (raw, typed)
