"""Writing the Spark engine's hits: one file like the local engine's, or a folder on a cluster's storage.

A plain path (``hits.jsonl``, ``hits.parquet``) is written by the driver,
streaming the hits partition by partition in input order, so the file is the
one the local engine writes for the same input. A URI (``s3a://``,
``hdfs://``, ``file://``) names a folder that the executors write in
parallel, as Spark does: JSON lines in ``part-NNNNN-*.txt`` files (their
concatenation in name order is the local engine's file) or a Parquet dataset
with the local engine's columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType, StructType

__all__ = ["is_uri", "write_file", "write_folder"]


def is_uri(location: str) -> bool:
    """Whether ``location`` is a URI for Spark's storage (``s3a://b/k``) rather than a local path."""
    return "://" in location


def _flat(line: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(line)
    record["explanation"] = json.dumps(record["explanation"], ensure_ascii=False)
    return record


def write_file(path: Path, lines: Iterable[str]) -> None:
    """Write JSON-line hits to ``path`` (``.parquet``: Parquet) the way the local engine does.

    Written to ``<path>.part`` first and renamed, so a failed run leaves no half file.
    """
    tmp = path.with_name(path.name + ".part")
    if path.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist([_flat(line) for line in lines]), tmp)
    else:
        with tmp.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
    tmp.replace(path)


def _spark_type(value: Any) -> DataType:
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType

    if isinstance(value, bool):
        return BooleanType()
    if isinstance(value, int):
        return LongType()
    if isinstance(value, float):
        return DoubleType()
    return StringType()


def _schema(first: dict[str, Any]) -> StructType:
    from pyspark.sql.types import StructField, StructType

    return StructType([StructField(k, _spark_type(v), nullable=True) for k, v in first.items()])


def _values(line: str, names: list[str]) -> tuple[Any, ...]:
    record = _flat(line)
    return tuple(record.get(n) for n in names)


def write_folder(spark: SparkSession, lines: RDD[str], location: str) -> None:
    """Write JSON-line hits from the executors into the folder ``location`` (replacing it)."""
    if location.rstrip("/").lower().endswith(".parquet"):
        first = lines.take(1)
        if not first:
            # Spark writes no Parquet without columns; an empty dataset keeps the key column.
            spark.createDataFrame([], "query_id string").write.mode("overwrite").parquet(location)
            return
        schema = _schema(_flat(first[0]))
        names = schema.fieldNames()
        rows = lines.map(lambda line: _values(line, names))
        spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(location)
        return
    text = spark.createDataFrame(lines.map(lambda line: (line,)), "value string")
    text.write.mode("overwrite").text(location)
