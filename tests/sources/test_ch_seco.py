"""Swiss SECO sanctions list XML: the project's fixture, the real excerpt, broken input."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.ingest.mirror import find_in_folder
from embargo.model import Entity
from embargo.sources import ch_seco
from embargo.sources.base import ParseContext
from embargo.sources.catalog import get_list
from embargo.sources.registry import get_format, sniff_format
from tests.conftest import FIXTURES, shared_data_dir, shared_file

FIXTURE = FIXTURES / "ch" / "seco_gesamtliste_sample.xml"
REAL = "ch/seco_excerpt_2026-08-15.xml"
BELARUS = "Ordinance of 16 March 2022 on measures against Belarus (SR 946.231.116.9)"


def run(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name="ch_seco", authority="CH SECO", path=path)
    entities = {e.source_id or "": e for e in ch_seco.parse(path, ctx)}
    return entities, ctx


def write(tmp_path: Path, body: str, name: str = "list.xml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# --- project fixture --------------------------------------------------------


def test_fixture_targets_in_force_and_reports() -> None:
    entities, ctx = run(FIXTURE)
    assert ctx.published == "2026-08-20"
    # 900004 is de-listed (2020) and left out; 900008 has no name, the last target no ssid.
    assert sorted(entities) == ["900001", "900002", "900003", "900005", "900006", "900007"]
    assert {k: e.schema for k, e in entities.items()} == {
        "900001": "Person",
        "900002": "Organization",
        "900003": "Vessel",
        "900005": "Organization",
        "900006": "Person",
        "900007": "Airplane",
    }
    assert [(i.location, i.message) for i in ctx.issues] == [
        ("target 900007 (line 139)", "sanctions-set-id 999 is in no <sanctions-program>"),
        ("target 900008 (line 148)", "target without a name skipped"),
        ("target #9 (line 153)", "target without ssid skipped"),
    ]


def test_fixture_person_names_from_live_identity_only() -> None:
    e = run(FIXTURE)[0]["900001"]
    assert e.id == "ch-seco-900001"
    assert e.get("name") == ["Tsikhanouski Aliaksei Piatrovich"]
    # One full name per language and script of the spelling variants (the Belarusian
    # one takes the Russian Cyrillic patronymic, the only Cyrillic spelling given),
    # then the second identity's primary name.
    assert e.get("alias") == [
        "ЦІХАНОЎСКІ Аляксей Петрович",
        "Tikhanovsky Aleksei Petrovich",
        "ТИХАНОВСКИЙ Алексей Петрович",
        "Alexei Tikhanovski",
    ]
    assert e.name_languages == {"ЦІХАНОЎСКІ Аляксей Петрович": "be", "ТИХАНОВСКИЙ Алексей Петрович": "ru"}
    assert e.get("weakAlias") == ["The Accountant"]
    assert e.get("lastName") == ["Tsikhanouski", "ЦІХАНОЎСКІ", "Tikhanovsky", "ТИХАНОВСКИЙ", "Tikhanovski"]
    assert e.get("firstName") == ["Aliaksei", "Аляксей", "Aleksei", "Алексей", "Alexei"]
    assert e.get("fatherName") == ["Piatrovich", "Petrovich", "Петрович"]
    assert e.get("title") == ["Colonel"]
    # The snapshots under <modification> (a removed name, a nested target) are history.
    assert not any("Old Spelling" in v for _, v in e.names())


def test_fixture_person_details() -> None:
    e = run(FIXTURE)[0]["900001"]
    assert e.get("gender") == ["male"]
    assert e.get("birthDate") == ["1971-11-04", "1972"]
    # The place (after the targets in the file) completes the place of birth and the address.
    assert e.get("birthPlace") == ["Minsk, Minsk Region, Belarus"]
    assert e.get("birthCountry") == ["by"]
    assert e.get("address") == ["c/o Ministry of Finance, ул. Советская, 7, 220010 Minsk, Minsk Region, Belarus"]
    assert e.get("country") == ["by"]
    assert e.get("nationality") == ["by", "ru"]
    assert e.get("passportNumber") == ["MP1234567"]
    assert e.get("idNumber") == ["4041171A001PB1"]
    assert e.get("email") == ["a.t@example.by"]
    assert e.get("notes") == ["Function: deputy head of department"]
    assert e.get("programId") == ["BLR.0001"]
    assert e.get("modifiedAt") == ["2024-02-03"]
    assert [link.to_dict() for link in e.links] == [
        {"kind": "other", "target": "ch-seco-900002", "relation": "related-to", "source_id": "900028"}
    ]


def test_fixture_person_designation_with_entry_ban() -> None:
    (d,) = run(FIXTURE)[0]["900001"].designations
    assert d.authority == "CH SECO"
    assert d.program == BELARUS
    assert d.measures == ["asset_freeze", "travel_ban"]
    assert d.listing_date == "2022-03-17"
    assert d.end_date is None
    assert d.source_id == "900001"
    assert d.reason == (
        "Deputy head of a state body responsible for the repression of civil society.\n"
        "He is associated with the Lukashenka regime."
    )
    assert d.url == ch_seco.URL


def test_fixture_entity() -> None:
    e = run(FIXTURE)[0]["900002"]
    assert e.get("name") == ["Minsk Precision Instruments Plant"]
    assert e.get("alias") == ["Мінскі завод дакладных прыбораў", "MPIP"]
    assert e.name_languages == {"Мінскі завод дакладных прыбораў": "be"}
    assert e.get("previousName") == ["Minsk Instrument Works"]
    assert e.get("incorporationDate") == ["1993-04-12"]
    assert e.get("address") == ["12 Partizansky Ave., 220021 Minsk, Belarus"]
    assert e.get("registrationNumber") == ["100123456"]
    assert e.get("website") == ["www.mpip.example"]
    assert e.get("phone") == ["+375 17 200-00-00"]
    assert e.get("notes") == ["Fax: +375 17 200-00-01"]
    assert [(link.kind, link.target) for link in e.links] == [("owned_by", "ch-seco-900001")]
    (d,) = e.designations
    # Annex 2 names no entry ban; an entity is never banned from travel anyway.
    assert (d.program, d.measures, d.listing_date) == (BELARUS, ["asset_freeze"], "2023-08-03")


def test_fixture_vessel_and_aircraft() -> None:
    entities = run(FIXTURE)[0]
    ship = entities["900003"]
    assert ship.get("name") == ["Sea Star 7"]
    assert ship.get("previousName") == ["Morning Light"]
    assert ship.get("imoNumber") == ["IMO9000001"]
    assert ship.get("notes") == ["Flag: Sierra Leone"]
    # A programme without a program-name is named by its program-key.
    assert [d.program for d in ship.designations] == ["North Korea"]
    plane = entities["900007"]
    assert plane.get("name") == ["EW-00001"]
    assert [d.program for d in plane.designations] == ["SECO sanctions set 999"]


def test_fixture_modification_history() -> None:
    entities = run(FIXTURE)[0]
    assert "900004" not in entities  # de-listed: latest modification
    (future,) = entities["900005"].designations  # de-listed after the list's date: still in force
    assert (future.listing_date, future.end_date) == ("2021-06-02", "2026-09-30")
    (back,) = entities["900006"].designations  # listed, de-listed, listed again
    assert (back.listing_date, back.end_date) == ("2023-01-11", None)
    assert entities["900006"].get("name") == ["Vozvrat Pavel"]


# --- real excerpt -------------------------------------------------------------


def test_real_excerpt_live_targets_only() -> None:
    path = shared_file(shared_data_dir(), REAL)
    entities, ctx = run(path)
    assert ctx.published == "2026-08-15"
    # 7 targets: 5142 Lukashenka, 5816 Delovaya Set and 5374 Bandarenka are de-listed.
    assert sorted(entities) == ["34461", "44348", "52941", "85396"]
    assert [(e.source_id, e.schema) for e in entities.values()] == [
        ("44348", "Organization"),
        ("85396", "Person"),
        ("34461", "Vessel"),
        ("52941", "Person"),
    ]
    # The excerpt has no <sanctions-program>: said once, programmes named by set id.
    assert [i.message for i in ctx.issues] == [
        "no <sanctions-program> blocks: programmes are named by their sanctions-set id"
    ]
    assert {e.source_id: [d.program for d in e.designations] for e in entities.values()} == {
        "44348": ["SECO sanctions set 4387"],
        "85396": ["SECO sanctions set 4387"],
        "34461": ["SECO sanctions set 34422"],
        "52941": ["SECO sanctions set 27286"],
    }


def test_real_excerpt_mzkt_names_counted_once() -> None:
    mzkt = run(shared_file(shared_data_dir(), REAL))[0]["44348"]
    assert mzkt.get("name") == ["MZKT"]
    # The name is repeated in three modification snapshots; it is read once.
    assert mzkt.get("alias") == ["МЗКТ - Минский завод колёсных тягачей", "VOLAT"]
    assert mzkt.get("website") == ["www.mzkt.by"]
    assert mzkt.get("registrationNumber") == ["100534485"]
    (d,) = mzkt.designations
    assert d.listing_date == "2021-03-22"
    assert d.measures == ["asset_freeze"]
    assert d.reason is not None and d.reason.startswith("MZKT (a.k.a. VOLAT) is part of the Belarusian")
    assert len(d.reason.split("\n")) == 4  # the four sibling justifications of the live entity


def test_real_excerpt_zamulevich_spellings() -> None:
    z = run(shared_file(shared_data_dir(), REAL))[0]["85396"]
    assert z.get("name") == ["Zamulevich Dzmitry Mihaylavych"]
    # Kept as published: the Belarusian spelling has a Latin I in a Cyrillic word.
    assert z.get("alias") == [
        "ЗАМУЛЕВIЧ Дзмітрьій Міхайлавіч",
        "Zamulevich Dmitriy Mikhailovich",
        "ЗАМУЛЕВИЧ Дмитрий Михайлович",
    ]
    assert "I" in z.get("alias")[0] and "\u0406" not in z.get("alias")[0]
    assert z.name_languages == {"ЗАМУЛЕВIЧ Дзмітрьій Міхайлавіч": "be", "ЗАМУЛЕВИЧ Дмитрий Михайлович": "ru"}
    assert z.get("lastName") == ["Zamulevich", "ЗАМУЛЕВIЧ", "ЗАМУЛЕВИЧ"]
    assert z.get("birthDate") == ["1974-05-07"]
    assert z.get("nationality") == ["by"]
    assert z.get("passportNumber") == ["BM2229283"]
    assert z.get("idNumber") == ["3070574E057PB8"]
    assert z.get("gender") == ["male"]


def test_real_excerpt_vessel_and_former_name() -> None:
    entities = run(shared_file(shared_data_dir(), REAL))[0]
    ship = entities["34461"]
    assert (ship.get("name"), ship.get("alias"), ship.get("imoNumber")) == (
        ["Hui Chon"],
        ["Hwang Gum San 2"],
        ["IMO8405270"],
    )
    v = entities["52941"]
    assert v.get("name") == ["Vorontsova Maria Vladimirovna"]
    # The maiden name alone is completed with her given names.
    assert v.get("previousName") == ["Putina Maria Vladimirovna"]
    assert v.get("alias") == ["ВОРОНЦОВА Мария Владимировна", "Mariya Vorontsova", "Maria Faassen"]
    assert v.get("gender") == ["female"]
    assert len(v.designations[0].reason.split("\n")) == 2  # type: ignore[union-attr]


# --- file level ----------------------------------------------------------------


def test_list_type_other_than_whole_list_is_reported(tmp_path: Path) -> None:
    body = FIXTURE.read_text(encoding="utf-8").replace('list-type="whole-list"', 'list-type="delta"')
    _, ctx = run(write(tmp_path, body))
    assert ctx.issues[0].location == "file"
    assert "'delta'" in ctx.issues[0].message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "empty"),
        ('<?xml version="1.0"?><CONSOLIDATED_LIST></CONSOLIDATED_LIST>', "unexpected document element"),
        ("<html><body>Service unavailable</body></html>", "HTML page"),
        ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><swiss-sanctions-list/>', "DTD"),
        ("this is not xml at all", "not well-formed"),
    ],
)
def test_broken_files_raise_source_error(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(SourceError, match=message) as info:
        list(run(path)[0])
    assert str(path) in str(info.value)


def test_truncated_file_raises_source_error(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match="not well-formed") as info:
        run(path)
    assert str(path) in str(info.value)


def test_sniffing_and_catalogue(tmp_path: Path) -> None:
    assert sniff_format(FIXTURE).name == "ch_seco"
    assert get_format("ch_seco") is ch_seco.FORMAT
    assert not ch_seco.sniff(b'<?xml version="1.0"?><data-set><record/></data-set>', "x.xml")
    item = get_list("ch_seco")
    assert item is not None and item.authority == "CH SECO"
    assert item.files[0].filename == "downloadXmlGesamtliste.xml"
    (tmp_path / "downloadXmlGesamtliste.xml").write_bytes(FIXTURE.read_bytes())
    found = find_in_folder(tmp_path, item)
    assert found is not None and found.format == "ch_seco"
    assert find_in_folder(tmp_path, get_list("eu_fsf")) is None  # type: ignore[arg-type]
