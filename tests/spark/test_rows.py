"""The executor side without Spark: rows read as the local engine reads them, partitions screened in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.errors import QueryError
from embargo.screening import Screener, read_queries
from embargo.spark import rows
from embargo.spark.rows import COUNT, ERROR, FLAG, HIT, hit_line, query_from_row, screen_partition
from embargo.spark.shipping import index_files
from embargo.store import Store

COLUMNS = ["id", "name", "birth_date", "nationality", "country", "id_number", "schema", "gender"]


class FakeBroadcast:
    """Stands for pyspark's Broadcast; counts how often the executor reads it."""

    def __init__(self, files: list[tuple[str, bytes]]) -> None:
        self.files = files
        self.reads = 0

    @property
    def value(self) -> list[tuple[str, bytes]]:
        self.reads += 1
        return self.files


def _cells(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[1:]


def test_rows_read_as_the_local_engine_reads_them(customers: Path) -> None:
    local = list(read_queries(customers))
    cells = _cells(customers)
    assert len(local) == len(cells)
    for (_, expected, _, unreadable), values in zip(local, cells, strict=True):
        row = dict(zip(COLUMNS, values, strict=True))
        if isinstance(expected, str):  # not screenable: the same reason
            with pytest.raises(QueryError) as info:
                query_from_row(row)
            assert expected.endswith(str(info.value)), (expected, info.value)
            continue
        read = query_from_row(row)
        assert (read.query, read.unreadable) == (expected, unreadable)


def test_partition_yields_hits_and_errors_in_row_order_then_a_count(fixture_store: Store, customers: Path) -> None:
    files = index_files(fixture_store)
    shipped = FakeBroadcast(files)
    tokens = tuple(t for t, _ in files)
    cells = _cells(customers)
    items = list(screen_partition(7, cells, COLUMNS, tokens, shipped, None, 5))
    assert items[-1][0] == COUNT and items[-1][1:3] == (7, len(cells))
    body = items[:-1]
    assert [i[2] for i in body] == sorted(i[2] for i in body)
    assert {i[0] for i in body} == {HIT, ERROR, FLAG}
    # rows with values that cannot be read are screened on the rest, and flagged with them
    flags = {i[2]: json.loads(i[3]) for i in body if i[0] == FLAG}
    assert flags[5] == {
        "id": "c05",
        "unreadable": [{"field": "birth_date", "value": "not a date", "reason": "not a date"}],
    }
    assert [u["field"] for u in flags[14]["unreadable"]] == ["gender"]
    assert [i[2] for i in body if i[0] == ERROR] == [13]  # no name: not screened at all
    with_hits = len({i[2] for i in body if i[0] == HIT})
    assert items[-1][3] == str(with_hits)
    # The hits are the screener's, in its order, as JSON lines.
    screener = Screener.open(fixture_store)
    first = cells[0]
    expected = [
        hit_line("c01", h)
        for h in screener.screen(query_from_row(dict(zip(COLUMNS, first, strict=True))).query, limit=5)
    ]
    assert [i[3] for i in body if i[2] == 1] == expected
    # A second task in the same worker keeps the loaded index.
    list(screen_partition(8, cells[:2], COLUMNS, tokens, shipped, None, 5))
    assert shipped.reads == 1
    assert rows._cached is not None and rows._cached[0] == tokens
