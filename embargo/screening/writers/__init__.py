"""The writers of batch screening's output, one module per format, chosen by the output's extension.

``.jsonl`` (nested records), ``.csv``, ``.xlsx`` and ``.parquet`` (flat rows:
:mod:`embargo.screening.writers._flat`). Every writer writes to
``<path>.part`` first and renames it, so a failed run leaves no half file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from embargo.errors import QueryError
from embargo.screening.writers import csv_file, jsonl, parquet, xlsx
from embargo.screening.writers._flat import CUSTOMER_PREFIX, FIELDS, NUMBERS, columns, flatten

__all__ = [
    "CUSTOMER_PREFIX",
    "FIELDS",
    "NUMBERS",
    "WRITERS",
    "Writer",
    "columns",
    "flatten",
    "write_records",
    "writer_for",
]

#: ``write(path, records, customer columns) -> records written``.
Writer = Callable[[Path, Iterable[dict[str, Any]], Sequence[str]], int]

#: The writers by extension.
WRITERS: dict[str, Writer] = {
    jsonl.EXTENSION: jsonl.write,
    csv_file.EXTENSION: csv_file.write,
    xlsx.EXTENSION: xlsx.write,
    parquet.EXTENSION: parquet.write,
}


def writer_for(location: str | Path) -> Writer:
    """The writer of ``location``'s extension (any case).

    Raises:
        QueryError: an extension no writer has, naming it and the known ones.
    """
    text = str(location).rstrip("/")
    suffix = Path(text).suffix.lower()
    found = WRITERS.get(suffix)
    if found is None:
        shown = repr(suffix) if suffix else "none"
        raise QueryError(f"output {text}: unknown extension {shown} (known: {', '.join(WRITERS)})")
    return found


def write_records(path: Path, records: Iterable[dict[str, Any]], customer_columns: Sequence[str]) -> int:
    """Write ``records`` to ``path`` in the format of its extension; the number written.

    Raises:
        QueryError: an unknown extension.
    """
    write = writer_for(path)
    tmp = path.with_name(path.name + ".part")
    try:
        count = write(tmp, records, customer_columns)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return count
