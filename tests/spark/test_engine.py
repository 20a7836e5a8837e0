"""The Spark engine writes what the local engine writes, record for record, on the same input and store."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from embargo.errors import SourceError
from embargo.ingest import import_file
from embargo.screening import BatchSummary, screen_file
from embargo.spark import read_customers, screen_file_spark
from embargo.spark.engine import _reason
from embargo.store import Store
from tests.conftest import shared_file

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.spark

#: Small enough that the fixture file is read as several partitions (the order across them is tested).
SPLIT = 512


def _same(a: BatchSummary, b: BatchSummary) -> None:
    assert (a.rows, a.hits, a.rows_with_hits, a.errors) == (b.rows, b.hits, b.rows_with_hits, b.errors)


def _as_parquet(src: Path, dst: Path) -> Path:
    with src.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    pq.write_table(pa.Table.from_pylist(records), dst, row_group_size=8)
    return dst


def test_input_is_split_into_several_partitions(spark: SparkSession, customers: Path) -> None:
    before = spark.conf.get("spark.sql.files.maxPartitionBytes")
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(SPLIT))
    try:
        frame = read_customers(spark, str(customers))
        assert frame.rdd.getNumPartitions() > 1
    finally:
        spark.conf.set("spark.sql.files.maxPartitionBytes", str(before))
    assert frame.columns == ["id", "name", "birth_date", "nationality", "country", "id_number", "schema", "gender"]


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_same_file_as_local_engine(
    spark: SparkSession, fixture_store: Store, customers: Path, tmp_path: Path, suffix: str
) -> None:
    local, distributed = tmp_path / f"local{suffix}", tmp_path / f"spark{suffix}"
    expected = screen_file(fixture_store, customers, local, workers=1)
    got = screen_file_spark(fixture_store, str(customers), str(distributed), spark=spark, split_bytes=SPLIT)
    _same(expected, got)
    assert expected.hits > 10 and expected.errors and expected.rows == 30
    if suffix == ".jsonl":
        assert distributed.read_bytes() == local.read_bytes()
    else:
        assert pq.read_table(distributed).equals(pq.read_table(local))
    assert not list(tmp_path.glob("*.part"))


def test_parquet_input(spark: SparkSession, fixture_store: Store, customers: Path, tmp_path: Path) -> None:
    source = _as_parquet(customers, tmp_path / "customers.parquet")
    expected = screen_file(fixture_store, source, tmp_path / "local.jsonl", workers=1)
    got = screen_file_spark(fixture_store, str(source), str(tmp_path / "spark.jsonl"), spark=spark)
    _same(expected, got)
    assert (tmp_path / "spark.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_uri_output_is_a_folder_of_parts(
    spark: SparkSession, fixture_store: Store, customers: Path, tmp_path: Path
) -> None:
    screen_file(fixture_store, customers, tmp_path / "local.jsonl", workers=1)
    screen_file(fixture_store, customers, tmp_path / "local.parquet", workers=1)
    folder = tmp_path / "hits.jsonl"
    folder.mkdir()  # an earlier run's output is replaced
    (folder / "part-99999-stale.txt").write_text("stale\n")
    got = screen_file_spark(fixture_store, str(customers), folder.as_uri(), spark=spark, split_bytes=SPLIT)
    text = b"".join(p.read_bytes() for p in sorted(folder.glob("part-*")))
    assert text == (tmp_path / "local.jsonl").read_bytes()
    assert got.hits == text.count(b"\n")
    dataset = tmp_path / "hits.parquet"
    screen_file_spark(fixture_store, str(customers), dataset.as_uri(), spark=spark, split_bytes=SPLIT)
    assert pq.read_table(dataset).to_pylist() == pq.read_table(tmp_path / "local.parquet").to_pylist()


def test_real_un_list(spark: SparkSession, shared_data: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "un.db")
    import_file(store, shared_file(shared_data, "un/consolidated.xml"), "un_sc")
    people = shared_file(shared_data, "names/yente_cgb_positives_un_treated.csv")
    strangers = shared_file(shared_data, "names/yente_cgb_negatives_global.csv")
    customers = tmp_path / "customers.csv"
    with customers.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "birth_date", "nationality"])
        for label, path, count in (("p", people, 120), ("n", strangers, 60)):
            with path.open(encoding="utf-8", newline="") as fh:
                for i, row in enumerate(csv.DictReader(fh)):
                    if i == count:
                        break
                    writer.writerow([f"{label}{i}", row["full_name"], row["date_of_birth"], row["nationality"]])
    expected = screen_file(store, customers, tmp_path / "local.jsonl", workers=1)
    got = screen_file_spark(store, str(customers), str(tmp_path / "spark.jsonl"), spark=spark, split_bytes=4096)
    _same(expected, got)
    assert expected.rows_with_hits > 100
    assert (tmp_path / "spark.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,full_name\n1,Jane\n", "missing column(s): name (header: id, full_name)"),
        ("\ufeffID, Name \n1,Jane\n", None),
    ],
)
def test_header_checked_like_the_local_engine(
    spark: SparkSession, fixture_store: Store, tmp_path: Path, content: str, message: str | None
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    if message is None:
        assert screen_file_spark(fixture_store, str(path), str(tmp_path / "o.jsonl"), spark=spark).rows == 1
        return
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        screen_file_spark(fixture_store, str(path), str(tmp_path / "o.jsonl"), spark=spark)


JOB_FAILURE = (
    "An error occurred while calling o52.collectAndServe.\n"
    ": org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times, "
    "most recent failure: Lost task 0.0: org.apache.spark.api.python.PythonException: Traceback (most recent call last):\n"
    '  File "/x/worker.py", line 1, in main\n'
    "    from embargo.matching import Query\n"
    "ModuleNotFoundError: No module named 'rapidfuzz'\n"
    "\n\tat org.apache.spark.api.python.BasePythonRunner.handlePythonException(PythonRunner.scala:572)\n"
)
FOOTER = (
    "An error occurred while calling o40.parquet.\n"
    ": org.apache.spark.SparkException: [CANNOT_READ_FILE_FOOTER] Could not read footer for file: file:/tmp/x.parquet.\n"
    "\tat org.apache.spark.sql.errors.QueryExecutionErrors.cannotReadFooterForFileError(QueryExecutionErrors.scala:1077)\n"
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (JOB_FAILURE, "ModuleNotFoundError: No module named 'rapidfuzz'"),
        (
            FOOTER,
            "org.apache.spark.SparkException: [CANNOT_READ_FILE_FOOTER] Could not read footer for file: file:/tmp/x.parquet.",
        ),
        (
            "[PATH_NOT_FOUND] Path does not exist: file:/tmp/nope.csv.",
            "[PATH_NOT_FOUND] Path does not exist: file:/tmp/nope.csv.",
        ),
    ],
)
def test_a_spark_failure_in_one_line(text: str, reason: str) -> None:
    assert _reason(RuntimeError(text)) == reason


def test_broken_parquet_is_a_source_error(spark: SparkSession, fixture_store: Store, tmp_path: Path) -> None:
    broken = tmp_path / "customers.parquet"
    broken.write_bytes(b"id,name\n1,Jane\n")
    with pytest.raises(SourceError, match="cannot read input"):
        screen_file_spark(fixture_store, str(broken), str(tmp_path / "o.jsonl"), spark=spark)


def test_missing_input_is_a_source_error(spark: SparkSession, fixture_store: Store, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read input"):
        screen_file_spark(fixture_store, str(tmp_path / "nope.csv"), str(tmp_path / "o.jsonl"), spark=spark)
    assert not (tmp_path / "o.jsonl").exists()


def test_cli_engine_spark(spark: SparkSession, fixture_store: Store, customers: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from embargo.cli import app

    local, distributed = tmp_path / "local.jsonl", tmp_path / "spark.jsonl"
    screen_file(fixture_store, customers, local, workers=1)
    args = ["screen", "--input", str(customers), "--db", str(fixture_store.path), "--limit", "5"]
    result = CliRunner().invoke(
        app, [*args, "--output", str(distributed), "--engine", "spark", "--spark-master", "local[2]"]
    )
    # one row has no name: it could not be screened at all, so the command says so and exits 1
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "29 of 30 rows screened" in text and "with unreadable fields" in text
    assert "line 14: a query needs at least one name" in text
    assert distributed.read_bytes() == local.read_bytes()
    # The session the tests share is still running: the CLI stops only a session it started.
    assert spark.sparkContext._jsc is not None
    shutil.rmtree(tmp_path)


def test_entities_blocked_by_ownership_are_hits_as_in_the_local_engine(spark: SparkSession, tmp_path: Path) -> None:
    from embargo.ownership.graph import compute
    from embargo.ownership.stored import import_file as import_ownership
    from tests.ownership.test_graph import LIST_HEADER, SHARES, US_LIST, _holdings, _write

    store = Store(tmp_path / "s.db")
    import_file(store, _write(tmp_path / "us.csv", LIST_HEADER, US_LIST), "us_test", authority="US OFAC")
    import_ownership(store, _holdings(tmp_path / "register.csv", SHARES))
    compute(store)
    customers = tmp_path / "customers.csv"
    customers.write_text("id,name,schema\nc1,Gamma Logistics LLC,Company\nc2,Ivan Petrov,Person\n", encoding="utf-8")
    local, distributed = tmp_path / "local.jsonl", tmp_path / "spark.jsonl"
    screen_file(store, customers, local, workers=1)
    screen_file_spark(store, str(customers), str(distributed), spark=spark)
    assert distributed.read_bytes() == local.read_bytes()
    text = local.read_text(encoding="utf-8")
    assert '"kind": "ownership"' in text and '"entity_id": "register:g"' in text
