"""The audit trail's tables: ``audit_log`` (the hash chain), ``audit_checkpoints`` (its authenticated heads).

Rows in, rows out, on the caller's connection. What a record's hash is made
over, when a checkpoint is due, how its MAC is made and checked, and what a
broken chain means are the audit layer's (:mod:`embargo.audit`); the tables
refuse ``UPDATE`` and ``DELETE`` by trigger (the store's migrations).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from embargo.store.connection import Connection, Row
from embargo.store.rows import Record, column

__all__ = [
    "AuditRecord",
    "Checkpoint",
    "audit_kinds",
    "audit_records",
    "audit_rows",
    "chain_head",
    "checkpoint_at",
    "checkpoints_after",
    "described_rows",
    "insert_checkpoint",
    "insert_record",
]

#: What a checkpoint's MAC is made over starts with this (so it is never the MAC of anything else).
_DOMAIN = b"embargo audit checkpoint v1\n"

#: The tables whose rows the audit log describes (:mod:`embargo.audit.state` compares them with it).
_DESCRIBED = ("alerts", "decisions", "decision_requests")


@dataclass(frozen=True, slots=True)
class AuditRecord(Record):
    """One record of the audit log (its payload read back from the JSON text it was stored and hashed as)."""

    seq: int
    at: str
    actor: str
    kind: str
    payload: dict[str, Any] = field(metadata=column(load=json.loads))
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Checkpoint(Record):
    """The chain's head at one moment (``seq``, ``hash``), when, and its MAC (empty when made without a key)."""

    seq: int = field(metadata=column(load=int))
    hash: str = field(metadata=column(load=str))
    at: str = field(metadata=column(load=str))
    algorithm: str = field(metadata=column(load=str))
    key_id: str = field(metadata=column(load=str))
    mac: str = field(metadata=column(load=str))

    def message(self) -> bytes:
        """What the MAC is made over: everything but the MAC, as canonical JSON."""
        body = {k: v for k, v in self.to_dict().items() if k != "mac"}
        return _DOMAIN + json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def chain_head(conn: Connection) -> tuple[int, str] | None:
    """The newest record's ``(seq, hash)``, or None when the log is empty."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def insert_record(
    conn: Connection, seq: int, at: str, actor: str, kind: str, payload: str, prev_hash: str, digest: str
) -> None:
    """Append one record, its payload as the canonical JSON text its hash was made over."""
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, kind, payload, prev_hash, digest),
    )


def audit_records(
    conn: Connection, since: str | None = None, until: str | None = None, kind: str | None = None
) -> Iterator[AuditRecord]:
    """Records in ``seq`` order, optionally those of a period (``at`` in [since, until)) or of one kind."""
    sql = "SELECT seq, at, actor, kind, payload, prev_hash, hash FROM audit_log WHERE 1=1"
    args: list[str] = []
    if since is not None:
        sql += " AND at >= ?"
        args.append(since)
    if until is not None:
        sql += " AND at < ?"
        args.append(until)
    if kind is not None:
        sql += " AND kind = ?"
        args.append(kind)
    for row in conn.execute(sql + " ORDER BY seq", args):
        yield AuditRecord.from_row(row)


def audit_kinds(conn: Connection) -> list[str]:
    """The kinds of record the log holds, sorted."""
    return [str(r[0]) for r in conn.execute("SELECT DISTINCT kind FROM audit_log ORDER BY kind")]


def audit_rows(conn: Connection) -> list[Row]:
    """Every row of the log as stored (the payload as its text), in ``seq`` order: what verification reads."""
    return conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()


def insert_checkpoint(conn: Connection, checkpoint: Checkpoint) -> None:
    """Store a checkpoint."""
    conn.execute(
        "INSERT INTO audit_checkpoints (seq, hash, at, algorithm, key_id, mac) VALUES (?, ?, ?, ?, ?, ?)",
        (checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.algorithm, checkpoint.key_id, checkpoint.mac),
    )


def checkpoint_at(conn: Connection, seq: int) -> Checkpoint | None:
    """The checkpoint of record ``seq``, or None."""
    row = conn.execute(
        "SELECT seq, hash, at, algorithm, key_id, mac FROM audit_checkpoints WHERE seq = ?", (seq,)
    ).fetchone()
    return Checkpoint.from_row(row) if row is not None else None


def checkpoints_after(conn: Connection, after: int = 0) -> list[Checkpoint]:
    """The checkpoints with a seq above ``after``, oldest first."""
    rows = conn.execute(
        "SELECT seq, hash, at, algorithm, key_id, mac FROM audit_checkpoints WHERE seq > ? ORDER BY seq", (after,)
    ).fetchall()
    return [Checkpoint.from_row(r) for r in rows]


def described_rows(conn: Connection, table: str) -> Iterator[Row]:
    """Every row, all columns, of a table the log describes (``alerts``, ``decisions``, ``decision_requests``), by id.

    Raises:
        ValueError: ``table`` is not one of them.
    """
    if table not in _DESCRIBED:
        raise ValueError(f"the audit log describes no table {table!r}")
    return iter(conn.execute(f"SELECT * FROM {table} ORDER BY id"))
