"""The audit trail of API calls: batched, chained, and patient with a busy store."""

from __future__ import annotations

from pathlib import Path

from embargo.api.trail import AuditTrail, is_recorded
from embargo.audit import iter_records, verify
from embargo.server import RequestRecord
from embargo.store import Store


def _call(endpoint: str, method: str = "POST", status: int = 200, key: str | None = "key_1") -> RequestRecord:
    return RequestRecord(key, "payments", "screen", method, endpoint, endpoint, status, 3.2, "10.0.0.1", {"queries": 1})


def test_which_calls_are_recorded() -> None:
    cases = [
        (_call("/match/{dataset}"), True),
        (_call("/screen"), True),
        (_call("/text"), True),
        (_call("/keys", "DELETE"), True),
        (_call("/audit", "GET"), True),
        (_call("/catalog", "GET", 403), True),
        (_call("/catalog", "GET"), False),
        (_call("/search/{dataset}", "GET"), False),
        (_call("/match/{dataset}", key=None, status=401), False),
    ]
    for record, expected in cases:
        assert is_recorded(record) is expected, record


def test_calls_are_written_in_one_batch_and_chained(db: str | Path) -> None:
    store = Store(db)
    trail = AuditTrail(store)
    for _ in range(500):
        trail(_call("/match/{dataset}"))
    trail(_call("/catalog", "GET"))
    assert trail.pending == 500
    assert trail.flush() == 500 and trail.pending == 0
    records = list(iter_records(store))
    assert len(records) == 500 and records[0].actor == "payments" and records[0].payload["queries"] == 1
    assert verify(store).ok


def test_a_busy_store_keeps_calls_waiting(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    trail = AuditTrail(store, max_pending=3)
    holder = store.connect()
    holder.execute("PRAGMA busy_timeout=0")
    holder.execute("BEGIN IMMEDIATE")
    try:
        for endpoint in ("/a", "/b", "/c", "/d"):
            trail(_call(endpoint))
        assert trail.flush() == 0 and trail.pending == 3  # "/a" dropped: over max_pending (waits the busy timeout)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert trail.flush() == 3
    kinds = [(r.kind, r.payload.get("endpoint"), r.payload.get("calls")) for r in iter_records(store)]
    assert kinds == [
        ("api.dropped", None, 1),
        ("api.call", "/b", None),
        ("api.call", "/c", None),
        ("api.call", "/d", None),
    ]
