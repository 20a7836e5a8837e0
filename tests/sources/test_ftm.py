"""FollowTheMoney JSON lines: import (fixture, real yente/OpenSanctions files, broken input) and export."""

from __future__ import annotations

import contextlib
import importlib
import json
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model as ftm_model
from followthemoney import registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embargo.errors import SourceError
from embargo.model import MEASURES, TARGET_SCHEMATA, Entity, schema_properties
from embargo.sources import ftm
from embargo.sources._ftm_links import measures_of
from embargo.sources.base import ParseContext
from tests.conftest import FIXTURES, shared_file

T1 = "ftm/yente_t1_entities.ftm.json"
ZALA = "ftm/yente_zala_entities.ftm.json"
DONATIONS = "ftm/yente_parteispenden_entities.ftm.json"
PARTY_SCHEMATA = {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane", "PublicBody"}


def run(path: Path, list_name: str = "fx") -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name=list_name, authority="Test Authority", path=path)
    entities: dict[str, Entity] = {}
    for entity in ftm.parse(path, ctx):
        assert entity.id not in entities
        entities[entity.id] = entity
    return entities, ctx


def raw(path: Path) -> list[dict[str, Any]]:
    """The file read with nothing but ``json`` (the independent reader)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_lines(path: Path, objects: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), encoding="utf-8")
    return path


def round_trip(entities: list[Entity], tmp: Path, list_name: str) -> list[Entity]:
    path = write_lines(tmp / "export.ftm.json", list(ftm.export_entities(entities)))
    ctx = ParseContext(list_name=list_name, authority="Someone Else", path=path)
    back = list(ftm.parse(path, ctx))
    assert ctx.issues == []
    return back


# --- project fixture ----------------------------------------------------------


def test_fixture_parties_and_warnings(fixtures: Path) -> None:
    entities, ctx = run(fixtures / "ftm" / "sanctions.ftm.json")
    assert list(entities) == ["xx-person-sidorov", "xx-company-tulsky", "xx-vessel-1", "xx-org-1"]
    assert ctx.published == "2024-05-31T09:30:00"
    assert [str(i) for i in ctx.issues] == [
        "line 9: not valid JSON (Invalid control character at: line 1 column 86 (char 85)); skipped",
        "line 10: unknown FollowTheMoney schema 'Spaceship'; skipped",
        "line 11: Organization has no properties shoeSize; their values are skipped",
        "line 13: xx-vessel-1 appears again; this copy is skipped (aggregate the file first)",
        "file: skipped 1 Ownership, 1 Position (relationships and other non-party records are not screened)",
        "file: 1 Sanction or identity records not used (no party in the file, or no number)",
    ]


def test_fixture_sanction_before_entity_with_address_and_passport(fixtures: Path) -> None:
    person = run(fixtures / "ftm" / "sanctions.ftm.json")[0]["xx-person-sidorov"]
    assert person.schema == "Person"
    assert person.source_id == "xx-person-sidorov"
    assert person.list_name == "fx"
    # the caption is put first, so it stays the name shown
    assert person.get("name") == ["Ivan Petrovich SIDOROV", "Иван Петрович СИДОРОВ", "Ivan Petrovitch Sidorov"]
    assert person.get("alias") == ["Іван Петрович СИДОРОВ"]
    assert person.get("fatherName") == ["Petrovich", "Петрович"]
    assert person.get("birthDate") == ["1961-04-12"]
    assert person.get("nationality") == ["ru"]
    assert person.get("createdAt") == ["2022-03-09"]  # date-time cut to its date
    assert person.get("address") == ["ul. Sovetskaya 1, Tula, 300000, Russia"]  # Address entity after it
    assert person.get("passportNumber") == ["720000001"]  # Passport entity after it
    [d] = person.designations  # from the Sanction before it; no dataset designation on top
    assert d.to_dict() == {
        "id": "xx-sanc-0001",
        "list": "fx",
        "authority": "Council of the European Union",
        "program": "Russia: territorial integrity of Ukraine",
        "measures": ["asset_freeze", "travel_ban"],
        "listing_date": "2022-03-09",
        "reason": "Member of the board of a defence company.",
        "source_id": "EU.7711.42",
        "url": "https://eur-lex.europa.eu/eli/reg_impl/2022/396/oj",
    }


def test_fixture_sanction_after_entity_through_referent(fixtures: Path) -> None:
    entities, _ = run(fixtures / "ftm" / "sanctions.ftm.json")
    company = entities["xx-company-tulsky"]
    assert company.get("name") == ["JSC Tulsky Zavod", "АО «Тульский завод»"]
    assert company.get("address") == ["ul. Sovetskaya 1, Tula, 300000, Russia"]
    [d] = company.designations
    assert (d.id, d.program, d.measures, d.listing_date, d.source_id) == (
        "xx-sanc-0002",
        "RUSSIA-EO14024",
        ["asset_freeze"],  # "RUSSIA-EO14024" in provisions is the program code, not a measure
        "2022-03-24",  # startDate when there is no listingDate
        "99001",
    )


def test_fixture_target_without_sanction_gets_dataset_designation(fixtures: Path) -> None:
    entities, _ = run(fixtures / "ftm" / "sanctions.ftm.json")
    vessel = entities["xx-vessel-1"]
    assert vessel.get("name") == ["SEA MIST"]  # the later duplicate was skipped
    assert [d.to_dict() for d in vessel.designations] == [
        {
            "id": "xx-vessel-1-gb-fcdo-sanctions",
            "list": "fx",
            "authority": "Test Authority",
            "program": "gb_fcdo_sanctions",
            "source_id": "xx-vessel-1",
        }
    ]  # ext_ru_egrul is an enrichment dataset, not a list
    org = entities["xx-org-1"]
    assert org.designations == []  # "target": false
    assert org.properties == {"name": ["Fund for Peace and Progress"], "country": ["ir"]}


@pytest.mark.parametrize(
    ("topics", "target", "designated"),
    [
        (["sanction"], None, True),
        (["sanction"], False, False),
        (["poi"], None, False),
        ([], True, True),
    ],
)
def test_target_flag_and_topic(tmp_path: Path, topics: list[str], target: bool | None, designated: bool) -> None:
    obj: dict[str, Any] = {"id": "p1", "schema": "Person", "properties": {"name": ["A B"], "topics": topics}}
    if target is not None:
        obj["target"] = target
    entities, _ = run(write_lines(tmp_path / "x.ftm.json", [obj]))
    assert [d.program for d in entities["p1"].designations] == ([None] if designated else [])


@pytest.mark.parametrize(
    ("provisions", "skip", "expected"),
    [
        (["Asset freeze"], [], ["asset_freeze"]),
        (["asset freeze", "travel ban", "other measure"], [], ["asset_freeze", "travel_ban", "other"]),
        (["RUSSIA-EO14024", "Block"], ["RUSSIA-EO14024"], ["asset_freeze"]),
        (["Targeted financial sanction"], [], ["asset_freeze"]),
        (["Prohibition/Restriction"], [], ["other"]),
        (["Policy of denial for all items subject to the EAR"], [], ["export_restriction"]),
        (["блокування активів - тимчасове обмеження права особи"], [], ["asset_freeze"]),
        ([*MEASURES.values()], [], list(MEASURES)),
    ],
)
def test_provisions_to_measures(provisions: list[str], skip: list[str], expected: list[str]) -> None:
    assert measures_of(provisions, skip) == expected


# --- broken files and records -------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the file is empty"),
        (b"\n  \n\n", "the file is empty"),
        (b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>\n", "first line is not valid JSON"),
        (b'[{"id": "a", "schema": "Person", "properties": {}}]\n', "first line is not a JSON object"),
        (b'{\n  "id": "a",\n  "schema": "Person"\n}\n', "first line is not valid JSON"),
        (b"id,name\n1,Someone\n", "first line is not valid JSON"),
        (b'{"DATA_SOURCE": "OPENSANCTIONS", "RECORD_ID": "x"}\n', "the first object has no schema"),
        (b'{"id": "\xff\xfe", "schema": "Person"}\n', "first line is not UTF-8 text"),
        (b"[" * 100_000 + b"\n", "first line is not valid JSON"),
    ],
)
def test_broken_files(tmp_path: Path, body: bytes, message: str) -> None:
    path = tmp_path / "list.ftm.json"
    path.write_bytes(body)
    with pytest.raises(SourceError, match=message) as err:
        list(ftm.parse(path, ParseContext("fx", "T", path)))
    assert str(path) in str(err.value)


def test_html_page_is_named(tmp_path: Path) -> None:
    path = tmp_path / "list.ftm.json"
    path.write_bytes(b"<html><body>Not found</body></html>\n")
    with pytest.raises(SourceError, match="an HTML page"):
        list(ftm.parse(path, ParseContext("fx", "T", path)))


def test_broken_records_are_skipped(tmp_path: Path) -> None:
    good = {"id": "p1", "schema": "Person", "properties": {"name": ["Good Person"]}}
    lines = [
        json.dumps(good).encode(),
        b'{"id": "p2", "schema": "Person", "properties": {"name": ["\xff bad bytes"]}}',
        b"42",
        b'{"schema": "Person", "properties": {"name": ["No Id"]}}',
        b'{"id": "p3", "schema": "Person", "properties": ["not", "an", "object"]}',
        b'{"id": "p4", "schema": "Person", "properties": {"name": [["nested"], 7, null, "Kept Name"]}}',
        b'{"id": "p5", "schema": "Person", "properties": {"name": "A Lone String", "birthDate": ["not a date"]}}',
        b'{"id": "s1", "schema": "Sanction", "properties": {"program": ["no entity"]}}',
        b'{"id": "' + b"x" * 2000 + b'", "schema": "Person", "properties": {}}',
        b"[" * 5000,
    ]
    path = tmp_path / "list.ftm.json"
    path.write_bytes(b"\n".join(lines) + b"\n")
    entities, ctx = run(path)
    assert list(entities) == ["p1", "p4", "p5"]
    assert entities["p4"].get("name") == ["Kept Name"]
    assert entities["p5"].properties == {"name": ["A Lone String"]}
    assert [i.location for i in ctx.issues] == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
        "line 9",
        "line 10",
        "file",
    ]


# --- real files -----------------------------------------------------------------


def test_real_t1(shared_data: Path) -> None:
    path = shared_file(shared_data, T1)
    records = raw(path)
    entities, ctx = run(path, "os")
    parties = [r for r in records if r["schema"] in PARTY_SCHEMATA]
    assert Counter(r["schema"] for r in records) == {"Person": 4, "Organization": 2, "Address": 1}
    assert Counter(e.schema for e in entities.values()) == {"Person": 4, "Organization": 2}
    assert ctx.issues == []
    assert ctx.published == max(r["last_seen"] for r in records) == "2024-06-01T10:57:03"
    for record in parties:
        entity = entities[record["id"]]
        assert set(entity.get("name")) == set(record["properties"]["name"])
        assert entity.get("name")[0] == record["caption"]
        assert entity.get("birthDate") == record["properties"].get("birthDate", [])
        # every record is "target": true in eu_fsf with no Sanction entity in the file
        assert [(d.program, d.authority) for d in entity.designations] == [("eu_fsf", "Test Authority")]
    kuzmenko = entities["NK-2Ka3UvopqbpZmVDFjWd4LA"]
    assert kuzmenko.caption == "Vitaly Yurievich KUZMENKO"
    assert kuzmenko.get("taxNumber") == ["366510784303"]
    assert kuzmenko.get("lastName") == ["КУЗЬМЕНКО", "KUZMENKO", "Kuzmenko"]
    assert kuzmenko.get("gender") == ["male"]


def test_real_zala_counts(shared_data: Path) -> None:
    path = shared_file(shared_data, ZALA)
    records = raw(path)
    entities, ctx = run(path, "os")
    assert Counter(r["schema"] for r in records)["Sanction"] == 41
    parties = {r["id"]: r for r in records if r["schema"] in PARTY_SCHEMATA}
    assert Counter(r["schema"] for r in parties.values()) == {"Company": 11, "Person": 6}
    assert set(entities) == set(parties)
    sanctions = [r for r in records if r["schema"] == "Sanction"]
    by_target = Counter(t for r in sanctions for t in r["properties"]["entity"])
    # counted with grep too: 28 and 13 Sanction lines name these two parties
    assert by_target == {"NK-abdzbEBkqyT29GyREbiURZ": 28, "NK-aU5ybkbRFJucf8YMwsJvDw": 13}
    for pid, record in parties.items():
        entity = entities[pid]
        assert set(entity.get("name")) == set(record["properties"].get("name", []))
        from_sanctions = [d for d in entity.designations if d.id in {s["id"] for s in sanctions}]
        assert len(from_sanctions) == by_target.get(pid, 0)
        if not by_target.get(pid):
            lists = [d for d in record["datasets"] if not d.startswith(("ext_", "ann_"))]
            # a target seen only in enrichment datasets gets one plain listing
            assert [d.program for d in entity.designations] == ((lists or [None]) if record["target"] else [])
    assert ctx.published == max(r["last_seen"] for r in records)
    assert (
        [str(i) for i in ctx.issues]
        == [
            "file: skipped 14 Ownership, 4 Family, 3 Directorship (relationships and other non-party records are not screened)",
            "file: 1 Sanction or identity records not used (no party in the file, or no number)",  # a Passport without number
        ]
    )


def test_real_zala_designations_field_by_field(shared_data: Path) -> None:
    entities, _ = run(shared_file(shared_data, ZALA), "os")
    zakharov = {d.id: d for d in entities["NK-aU5ybkbRFJucf8YMwsJvDw"].designations}
    eu = zakharov["eu-fsf-fca984f109185655c61bb72201265924b6afe734"]
    assert eu.to_dict() == {
        "id": "eu-fsf-fca984f109185655c61bb72201265924b6afe734",
        "list": "os",
        "authority": "Directorate‑General for Financial Stability, Financial Services and Capital Markets Union",
        "program": "UKR",
        "listing_date": "2025-02-24",
        "reason": "2025/389 (OJ L24022025)",
        "source_id": "EU.12789.10",
        "url": "https://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=OJ:L_202500389",
    }
    ofac = zakharov["ofac-927f7a4547f68cd05570180fed763dd2d5d8eca7"]
    assert (ofac.program, ofac.measures, ofac.source_id, ofac.authority) == (
        "RUSSIA-EO14024",
        ["asset_freeze"],
        "45937",
        "Office of Foreign Assets Control",
    )
    cst = {d.id: d for d in entities["NK-abdzbEBkqyT29GyREbiURZ"].designations}
    dfat = cst["au-dfat-56600015954691cece058c2a3b0e3b27740701e6"]
    assert (dfat.program, dfat.measures, dfat.listing_date) == ("Autonomous (Russia)", ["asset_freeze"], "2023-02-24")
    assert cst["ch-seco-c14ce2961b2453e0bf9d925ecb9e05883596cb9c"].listing_date == "2023-12-21"  # earliest of two
    assert cst["fr-ga-59c5b9f1ea81eb049090ac188d4e10f4c6860481"].program == (
        "(UE) 2025/527 du 14/03/2025 (UE Ukraine intégrité territoriale - R (UE) 269/2014); "
        "(UE) 2023/2875 du 18/12/2023 (UE Ukraine intégrité territoriale - R (UE) 269/2014)"
    )
    assert cst["be-fod-6b5e9e949f3a7b1e9f5e62ecec79478ca6a28a0b"].program == "EU-UKR"  # programId fallback
    company = entities["NK-abdzbEBkqyT29GyREbiURZ"]
    assert "130 Vorovskogo st. Izhevsk, 426063, Russia" in company.get("address")  # Address NK-Fb67...


def test_real_donations_addresses(shared_data: Path) -> None:
    path = shared_file(shared_data, DONATIONS)
    records = raw(path)
    entities, ctx = run(path, "de_donations")
    assert Counter(r["schema"] for r in records) == {
        "Payment": 290,
        "Address": 89,
        "Company": 56,
        "Person": 22,
        "Organization": 18,
    }
    assert Counter(e.schema for e in entities.values()) == {"Company": 56, "Person": 22, "Organization": 18}
    assert all(not e.designations for e in entities.values())  # no target flag, no sanction topic
    addresses = {r["id"]: r["properties"]["full"] for r in records if r["schema"] == "Address"}
    for record in records:
        if record["id"] in entities:
            expected = {a for ref in record["properties"].get("addressEntity", []) for a in addresses.get(ref, [])}
            assert set(entities[record["id"]].get("address")) == expected
    assert entities["f9c295f21b233ac878fbac4d271bb6fd13d7952a"].get("address") == ["Schillerstraße 19, 76135 Karlsruhe"]
    assert [str(i) for i in ctx.issues] == [
        "file: skipped 290 Payment (relationships and other non-party records are not screened)"
    ]


# --- sniffing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b'{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n', "x.json", True),
        (b'\xef\xbb\xbf{"id":"a","properties":{"name":["A"]},"schema":"Company"}', "x.jsonl", True),
        (b'{"id": "a", "caption": "A", "properties": {"name": ["' + b"A" * 5000, "entities.ftm.json", True),
        (b'{"id": "a", "caption": "A", "properties": {"name": ["' + b"A" * 5000, "data.json", False),
        (b'{"DATA_SOURCE": "OPENSANCTIONS", "RECORD_ID": "x"}\n', "senzing.json", False),
        (b'[{"id": "a", "schema": "Person", "properties": {}}]', "x.ftm.json", False),
        (b"id,name,schema\n", "x.ftm.json", False),
        (b"<?xml version='1.0'?><CONSOLIDATED_LIST>", "consolidated.xml", False),
    ],
)
def test_sniff(head: bytes, name: str, expected: bool) -> None:
    assert ftm.sniff(head, name) is expected


def test_sniff_real_files(shared_data: Path) -> None:
    for rel in (T1, ZALA, DONATIONS):
        path = shared_file(shared_data, rel)
        assert ftm.sniff(path.read_bytes()[:4096], path.name)
    senzing = shared_file(shared_data, "ftm/opensanctions_us_congress_senzing.json")
    assert not ftm.sniff(senzing.read_bytes()[:4096], senzing.name)


# --- export -----------------------------------------------------------------------


def test_export_shape(fixtures: Path) -> None:
    entities, _ = run(fixtures / "ftm" / "sanctions.ftm.json")
    person = entities["xx-person-sidorov"]
    person.name_languages["Иван Петрович СИДОРОВ"] = "ru"
    objects = list(ftm.export_entities([person, entities["xx-org-1"]]))
    assert [(o["id"], o["schema"]) for o in objects] == [
        ("xx-person-sidorov", "Person"),
        ("xx-sanc-0001", "Sanction"),
        ("xx-org-1", "Organization"),
    ]
    entity, sanction, org = objects
    assert entity["caption"] == "Ivan Petrovich SIDOROV"
    assert entity["datasets"] == ["fx"]
    assert entity["target"] is True
    assert entity["properties"]["topics"] == ["sanction"]
    assert entity["embargo"] == {"name_languages": {"Иван Петрович СИДОРОВ": "ru"}}
    assert all(isinstance(v, list) for v in entity["properties"].values())
    assert sanction == {
        "id": "xx-sanc-0001",
        "schema": "Sanction",
        "caption": "Russia: territorial integrity of Ukraine",
        "properties": {
            "authority": ["Council of the European Union"],
            "authorityId": ["EU.7711.42"],
            "entity": ["xx-person-sidorov"],
            "listingDate": ["2022-03-09"],
            "program": ["Russia: territorial integrity of Ukraine"],
            "provisions": ["asset freeze", "travel ban"],
            "reason": ["Member of the board of a defence company."],
            "sourceUrl": ["https://eur-lex.europa.eu/eli/reg_impl/2022/396/oj"],
        },
        "datasets": ["fx"],
        "target": False,
    }
    assert org["target"] is False
    assert "topics" not in org["properties"]
    assert "embargo" not in org


STRICT_TYPES = frozenset({"name", "date", "country", "gender", "topic", "text", "string", "entity", "url"})


def assert_ftm_accepts(objects: list[dict[str, Any]], strict: bool = False) -> None:
    """followthemoney reads every object back with the same schema, id and properties."""
    for obj in objects:
        proxy = ftm_model.get_proxy(obj)
        assert (proxy.schema.name, proxy.id) == (obj["schema"], obj["id"])
        assert proxy.to_dict()["properties"] == obj["properties"]  # no property unknown to FtM
        if strict:
            # Re-validated by FtM's own type cleaners. Identifiers and addresses
            # are left out: FtM checks formats (IMO check digits...) and rewrites
            # addresses (";" to ","), while embargo keeps them as published.
            checked = ftm_model.get_proxy(obj, cleaned=False)
            types = STRICT_TYPES if obj["schema"] != "Sanction" else STRICT_TYPES - {"text", "string"}
            for prop, values in obj["properties"].items():
                # A designation's texts are kept as published (FtM would fold
                # exotic spaces); entity values went through clean_text already.
                if checked.schema.get(prop).type.name in types:
                    assert checked.get(prop) == values, prop


@pytest.mark.parametrize("rel", [T1, ZALA, DONATIONS])
def test_real_round_trip_and_ftm_validity(shared_data: Path, tmp_path: Path, rel: str) -> None:
    entities, _ = run(shared_file(shared_data, rel), "os")
    assert_ftm_accepts(list(ftm.export_entities(entities.values())))
    back = round_trip(list(entities.values()), tmp_path, "os")
    assert [e.to_dict() for e in back] == [e.to_dict() for e in entities.values()]


def test_fixture_round_trip(fixtures: Path, tmp_path: Path) -> None:
    entities, _ = run(fixtures / "ftm" / "sanctions.ftm.json")
    back = round_trip(list(entities.values()), tmp_path, "fx")
    assert [e.to_dict() for e in back] == [e.to_dict() for e in entities.values()]


#: Other formats' parsers run on real lists: their entities must survive export and import.
PARSED = [
    ("un_sc", "un/consolidated.xml", "un_sc"),
    ("ofac_xml", "ofac/CONSOLIDATED.XML", "us_ofac_cons"),
    ("ofac_csv", "ofac/sdn_csv_fixture_2025/sdn.csv", "us_ofac_sdn"),
    ("uk_ofsi", "uk/ConList_excerpt_2020.csv", "gb_ofsi"),
    ("eu_journal", "eu/opensanctions_eu_journal_32006R0765_belarus.csv", "eu_oj_belarus"),
]


@pytest.mark.parametrize(("module", "rel", "list_name"), PARSED, ids=[p[0] for p in PARSED])
def test_parsed_lists_round_trip(shared_data: Path, tmp_path: Path, module: str, rel: str, list_name: str) -> None:
    try:
        fmt = importlib.import_module(f"embargo.sources.{module}")
    except ImportError:
        pytest.skip(f"embargo.sources.{module} not written yet")
    path = shared_file(shared_data, rel)
    entities = list(fmt.parse(path, ParseContext(list_name, "Authority", path)))
    assert entities
    assert_ftm_accepts(list(ftm.export_entities(entities)))
    back = round_trip(entities, tmp_path, list_name)
    assert [e.to_dict() for e in back] == [e.to_dict() for e in entities]


# --- Hypothesis: generated entities -----------------------------------------------

_COUNTRIES = sorted(str(c) for c in registry.country.names)
_LETTERS = st.characters(categories=("Lu", "Ll", "Nd", "Zs", "Pd"), codec="utf-8")
_names = st.text(_LETTERS, min_size=1, max_size=30)
# No control or format characters: FtM's strict cleaners drop DEL, C1 controls and lone soft hyphens, which clean_text keeps.
# NFC, as parsers pass designation texts (FtM would normalize them).
_texts = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf")), min_size=1, max_size=60)
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: s == s.strip() and bool(s))
)
_dates = st.builds(
    lambda d, n: d.isoformat()[:n],
    st.dates(min_value=date(1000, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from([4, 7, 10]),
)
_idents = st.text(st.characters(categories=("Lu", "Nd"), codec="ascii"), min_size=1, max_size=12)

#: Property -> value strategy; each is used where the schema has the property.
_PROPERTIES: dict[str, st.SearchStrategy[str]] = {
    "alias": _names,
    "weakAlias": _names,
    "previousName": _names,
    "firstName": _names,
    "lastName": _names,
    "fatherName": _names,
    "birthDate": _dates,
    "country": st.sampled_from(_COUNTRIES),
    "nationality": st.sampled_from(_COUNTRIES),
    "gender": st.sampled_from(["male", "female", "other"]),
    "passportNumber": _idents,
    "idNumber": _idents,
    "imoNumber": _idents,
    "registrationNumber": _idents,
    "notes": _texts,
    "address": _texts,
    "topics": st.sampled_from(["sanction", "crime", "poi", "role.pep"]),
}


@st.composite
def entities(draw: st.DrawFn, list_name: str = "gen_list") -> Entity:
    schema = draw(st.sampled_from(TARGET_SCHEMATA))
    key = draw(_idents)
    source_id = draw(st.none() | st.just(key) | _texts)
    ctx = ParseContext(list_name=list_name, authority="Generated Authority", path=Path("gen"))
    # ids as ctx.make_id builds them: FtM's entity references accept only [0-9a-zA-Z.-]
    entity = Entity(schema, ctx.make_id(key), list_name, source_id)
    for name in draw(st.lists(_names, max_size=3)):
        lang = draw(st.none() | st.sampled_from(["ru", "uk", "be", "ar"]))
        entity.add("name", name, lang=lang)
    allowed = schema_properties(schema)
    for prop, values in _PROPERTIES.items():
        if prop in allowed:
            for value in draw(st.lists(values, max_size=2)):
                entity.add(prop, value, lang=draw(st.none() | st.just("ru")))
    for program in draw(st.lists(st.none() | _texts, max_size=3, unique=True)):
        ctx.designate(
            entity,
            program,
            draw(st.lists(st.sampled_from(list(MEASURES)), max_size=3, unique=True)),
            listing_date=draw(st.none() | _dates),
            reason=draw(st.none() | _texts),
            url=draw(st.none() | st.just("https://example.org/notice")),
            end_date=draw(st.none() | _dates),
            authority=draw(st.none() | _texts),
        )
    return entity


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(entities(), min_size=1, max_size=4, unique_by=lambda e: e.id))
def test_generated_round_trip_is_lossless(tmp_path: Path, batch: list[Entity]) -> None:
    objects = list(ftm.export_entities(batch))
    assert_ftm_accepts(objects, strict=True)
    back = round_trip(batch, tmp_path, "gen_list")
    assert [e.to_dict() for e in back] == [e.to_dict() for e in batch]


# --- any bytes -------------------------------------------------------------------------


def _fuzz_bodies() -> st.SearchStrategy[bytes]:
    sample = (FIXTURES / "ftm" / "sanctions.ftm.json").read_bytes()
    lines = sample.splitlines(keepends=True)
    pieces = st.sampled_from([*lines, b"{", b"}", b'"schema": "Sanction"', b"\xff", b"\n", b"[", b"null", b'"entity"'])
    return st.one_of(st.binary(max_size=600), st.lists(pieces, max_size=12).map(b"".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_fuzz_bodies())
def test_any_bytes_raise_only_source_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.ftm.json"
    path.write_bytes(data)
    with contextlib.suppress(SourceError):
        list(ftm.parse(path, ParseContext("fuzz", "T", path)))
    ftm.sniff(data, path.name)
