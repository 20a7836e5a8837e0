"""Australian DFAT Consolidated List (XLSX): fixture, cells, real list, hostile input."""

from __future__ import annotations

import io
import struct
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from embargo.errors import SourceError
from embargo.model import Entity
from embargo.sources import FORMATS, au_dfat, get_list, sniff_format
from embargo.sources._au_dfat_cells import birth_dates, cell_flag, split_listed, split_reference, split_values
from embargo.sources.base import ParseContext
from tests.conftest import FIXTURES, shared_data_dir
from tests.fixtures.au.make_fixture import HEADER

FIXTURE = FIXTURES / "au" / "regulation8_consolidated.xlsx"
REAL = "au/dfat_consolidated_2026.xlsx"


def run(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name="au_dfat", authority="AU DFAT", path=path)
    entities = {e.source_id or "": e for e in au_dfat.parse(path, ctx)}
    return entities, ctx


def workbook(tmp_path: Path, rows: list[list[object]], sheet: str = "Consolidated List") -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    path = tmp_path / "regulation8_consolidated.xlsx"
    book.save(path)
    return path


def row(ref: object, name: str, **cells: object) -> list[object]:
    values: dict[str, object] = {"Reference": ref, "Name of Individual or Entity": name, "Type": "Individual"}
    values.update({"Name Type": "Primary Name", "Committees": "Autonomous (Iran)", "Targeted Financial Sanction": True})
    values.update({k.replace("_", " "): v for k, v in cells.items()})
    return [values.get(column) for column in HEADER]


