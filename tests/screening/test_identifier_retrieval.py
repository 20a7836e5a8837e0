"""An identifier a list carries finds and hits its holder whatever the name says (issue 19, point 7).

Three sources: the project's OFAC fixture (the vessel ARK, IMO 9187655 and
MMSI 256842000; Hasan NASRALLAH, passport 042833; IRAN AIRCRAFT
MANUFACTURING INDUSTRIAL COMPANY, national id 10100722073 and registration
number 26740), a few entities written here for the kinds the fixtures lack
(BIC, LEI, INN, IBAN), and the real OFAC SDN list of 2021, whose Bank
Mellat entry carries the BIC BKMTIRTH (skipped when the real data is absent).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from embargo.index import ListIndex, build_index
from embargo.ingest import import_file
from embargo.matching import Query
from embargo.matching.features import IDENTIFIER_FLOOR
from embargo.model import Entity
from embargo.screening import Hit, Screener
from embargo.store import Store
from tests.conftest import FIXTURES, shared_file

ARK = "us-ofac-sdn-15037"
NASRALLAH = "us-ofac-sdn-2686"
HESA = "us-ofac-sdn-11195"


@pytest.fixture(scope="module")
def ofac(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    store = Store(tmp_path_factory.mktemp("idret") / "s.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    return Screener.open(store)


def _entity(schema: str, eid: str, name: str, **ids: str) -> Entity:
    e = Entity(schema, eid, "written", eid)
    e.add("name", name)
    for prop, value in ids.items():
        assert e.add(prop, value) is not None, (prop, value)
    return e


WRITTEN = [
    _entity("Organization", "mellat", "BANK MELLAT", swiftBic="BKMTIRTH"),
    _entity("Organization", "sme", "SME BANK", swiftBic="RUDVRUMM", registrationNumber="1027739108649"),
    _entity("Company", "lei", "NORTHERN LIGHTS HOLDING PLC", leiCode="5493001KJTIIGC8Y1R12"),
    _entity("Company", "inn", "OOO ROMASHKA", innCode="7707083893"),
    _entity("Company", "iban", "KRAFTWERK HANDEL GMBH", registrationNumber="DE89 3704 0044 0532 0130 00"),
    _entity("Person", "plain", "Ivan Ivanovich PETROV", passportNumber="123456", idNumber="NOTAVAILABLE"),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    path = tmp_path_factory.mktemp("idret-written") / "v1.idx"
    build_index("written", 1, WRITTEN).save(path)
    return Screener.load([path])  # through the file: the identifier sections survive saving


def _hit(hits: list[Hit], entity_id: str) -> Hit | None:
    return next((h for h in hits if h.entity_id == entity_id), None)


def _identifier(hit: Hit) -> dict[str, object]:
    return next(f for f in hit.explanation() if f["feature"] == "identifier")


# (query name, schema, id number, entity expected at the top, words in the identifier's explanation)
FOUND_BY_IDENTIFIER = [
    ("Sea Breeze", "Vessel", "IMO 9187655", ARK, "IMO 9187655 is on the list entry (IMO number, check digit valid)"),
    ("Sea Breeze", "Vessel", "9187655", ARK, "IMO 9187655 is on the list entry"),
    ("Sea Breeze", "Vessel", "imo-9187655", ARK, "check digit valid"),
    ("Aerospace Partner Ltd", "Organization", "10100722073", HESA, "id number 10100722073 is on the list entry"),
]


@pytest.mark.parametrize(("name", "schema", "number", "expected", "words"), FOUND_BY_IDENTIFIER)
def test_an_unrelated_name_with_a_listed_identifier_finds_the_holder(
    ofac: Screener, name: str, schema: str, number: str, expected: str, words: str
) -> None:
    hits = ofac.screen(Query.build([name], schema=schema, id_numbers=[number]))
    assert hits and hits[0].entity_id == expected, [(h.entity_id, h.score) for h in hits]
    top = hits[0]
    assert top.score >= IDENTIFIER_FLOOR
    assert top.result.name_score < 0.5  # the names differ, and the explanation still shows how much
    assert words in str(_identifier(top)["detail"])
    assert "identifies alone" in str(_identifier(top)["detail"])


# (query name, schema, id number, entity expected at the top, words in the identifier's explanation)
WRITTEN_CASES = [
    ("Some Bank", "Organization", "BKMTIRTH", "mellat", "BIC BKMTIRTH is on the list entry (SWIFT/BIC code, valid format)"),
    ("Some Bank", "Organization", "BKMT IR TH XXX", "mellat", "BIC BKMTIRTHXXX is on the list entry"),
    ("Some Bank", "Organization", "BKMTIRTH123", "mellat", "BIC BKMTIRTH123 is a branch of the listed BIC BKMTIRTH"),
    ("Acme Fund", "Company", "5493001KJTIIGC8Y1R12", "lei", "LEI 5493001KJTIIGC8Y1R12 is on the list entry (legal entity identifier, ISO 7064 check valid)"),
    ("Daisy Trading", "Company", "7707083893", "inn", "INN 7707083893 is on the list entry (Russian taxpayer number, check digit valid)"),
    ("Power Trade", "Company", "DE89370400440532013000", "iban", "IBAN DE89370400440532013000 is on the list entry (IBAN, check digits valid)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "schema", "number", "expected", "words"), WRITTEN_CASES)
def test_each_kind_is_met_and_named(
    written: Screener, name: str, schema: str, number: str, expected: str, words: str
) -> None:
    hits = written.screen(Query.build([name], schema=schema, id_numbers=[number]))
    assert hits and hits[0].entity_id == expected, [(h.entity_id, h.score) for h in hits]
    assert hits[0].score >= IDENTIFIER_FLOOR
    assert words in str(_identifier(hits[0])["detail"])


def test_the_holder_ranks_above_a_namesake_whose_identifier_differs(written: Screener) -> None:
    # "Some Bank" is near "SME BANK" by name (0.95), which carries another BIC: the holder of this one comes first
    hits = written.screen(Query.build(["Some Bank"], schema="Organization", id_numbers=["BKMTIRTH"]))
    assert [h.entity_id for h in hits][:2] == ["mellat", "sme"]
    sme = _identifier(hits[1])
    assert sme["score"] == -0.05 and "listed BIC RUDVRUMM" in str(sme["detail"])


# (query name, schema, id number, entity that must not be a hit, why)
NOT_ALONE = [
    ("Some Person", "Person", "042833", NASRALLAH, "a passport number of five significant digits"),
    ("Aerospace Partner Ltd", "Organization", "26740", HESA, "a registration number of five digits"),
    ("Sea Breeze", "Vessel", "256842000", ARK, "an MMSI moves with the flag"),
    ("Sea Breeze", "Vessel", "9HDQ9", ARK, "a call sign is short and reassigned"),
    ("Sea Breeze", "Vessel", "IMO 9187656", ARK, "another IMO number (its check digit fails)"),
    ("Some Person", "Person", "IMO 9187655", ARK, "a vessel is no person"),
]


@pytest.mark.parametrize(("name", "schema", "number", "entity", "why"), NOT_ALONE)
def test_a_weak_identifier_does_not_hit_alone(
    ofac: Screener, name: str, schema: str, number: str, entity: str, why: str
) -> None:
    hits = ofac.screen(Query.build([name], schema=schema, id_numbers=[number]), threshold=0.3)
    assert _hit(hits, entity) is None, why


# (query name, id number, entity) of the hand-written list whose values are plain
PLAIN = [
    ("Sergei Smirnov", "123456"),  # consecutive digits
    ("Sergei Smirnov", "NOTAVAILABLE"),  # a word where a number should be
]


@pytest.mark.parametrize(("name", "number"), PLAIN)
def test_a_plain_value_does_not_hit_alone(written: Screener, name: str, number: str) -> None:
    hits = written.screen(Query.build([name], id_numbers=[number]), threshold=0.3)
    assert _hit(hits, "plain") is None


def test_a_short_identifier_still_counts_beside_the_name(ofac: Screener) -> None:
    hits = ofac.screen(Query.build(["Hasan Nasrallah"], id_numbers=["042833"]))
    found = _identifier(hits[0])
    assert hits[0].entity_id == NASRALLAH
    assert found["score"] == 0.3
    assert "too short or too plain to identify alone" in str(found["detail"])


def test_a_wrong_check_digit_is_said(ofac: Screener) -> None:
    # looked up as written (it finds nothing), and said when the name brings the vessel
    hits = ofac.screen(Query.build(["ARK"], schema="Vessel", id_numbers=["IMO 9187656"]))
    ark = _hit(hits, ARK)
    assert ark is not None
    found = _identifier(ark)
    assert found["score"] == -0.05
    assert "IMO 9187656: check digit fails" in str(found["detail"])
    assert "listed IMO 9187655" in str(found["detail"])


def test_a_failing_lei_check_is_said_when_it_matches(tmp_path: Path) -> None:
    # a list may carry a number with a wrong check: met as written, and the check's verdict shown
    path = tmp_path / "v1.idx"
    build_index("t", 1, [_entity("Company", "x", "ALPHA PLC", leiCode="5493001KJTIIGC8Y1R13")]).save(path)
    hits = Screener.load([path]).screen(Query.build(["Beta"], schema="Company", id_numbers=["5493001KJTIIGC8Y1R13"]))
    assert hits and "ISO 7064 check fails" in str(_identifier(hits[0])["detail"])


def test_no_identifier_lookup_without_id_numbers(ofac: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = ListIndex.identifier_entities

    def counting(self: ListIndex, key: str) -> memoryview:
        calls.append(key)
        return original(self, key)

    monkeypatch.setattr(ListIndex, "identifier_entities", counting)
    ofac.screen(Query.build(["ARK"], schema="Vessel"))
    ofac.screen_all(Query.build(["ARK"], schema="Vessel"), rarity={})
    # without id numbers only the query's exact names are looked up (index/keys.py: exact_name_keys)
    assert calls and all(key.startswith("name:") for key in calls)
    calls.clear()
    ofac.screen(Query.build(["ARK"], schema="Vessel", id_numbers=["IMO 9187655"]))
    assert any(not key.startswith("name:") for key in calls)  # and with one, the index is asked for it


def test_screen_all_finds_by_identifier(ofac: Screener) -> None:
    hits = ofac.screen_all(Query.build(["Sea Breeze"], schema="Vessel", id_numbers=["IMO 9187655"]), rarity={})
    assert [h.entity_id for h in hits] == [ARK]


@pytest.fixture(scope="module")
def banks_2021(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Screener:
    """The banks of the real OFAC SDN CSV of 2021 (one in twenty of the other entries beside them)."""
    real = shared_file(shared_data, "ofac/sdn_csv_2021/sdn.csv")
    folder = tmp_path_factory.mktemp("sdn2021")
    with real.open(encoding="utf-8", newline="") as fh, (folder / "sdn.csv").open("w", encoding="utf-8") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        for i, row in enumerate(csv.reader(fh)):
            if len(row) > 1 and ("BANK" in row[1] or i % 20 == 0):
                writer.writerow(row)
    store = Store(folder / "s.db")
    import_file(store, folder / "sdn.csv", "us_ofac_sdn")
    return Screener.open(store)


def test_bank_mellat_by_its_bic_in_the_real_list(banks_2021: Screener) -> None:
    hits = banks_2021.screen(Query.build(["Some Bank"], schema="Organization", id_numbers=["BKMTIRTH"]))
    assert hits and hits[0].caption == "BANK MELLAT", [(h.caption, h.score) for h in hits]
    assert hits[0].score >= IDENTIFIER_FLOOR
    assert "BIC BKMTIRTH is on the list entry (SWIFT/BIC code, valid format)" in str(_identifier(hits[0])["detail"])


@pytest.mark.parametrize("dob", ["1990-01-01", "1961-01-01"])
def test_a_shared_identifier_outweighs_a_birth_date_of_another_decade(tmp_path: Path, dob: str) -> None:
    """A date of another decade costs a name 0.3 (a date tolerance), but the floor of an identifier that
    identifies alone only the 0.2 of a slip: its holder is still flagged, below the agreeing hits."""
    person = _entity("Person", "born", "Pavel Sergeevich SIDOROV", passportNumber="7512345678")
    person.add("birthDate", "1975-05-05")
    path = tmp_path / "v1.idx"
    build_index("born", 1, [person]).save(path)
    screener = Screener.load([path])
    hits = screener.screen(
        Query.build(["Unrelated Name"], schema="Person", id_numbers=["7512345678"], birth_dates=[dob])
    )
    assert hits and hits[0].entity_id == "born"
    assert hits[0].score == pytest.approx(IDENTIFIER_FLOOR - 0.2, abs=0.001)
    dates = next(f for f in hits[0].explanation() if f["feature"] == "birth_date")
    assert dates["score"] == pytest.approx(-0.3)  # shown as it is; the floor counts it as a slip
