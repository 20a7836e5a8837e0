"""Parquet: one flat row per record, with a fixed schema (``score``, ``probability`` doubles, the rest text)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from embargo.screening.writers._flat import NUMBERS, columns, flatten

__all__ = ["EXTENSION", "write"]

EXTENSION = ".parquet"
#: Rows per row group: the records are flattened and written a group at a time, not all held at once.
GROUP = 10_000


def write(path: Path, records: Iterable[dict[str, Any]], customer_columns: Sequence[str]) -> int:
    """Write ``records`` to ``path``; the number written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = columns(customer_columns)
    schema = pa.schema([(n, pa.float64() if n in NUMBERS else pa.string()) for n in names])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(flatten(record, customer_columns))
            count += 1
            if len(batch) == GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count
