"""JSON lines: one record per line, nested as made (``customer``, ``designations`` and ``explanation`` as objects)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["EXTENSION", "line", "write"]

EXTENSION = ".jsonl"


def line(record: dict[str, Any]) -> str:
    """One record as a JSON line (without the newline); the Spark engine's executors write the same."""
    return json.dumps(record, ensure_ascii=False)


def write(path: Path, records: Iterable[dict[str, Any]], customer_columns: Sequence[str]) -> int:
    """Write ``records`` to ``path``; the number written."""
    del customer_columns  # each record carries its own
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(line(record) + "\n")
            count += 1
    return count
