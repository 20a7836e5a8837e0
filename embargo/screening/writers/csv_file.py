"""CSV: UTF-8 with a byte-order mark (so that Excel reads the accents), a header, one flat row per record.

A cell a spreadsheet would run as a formula (a customer named ``=HYPERLINK(...)``) gets one leading
apostrophe, as in the audit export (:func:`embargo.cells.safe_cell`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from embargo.cells import safe_cell
from embargo.screening.writers._flat import columns, flatten

__all__ = ["EXTENSION", "write"]

EXTENSION = ".csv"


def _cell(value: Any) -> Any:
    return "" if value is None else safe_cell(value)


def write(path: Path, records: Iterable[dict[str, Any]], customer_columns: Sequence[str]) -> int:
    """Write ``records`` to ``path`` as flat rows (:mod:`._flat`); the number written."""
    header = columns(customer_columns)
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for record in records:
            row = flatten(record, customer_columns)
            writer.writerow([_cell(row[c]) for c in header])
            count += 1
    return count
