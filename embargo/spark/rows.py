"""What runs on a Spark executor: customer rows in, tagged hit records out.

Nothing here imports pyspark except to read a broadcast value, so the same
functions are tested without a cluster. Each Python worker process loads the
candidate index once (a module global keyed by the shipped files' tokens) and
keeps it for every later task while Spark reuses the worker
(``spark.python.worker.reuse``, on by default).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from embargo.errors import QueryError
from embargo.index import ListIndex
from embargo.matching import Unreadable
from embargo.screening import Hit, Screener
from embargo.screening.batch import hit_record, query_from_row
from embargo.screening.owned import Owned
from embargo.screening.screener import warm_up
from embargo.spark.shipping import OWNED, OWNED_INDEX, PARTIES
from embargo.store.parties import PartyMap

__all__ = ["COUNT", "ERROR", "FLAG", "HIT", "Item", "Shipped", "hit_line", "query_from_row", "screen_partition"]

#: Kinds of the items a partition yields: ``(kind, partition, row, text)``.
HIT, ERROR, COUNT, FLAG = 0, 1, 2, 3
#: ``HIT``: row = 1-based row in the partition, text = the output line (JSON).
#: ``ERROR``: row as above, text = why the row could not be screened.
#: ``COUNT``: one per partition, row = rows read, text = how many of them had hits.
#: ``FLAG``: row as above, text = JSON ``{"id", "unreadable": [{"field", "value", "reason"}]}``: the values
#: of the row that could not be read (it was screened without them).
Item = tuple[int, int, int, str]


class Shipped(Protocol):
    """A broadcast of ``[(token, index file bytes), ...]`` (pyspark's ``Broadcast``)."""

    @property
    def value(self) -> list[tuple[str, bytes]]: ...


_cached: tuple[tuple[str, ...], Screener] | None = None


def hit_line(row_id: str, hit: Hit, unreadable: tuple[Unreadable, ...] = ()) -> str:
    """One output record as the local engine writes it to JSON lines (without the newline)."""
    return json.dumps(hit_record(row_id, hit.to_dict(), unreadable), ensure_ascii=False)


def load_screener(paths: Sequence[Path]) -> Screener:
    """A screener over index files, in the order given (the store's list order, as ``Screener.open``)."""
    screener = Screener.load(paths)
    warm_up()
    return screener


def _screener(tokens: tuple[str, ...], shipped: Shipped) -> Screener:
    global _cached
    if _cached is not None and _cached[0] == tokens:
        return _cached[1]
    _cached = None  # free the previous job's index before loading this one
    with tempfile.TemporaryDirectory(prefix="embargo-index-") as folder:
        paths = []
        members: dict[str, str] | None = None
        owned_index: ListIndex | None = None
        owned: dict[str, Any] | None = None
        for i, (token, data) in enumerate(shipped.value):
            if token.startswith(PARTIES):
                members = json.loads(data)
                continue
            if token.startswith(OWNED):
                owned = json.loads(data)
                continue
            if token.startswith(OWNED_INDEX):
                path = Path(folder) / "ownership.idx"
                path.write_bytes(data)
                owned_index = ListIndex.load(path)
                continue
            path = Path(folder) / f"{i}.idx"
            path.write_bytes(data)
            paths.append(path)
        screener = load_screener(paths)
        if members is not None:
            screener.parties = PartyMap(members)
        if owned_index is not None and owned is not None:
            screener.owned = Owned(owned_index, owned["steps"], owned["entities"], int(owned["generation"]))
    _cached = (tokens, screener)
    return screener


def screen_partition(
    partition: int,
    rows: Iterable[Sequence[Any]],
    columns: Sequence[str],
    tokens: tuple[str, ...],
    shipped: Shipped,
    threshold: float | None,
    limit: int,
) -> Iterator[Item]:
    """Screen one partition's rows; yields hits and errors in row order, then one count.

    Args:
        partition: the partition's index (its place in input order).
        rows: the partition's rows, values in the order of ``columns``.
        columns: lower-case column names.
        tokens: identify the shipped index files (the executor's cache key).
        shipped: the broadcast index files, read only when not cached.
        threshold: lowest score reported (``None``: the default).
        limit: most hits per row.
    """
    screener = _screener(tokens, shipped)
    count = with_hits = 0
    for values in rows:
        count += 1
        row = {c: "" if v is None else str(v) for c, v in zip(columns, values, strict=True)}
        try:
            read = query_from_row(row)
        except QueryError as exc:
            yield ERROR, partition, count, str(exc)
            continue
        rid = row.get("id", "").strip()
        if read.unreadable:
            yield FLAG, partition, count, json.dumps({"id": rid, "unreadable": [u.to_dict() for u in read.unreadable]})
        hits = screener.screen(read.query, threshold=threshold, limit=limit)
        with_hits += bool(hits)
        for hit in hits:
            yield HIT, partition, count, hit_line(rid, hit, read.unreadable)
    yield COUNT, partition, count, str(with_hits)
