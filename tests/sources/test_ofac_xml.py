"""OFAC classic XML (SDN.XML / CONSOLIDATED.XML)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from embargo.errors import SourceError
from embargo.model import Entity
from embargo.sources import ofac_csv, ofac_xml
from embargo.sources.base import ParseContext
from tests.conftest import shared_file

NS_NOW = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"
NS_OLD = "http://tempuri.org/sdnList.xsd"


def _parse(path: Path, list_name: str = "us_ofac_sdn") -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name, "US OFAC", path)
    return {e.source_id or "": e for e in ofac_xml.parse(path, ctx)}, ctx


def _entry(body: str, ns: str = NS_NOW) -> str:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return (
        f'<?xml version="1.0" standalone="yes"?>\n<sdnList{xmlns}>\n'
        "<publshInformation><Publish_Date>12/31/2020</Publish_Date><Record_Count>1</Record_Count></publshInformation>\n"
        f"{body}\n</sdnList>\n"
    )


ENTRY = (
    "<sdnEntry><uid>36</uid><lastName>AEROCARIBBEAN AIRLINES</lastName><sdnType>Entity</sdnType>"
    "<programList><program>CUBA</program></programList>"
    "<akaList><aka><uid>12</uid><type>a.k.a.</type><category>strong</category><lastName>AERO-CARIBBEAN</lastName></aka></akaList>"
    "<addressList><address><uid>25</uid><city>Havana</city><country>Cuba</country></address></addressList></sdnEntry>"
)


def test_fixture_lukashenka_field_by_field(fixtures: Path) -> None:
    entities, ctx = _parse(fixtures / "ofac" / "SDN.XML")
    assert ctx.published == "2021-07-07"
    assert ctx.issues == []
    assert sorted(entities) == ["11195", "15037", "15431", "2686", "9760"]
    luka = entities["9760"]
    assert luka.id == "us-ofac-sdn-9760"
    assert luka.schema == "Person"
    assert luka.get("name") == ["LUKASHENKA, Alyaksandr Hryhoryavich"]
    assert luka.get("lastName") == ["LUKASHENKA"]
    assert luka.get("firstName") == ["Alyaksandr"]
    assert luka.get("fatherName") == ["Hryhoryavich"]
    assert len(luka.get("alias")) == 31
    assert "LUKASHENKO, Alexander Grigorievich" in luka.get("alias")
    assert "LUKASHENKA, Aliaksandr Hryhoryavich" in luka.get("alias")
    assert luka.get("weakAlias") == []
    assert luka.get("birthDate") == ["1954-08-30"]
    assert luka.get("birthPlace") == ["Kopys, Vitebsk oblast, Belarus"]
    assert luka.get("birthCountry") == ["by"]
    assert luka.get("position") == ["President"]
    assert luka.get("address") == []
    assert luka.get("sourceUrl") == ["https://sanctionssearch.ofac.treas.gov/Details.aspx?id=9760"]
    [designation] = luka.designations
    assert (designation.authority, designation.program, designation.measures) == (
        "US OFAC",
        "BELARUS",
        ["asset_freeze"],
    )
    assert designation.source_id == "9760"


def test_fixture_other_record_kinds(fixtures: Path) -> None:
    entities, _ = _parse(fixtures / "ofac" / "SDN.XML")
    nasrallah = entities["2686"]
    assert nasrallah.get("birthDate") == ["1960-08-31", "1953-08-31", "1955-08-31", "1958-08-31"]
    assert nasrallah.get("passportNumber") == ["042833"]
    assert nasrallah.get("gender") == ["male"]
    assert nasrallah.get("country") == ["lb"]
    assert [d.program for d in nasrallah.designations] == ["SDGT", "SYRIA"]
    hesa = entities["11195"]
    assert hesa.schema == "Organization"
    assert len(hesa.get("alias")) == 4
    assert hesa.get("weakAlias")[:3] == ["HESA", "HTC", "IAMI"]
    assert len(hesa.get("weakAlias")) == 9
    assert hesa.get("idNumber") == ["10100722073"]
    assert hesa.get("registrationNumber") == ["26740"]
    assert "P.O. Box 14155-5568, No. 27 Shahamat Ave, Vallie Asr Sqr, Tehran 15946, Iran" in hesa.get("address")
    assert hesa.get("notes") == [
        "Additional Sanctions Information - Subject to Secondary Sanctions; "
        "Linked To: MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS; Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS"
    ]
    ark = entities["15037"]
    assert ark.schema == "Vessel"
    assert ark.get("imoNumber") == ["IMO9187655"]
    assert ark.get("mmsi") == ["256842000"]
    assert ark.get("callSign") == ["9HDQ9"]
    assert ark.get("flag") == ["pa"]
    assert ark.get("pastFlags") == ["mt", "tz"]
    assert ark.get("previousName") == ["ABADEH", "CRYSTAL", "SUNDIAL"]
    assert (ark.get("tonnage"), ark.get("grossRegisteredTonnage")) == (["99030"], ["56068"])
    plane = entities["15431"]
    assert plane.schema == "Airplane"
    assert plane.get("model") == ["IL76-TD"]
    assert plane.get("buildDate") == ["1992"]
    assert plane.get("serialNumber") == ["8401", "1023409321"]


def test_same_ids_and_content_as_the_csv_set(fixtures: Path) -> None:
    """The CSV fixture holds the same five records: the formats must agree entity for entity."""
    xml, _ = _parse(fixtures / "ofac" / "SDN.XML")
    ctx = ParseContext("us_ofac_sdn", "US OFAC", fixtures / "ofac" / "csv" / "sdn.csv")
    csv = {e.source_id: e for e in ofac_csv.parse(fixtures / "ofac" / "csv" / "sdn.csv", ctx)}
    assert set(xml) == set(csv)
    for uid, entity in xml.items():
        assert entity.to_dict() == csv[uid].to_dict(), uid


@pytest.mark.parametrize("ns", [NS_NOW, NS_OLD, ""])
def test_namespace_tolerant(tmp_path: Path, ns: str) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(_entry(ENTRY, ns))
    entities, ctx = _parse(path)
    assert ctx.published == "2020-12-31"
    assert entities["36"].get("alias") == ["AERO-CARIBBEAN"]
    assert entities["36"].get("address") == ["Havana, Cuba"]


BROKEN_FILES = [
    (b"", "empty"),
    (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "HTML page"),
    (b"<html><body>Service unavailable</body></html>", "HTML page"),
    (b"<Sanctions><DistinctParty/></Sanctions>", "unexpected document element"),
    (b"<sdnList><sdnEntry><uid>1</uid>", "not well-formed"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><sdnList/>', "DTD"),
    (b"uid,name\n1,x\n", "not well-formed"),
]


@pytest.mark.parametrize(("data", "message"), BROKEN_FILES)
def test_broken_files_raise_source_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "SDN.XML"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=message) as info:
        _parse(path)
    assert info.value.path == str(path)


def test_broken_records_are_skipped_with_location(tmp_path: Path) -> None:
    body = (
        "<sdnEntry><lastName>NO UID</lastName><sdnType>Entity</sdnType></sdnEntry>"
        "<sdnEntry><uid>7</uid><sdnType>Entity</sdnType></sdnEntry>"
        "<sdnEntry><uid>8</uid><lastName>X</lastName><sdnType>Submarine</sdnType></sdnEntry>"
        f"<sdnEntry><uid>9</uid><lastName>{'Y' * 5000}</lastName><sdnType>Entity</sdnType></sdnEntry>" + ENTRY
    )
    path = tmp_path / "SDN.XML"
    path.write_text(_entry(body))
    entities, ctx = _parse(path)
    assert list(entities) == ["36"]
    assert [i.location for i in ctx.issues] == ["sdnEntry 1", "uid 7", "uid 8", "uid 9", "publshInformation"]
    assert "Record_Count says 1 but the file holds 5" in ctx.issues[-1].message


def test_sniff(fixtures: Path) -> None:
    head = (fixtures / "ofac" / "SDN.XML").read_bytes()[:4096]
    assert ofac_xml.sniff(head, "SDN.XML")
    assert ofac_xml.sniff(_entry(ENTRY, NS_OLD).encode(), "x.xml")
    assert not ofac_xml.sniff(b'<?xml version="1.0"?><export><sanctionEntity/></export>', "x.xml")
    assert not ofac_xml.sniff(b'9760,"LUKASHENKA","individual"', "sdn.csv")


# --- the real Consolidated list (same schema as SDN.XML) -------------------------------------------------------


def _xpath(tree: etree._ElementTree, expr: str) -> list[etree._Element]:
    result = tree.xpath(expr)
    assert isinstance(result, list)
    return result  # type: ignore[return-value]


def test_real_consolidated_counts(shared_data: Path) -> None:
    path = shared_file(shared_data, "ofac/CONSOLIDATED.XML")
    entities, ctx = _parse(path, "us_ofac_cons")
    assert ctx.published == "2026-01-08"
    assert ctx.issues == []
    # Counted independently with XPath on the whole document.
    tree = etree.parse(str(path))
    entries = _xpath(tree, "//*[local-name()='sdnEntry']")
    assert len(entries) == len(entities) == 442

    def ln(name: str) -> str:
        return f"*[local-name()='{name}']"

    types = Counter(str(e.xpath(f"string({ln('sdnType')})")) for e in entries)
    assert types == {"Entity": 363, "Individual": 79}
    schemas = Counter(e.schema for e in entities.values())
    assert schemas["Person"] == 79
    assert schemas["Organization"] + schemas["Company"] == 363
    strong = weak = 0
    for entry in entries:
        kinds = {str(a.xpath(f"string({ln('category')})")) for a in entry.xpath(f"{ln('akaList')}/{ln('aka')}")}
        names: dict[str, set[tuple[str, str]]] = {"strong": set(), "weak": set()}
        for aka in entry.xpath(f"{ln('akaList')}/{ln('aka')}"):
            last = str(aka.xpath(f"string({ln('lastName')})"))
            first = str(aka.xpath(f"string({ln('firstName')})"))
            kind = str(aka.xpath(f"string({ln('type')})")) == "f.k.a."
            names[str(aka.xpath(f"string({ln('category')})"))].add((str(kind), f"{last}, {first}" if first else last))
        assert kinds <= {"strong", "weak"}
        strong += len(names["strong"])
        weak += len({n for _, n in names["weak"]})
    assert (strong, weak) == (1072, 72)
    assert sum(len(e.get("alias")) + len(e.get("previousName")) for e in entities.values()) == strong
    assert sum(len(e.get("weakAlias")) for e in entities.values()) == weak
    with_dob = len(_xpath(tree, f"//{ln('sdnEntry')}[{ln('dateOfBirthList')}/{ln('dateOfBirthItem')}]"))
    assert with_dob == 74
    assert sum(1 for e in entities.values() if e.get("birthDate")) == with_dob
    programs = len(_xpath(tree, f"//{ln('programList')}/{ln('program')}"))
    assert sum(len(e.designations) for e in entities.values()) == programs == 534


def test_real_consolidated_records(shared_data: Path) -> None:
    entities, _ = _parse(shared_file(shared_data, "ofac/CONSOLIDATED.XML"), "us_ofac_cons")
    zahhar = entities["9647"]
    assert zahhar.get("name") == ["ZAHHAR, Mahmoud Khaled"]
    assert zahhar.get("alias") == ["AL ZAHAR, Mahmoud Khaled"]
    assert zahhar.get("weakAlias") == ["ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"]
    assert zahhar.get("birthDate") == ["1945"]
    assert zahhar.get("nationality") == ["ps"]
    assert {d.program: d.measures for d in zahhar.designations} == {"NS-PLC": ["other"], "SDGT": ["asset_freeze"]}
    kunlun = entities["15268"]
    assert kunlun.get("swiftBic") == ["CKLBCNBJ"]
    assert kunlun.get("previousName") == ["KARAMAY URBAN CREDIT COOPERATIVES", "KARAMAY CITY COMMERCIAL BANK CO LTD."]
    assert (
        kunlun.get("address")[0]
        == "172 Xibin Rd, Ranghulu District, (Daqing, Heilongjiang Branch), Daqing 163453, China"
    )
    assert [(d.program, d.measures) for d in kunlun.designations] == [("561-Related", ["financial_prohibition"])]
    sber = entities["17018"]
    assert sber.get("innCode") == ["7707083893"]
    measures = {d.program: d.measures for d in sber.designations}
    assert measures == {
        "UKRAINE-EO13662": ["sectoral_sanctions"],
        "RUSSIA-EO14024": ["sectoral_sanctions", "financial_prohibition"],
    }
    russia = next(d for d in sber.designations if d.program == "RUSSIA-EO14024")
    assert russia.listing_date == "2022-02-24"
    moge = entities["46072"]
    assert moge.get("weakAlias") == ["MOGE", "M.O.G.E."]
    assert moge.get("incorporationDate") == ["1963"]
    assert [(d.program, d.measures, d.listing_date) for d in moge.designations] == [
        ("BURMA-EO14014", ["financial_prohibition"], "2023-10-31")
    ]


def test_real_consolidated_agrees_with_its_csv(shared_data: Path) -> None:
    """The late-2025 CSV and the January 2026 XML of the Consolidated list give the same ids."""
    xml, _ = _parse(shared_file(shared_data, "ofac/CONSOLIDATED.XML"), "us_ofac_cons")
    path = shared_file(shared_data, "ofac/cons_csv_2025/cons_prim.csv")
    csv = {e.source_id: e for e in ofac_csv.parse(path, ParseContext("us_ofac_cons", "US OFAC", path))}
    assert set(xml) == set(csv)
    assert all(xml[uid].id == csv[uid].id and xml[uid].schema == csv[uid].schema for uid in xml)
    same_names = sum(1 for uid in xml if sorted(xml[uid].names()) == sorted(csv[uid].names()))
    assert same_names >= 439  # three records changed between the two publications


def test_real_sdn_excerpt_with_the_service_namespace(shared_data: Path) -> None:
    """A 2026 SDN.XML excerpt in the sanctions list service namespace (five trimmed real entries)."""
    entities, ctx = _parse(shared_file(shared_data, "ofac/sdn_xml_excerpt_2026.xml"))
    assert ctx.published == "2026-08-07"
    assert ctx.issues == []
    assert sorted(entities, key=int) == ["36", "2674", "4238", "6944", "9758"]
    assert {uid: e.schema for uid, e in entities.items()} == {
        "36": "Organization",
        "2674": "Person",
        "4238": "Vessel",
        "9758": "Person",
        "6944": "Person",
    }
    assert entities["36"].id == "us-ofac-sdn-36"
    assert entities["36"].get("address") == ["Havana, Cuba"]
    abbas = entities["2674"]
    assert abbas.get("position") == ["Director of PALESTINE LIBERATION FRONT - ABU ABBAS FACTION"]
    assert abbas.get("notes") == ["Secondary sanctions risk: section 1(b) of Executive Order 13224"]
    ship = entities["4238"]
    assert (ship.get("callSign"), ship.get("type"), ship.get("flag")) == (["CL2192"], ["Tug"], ["cu"])
    ibrahim = entities["9758"]
    assert ibrahim.get("passportNumber") == ["M-110522"]
    assert ibrahim.get("nationality") == ["in"]
    assert ibrahim.get("citizenship") == ["in", "pk", "ae"]
    assert [d.program for d in ibrahim.designations] == ["SDNTK", "SDGT"]
    assert entities["6944"].get("birthDate") == ["1969"]
