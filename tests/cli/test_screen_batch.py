"""``embargo screen --input``: the output's format by its extension, ``--all-rows``, ``--map``, the summary line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from embargo.ingest import import_file
from embargo.store import Store
from tests.cli.conftest import run
from tests.conftest import FIXTURES

CUSTOMERS = "Ref,Full Name,Born\nc1,Alexander Lukashenko,1954-08-30\nc2,Jane Doe,\nc3,,1970\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli-batch") / "store.db"
    import_file(Store(path), FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    return str(path)


@pytest.fixture
def customers(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    return path


def _one_line(output: str) -> str:
    return " ".join(output.split())


def test_csv_with_all_rows_and_a_mapping(db: str, customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    args = ["--map", "ref=id,full name=name", "--map", "born=birth_date", "--all-rows", "--workers", "1"]
    # the row without a name could not be screened: in the file as an error, and the command exits 1
    text = _one_line(run("screen", "--db", db, "--input", str(customers), "--output", str(out), *args, code=1))
    assert "2 of 3 rows screened" in text
    assert f"1 hits on 1 rows; 3 records written to {out}" in text
    assert "line 4: a query needs at least one name" in text
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["query_id"], r["status"]) for r in rows] == [("c1", "hit"), ("c2", "no hit"), ("c3", "error")]
    assert rows[0]["designations"] == "US OFAC: BELARUS (asset freeze)"
    assert (rows[0]["customer_ref"], rows[0]["customer_full name"], rows[0]["customer_born"]) == (
        "c1",
        "Alexander Lukashenko",
        "1954-08-30",
    )


def test_hits_only_by_default(db: str, customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "hits.jsonl"
    text = _one_line(
        run("screen", "--db", db, "-i", str(customers), "-o", str(out), "--map", "ref=id,full name=name", code=1)
    )
    assert "1 hits on 1 rows; 1 records written" in text
    assert out.read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize("name", ["hits.txt", "hits"])
def test_an_unknown_extension_is_one_line(db: str, customers: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    text = run("screen", "--db", db, "-i", str(customers), "-o", str(out), "--map", "ref=id,full name=name", code=1)
    assert "unknown extension" in text and "(known: .jsonl, .csv, .xlsx, .parquet)" in text
    assert "screening" not in text  # refused before the screening started
    assert len(text.strip().splitlines()) == 1 and "Traceback" not in text
    assert not out.exists()


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("ref=id,full name=nom", "--map: unknown field 'nom' (known: id, name,"),
        ("ref=id,fullname=name", "--map: no column 'fullname' (header: ref, full name, born)"),
        ("ref", "--map: 'ref' is not COLUMN=FIELD"),
    ],
)
def test_map_errors_are_one_line(db: str, customers: Path, tmp_path: Path, mapping: str, message: str) -> None:
    out = tmp_path / "hits.csv"
    text = run("screen", "--db", db, "-i", str(customers), "-o", str(out), "--map", mapping, code=1)
    assert message in _one_line(text) and "Traceback" not in text
    assert not out.exists()


def test_without_map_the_missing_fields_are_named(db: str, customers: Path, tmp_path: Path) -> None:
    text = run("screen", "--db", db, "-i", str(customers), "-o", str(tmp_path / "h.csv"), code=1)
    assert "missing column(s): id, name (header: ref, full name, born)" in _one_line(text)


def test_local_engine_refuses_a_uri(db: str, customers: Path) -> None:
    text = run("screen", "--db", db, "-i", str(customers), "-o", "s3a://bucket/hits.csv", code=1)
    assert "a URI as the input or output needs the spark engine" in text
