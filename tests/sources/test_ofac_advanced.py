"""OFAC advanced XML (SDN_ADVANCED.XML / CONS_ADVANCED.XML)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from embargo.errors import SourceError
from embargo.model import Entity, Link
from embargo.sources import ofac_advanced, ofac_xml
from embargo.sources._ofac_advanced_refs import period_values
from embargo.sources.base import ParseContext
from embargo.sources.registry import sniff_format
from tests.conftest import shared_file

NS_NOW = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
NS_OLD = "http://www.un.org/sanctions/1.0"
SDN_EXCERPT = "ofac/sdn_advanced_excerpt_2026-09-09.xml"
CONS = "ofac/cons_advanced_2020-03-17.xml"


def _parse(path: Path, list_name: str = "us_ofac_sdn") -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name, "US OFAC", path)
    return {e.source_id or "": e for e in ofac_advanced.parse(path, ctx)}, ctx


@pytest.fixture
def fixture_file(fixtures: Path) -> Path:
    return fixtures / "ofac" / "SDN_ADVANCED.XML"


@pytest.fixture
def parsed(fixture_file: Path) -> dict[str, Entity]:
    entities, ctx = _parse(fixture_file)
    assert ctx.issues == []
    assert ctx.published == "2026-03-14"
    return entities


def _rewrite(fixture_file: Path, tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = fixture_file.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path = tmp_path / "SDN_ADVANCED.XML"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- the project's fixture, field by field ---------------------------------------------------------------------


def test_fixture_person_names(parsed: dict[str, Entity]) -> None:
    assert sorted(parsed) == ["90001", "90002", "90003", "90004"]
    korvin = parsed["90001"]
    assert (korvin.id, korvin.schema) == ("us-ofac-sdn-90001", "Person")
    assert korvin.get("name") == ["KORVIN, Arkady Viktorovich", "КОРВИН, Аркадий Викторович"]
    assert korvin.caption == "KORVIN, Arkady Viktorovich"
    assert korvin.get("lastName") == ["KORVIN", "КОРВИН"]
    assert korvin.get("firstName") == ["Arkady", "Аркадий"]
    assert korvin.get("fatherName") == ["Viktorovich", "Викторович"]
    assert korvin.get("alias") == ["KORVINE, Arkadi", "КОРВІН, Аркадзь Віктаравіч"]
    assert korvin.get("previousName") == ["SMIRNOV, Arkady"]
    assert korvin.get("weakAlias") == ["ARKASHA"]
    # Cyrillic does not name its language; the letters do (Belarusian і and -віч, Russian и).
    assert korvin.name_languages == {"КОРВИН, Аркадий Викторович": "ru", "КОРВІН, Аркадзь Віктаравіч": "be"}


def test_fixture_person_details(parsed: dict[str, Entity]) -> None:
    korvin = parsed["90001"]
    assert korvin.get("birthDate") == ["1971-05-14", "1970", "1971", "1972"]
    assert korvin.get("birthPlace") == ["Tver, Russia"]
    assert korvin.get("birthCountry") == ["ru"]
    assert korvin.get("nationality") == ["ru"]
    assert korvin.get("citizenship") == ["cy"]
    assert korvin.get("gender") == ["male"]
    assert korvin.get("position") == ["General Director"]
    assert korvin.get("passportNumber") == ["751234567"]
    assert korvin.get("taxNumber") == ["771234567890"]
    assert korvin.get("innCode") == ["771234567890"]
    assert korvin.get("email") == ["a.korvin@example.org"]
    assert korvin.get("address") == ["ul. Lesnaya 7, kv. 12, Moscow 125047, Russia"]
    assert korvin.get("country") == ["ru"]
    assert korvin.get("sourceUrl") == ["https://sanctionssearch.ofac.treas.gov/Details.aspx?id=90001"]
    assert [(d.authority, d.program, d.measures, d.listing_date, d.source_id) for d in korvin.designations] == [
        ("US OFAC", "RUSSIA-EO14024", ["asset_freeze"], "2022-04-06", "90001"),
        ("US OFAC", "CYBER2", ["asset_freeze"], "2022-04-06", "90001"),
    ]


def test_fixture_digital_currency_addresses_are_identifiers(parsed: dict[str, Entity]) -> None:
    korvin = parsed["90001"]
    xbt, eth = "1KorvinFixtureXbtAddr5mNqYk3hLcUe8s", "0x00000000000000000000000000000000000f1a7e"
    assert korvin.get("idNumber") == [xbt, eth]
    assert korvin.get("notes") == [f"Digital Currency Address - XBT {xbt}; Digital Currency Address - ETH {eth}"]


def test_fixture_company(parsed: dict[str, Entity]) -> None:
    holding = parsed["90002"]
    assert holding.schema == "Company"  # OFAC's Target Type says Private Company
    assert holding.get("name") == ["KORVIN HOLDINGS LIMITED"]
    assert holding.get("alias") == ["KORVIN GROUP", "КОРВИН ХОЛДИНГС ЛИМИТЕД"]
    assert holding.name_languages == {"КОРВИН ХОЛДИНГС ЛИМИТЕД": "ru"}
    assert holding.get("registrationNumber") == ["HE 412345"]
    assert holding.get("classification") == ["Private Company"]
    assert holding.get("incorporationDate") == ["2009-02"]
    assert holding.get("website") == ["www.korvin-holdings.example"]
    assert holding.get("address") == ["12 Harbour Street, Office 301, Limassol, Cyprus"]
    assert holding.get("country") == ["cy"]
    assert holding.get("notes") == [
        "Additional Sanctions Information - Subject to Secondary Sanctions; Linked to KORVIN, Arkady Viktorovich"
    ]


def test_fixture_vessel(parsed: dict[str, Entity]) -> None:
    ship = parsed["90003"]
    assert ship.schema == "Vessel"
    assert ship.get("name") == ["SEA KORVIN"]
    assert ship.get("previousName") == ["NORDIC PEARL"]
    assert ship.get("imoNumber") == ["IMO9876543"]
    assert ship.get("mmsi") == ["352001234"]
    assert ship.get("flag") == ["pa"]
    assert ship.get("type") == ["Crude Oil Tanker"]
    assert ship.get("callSign") == ["3E2718"]
    assert ship.get("buildDate") == ["2004"]
    assert ship.get("address") == []  # its only location is "undetermined"
    assert [(d.program, d.listing_date) for d in ship.designations] == [("RUSSIA-EO14024", "2023-11-16")]


def test_fixture_arabic_script_and_middle_name(parsed: dict[str, Entity]) -> None:
    nasiri = parsed["90004"]
    assert nasiri.get("name") == ["AL-NASIRI, Khalid Hamid", "الناصري, خالد حامد"]
    assert nasiri.get("lastName") == ["AL-NASIRI", "الناصري"]
    assert nasiri.get("firstName") == ["Khalid", "خالد"]
    assert nasiri.get("middleName") == ["Hamid", "حامد"]
    assert nasiri.name_languages == {}  # Arabic script is written in several languages
    assert nasiri.get("birthDate") == ["1965-03"]
    assert nasiri.get("passportNumber") == ["A1234567"]
    assert [(d.program, d.listing_date) for d in nasiri.designations] == [("SDGT", "2015-09-29")]


def test_fixture_links_both_ways(parsed: dict[str, Entity]) -> None:
    korvin, holding, nasiri = parsed["90001"], parsed["90002"], parsed["90004"]
    korvin_name, holding_name = "KORVIN, Arkady Viktorovich", "KORVIN HOLDINGS LIMITED"
    assert holding.links == [
        Link("owned_by", "us-ofac-sdn-90001", korvin_name, "Owned or Controlled By", "30001"),
        Link("other", "us-ofac-sdn-90001", korvin_name, "Leader or official of", "30003"),
    ]
    assert korvin.links == [
        Link("owns", "us-ofac-sdn-90002", holding_name, "Owned or Controlled By", "30001"),
        Link("associate", "us-ofac-sdn-90004", "AL-NASIRI, Khalid Hamid", "Associate Of", "30002"),
        Link("leader", "us-ofac-sdn-90002", holding_name, "Leader or official of", "30003"),
    ]
    assert nasiri.links == [Link("associate", "us-ofac-sdn-90001", korvin_name, "Associate Of", "30002")]
    assert parsed["90003"].links == []
    assert holding.to_dict()["links"][0] == {
        "kind": "owned_by",
        "target": "us-ofac-sdn-90001",
        "target_name": korvin_name,
        "relation": "Owned or Controlled By",
        "source_id": "30001",
    }


def test_ids_are_the_classic_xml_ids(parsed: dict[str, Entity], tmp_path: Path) -> None:
    classic = tmp_path / "SDN.XML"
    classic.write_text(
        '<?xml version="1.0"?><sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">'
        "<sdnEntry><uid>90001</uid><firstName>Arkady Viktorovich</firstName><lastName>KORVIN</lastName>"
        "<sdnType>Individual</sdnType><programList><program>CYBER2</program></programList></sdnEntry>"
        "<sdnEntry><uid>90003</uid><lastName>SEA KORVIN</lastName><sdnType>Vessel</sdnType>"
        "<programList><program>RUSSIA-EO14024</program></programList></sdnEntry></sdnList>"
    )
    ctx = ParseContext("us_ofac_sdn", "US OFAC", classic)
    twins = {e.source_id: e for e in ofac_xml.parse(classic, ctx)}
    for uid, twin in twins.items():
        assert parsed[str(uid)].id == twin.id
        assert parsed[str(uid)].schema == twin.schema
    # The same name parts as the classic reader makes of "KORVIN, Arkady Viktorovich".
    for prop in ("name", "lastName", "firstName", "fatherName"):
        assert twins["90001"].get(prop)[0] == parsed["90001"].get(prop)[0]


@pytest.mark.parametrize("ns", [NS_NOW, NS_OLD, ""])
def test_both_namespaces(fixture_file: Path, tmp_path: Path, ns: str) -> None:
    xmlns = f' xmlns="{ns}"' if ns else ""
    path = _rewrite(fixture_file, tmp_path, f' xmlns="{NS_NOW}"', xmlns)
    entities, ctx = _parse(path)
    assert ctx.issues == []
    assert len(entities) == 4
    assert entities["90003"].get("imoNumber") == ["IMO9876543"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("1947-04-19", "1947-04-19", ["1947-04-19"]),
        ("1965-03-01", "1965-03-31", ["1965-03"]),
        ("1964-02-01", "1964-02-29", ["1964-02"]),
        ("1991-01-01", "1991-12-31", ["1991"]),
        ("1960-01-01", "1962-12-31", ["1960", "1961", "1962"]),
        ("1960-05-03", "1961-02-01", ["1960", "1961"]),
        ("1965-03-01", "1965-03-30", ["1965"]),
    ],
)
def test_date_periods(start: str, end: str, expected: list[str]) -> None:
    def bound(name: str, value: str) -> str:
        year, month, day = value.split("-")
        date = f"<Year>{year}</Year><Month>{int(month)}</Month><Day>{int(day)}</Day>"
        return f"<{name}><From>{date}</From><To>{date}</To></{name}>"

    period = etree.fromstring(f"<DatePeriod>{bound('Start', start)}{bound('End', end)}</DatePeriod>")
    assert period_values(period) == expected


# --- broken input ----------------------------------------------------------------------------------------------


BROKEN_FILES = [
    (b"", "empty"),
    (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "HTML page"),
    (b"<sdnList><sdnEntry/></sdnList>", "unexpected document element"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Sanctions/>', "DTD"),
    (b"<Sanctions><DistinctParties><DistinctParty/></DistinctParties></Sanctions>", "no ReferenceValueSets"),
    (b"FixedRef,name\n1,x\n", "not well-formed"),
]


@pytest.mark.parametrize(("data", "message"), BROKEN_FILES)
def test_broken_files_raise_source_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "SDN_ADVANCED.XML"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=message) as info:
        _parse(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.95])
def test_truncated_file_raises_before_any_entity(fixture_file: Path, tmp_path: Path, fraction: float) -> None:
    data = fixture_file.read_bytes()
    path = tmp_path / "SDN_ADVANCED.XML"
    path.write_bytes(data[: int(len(data) * fraction)])
    ctx = ParseContext("us_ofac_sdn", "US OFAC", path)
    stream = ofac_advanced.parse(path, ctx)
    with pytest.raises(SourceError, match="not well-formed"):
        next(stream)


def test_broken_records_are_skipped_with_location(fixture_file: Path, tmp_path: Path) -> None:
    path = _rewrite(fixture_file, tmp_path, '<DistinctParty FixedRef="90003">', '<DistinctParty FixedRef="x3">')
    path = _rewrite(path, tmp_path, 'PartySubTypeID="3"', 'PartySubTypeID="99"')
    path = _rewrite(
        path, tmp_path, 'To-ProfileID="90001" RelationTypeID="1555"', 'To-ProfileID="12345" RelationTypeID="1555"'
    )
    entities, ctx = _parse(path)
    assert sorted(entities) == ["90001", "90004"]
    assert [str(i) for i in ctx.issues] == [
        "uid 90002: unknown record type ''; skipped",
        "DistinctParty: missing or bad FixedRef 'x3'; skipped",
        "ProfileRelationship 30002: profile 12345 is not in the file; link kept without it",
    ]
    assert entities["90004"].links == [Link("associate", None, None, "Associate Of", "30002")]


def test_sniff(fixture_file: Path, fixtures: Path, shared_data: Path) -> None:
    head = fixture_file.read_bytes()[:4096]
    assert ofac_advanced.sniff(head, "SDN_ADVANCED.XML")
    assert not ofac_xml.sniff(head, "SDN_ADVANCED.XML")
    classic = (fixtures / "ofac" / "SDN.XML").read_bytes()[:4096]
    assert not ofac_advanced.sniff(classic, "SDN.XML")
    assert not ofac_advanced.sniff(b'<?xml version="1.0"?><Sanctions xmlns="urn:other"><x/></Sanctions>', "x.xml")
    assert sniff_format(fixture_file) is ofac_advanced.FORMAT
    assert sniff_format(fixtures / "ofac" / "SDN.XML") is ofac_xml.FORMAT
    assert sniff_format(shared_file(shared_data, CONS)) is ofac_advanced.FORMAT  # the old namespace


# --- the real files --------------------------------------------------------------------------------------------


def test_real_sdn_excerpt(shared_data: Path) -> None:
    entities, ctx = _parse(shared_file(shared_data, SDN_EXCERPT))
    assert ctx.published == "2026-09-09"
    assert ctx.issues == []
    assert Counter(e.schema for e in entities.values()) == {"Organization": 1, "Person": 1, "Vessel": 1, "Airplane": 1}
    assert sum(len(e.links) for e in entities.values()) == 0  # its ProfileRelationships are empty
    airline = entities["36"]
    assert (airline.id, airline.get("name"), airline.get("alias")) == (
        "us-ofac-sdn-36",
        ["AEROCARIBBEAN AIRLINES"],
        ["AERO-CARIBBEAN"],
    )
    assert airline.get("address") == ["Havana, Cuba"]
    zomor = entities["2677"]
    assert zomor.schema == "Person"
    assert zomor.get("name") == ["Al-Zomor, Abboud Abdul Latif Hassan", "الزمر, عبود عبداللطيف حسن"]
    assert zomor.get("lastName") == ["Al-Zomor", "الزمر"]
    assert zomor.get("birthDate") == ["1947-04-19"]
    assert zomor.get("birthPlace") == ["Nahia, Giza, Egypt"]
    assert zomor.get("nationality") == ["eg"]
    assert zomor.get("gender") == ["male"]
    assert len(zomor.get("alias")) == 5
    assert [(d.program, d.listing_date) for d in zomor.designations] == [("SDGT", "1995-01-23")]
    ship = entities["4238"]
    assert ship.schema == "Vessel"
    assert (ship.get("callSign"), ship.get("flag"), ship.get("type")) == (["CL2192"], ["cu"], ["Tug"])
    assert ship.get("grossRegisteredTonnage") == ["212"]
    assert ship.get("notes") == ["Vessel owner: Samir de Navegacion S.A."]
    plane = entities["15432"]
    assert plane.schema == "Airplane"
    assert plane.get("name") == ["EP-GOL"]
    assert plane.get("model") == ["IL-76TD"]
    assert plane.get("buildDate") == ["1991"]
    assert plane.get("serialNumber") == ["8305", "1013409297"]


def test_real_sdn_excerpt_agrees_with_the_classic_excerpt(shared_data: Path) -> None:
    """Two 2026 excerpts of the SDN list, one per format: the shared parties diff cleanly."""
    advanced, _ = _parse(shared_file(shared_data, SDN_EXCERPT))
    path = shared_file(shared_data, "ofac/sdn_xml_excerpt_2026.xml")
    classic = {e.source_id: e for e in ofac_xml.parse(path, ParseContext("us_ofac_sdn", "US OFAC", path))}
    assert set(advanced) & set(classic) == {"36", "4238"}
    for uid in ("36", "4238"):
        assert advanced[uid].id == classic[uid].id
        assert advanced[uid].schema == classic[uid].schema
        for prop, values in classic[uid].properties.items():
            assert advanced[uid].get(prop) == values, (uid, prop)
        assert [(d.id, d.program, d.measures) for d in advanced[uid].designations] == [
            (d.id, d.program, d.measures) for d in classic[uid].designations
        ]


def _xpath(tree: etree._ElementTree, expr: str) -> list[etree._Element]:
    result = tree.xpath(expr)
    assert isinstance(result, list)
    return result  # type: ignore[return-value]


def test_real_consolidated_counts(shared_data: Path) -> None:
    path = shared_file(shared_data, CONS)
    entities, ctx = _parse(path, "us_ofac_cons")
    assert ctx.published == "2020-03-17"
    assert ctx.issues == []
    # Counted independently with XPath on the whole document.
    tree = etree.parse(str(path))
    parties = _xpath(tree, "//*[local-name()='DistinctParty']")
    subtypes = Counter(str(p.xpath("string(*[local-name()='Profile']/@PartySubTypeID)")) for p in parties)
    assert subtypes == {"3": 293, "4": 82}
    assert len(entities) == len(parties) == 375
    assert Counter(e.schema for e in entities.values()) == {"Organization": 293, "Person": 82}
    relations = _xpath(tree, "//*[local-name()='ProfileRelationship']")
    assert len(relations) == 276
    kinds = Counter(link.kind for e in entities.values() for link in e.links)
    assert kinds == {"owned_by": 276, "owns": 276}
    assert all(link.target is not None and link.target_name for e in entities.values() for link in e.links)
    programs = Counter(d.program for e in entities.values() for d in e.designations)
    assert programs == {
        "UKRAINE-EO13662": 290,
        "NS-PLC": 78,
        "SYRIA": 6,
        "FSE-SY": 5,
        "VENEZUELA-EO13850": 2,
        "SDGT": 1,
        "561-Related": 1,
        "FSE-IR": 1,
    }
    names = _xpath(tree, "//*[local-name()='NamePartValue']")
    assert len(names) == 1456


def test_real_consolidated_records(shared_data: Path) -> None:
    entities, _ = _parse(shared_file(shared_data, CONS), "us_ofac_cons")
    vtb = entities["17013"]
    assert (vtb.id, vtb.schema, vtb.get("name")) == ("us-ofac-cons-17013", "Organization", ["VTB BANK OAO"])
    assert vtb.get("innCode") == ["7702070139"]
    assert vtb.get("swiftBic") == ["VTBRRUMM"]
    assert "VNESHTORGBANK" in vtb.get("previousName")
    [ssi] = vtb.designations
    assert (ssi.program, ssi.measures, ssi.listing_date) == ("UKRAINE-EO13662", ["sectoral_sanctions"], "2014-07-29")
    assert ssi.reason == "Executive Order 13662 Directive Determination - Subject to Directive 1"
    owned = [link for link in vtb.links if link.kind == "owns"]
    assert len(owned) == 22
    assert (
        Link("owns", "us-ofac-cons-18719", "BANK VTB 24 PUBLIC JOINT STOCK COMPANY", "Owned or Controlled By", "2734")
        in owned
    )
    subsidiary = entities["18719"]
    assert Link("owned_by", "us-ofac-cons-17013", "VTB BANK OAO", "Owned or Controlled By", "2734") in subsidiary.links
    haniya = entities["9639"]
    assert haniya.get("name") == ["HANIYA, Ismail Abdul Salah"]
    assert [(d.program, d.measures, d.listing_date) for d in haniya.designations] == [
        ("NS-PLC", ["other"], "2006-04-12")
    ]
    kunlun = entities["15268"]
    assert (
        kunlun.get("address")[0]
        == "172 Xibin Rd, Ranghulu District, (Daqing, Heilongjiang Branch), Daqing 163453, China"
    )
    assert [(d.program, d.measures) for d in kunlun.designations] == [("561-Related", ["financial_prohibition"])]
