"""The audit trail's rows: the chain's head, records, checkpoints; and snapshot reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.store import Store
from embargo.store.audit import (
    AuditRecord,
    Checkpoint,
    audit_records,
    audit_rows,
    chain_head,
    checkpoint_at,
    checkpoints_after,
    described_rows,
    insert_checkpoint,
    insert_record,
)
from embargo.store.snapshot import snapshot


def _append(s: Store, seq: int, at: str, kind: str) -> None:
    with s.transaction() as conn:
        insert_record(conn, seq, at, "ann", kind, f'{{"n":{seq}}}', f"prev{seq}", f"hash{seq}")


def test_records_round_trip(db: str | Path) -> None:
    s = Store(db)
    with s.reading() as conn:
        assert chain_head(conn) is None
    _append(s, 1, "2026-01-01T00:00:00+00:00", "list.import")
    _append(s, 2, "2026-01-02T00:00:00+00:00", "alert.raise")
    _append(s, 3, "2026-01-03T00:00:00+00:00", "alert.raise")
    with s.reading() as conn:
        assert chain_head(conn) == (3, "hash3")
        [first, *_] = audit_records(conn)
        assert first == AuditRecord(1, "2026-01-01T00:00:00+00:00", "ann", "list.import", {"n": 1}, "prev1", "hash1")
        assert list(first.to_dict()) == ["seq", "at", "actor", "kind", "payload", "prev_hash", "hash"]
        assert [r.seq for r in audit_records(conn, kind="alert.raise")] == [2, 3]
        assert [r.seq for r in audit_records(conn, since="2026-01-02", until="2026-01-03")] == [2]
        assert [(r["seq"], r["payload"]) for r in audit_rows(conn)] == [(1, '{"n":1}'), (2, '{"n":2}'), (3, '{"n":3}')]


def test_checkpoints_round_trip(db: str | Path) -> None:
    s = Store(db)
    made = [Checkpoint(n, f"hash{n}", f"2026-01-0{n}", "none", "", "") for n in (2, 4)]
    with s.transaction() as conn:
        for checkpoint in made:
            insert_checkpoint(conn, checkpoint)
    with s.reading() as conn:
        assert checkpoints_after(conn) == made and checkpoints_after(conn, 2) == made[1:]
        assert checkpoint_at(conn, 4) == made[1] and checkpoint_at(conn, 3) is None
    assert made[0].to_dict() == {"seq": 2, "hash": "hash2", "at": "2026-01-02", "algorithm": "none", "key_id": "",
                                 "mac": ""}  # fmt: skip
    assert made[0].message().startswith(b"embargo audit checkpoint v1\n{")


def test_only_the_described_tables_are_read(db: str | Path) -> None:
    s = Store(db)
    with s.reading() as conn:
        assert list(described_rows(conn, "alerts")) == []
        with pytest.raises(ValueError):
            described_rows(conn, "api_keys")


def test_a_snapshot_does_not_see_a_later_commit(db: str | Path) -> None:
    s = Store(db)
    _append(s, 1, "2026-01-01", "list.import")
    with snapshot(s) as conn:
        assert chain_head(conn) == (1, "hash1")
        _append(s, 2, "2026-01-02", "list.import")  # committed on another connection meanwhile
        assert chain_head(conn) == (1, "hash1")
        assert conn.in_transaction
    with s.reading() as conn:
        assert chain_head(conn) == (2, "hash2")