def broken(tmp_path: Path, data: bytes, name: str = "regulation8_consolidated.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError) as err:
        run(path)
    assert name in str(err.value)
    return err.value.message


# --- project fixture --------------------------------------------------------


def test_fixture_counts_and_publication() -> None:
    entities, ctx = run(FIXTURE)
    assert sorted(entities) == ["9001", "9002", "9003", "9004"]
    assert [entities[k].schema for k in sorted(entities)] == ["Person", "Organization", "Vessel", "Person"]
    # No publication date in the workbook: the newest Control Date stands for it.
    assert ctx.published == "2026-01-15"
    assert [str(i) for i in ctx.issues] == [
        "Reference 9004: no Primary Name row; 'Orphan ALIAS' (Reference 9004b) taken as the name",
        "Reference 9004b (row 10): unreadable Date of Birth 'unknown' in 'Approximately 1970, unknown'; the rest is kept",
    ]


def test_fixture_individual_with_aliases_script_and_dates() -> None:
    e = run(FIXTURE)[0]["9001"]
    assert e.id == "au-dfat-9001"
    assert e.get("name") == ["Ivan Sergeyevich PETROV"]  # trailing no-break space gone
    # 9001d stands after other listings' rows and still joins its listing.
    assert e.get("alias") == ["Ivan PETROFF", "Иван Сергеевич Петров", "I. S. PETROV"]
    assert e.get("weakAlias") == ["Vanya"]
    assert e.name_languages == {"Иван Сергеевич Петров": "ru"}
    # A text list, an Excel date and a bare year stored as a number.
    assert e.get("birthDate") == ["1961-05-12", "1962"]
    assert e.get("birthPlace") == ["Tver, Russia", "Kharkiv, Ukraine"]
    assert e.get("nationality") == ["ru", "ua"]
    assert e.get("notes") == ["Director of an example company. Passport No: 7100000 (Russia)"]
    (d,) = e.designations
    assert (d.authority, d.program, d.list, d.source_id) == ("AU DFAT", "Autonomous (Russia)", "au_dfat", "9001")
    assert d.measures == ["asset_freeze", "travel_ban"]
    assert d.listing_date == "2025-03-01"
    assert d.reason is not None and d.reason.endswith("Amendment (No. 9) Instrument 2025")
    assert "\n" not in d.reason  # the instrument is the listing information: said once


def test_fixture_entity_with_untyped_alias_and_un_reference() -> None:
    e = run(FIXTURE)[0]["9002"]
    assert e.get("name") == ["EXAMPLE TRADING CORPORATION"]
    assert e.get("alias") == ["Example Trading Co."]  # its row has an empty Type
    assert e.get("address") == ["1 Example Street, Pyongyang", "2 Sample Road, Nampo"]
    assert e.get("programId") == ["KPe.990"]
    (d,) = e.designations
    assert d.program == "1718 (DPRK)"
    assert d.measures == ["asset_freeze", "arms_embargo"]
    assert d.listing_date == "2026-01-15"
    assert d.reason is not None
    assert d.reason.splitlines() == [
        "Listed by UN 1718 Committee on 2 March 2016",
        "Charter of the United Nations (Sanctions — Democratic People’s Republic of Korea) Regulations 2008",
    ]


def test_fixture_vessel() -> None:
    e = run(FIXTURE)[0]["9003"]
    assert e.get("name") == ["SEA EXAMPLE"]
    assert e.get("imoNumber") == ["IMO9123453"]
    assert e.get("notes") == ["Previous names include SEA SAMPLE"]
    (d,) = e.designations
    assert (d.program, d.measures, d.listing_date) == ("Autonomous (Vessels)", ["port_entry_ban"], "2025-06-18")


def test_fixture_alias_without_primary_name_is_kept() -> None:
    e = run(FIXTURE)[0]["9004"]
    assert e.id == "au-dfat-9004"
    assert e.get("name") == ["Orphan ALIAS"]
    assert e.get("alias") == []
    assert e.get("birthDate") == ["1970"]
    assert e.get("nationality") == ["ir"]
    assert e.designations[0].measures == ["asset_freeze", "travel_ban"]


def test_fixture_is_reproducible(tmp_path: Path) -> None:
    from tests.fixtures.au.make_fixture import build

    assert build(tmp_path / "again.xlsx").read_bytes() == FIXTURE.read_bytes()


# --- cells ------------------------------------------------------------------

DATES = [
    ("12/05/1961, 1962\xa0\xa0", ["1961-05-12", "1962"], []),
    (datetime(1975, 1, 23), ["1975-01-23"], []),
    (1963, ["1963"], []),
    (12.5, [], ["12.5"]),
    ("Approximately 1960, 1966", ["1960", "1966"], []),
    ("Between 1963 and 1968", ["1963", "1964", "1965", "1966", "1967", "1968"], []),
    ("1979, 1980.1981, 1982", ["1979", "1980", "1981", "1982"], []),
    ("08/1977, 09/1977, 1976", ["1977-08", "1977-09", "1976"], []),
    ("5 May 1957, April 1957 or May 1957", ["1957-05-05", "1957-04", "1957-05"], []),
    ("1962,1963; 31 December 1961", ["1962", "1963", "1961-12-31"], []),
    ("1960 9/09/1966", ["1960", "1966-09-09"], []),
    ("1961,\n/02/1961,\n13/03/1961", ["1961", "1961-03-13"], ["/02/1961"]),
    ("7/02/1950/11/1950 08/08/1945", ["1945-08-08"], ["7/02/1950/11/1950"]),
    ("10/061962", [], ["10/061962"]),
    (None, [], []),
]


@pytest.mark.parametrize(("cell", "dates", "bad"), DATES)
def test_birth_dates(cell: object, dates: list[str], bad: list[str]) -> None:
    assert birth_dates(cell) == (dates, bad)


def test_references_flags_and_lists() -> None:
    assert split_reference(2) == ("2", "")
    assert split_reference("2a") == ("2", "a")
    assert split_reference(" 9999AG ") == ("9999", "ag")
    assert split_reference(12.0) == ("12", "")
    assert split_reference("Ref. 2") is None
    assert split_reference(None) is None
    assert [cell_flag(v) for v in (True, False, None, "TRUE", "no", 1, "maybe")] == [
        True,
        False,
        False,
        True,
        False,
        True,
        None,
    ]
    assert split_values("a) Sudan b) South Sudan") == ["Sudan", "South Sudan"]
    assert split_values("Somalia: Sweden") == ["Somalia", "Sweden"]
    assert split_values("Chad\n, Central African Republic") == ["Chad", "Central African Republic"]
    assert split_listed("a) Kabul, Afghanistan\xa0 b) Herat") == ["Kabul, Afghanistan", "Herat"]


def test_broken_rows_are_warnings(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [
            HEADER,
            row(1, "First PERSON", Travel_Ban="maybe", Control_Date=datetime(2025, 1, 2)),
            row("not a ref", "Lost ROW"),
            row("1a", "", Name_Type="Alias"),
            row(2, "Second ENTITY", Type="Company", Citizenship="Atlantis"),
            [None] * len(HEADER),
            row("3", "Third PERSON", Name_Type="Nickname", Type="Individual"),
        ],
    )
    entities, ctx = run(path)
    assert sorted(entities) == ["1", "2", "3"]
    assert entities["2"].schema == "LegalEntity"
    assert entities["3"].get("name") == ["Third PERSON"]
    assert ctx.published == "2025-01-02"
    assert [str(i) for i in ctx.issues] == [
        "row 3: unreadable Reference 'not a ref'; row skipped",
        "Reference 1a (row 4): no name; row skipped",
        "Reference 1 (row 2): unreadable Travel Ban 'maybe'",
        "Reference 2: unknown Type 'company'; read as LegalEntity",
        "Reference 2: unknown country 'Atlantis' in Citizenship; not kept",
        "Reference 3 (row 7): unknown Name Type 'nickname'; read as an alias",
        "Reference 3: no Primary Name row; 'Third PERSON' (Reference 3) taken as the name",
    ]


def test_missing_optional_column_is_a_warning(tmp_path: Path) -> None:
    header = [c for c in HEADER if c != "Maritime Restriction"]
    path = workbook(tmp_path, [header, row(1, "Only PERSON")[: len(header)]])
    entities, ctx = run(path)
    assert entities["1"].designations[0].measures == ["asset_freeze"]
    assert [str(i) for i in ctx.issues] == ["header: no column 'Maritime Restriction'; its values are not read"]


# --- hostile and broken files -------------------------------------------------


def test_not_a_zip(tmp_path: Path) -> None:
    assert "not a readable zip archive" in broken(tmp_path, b"Reference,Name\n1,Someone\n")
    assert "not a readable zip archive" in broken(tmp_path, b"<!DOCTYPE html><html><body>Error</body></html>")
    assert "not a readable zip archive" in broken(tmp_path, b"")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert "not an XLSX workbook" in broken(tmp_path, buffer.getvalue(), "list.xlsx")


def test_workbook_without_the_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path, [HEADER], sheet="Sheet1")
    with pytest.raises(SourceError, match=r"no sheet 'Consolidated List' \(sheets: 'Sheet1'\)"):
        run(path)


