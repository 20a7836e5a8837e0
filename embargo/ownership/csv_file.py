"""Ownership links from a plain CSV file: ``owner_id,owner_name,asset_id,asset_name,share,start,end``.

``share`` is a percentage (``50``, ``50%``, ``37.5``), a range or band
(``25-50``, ``25-50%``), or empty for a share not known (0-100%); ``start`` and
``end`` are ISO dates or empty. A ``source`` column, when there is one, is kept
on each link; other columns are ignored. The file is UTF-8 (a byte-order mark is
fine). A row that cannot be read refuses the whole file, naming its line.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from embargo.errors import QueryError, SourceError
from embargo.model.values import clean_date
from embargo.ownership.data import Node, OwnershipData
from embargo.ownership.links import Ownership, Share

__all__ = ["COLUMNS", "parse_share", "read_csv"]

COLUMNS = ("owner_id", "owner_name", "asset_id", "asset_name", "share", "start", "end")
_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*(?:[-–]\s*(\d+(?:\.\d+)?)\s*%?)?\s*$")


def parse_share(text: str) -> Share:
    """A share as the file writes it: ``50``, ``50%``, ``25-50%``; empty: not known (0-100%).

    Raises:
        QueryError: not a percentage or a range of two.
    """
    if not text.strip():
        return Share(0.0, 100.0)
    m = _SHARE.match(text)
    if not m:
        raise QueryError(f"share {text!r} is not a percentage (50, 50%) or a range (25-50%)")
    low = float(m.group(1))
    return Share(low, float(m.group(2)) if m.group(2) else low)


def _date(value: str, column: str) -> str | None:
    if not value.strip():
        return None
    found = clean_date(value)
    if found is None:
        raise QueryError(f"{column} {value!r} is not a date")
    return found


def read_csv(path: Path) -> OwnershipData:
    """The holdings and parties of an ownership CSV file.

    Raises:
        SourceError: a missing column, or a row that cannot be read (naming its line); nothing is kept.
    """
    data = OwnershipData()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise SourceError(f"no column {', '.join(missing)} (the columns are {','.join(COLUMNS)})", str(path))
        reader.fieldnames = header
        for n, row in enumerate(reader, start=2):
            cells = {k: (v or "").strip() for k, v in row.items() if k}
            owner, asset = cells["owner_id"], cells["asset_id"]
            if not owner or not asset:
                raise SourceError(f"line {n}: owner_id and asset_id are needed", str(path))
            try:
                share = parse_share(cells["share"])
                start, end = _date(cells["start"], "start"), _date(cells["end"], "end")
            except QueryError as exc:
                raise SourceError(f"line {n}: {exc}", str(path)) from exc
            source = cells.get("source") or f"{path.name} line {n}"
            data.ownerships.append(Ownership(owner, asset, share, start, end, source))
            for pid, name in ((owner, cells["owner_name"]), (asset, cells["asset_name"])):
                if pid not in data.parties:
                    data.parties[pid] = Node(pid, name or pid, "LegalEntity")
    return data
