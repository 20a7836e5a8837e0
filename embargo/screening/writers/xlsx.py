"""XLSX: one sheet ``screening``, a header row, one flat row per record (openpyxl's write-only mode, streaming).

A cell that Excel would read as a formula (text starting ``=``, ``+``, ``-``
or ``@``, as a customer's name may) is written as text, never as a formula:
openpyxl stores strings as strings, and this writer never sets a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from embargo.errors import QueryError
from embargo.screening.writers._flat import columns, flatten

__all__ = ["EXTENSION", "SHEET", "write"]

EXTENSION = ".xlsx"
SHEET = "screening"
#: Excel's limit on the characters of one cell: a longer value (an explanation) is cut, and says so.
CELL_LIMIT = 32_767
#: Excel's limit on the rows of a sheet (the header is one).
MAX_ROWS = 1_048_576
_CUT = " [cut: over Excel's cell limit]"


def _cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        return value[: CELL_LIMIT - len(_CUT)] + _CUT
    return value


def write(path: Path, records: Iterable[dict[str, Any]], customer_columns: Sequence[str]) -> int:
    """Write ``records`` to ``path`` as one sheet of flat rows (:mod:`._flat`); the number written.

    Raises:
        QueryError: more records than a sheet has rows (Excel's limit): write ``.csv`` or ``.parquet``.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    header = columns(customer_columns)
    # Flattened before the workbook is opened: a failure while the records are made (they stream
    # from the screening) then leaves no half-written sheet for openpyxl to close.
    rows: list[list[Any]] = []
    for record in records:
        if len(rows) == MAX_ROWS - 1:
            raise QueryError(
                f"more than {MAX_ROWS - 1:,} records, the most an Excel sheet holds: write .csv or .parquet"
            )
        row = flatten(record, customer_columns)
        rows.append([_cell(row[name]) for name in header])
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.append(header)
    for values in rows:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
            cells.append(cell)
        sheet.append(cells)
    with path.open("wb") as fh:
        book.save(fh)
    return len(rows)