def test_header_without_required_columns(tmp_path: Path) -> None:
    header = [c for c in HEADER if c not in ("Name Type", "Travel Ban")]
    path = workbook(tmp_path, [header])
    with pytest.raises(SourceError, match=r"lacks the columns Name Type \(other columns missing: Travel Ban\)"):
        run(path)
    path = workbook(tmp_path, [["Name", "Address"], ["Someone", "Somewhere"]])
    with pytest.raises(SourceError, match="lacks the columns Reference, Name of Individual or Entity, Type"):
        run(path)


def test_empty_sheet(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is empty"):
        run(workbook(tmp_path, []))


def test_truncated_file(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 30):
        assert "not a readable zip archive" in broken(tmp_path, data[:cut])


def test_zip_bomb_refused_from_declared_sizes(tmp_path: Path) -> None:
    data = bytearray(FIXTURE.read_bytes())
    # Declare 600 MB uncompressed for the first member in the central directory.
    at = data.index(b"PK\x01\x02")
    data[at + 24 : at + 28] = struct.pack("<I", 600 * 1024 * 1024)
    assert "zip bomb" in broken(tmp_path, bytes(data))


def test_dtd_in_a_part_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(FIXTURE) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>' + data.replace(b"<t>Reference<", b"<t>&a;<")
            target.writestr(info.filename, data)
    assert "xl/worksheets/sheet1.xml declares a DTD or entities" in broken(tmp_path, buffer.getvalue())


def test_damaged_part(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(FIXTURE) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(info.filename, data)
    assert "cannot read sheet 'Consolidated List'" in broken(tmp_path, buffer.getvalue())


# --- sniffing and catalogue ---------------------------------------------------


def test_sniff() -> None:
    head = FIXTURE.read_bytes()[:16384]
    assert au_dfat.sniff(head, "regulation8_consolidated.xlsx")
    assert au_dfat.sniff(head, "download")  # the workbook's own members tell
    assert sniff_format(FIXTURE).name == "au_dfat"
    for fmt in FORMATS:
        if fmt.name != "au_dfat":
            assert not fmt.sniff(head, "regulation8_consolidated.xlsx"), fmt.name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    assert not au_dfat.sniff(buffer.getvalue(), "archive.zip")
    assert not au_dfat.sniff(b"Reference,Name\n", "list.xlsx")


def test_catalogue_entry() -> None:
    entry = get_list("au_dfat")
    assert entry is not None
    assert (entry.title, entry.authority, entry.format) == (
        "Australian Consolidated Sanctions List (DFAT)",
        "AU DFAT",
        "au_dfat",
    )
    assert entry.url == au_dfat.URL
    assert entry.files[0].filename == "regulation8_consolidated.xlsx"


# --- the real list ------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[dict[str, Entity], ParseContext]:
    path = shared_data_dir() / REAL
    if not path.exists():
        pytest.skip(f"{REAL} not in {shared_data_dir()}")
    return run(path)


def test_real_counts(real: tuple[dict[str, Entity], ParseContext]) -> None:
    entities, ctx = real
    assert len(entities) == 3811
    assert Counter(e.schema for e in entities.values()) == {"Person": 2518, "Organization": 1031, "Vessel": 262}
    assert ctx.published == "2026-02-24"
    assert sum(len(e.get("name")) for e in entities.values()) == 3811
    assert sum(1 for e in entities.values() if "port_entry_ban" in e.designations[0].measures) == 262
    assert Counter(d.program for e in entities.values() for d in e.designations)["Autonomous (Vessels)"] == 262
    issues = [str(i) for i in ctx.issues]
    assert (
        "Reference 8720: no Primary Name row; 'Joint Stock Company Exi Bank' (Reference 8720) taken as the name"
        in issues
    )
    assert "Reference 8495: no Primary Name row; 'Yahya Husseini Panjaki' (Reference 8495b) taken as the name" in issues
    assert "Reference 8686a (row 10729): a second Primary Name row; read as an alias" in issues
    assert ctx.issue_count == len(issues) == 7


def test_real_known_values(real: tuple[dict[str, Entity], ParseContext]) -> None:
    entities = real[0]
    e = entities["2"]
    assert e.get("name") == ["MOHAMMAD HASSAN AKHUND"]
    assert e.get("alias") == ["محمد حسن أخوند"]
    assert e.name_languages == {}  # Arabic script does not tell the language
    assert e.get("birthDate") == ["1945", "1946", "1947", "1948", "1949", "1950", "1955", "1956", "1957", "1958"]
    assert e.get("nationality") == ["af"]
    assert e.get("programId") == ["TAi.002"]
    (d,) = e.designations
    assert (d.program, d.measures, d.listing_date) == (
        "1988 (Taliban)",
        ["asset_freeze", "travel_ban", "arms_embargo"],
        "2026-02-05",
    )
    assert d.reason is not None and d.reason.startswith("Listed by UN 1267 Committee on 25 January 2001")
    isil_k = entities["3621"]
    assert isil_k.schema == "Organization"
    assert "Islamic State of Iraq and Levant in Khorasan Province" in isil_k.get("alias")  # 3621h, empty Type
    assert entities["8227"].get("imoNumber") == ["IMO9288693"]
    assert entities["8227"].designations[0].measures == ["port_entry_ban"]
    assert entities["8495"].get("birthDate") == ["1975-01-23"]
    assert entities["8720"].get("alias") == ["EKSI BANK AO"]
    assert entities["23"].get("birthDate") == ["1963", "1964", "1965", "1966", "1967", "1968"]
    cyrillic = [e for e in entities.values() if "ru" in e.name_languages.values()]
    assert len(cyrillic) > 10
    assert sum(len(e.get("weakAlias")) for e in entities.values()) > 300
