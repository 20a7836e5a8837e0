"""Writing the Spark engine's records: one file like the local engine's, or a folder on a cluster's storage.

A plain path (``hits.jsonl``, ``hits.csv``, ``hits.xlsx``, ``hits.parquet``)
is written by the driver with the local engine's writers
(:mod:`embargo.screening.writers`), streaming the records partition by
partition in input order, so the file is the one the local engine writes for
the same input. A URI (``s3a://``, ``hdfs://``, ``file://``) names a folder
that the executors write in parallel, as Spark does: JSON lines in
``part-NNNNN-*.txt`` files (their concatenation in name order is the local
engine's file) or a Parquet dataset with the local engine's columns. CSV and
XLSX are not written as folders (a workbook is one file; a folder of CSV
parts, each with its header, is no file an analyst opens): such a URI is
refused before any screening (:func:`check_location`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embargo.errors import QueryError
from embargo.screening.writers import NUMBERS, columns, flatten, write_records, writer_for
from embargo.screening.writers.jsonl import line

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

__all__ = ["FOLDER_FORMATS", "check_location", "is_uri", "write_file", "write_folder"]

#: The extensions a folder (a URI output) may have.
FOLDER_FORMATS = (".jsonl", ".parquet")


def is_uri(location: str) -> bool:
    """Whether ``location`` is a URI for Spark's storage (``s3a://b/k``) rather than a local path."""
    return "://" in location


def _suffix(location: str) -> str:
    return Path(location.rstrip("/")).suffix.lower()


def check_location(location: str) -> None:
    """Refuse an output the Spark engine cannot write, before anything is screened.

    Raises:
        QueryError: an unknown extension, or a URI (a folder) as ``.csv`` or ``.xlsx``.
    """
    writer_for(location)
    if is_uri(location) and _suffix(location) not in FOLDER_FORMATS:
        raise QueryError(
            f"output {location}: the spark engine writes a URI as a folder, only as "
            f"{' or '.join(FOLDER_FORMATS)}; write {_suffix(location)} to a local path"
        )


def write_file(path: Path, records: Iterable[dict[str, Any]], customer_columns: Sequence[str]) -> int:
    """Write records to ``path`` the way the local engine does (its writers); the number written."""
    return write_records(path, records, customer_columns)


def _schema(customer_columns: Sequence[str]) -> StructType:
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    return StructType(
        [
            StructField(n, DoubleType() if n in NUMBERS else StringType(), nullable=True)
            for n in columns(customer_columns)
        ]
    )


def _values(record: dict[str, Any], customer_columns: Sequence[str]) -> tuple[Any, ...]:
    row = flatten(record, customer_columns)
    return tuple(row[n] for n in columns(customer_columns))


def write_folder(
    spark: SparkSession, records: RDD[dict[str, Any]], location: str, customer_columns: Sequence[str]
) -> None:
    """Write records from the executors into the folder ``location`` (replacing it)."""
    if _suffix(location) == ".parquet":
        schema = _schema(customer_columns)
        names = list(customer_columns)
        rows = records.map(lambda record: _values(record, names))
        spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(location)
        return
    text = spark.createDataFrame(records.map(lambda record: (line(record),)), "value string")
    text.write.mode("overwrite").text(location)
