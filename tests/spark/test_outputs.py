"""The Spark engine writes the local engine's batch outputs: every format, ``all_rows`` and a column mapping."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from embargo.errors import QueryError
from embargo.screening import screen_file
from embargo.screening.mapping import parse_mapping
from embargo.spark.output import check_location
from embargo.store import Store
from tests.spark.conftest import CUSTOMERS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: The Spark tests' customers, under an analyst's own column names.
RENAMED = CUSTOMERS.replace("id,name,birth_date,", "Customer ID,Full Name,DOB,", 1)
MAP = "customer id=id,full name=name,dob=birth_date"


@pytest.fixture
def customers(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text(RENAMED, encoding="utf-8")
    return path


def _sheet(path: Path) -> list[tuple[Any, ...]]:
    book = load_workbook(path, read_only=True)
    rows = list(book["screening"].iter_rows(values_only=True))
    book.close()
    return rows


@pytest.mark.spark
@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".xlsx", ".parquet"])
@pytest.mark.parametrize("all_rows", [False, True])
def test_spark_writes_what_the_local_engine_writes(
    spark: SparkSession, fixture_store: Store, customers: Path, tmp_path: Path, suffix: str, all_rows: bool
) -> None:
    from embargo.spark import screen_file_spark

    local, distributed = tmp_path / f"local{suffix}", tmp_path / f"spark{suffix}"
    mapping = parse_mapping(MAP)
    expected = screen_file(fixture_store, customers, local, workers=1, all_rows=all_rows, mapping=mapping)
    got = screen_file_spark(
        fixture_store, str(customers), str(distributed), spark=spark, split_bytes=512, all_rows=all_rows, mapping=MAP
    )
    assert (got.rows, got.hits, got.rows_with_hits, got.errors, got.written) == (
        expected.rows,
        expected.hits,
        expected.rows_with_hits,
        expected.errors,
        expected.written,
    )
    assert expected.written == (expected.rows if all_rows else 0) + expected.hits - (
        expected.rows_with_hits if all_rows else 0
    )
    if suffix == ".xlsx":  # the workbook's own metadata holds the time it was written
        assert _sheet(distributed) == _sheet(local)
    elif suffix == ".parquet":
        assert pq.read_table(distributed).equals(pq.read_table(local))
    else:
        assert distributed.read_bytes() == local.read_bytes()


@pytest.mark.spark
def test_spark_folders_hold_the_local_records(
    spark: SparkSession, fixture_store: Store, customers: Path, tmp_path: Path
) -> None:
    from embargo.spark import screen_file_spark

    mapping = parse_mapping(MAP)
    screen_file(fixture_store, customers, tmp_path / "local.jsonl", workers=1, all_rows=True, mapping=mapping)
    screen_file(fixture_store, customers, tmp_path / "local.parquet", workers=1, all_rows=True, mapping=mapping)
    folder = tmp_path / "hits.jsonl"
    got = screen_file_spark(
        fixture_store, str(customers), folder.as_uri(), spark=spark, split_bytes=512, all_rows=True, mapping=MAP
    )
    text = b"".join(p.read_bytes() for p in sorted(folder.glob("part-*")))
    assert text == (tmp_path / "local.jsonl").read_bytes()
    assert got.written == text.count(b"\n")
    dataset = tmp_path / "hits.parquet"
    screen_file_spark(
        fixture_store, str(customers), dataset.as_uri(), spark=spark, split_bytes=512, all_rows=True, mapping=MAP
    )
    assert pq.read_table(dataset).to_pylist() == pq.read_table(tmp_path / "local.parquet").to_pylist()


@pytest.mark.parametrize("location", ["s3a://bucket/hits.csv", "file:///tmp/hits.xlsx", "s3a://bucket/hits/"])
def test_spark_refuses_a_folder_it_does_not_write(location: str) -> None:
    with pytest.raises(QueryError, match="output"):
        check_location(location)


@pytest.mark.parametrize("location", ["s3a://bucket/hits.jsonl", "hdfs:///x/hits.parquet", "hits.csv", "hits.xlsx"])
def test_spark_writes_these(location: str) -> None:
    check_location(location)
