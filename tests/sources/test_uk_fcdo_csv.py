"""The UK Sanctions List (FCDO) CSV reader.

No real ``UK-Sanctions-List.csv`` is in the shared data (SOURCES.md: only
its header strings were found, in other projects' test code), so these run
on the project's fixture ``tests/fixtures/uk/UK-Sanctions-List-pair.csv``,
written in the published layout (Report Date line, the 58-column header,
one row per name and per address), and on its XML twin
``UK-Sanctions-List-pair.xml``: both must give the same entities.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.model import Entity, Link
from embargo.sources import uk_fcdo, uk_fcdo_csv, uk_ofsi
from embargo.sources.base import ParseContext
from embargo.sources.catalog import get_list
from embargo.sources.registry import get_format, sniff_format
from tests.conftest import shared_file


def read(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext("gb_fcdo", "UK FCDO", path)
    entities = list(uk_fcdo_csv.parse(path, ctx))
    by_id = {e.source_id or "": e for e in entities}
    assert len(by_id) == len(entities), "source ids must be unique"
    return by_id, ctx


def write_csv(
    tmp_path: Path,
    rows: list[dict[str, str]],
    first: str | None = "Report Date: 13-Feb-2026",
    columns: tuple[str, ...] = uk_fcdo_csv.COLUMNS,
) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if first is not None:
        writer.writerow([first])
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
    return path


def person(uid: str = "TST0001", **cells: str) -> dict[str, str]:
    return {
        "Unique ID": uid,
        "Name 1": "Ivan",
        "Name 6": "PETROV",
        "Name type": "Primary Name",
        "Regime Name": "The Test (Sanctions) Regulations 2020",
        "Designation Type": "Individual",
        "Sanctions Imposed": "Asset freeze",
        **cells,
    }


@pytest.fixture
def pair(fixtures: Path) -> tuple[Path, Path]:
    return fixtures / "uk" / "UK-Sanctions-List-pair.csv", fixtures / "uk" / "UK-Sanctions-List-pair.xml"


@pytest.fixture
def parsed(pair: tuple[Path, Path]) -> tuple[dict[str, Entity], ParseContext]:
    return read(pair[0])


# --- format, registry, catalogue ------------------------------------------------------------


def test_format_constants() -> None:
    assert uk_fcdo_csv.FORMAT.name == uk_fcdo_csv.NAME == "uk_fcdo_csv"
    assert uk_fcdo_csv.URL == "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"
    assert len(uk_fcdo_csv.COLUMNS) == len(set(uk_fcdo_csv.COLUMNS)) == 58
    assert get_format("uk_fcdo_csv") is uk_fcdo_csv.FORMAT


def test_catalogue_lists_the_csv_for_gb_fcdo() -> None:
    entry = get_list("gb_fcdo")
    assert entry is not None
    assert [(f.format, f.pattern, f.url) for f in entry.files] == [
        ("uk_fcdo", "uk*sanctions*list*.xml", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"),
        ("uk_fcdo_csv", "uk*sanctions*list*.csv", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"),
    ]
    assert entry.files[1].filename == "UK-Sanctions-List.csv"


# --- sniffing ---------------------------------------------------------------------------------


def test_sniff_fixture_and_variants(pair: tuple[Path, Path], tmp_path: Path) -> None:
    csv_path = pair[0]
    assert uk_fcdo_csv.sniff(csv_path.read_bytes()[:4096], csv_path.name)
    assert sniff_format(csv_path).name == "uk_fcdo_csv"
    header = uk_fcdo_csv.HEADER.encode()
    assert uk_fcdo_csv.sniff(header + b"\r\n", "x.csv")  # no Report Date line
    assert uk_fcdo_csv.sniff(b'"Report Date: 01/10/2026"\r\n', "x.csv")
    quoted = ",".join(f'"{c}"' for c in uk_fcdo_csv.COLUMNS).encode()
    assert uk_fcdo_csv.sniff(b"\xef\xbb\xbfReport Date: 13-Feb-2026\n" + quoted + b"\n", "x.csv")
    # a copy with the older "Individual, Entity, Ship" column (quoted, with commas inside)
    older = header.replace(b"Designation Type", b'"Individual, Entity, Ship"')
    assert uk_fcdo_csv.sniff(older, "x.csv")
    # the sniff must not depend on the file name
    no_name = tmp_path / "download.bin"
    no_name.write_bytes(csv_path.read_bytes())
    assert sniff_format(no_name).name == "uk_fcdo_csv"


def test_ofsi_and_fcdo_csv_do_not_claim_each_other(fixtures: Path, pair: tuple[Path, Path]) -> None:
    fcdo_head = pair[0].read_bytes()[:16384]
    assert not uk_ofsi.sniff(fcdo_head, "ConList.csv")
    for path in sorted((fixtures / "uk").glob("ConList*.csv")):
        head = path.read_bytes()[:16384]
        assert uk_ofsi.sniff(head, path.name)
        assert not uk_fcdo_csv.sniff(head, "UK-Sanctions-List.csv"), path.name
        assert sniff_format(path).name == "uk_ofsi"


def test_ofsi_real_excerpt_is_not_claimed(shared_data: Path) -> None:
    path = shared_file(shared_data, "uk/ConList_excerpt_2020.csv")
    assert not uk_fcdo_csv.sniff(path.read_bytes()[:16384], path.name)
    assert sniff_format(path).name == "uk_ofsi"


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"Last Updated,08/05/2026\nName 6,Name 1,Name 2,Group Type,Group ID\n",
        b"id,name,aliases,birth_date\n1,Ivan Petrov,,1970\n",
        b'<?xml version="1.0"?><Designations/>',
        b"Unique ID,Name\n",  # too little of the header
        b"\x00\xff\xfe binary",
    ],
)
def test_sniff_rejects_other_files(head: bytes) -> None:
    assert not uk_fcdo_csv.sniff(head, "UK-Sanctions-List.csv")


# --- the fixture, and its XML twin ----------------------------------------------------------


def test_csv_and_xml_give_the_same_entities(pair: tuple[Path, Path]) -> None:
    csv_path, xml_path = pair
    from_csv, csv_ctx = read(csv_path)
    xml_ctx = ParseContext("gb_fcdo", "UK FCDO", xml_path)
    from_xml = {e.source_id or "": e for e in uk_fcdo.parse(xml_path, xml_ctx)}
    assert list(from_csv) == list(from_xml) == ["RUS9901", "RUS9902", "RUS9903", "AQD9904"]
    for uid, entity in from_xml.items():
        assert from_csv[uid].to_dict() == entity.to_dict(), uid  # ids, properties, links, designations, measures
        assert from_csv[uid].content_hash() == entity.content_hash()
    assert csv_ctx.published == xml_ctx.published == "2026-02-13"
    assert csv_ctx.issues == xml_ctx.issues == []


def test_individual_from_several_rows(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["RUS9901"]
    assert e.id == "gb-fcdo-rus9901"
    assert e.schema == "Person"
    assert e.get("name") == ["Pavel Andreyevich VOLKOV"]
    assert e.get("alias") == ["Pavel Andreevich VOLKOV", "Pasha VOLK", "Павел Андреевич Волков"]
    assert e.get("weakAlias") == ["The Wolf"]
    assert e.name_languages == {"Павел Андреевич Волков": "ru"}
    assert e.get("address") == ["12 Example Street, office 4, Moscow, 125009, Russia", "Limassol, Cyprus"]
    assert e.get("birthDate") == ["1971-03-14", "1972"]
    assert e.get("passportNumber") == ["7500000001"]
    assert e.get("idNumber") == ["0770000000001"]
    (d,) = e.designations
    assert d.measures == ["asset_freeze", "travel_ban", "director_disqualification"]
    assert (d.listing_date, d.authority) == ("2023-02-24", "UK FCDO")
    assert d.reason is not None and d.reason.startswith("Pavel Andreyevich VOLKOV is an invented person")


def test_entity_with_parent_and_ship_with_imo(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    company = parsed[0]["RUS9902"]
    assert company.schema == "Organization"
    assert (company.get("ogrnCode"), company.get("innCode")) == (["1000000000001"], ["7800000001"])
    assert company.links == [
        Link("parent", target_name="Volkov Holdings Ltd", relation="Parent company"),
        Link("subsidiary", target_name="Northern River Shipping LLC", relation="Subsidiary"),
    ]
    ship = parsed[0]["RUS9903"]
    assert ship.schema == "Vessel"
    assert ship.get("imoNumber") == ["IMO9100001"]
    assert (ship.get("flag"), ship.get("pastFlags")) == (["ga"], ["pa", "lr"])  # Liberia is on a later row
    assert ship.links[0] == Link(
        "owned_by", target_name="Northern River Shipping LLC", relation="Current owner/operator"
    )
    assert ship.designations[0].measures == ["port_entry_ban", "deflagging", "chartering_ban"]
    un = parsed[0]["AQD9904"]
    assert un.get("birthDate") == ["1980", "1981"]  # the second is on the group's last row, at the end of the file
    assert un.designations[0].reason is None  # a cell holding only a newline


# --- layout variants --------------------------------------------------------------------------


def test_without_report_date_line(tmp_path: Path) -> None:
    entities, ctx = read(write_csv(tmp_path, [person()], first=None))
    assert list(entities) == ["TST0001"]
    assert ctx.published is None
    assert [(i.location, i.message) for i in ctx.issues] == [
        ("line 1", "no 'Report Date' line before the header; the publication date is unknown")
    ]


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Report Date: 13-Feb-2026", "2026-02-13"),
        ("Report Date: 01/10/2026", "2026-10-01"),
        ("Report Date:13 February 2026", "2026-02-13"),
        ("REPORT DATE: 2026-02-13", "2026-02-13"),
    ],
)
def test_report_date_forms(tmp_path: Path, line: str, published: str) -> None:
    _, ctx = read(write_csv(tmp_path, [person()], first=line))
    assert ctx.published == published
    assert ctx.issues == []


def test_unreadable_report_date(tmp_path: Path) -> None:
    _, ctx = read(write_csv(tmp_path, [person()], first="Report Date: soon"))
    assert ctx.published is None
    assert [i.message for i in ctx.issues] == ["unreadable Report Date; the publication date is unknown"]


def test_header_case_and_older_column_name(tmp_path: Path) -> None:
    columns = tuple(
        "Individual, Entity, Ship" if c == "Designation Type" else "Parent Company" if c == "Parent company" else c
        for c in uk_fcdo_csv.COLUMNS
    )
    row = person("TST0002", **{"Individual, Entity, Ship": "Entity", "Parent Company": "Holding Ltd", "Name 1": ""})
    entities, ctx = read(write_csv(tmp_path, [row], columns=columns))
    e = entities["TST0002"]
    assert e.schema == "Organization"
    assert e.links == [Link("parent", target_name="Holding Ltd", relation="Parent company")]
    assert ctx.issues == []


def test_without_designation_type_column(tmp_path: Path) -> None:
    columns = tuple(c for c in uk_fcdo_csv.COLUMNS if c != "Designation Type")
    entities, ctx = read(write_csv(tmp_path, [person()], columns=columns))
    assert entities["TST0001"].schema == "LegalEntity"
    assert [i.message for i in ctx.issues] == [
        "no 'Designation Type' column; every designation is read as a LegalEntity",
        "unknown IndividualEntityShip ''; read as LegalEntity",
    ]


def test_hull_number_and_previous_owner_of_a_ship(tmp_path: Path) -> None:
    row = person(
        "TST0003",
        **{
            "Name 1": "",
            "Name 6": "SEA ONE",
            "Designation Type": "Ship",
            "Hull identification number (HIN)": "HIN-123",
            "Previous owner/operator (s)": "Old Owner Ltd",
            "IMO number": "9123456",
        },
    )
    e = read(write_csv(tmp_path, [row]))[0]["TST0003"]
    assert e.get("imoNumber") == ["IMO9123456"]
    assert e.get("notes") == ["Hull identification number: HIN-123"]
    assert e.links == [Link("other", target_name="Old Owner Ltd", relation="Previous owner/operator")]


# --- broken rows ---------------------------------------------------------------------------------


def test_broken_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    rows = [
        person(),
        person("", **{"Name 6": "NOBODY"}),
        person(**{"Designation Type": "Ship", "Name 6": "PETROV SHIP", "Name type": "Alias"}),
        person("###"),
        person("TST0004", **{"Name 1": "", "Name 6": ""}),
    ]
    entities, ctx = read(write_csv(tmp_path, rows))
    assert list(entities) == ["TST0001"]
    assert entities["TST0001"].get("alias") == []  # the contradicting row's name was not taken
    assert [(i.location, i.message) for i in ctx.issues] == [
        ("line 4", "row without a Unique ID skipped"),
        ("line 5", "Unique ID TST0001: Designation Type 'Ship' differs from the one of its first row; row skipped"),
        ("Unique ID ### (line 6)", "record skipped: an entity id needs a non-empty record id"),
        ("Unique ID TST0004 (line 7)", "no name; skipped"),
    ]


def test_row_with_wrong_cell_count(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [person(), person("TST0002")])
    text = path.read_text("utf-8-sig").replace("TST0002,", "TST0002", 1)  # one cell fewer
    path.write_text(text, "utf-8")
    entities, ctx = read(path)
    assert list(entities) == ["TST0001"]
    assert ctx.issues[0].location == "line 4"


# --- broken files ---------------------------------------------------------------------------------


def test_truncated_file_raises(pair: tuple[Path, Path], tmp_path: Path) -> None:
    data = pair[0].read_bytes()
    path = tmp_path / "UK-Sanctions-List.csv"
    for cut in (len(data) // 2, len(data) - 5, data.index(b"\r\n", 3000) - 10):
        path.write_bytes(data[:cut])
        with pytest.raises(SourceError) as info:
            read(path)
        assert str(path) in str(info.value)
        assert info.value.location is not None and info.value.location.startswith("line ")
        assert "ends in the middle of a row" in info.value.message


def test_truncated_inside_a_quoted_cell(pair: tuple[Path, Path], tmp_path: Path) -> None:
    data = pair[0].read_bytes()
    cut = data.index(b'"Pavel Andreyevich VOLKOV is') + 10
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_bytes(data[:cut])
    with pytest.raises(SourceError, match="ends in the middle of a row"):
        read(path)


def test_a_cut_between_rows_cannot_be_seen(pair: tuple[Path, Path], tmp_path: Path) -> None:
    # documented limitation: the file has no row count, so whole rows lost at the end go unnoticed
    data = pair[0].read_bytes()
    lines = data.split(b"\r\n")
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_bytes(b"\r\n".join(lines[:6]) + b"\r\n")
    entities, ctx = read(path)
    assert list(entities) == ["RUS9901"]
    assert ctx.issues == []


def test_last_row_without_newline_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [person()])
    path.write_bytes(path.read_bytes().rstrip(b"\r\n"))
    entities, ctx = read(path)
    assert list(entities) == ["TST0001"]
    assert ctx.issues == []


BROKEN_FILES = {
    "empty": b"",
    "html": b"<!DOCTYPE html><html><body>Service unavailable</body></html>",
    "xml": b'<?xml version="1.0"?><Designations><Designation/></Designations>',
    "ofsi": b"Last Updated,08/05/2026\nName 6,Name 1,Group Type,Regime,Group ID\nX,Y,Individual,R,1\n",
    "binary": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "header-only-report-date": b"Report Date: 13-Feb-2026\r\n",
    "cp1252": ("Report Date: 13-Feb-2026\r\n" + uk_fcdo_csv.HEADER + "\r\n,TST1,,,PÉTROV\r\n").encode("cp1252"),
    "nul": b"Report Date: 13-Feb-2026\r\n" + uk_fcdo_csv.HEADER.encode() + b"\r\n,TST1,\x00\r\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_files_raise_source_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(BROKEN_FILES[name])
    with pytest.raises(SourceError) as info:
        read(path)
    assert str(path) in str(info.value)


def test_header_only_file_gives_nothing(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [])
    entities, ctx = read(path)
    assert entities == {}
    assert ctx.published == "2026-02-13"
    path.write_bytes(path.read_bytes().rstrip(b"\r\n"))  # and without its final newline
    assert read(path)[0] == {}
