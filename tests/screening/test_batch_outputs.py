"""Batch outputs for analysts: a writer per extension, designations and the customer's fields in every record,
``all_rows`` (every customer once at least), and column mappings."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from embargo.cells import safe_cell
from embargo.errors import QueryError, SourceError
from embargo.ingest import import_file
from embargo.screening import screen_file
from embargo.screening.mapping import apply_mapping, parse_mapping
from embargo.screening.writers import FIELDS, columns, write_records, writer_for
from embargo.screening.writers._flat import designations_text
from embargo.store import Store
from tests.conftest import FIXTURES

LUKASHENKA = "us-ofac-sdn-9760"

#: Customers in an analyst's own columns: a hit, strangers, a bad date (screened without it), no name.
CUSTOMERS = (
    "Customer No,Full Name,dob,Segment\n"
    "c1,Alexander Lukashenko,1954-08-30,retail\n"
    "c2,Jane Doe,,retail\n"
    "c3,Aliaksandr Lukashenka,1954-13-45,private\n"
    "c4,,1970,retail\n"
    'c5,"Maria Schmidt, ""Mia""",1990-01-01,=cmd|calc\n'
)
MAP = "customer no=id,full name=name,dob=birth_date"
CUSTOMER_COLUMNS = ["customer no", "full name", "dob", "segment"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("outputs") / "store.db")
    import_file(s, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(s, FIXTURES / "un" / "consolidated.xml", "un_sc")
    return s


@pytest.fixture
def customers(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    return path


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _xlsx(path: Path) -> list[dict[str, Any]]:
    book = load_workbook(path, read_only=True)
    sheet = book["screening"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _parquet(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def test_jsonl_records_nest_designations_countries_and_the_customer(
    store: Store, customers: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hits.jsonl"
    summary = screen_file(store, customers, out, workers=1, mapping=parse_mapping(MAP))
    records = _jsonl(out)
    assert summary.written == len(records) == summary.hits
    assert {r["status"] for r in records} == {"hit"}
    first = next(r for r in records if r["entity_id"] == LUKASHENKA)
    assert first["query_id"] == "c1" and first["source"] == "us_ofac_sdn"
    [designation] = first["designations"]
    assert designation["authority"] == "US OFAC" and designation["program"] == "BELARUS"
    assert designation["measures"] == ["asset_freeze"]
    assert first["countries"] == ["by"]
    # the customer's own fields, by their own (lower-cased) names, apart from the hit's
    assert first["customer"] == {
        "customer no": "c1",
        "full name": "Alexander Lukashenko",
        "dob": "1954-08-30",
        "segment": "retail",
    }
    # a row screened without an unreadable value says so in its hits
    c3 = [r for r in records if r["query_id"] == "c3"]
    assert c3 and all(r["unreadable"][0]["field"] == "birth_date" for r in c3)


@pytest.mark.parametrize(("suffix", "read"), [(".csv", _csv), (".xlsx", _xlsx), (".parquet", _parquet)])
def test_flat_formats_round_trip(store: Store, customers: Path, tmp_path: Path, suffix: str, read: Any) -> None:
    nested = tmp_path / "hits.jsonl"
    flat = tmp_path / f"hits{suffix}"
    screen_file(store, customers, nested, workers=1, all_rows=True, mapping=parse_mapping(MAP))
    summary = screen_file(store, customers, flat, workers=1, all_rows=True, mapping=parse_mapping(MAP))
    expected = _jsonl(nested)
    rows = read(flat)
    assert summary.written == len(rows) == len(expected)
    assert list(rows[0]) == columns(CUSTOMER_COLUMNS)
    assert list(rows[0])[: len(FIELDS)] == list(FIELDS)
    for row, record in zip(rows, expected, strict=True):
        assert row["status"] == record["status"] and row["query_id"] == record["query_id"]
        for name, value in record["customer"].items():
            # CSV and XLSX cannot tell an empty cell from none
            shown = safe_cell(value) if suffix == ".csv" else value  # a CSV cell is never a formula
            assert row[f"customer_{name}"] in ((shown,) if value else ("", None))
        if record["status"] != "hit":
            assert row["entity_id"] in ("", None) and row["score"] in ("", None)
            continue
        assert row["entity_id"] == record["entity_id"]
        assert float(row["score"]) == record["score"]
        assert json.loads(row["designations_json"]) == record["designations"]
        assert json.loads(row["explanation"]) == record["explanation"]
        assert row["designations"] == designations_text(record["designations"])
        assert row["countries"] == ";".join(record["countries"])
    hit = next(r for r in rows if r["entity_id"] == LUKASHENKA)
    assert hit["designations"] == "US OFAC: BELARUS (asset freeze)"
    # a customer's text that a spreadsheet would run as a formula stays text (in CSV: one leading apostrophe)
    segment = next(r for r in rows if r["query_id"] == "c5")["customer_segment"]
    assert segment == ("'=cmd|calc" if suffix == ".csv" else "=cmd|calc")
    assert not list(tmp_path.glob("*.part"))


def test_parquet_types_are_fixed(store: Store, customers: Path, tmp_path: Path) -> None:
    import pyarrow as pa

    out = tmp_path / "hits.parquet"
    screen_file(store, customers, out, workers=1, mapping=parse_mapping(MAP))
    schema = pq.read_schema(out)
    assert schema.field("score").type == pa.float64() and schema.field("customer_dob").type == pa.string()


def test_an_empty_output_still_has_its_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,name\nx1,Jane Doe\n", encoding="utf-8")
    for suffix, read in ((".csv", _csv), (".parquet", _parquet)):
        out = tmp_path / f"none{suffix}"
        assert screen_file(store, path, out, workers=1).written == 0
        assert read(out) == []
    with (tmp_path / "none.csv").open(encoding="utf-8-sig") as fh:
        assert fh.readline().strip() == ",".join(columns(["id", "name"]))
    assert pq.read_schema(tmp_path / "none.parquet").names == columns(["id", "name"])


@pytest.mark.parametrize("name", ["hits.txt", "hits.json", "hits", "hits.xls"])
def test_an_unknown_extension_is_refused_before_screening(store: Store, tmp_path: Path, name: str) -> None:
    # the input does not exist: a QueryError (not a SourceError) shows nothing was read first
    with pytest.raises(QueryError, match=r"unknown extension .* \(known: \.jsonl, \.csv, \.xlsx, \.parquet\)"):
        screen_file(store, tmp_path / "missing.csv", tmp_path / name, workers=1)
    assert not (tmp_path / name).exists()


def test_writer_for_takes_any_case() -> None:
    assert writer_for("HITS.CSV") is writer_for("hits.csv")
    with pytest.raises(QueryError, match=r"'\.txt'"):
        writer_for("a.txt")


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    def broken() -> Any:
        yield {"status": "hit", "query_id": "1"}
        raise RuntimeError("boom")

    for name in ("a.jsonl", "a.csv", "a.xlsx", "a.parquet"):
        with pytest.raises(RuntimeError):
            write_records(tmp_path / name, broken(), [])
    assert list(tmp_path.iterdir()) == []


def test_all_rows_has_every_customer(store: Store, customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    summary = screen_file(store, customers, out, workers=1, all_rows=True, mapping=parse_mapping(MAP))
    records = _jsonl(out)
    by_id: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_id.setdefault(r["query_id"], []).append(r)
    assert list(by_id) == ["c1", "c2", "c3", "c4", "c5"]  # input order, each id present
    for rid, rs in by_id.items():
        statuses = {r["status"] for r in rs}
        # a customer is either its hit rows, or exactly one status row
        assert statuses == {"hit"} or (len(rs) == 1 and statuses <= {"no hit", "error"}), rid
    assert by_id["c2"] == [
        {
            "status": "no hit",
            "query_id": "c2",
            "customer": {"customer no": "c2", "full name": "Jane Doe", "dob": "", "segment": "retail"},
        }
    ]
    # the row without a name is in the file, with why, and still counted as an error
    [error] = by_id["c4"]
    assert error["status"] == "error" and error["error"] == "a query needs at least one name"
    assert summary.errors == ["line 5: a query needs at least one name"]
    hits = [r for r in records if r["status"] == "hit"]
    assert summary.hits == len(hits) and summary.rows_with_hits == len({r["query_id"] for r in hits})
    assert summary.written == len(records) and summary.rows == 5


def test_without_all_rows_only_hits_are_written(store: Store, customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "hits.jsonl"
    summary = screen_file(store, customers, out, workers=1, mapping=parse_mapping(MAP))
    assert {r["status"] for r in _jsonl(out)} == {"hit"}
    assert summary.errors  # the row without a name is not dropped silently: it is counted, with its line


def test_no_hit_row_keeps_its_unreadable_values(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,name,birth_date\nx1,Jane Doe,1984-13-45\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    screen_file(store, path, out, workers=1, all_rows=True)
    [record] = _jsonl(out)
    assert record["status"] == "no hit"
    assert record["unreadable"] == [{"field": "birth_date", "value": "1984-13-45", "reason": "not a date"}]


def test_same_output_with_several_workers(store: Store, customers: Path, tmp_path: Path) -> None:
    text = CUSTOMERS.splitlines()
    many = tmp_path / "many.csv"
    many.write_text("\n".join([text[0], *(text[1:] * 60)]) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    screen_file(store, many, one, workers=1, all_rows=True, mapping=parse_mapping(MAP))
    screen_file(store, many, two, workers=2, all_rows=True, mapping=parse_mapping(MAP))
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("full_name=name,dob=birth_date", {"full_name": "name", "dob": "birth_date"}),
        (" Full Name = NAME ,", {"full name": "name"}),
        (["a=id", "b=name"], {"a": "id", "b": "name"}),
        (None, {}),
    ],
)
def test_parse_mapping(text: Any, expected: dict[str, str]) -> None:
    assert parse_mapping(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("full_name=nom", "unknown field 'nom' (known: id, name, birth_date"),
        ("full_name", "'full_name' is not COLUMN=FIELD"),
        ("=name", "'=name' is not COLUMN=FIELD"),
        ("a=name,b=name", "field 'name' mapped twice"),
        ("a=name,a=id", "column 'a' mapped twice"),
    ],
)
def test_parse_mapping_refuses(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(")):
        parse_mapping(text)


def test_a_mapped_column_wins_over_one_of_the_fields_name() -> None:
    cells = {"id": "1", "name": "old", "full_name": "new", "x": "y"}
    assert apply_mapping(cells, {"full_name": "name"}) == {"id": "1", "full_name": "new", "x": "y", "name": "new"}


def test_a_missing_mapped_column_is_refused(store: Store, customers: Path, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"--map: no column 'fullname' \(header: customer no, full name, dob"):
        screen_file(store, customers, tmp_path / "o.csv", workers=1, mapping={"fullname": "name"})
    with pytest.raises(SourceError, match=r"missing column\(s\): id, name"):
        screen_file(store, customers, tmp_path / "o.csv", workers=1)
    assert not (tmp_path / "o.csv").exists()


def test_mapping_reads_parquet_input(store: Store, customers: Path, tmp_path: Path) -> None:
    import pyarrow as pa

    source = tmp_path / "customers.parquet"
    pq.write_table(pa.Table.from_pylist(_csv(customers)), source)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    screen_file(store, customers, a, workers=1, all_rows=True, mapping=parse_mapping(MAP))
    screen_file(store, source, b, workers=1, all_rows=True, mapping=parse_mapping(MAP))
    assert a.read_bytes() == b.read_bytes()


def test_xlsx_never_writes_a_formula(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "f.xlsx"
    write_records(out, [{"status": "no hit", "query_id": "1", "customer": {"seg": "=1+1"}}], ["seg"])
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<t>=1+1</t>" in sheet


def test_a_csv_cell_is_never_a_formula(store: Store, tmp_path: Path) -> None:
    """A customer value a spreadsheet would run (CSV injection) gets one leading apostrophe, as the
    audit export does; scores stay numbers."""
    path = tmp_path / "c.csv"
    path.write_text('id,name,note\n=1+1,Jane Smith,"=HYPERLINK(""http://x"")"\n', "utf-8")
    out = tmp_path / "o.csv"
    screen_file(store, path, out, workers=1, all_rows=True)
    (row,) = _csv(out)
    assert row["query_id"] == "'=1+1" and row["customer_note"] == '\'=HYPERLINK("http://x")'
