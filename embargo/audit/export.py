"""Writing the audit log for a regulator: JSON lines or CSV, with the chain hashes.

A CSV cell that a spreadsheet would read as a formula (one starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return: OWASP's "CSV injection") is written with a leading apostrophe,
and so is one that starts with an apostrophe already, so that a reader recomputing the hashes
removes exactly one leading apostrophe from any cell that has one. An actor named
``=HYPERLINK(...)`` is text in the file, never a formula.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

from embargo.audit.log import canonical_json, check_period, iter_records
from embargo.cells import safe_cell
from embargo.errors import QueryError
from embargo.store import Store

__all__ = ["EXPORT_FORMATS", "export", "export_lines", "safe_cell"]

EXPORT_FORMATS = ("jsonl", "csv")
_COLUMNS = ("seq", "at", "actor", "kind", "payload", "prev_hash", "hash")


def export_lines(store: Store, format: str, since: str | None = None, until: str | None = None) -> Iterator[str]:
    """The export's text, line by line (CSV: the header first), for streaming it elsewhere (the HTTP API).

    Raises:
        QueryError: an unknown format.
        QueryError: ``since`` is not before ``until``.
    """
    if format not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format {format!r} (use {', '.join(EXPORT_FORMATS)})")
    check_period(since, until)
    return _csv_lines(store, since, until) if format == "csv" else _jsonl_lines(store, since, until)


def _jsonl_lines(store: Store, since: str | None, until: str | None) -> Iterator[str]:
    for rec in iter_records(store, since, until):
        yield json.dumps(rec.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"


def _csv_lines(store: Store, since: str | None, until: str | None) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = (
        tuple(
            safe_cell(v)
            for v in (rec.seq, rec.at, rec.actor, rec.kind, canonical_json(rec.payload), rec.prev_hash, rec.hash)
        )
        for rec in iter_records(store, since, until)
    )
    for row in itertools.chain([_COLUMNS], rows):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def export(store: Store, path: Path, format: str, since: str | None = None, until: str | None = None) -> int:
    """Write every record (or those of a period) to ``path``; returns how many.

    The payload is written as the canonical JSON text the hash was made
    over, so anyone can recompute each hash from the file alone
    (:func:`embargo.audit.record_hash`; in CSV, after removing the one leading apostrophe
    :func:`safe_cell` adds to a cell a spreadsheet would read as a formula). Written to a temporary file first,
    then renamed: a failed export leaves no half file.
    """
    lines = export_lines(store, format, since, until)
    tmp = path.with_name(path.name + ".part")
    count = 0
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        for i, line in enumerate(lines):
            fh.write(line)
            count += 1 if format == "jsonl" or i > 0 else 0
    tmp.replace(path)
    return count
