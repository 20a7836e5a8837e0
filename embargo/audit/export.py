"""Writing the audit log for a regulator: JSON lines or CSV, with the chain hashes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from embargo.audit.log import canonical_json, iter_records
from embargo.store import Store

__all__ = ["EXPORT_FORMATS", "export"]

EXPORT_FORMATS = ("jsonl", "csv")
_COLUMNS = ("seq", "at", "actor", "kind", "payload", "prev_hash", "hash")


def export(store: Store, path: Path, format: str, since: str | None = None, until: str | None = None) -> int:
    """Write every record (or those of a period) to ``path``; returns how many.

    The payload is written as the canonical JSON text the hash was made
    over, so anyone can recompute each hash from the file alone
    (:func:`embargo.audit.record_hash`). Written to a temporary file first,
    then renamed: a failed export leaves no half file.
    """
    if format not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format!r} (use {', '.join(EXPORT_FORMATS)})")
    tmp = path.with_name(path.name + ".part")
    count = 0
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        if format == "csv":
            writer = csv.writer(fh)
            writer.writerow(_COLUMNS)
            for rec in iter_records(store, since, until):
                writer.writerow(
                    (rec.seq, rec.at, rec.actor, rec.kind, canonical_json(rec.payload), rec.prev_hash, rec.hash)
                )
                count += 1
        else:
            for rec in iter_records(store, since, until):
                fh.write(json.dumps(rec.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
    tmp.replace(path)
    return count
