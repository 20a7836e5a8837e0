"""The audit chain: intact logs verify; a changed, removed or reordered record is found and placed."""

from __future__ import annotations

import csv
import json
import sqlite3
from itertools import pairwise
from pathlib import Path

import pytest

from embargo.audit import GENESIS, append, export, iter_records, record_hash, verify
from embargo.errors import StoreError
from embargo.store import Store


def _log(db: str | Path, n: int = 6) -> Store:
    store = Store(db)
    conn = store.connect()
    for i in range(1, n + 1):
        conn.execute("BEGIN IMMEDIATE")
        append(conn, "ana", "test.event", {"n": i, "name": "Łukašenka"}, at=f"2026-01-0{i}T00:00:00+00:00")
        conn.execute("COMMIT")
    conn.close()
    return store


def _tamper(store: Store, *statements: str) -> None:
    conn = store.connect()
    if store.dialect == "postgresql":
        conn.execute("DROP TRIGGER audit_log_no_change ON audit_log")
    else:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def test_intact_chain(db: str | Path) -> None:
    store = _log(db)
    result = verify(store)
    assert result.ok and result.records == 6 and result.head_seq == 6
    records = list(iter_records(store))
    assert records[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in pairwise(records))
    assert verify(store, head=(6, result.head_hash)).ok


def test_records_cannot_be_edited_by_accident(db: str | Path) -> None:
    store = _log(db)
    conn = store.connect()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET actor = 'eve' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq = 2")
    with pytest.raises(StoreError):
        append(conn, "eve", "x", {})  # outside a transaction
    conn.close()


CASES = [
    ("payload", ['UPDATE audit_log SET payload = \'{"n":99,"name":"Łukašenka"}\' WHERE seq = 3'], 3, "changed"),
    ("actor", ["UPDATE audit_log SET actor = 'eve' WHERE seq = 4"], 4, "changed"),
    ("time", ["UPDATE audit_log SET at = '2027-01-01T00:00:00+00:00' WHERE seq = 2"], 2, "changed"),
    ("delete", ["DELETE FROM audit_log WHERE seq = 3"], 3, "removed"),
    ("delete first", ["DELETE FROM audit_log WHERE seq = 1"], 1, "removed"),
    (
        "delete and renumber",
        ["DELETE FROM audit_log WHERE seq = 3", "UPDATE audit_log SET seq = seq - 1 WHERE seq > 3"],
        3,
        "removed",
    ),
    (
        "swap",
        [
            "UPDATE audit_log SET seq = 100 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = 4",
            "UPDATE audit_log SET seq = 4 WHERE seq = 100",
        ],
        3,
        "reordered",
    ),
]


@pytest.mark.parametrize(("label", "statements", "seq", "problem"), CASES, ids=[c[0] for c in CASES])
def test_tampering_is_found_where_it_happened(
    db: str | Path, label: str, statements: list[str], seq: int, problem: str
) -> None:
    store = _log(db)
    _tamper(store, *statements)
    result = verify(store)
    assert not result.ok
    assert result.first is not None
    assert (result.first.seq, result.first.problem) == (seq, problem), label


def test_removing_the_newest_records_needs_the_anchor(db: str | Path) -> None:
    store = _log(db)
    head = verify(store)
    _tamper(store, "DELETE FROM audit_log WHERE seq = 6")
    assert verify(store).ok  # the chain itself still holds
    result = verify(store, head=(head.head_seq, head.head_hash))
    assert result.first is not None and (result.first.seq, result.first.problem) == (6, "removed")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_lets_anyone_recompute_the_chain(db: str | Path, tmp_path: Path, fmt: str) -> None:
    store = _log(db)
    path = tmp_path / f"audit.{fmt}"
    assert export(store, path, fmt) == 6
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [json.loads(line) for line in fh] if fmt == "jsonl" else list(csv.DictReader(fh))
    prev = GENESIS
    for row in rows:
        payload = (
            row["payload"]
            if fmt == "csv"
            else json.dumps(row["payload"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        )
        assert row["prev_hash"] == prev
        assert record_hash(int(row["seq"]), row["at"], row["actor"], row["kind"], payload, prev) == row["hash"]
        prev = row["hash"]
    assert export(store, tmp_path / "part.jsonl", "jsonl", since="2026-01-03", until="2026-01-05") == 2


@pytest.mark.parametrize("actor", ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\tx", "'quoted", "ana"])
def test_csv_export_writes_no_formula_and_keeps_the_hashes(db: str | Path, tmp_path: Path, actor: str) -> None:
    """A cell a spreadsheet would run as a formula is written as text; the chain still checks out."""
    store = Store(db)
    conn = store.connect()
    conn.execute("BEGIN IMMEDIATE")
    append(conn, actor, "=cmd|' /C calc'!A0", {"note": "=1+1"}, at="2026-01-01T00:00:00+00:00")
    conn.execute("COMMIT")
    conn.close()
    path = tmp_path / "audit.csv"
    export(store, path, "csv")
    with path.open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    for column in ("actor", "kind"):
        assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r"))

    def unescape(cell: str) -> str:
        return cell[1:] if cell.startswith("'") else cell

    assert unescape(row["actor"]) == actor
    fields = (int(row["seq"]), row["at"], unescape(row["actor"]), unescape(row["kind"]), unescape(row["payload"]))
    assert record_hash(*fields, GENESIS) == row["hash"]


def test_an_unknown_export_format_is_a_query_error(tmp_path: Path) -> None:
    """A domain error of the tree (400 in the API, one line in the CLI), not a bare ValueError."""
    from embargo.audit.export import export_lines
    from embargo.errors import QueryError

    with pytest.raises(QueryError, match="unknown export format 'xml'"):
        export_lines(Store(tmp_path / "s.db"), "xml")
