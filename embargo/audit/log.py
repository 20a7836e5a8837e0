"""The audit log: an append-only, hash-chained record of everything that matters to a regulator.

Every list import, portfolio change, screening run, alert and decision
appends one record in the same transaction as the change it records, so a
change and its audit record are committed together or not at all. Each
record carries the hash of the one before it (``prev_hash``) and its own
hash, SHA-256 over a canonical JSON of ``seq, at, actor, kind, payload,
prev_hash``: editing, removing or reordering any record breaks the chain at
that point, and :func:`embargo.audit.verify` says where. Triggers (made
by the store's migrations, on SQLite and PostgreSQL) also refuse ``UPDATE``
and ``DELETE`` on the table, so an edit cannot happen by accident; one
made on purpose (dropping the triggers) is what the chain detects.

What the chain alone cannot show, removing the newest records or editing one
and recomputing every hash after it, is caught against checkpoints
(:mod:`embargo.audit.checkpoint`): the head of the chain with an HMAC made with
a key kept outside the database, written by :func:`append` in the same
transaction after every import, run and decision and every N records, and
shipped after the commit to a file or standard output the operator keeps
elsewhere. And the tables a record describes (alerts, decisions, four-eyes
requests) are compared with the log by :mod:`embargo.audit.state`, so a row
edited behind the log's back is found too. :func:`embargo.audit.verify` runs
all three checks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from embargo.audit.checkpoint import after_append
from embargo.errors import QueryError, StoreError
from embargo.store import Store
from embargo.store.connection import Connection

__all__ = [
    "GENESIS",
    "AuditRecord",
    "append",
    "canonical_json",
    "check_period",
    "ensure_audit_schema",
    "iter_records",
    "record_hash",
]

#: ``prev_hash`` of the first record.
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One record of the audit log."""

    seq: int
    at: str
    actor: str
    kind: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (what exports write)."""
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "kind": self.kind,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 as is: the same data always gives the same text."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_hash(seq: int, at: str, actor: str, kind: str, payload_json: str, prev_hash: str) -> str:
    """The hash a record must carry (the payload as stored, canonical JSON text)."""
    body = canonical_json(
        {"seq": seq, "at": at, "actor": actor, "kind": kind, "payload": payload_json, "prev_hash": prev_hash}
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def ensure_audit_schema(conn: Connection) -> None:
    """Nothing to do: the store's migrations make the audit table and its guards when it opens (kept for callers)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(conn: Connection, actor: str, kind: str, payload: dict[str, Any], at: str | None = None) -> int:
    """Append one record on ``conn``, inside the caller's open write transaction; returns its seq.

    The caller's transaction must have been started with ``BEGIN IMMEDIATE``
    so that no other writer can append between reading the head and writing
    (on PostgreSQL that takes the store's writer lock: appends from several
    server instances are serialized and the chain stays linear). The record is
    checkpointed in the same transaction when its kind or seq calls for it
    (:func:`embargo.audit.checkpoint.after_append`); after its ``COMMIT`` the
    caller calls :func:`embargo.audit.checkpoint.ship` to export the checkpoint.

    Raises:
        StoreError: no transaction is open.
        ConfigError: a checkpoint setting is wrong (nothing is appended).
    """
    if not conn.in_transaction:
        raise StoreError("audit records are appended inside the write transaction of the change they record")
    ensure_audit_schema(conn)
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(row[0]) + 1, str(row[1])) if row else (1, GENESIS)
    when = at or _now()
    text = canonical_json(payload)
    digest = record_hash(seq, when, actor, kind, text, prev)
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, when, actor, kind, text, prev, digest),
    )
    after_append(conn, seq, digest, kind)
    return seq


def _instant(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def check_period(since: str | None, until: str | None) -> None:
    """Refuse a period that ends before it starts (:class:`QueryError`): it would answer "nothing happened".

    Args:
        since: its start, an ISO date or time (a date-only or naive bound is UTC), or None.
        until: its end, the same.
    """
    if since is None or until is None:
        return
    start, end = _instant(since), _instant(until)
    if start is not None and end is not None and start >= end:
        raise QueryError(f"the period is empty: since {since} is not before until {until}")


def iter_records(
    store: Store, since: str | None = None, until: str | None = None, kind: str | None = None
) -> Iterator[AuditRecord]:
    """Records in ``seq`` order, optionally those of a period (``at`` in [since, until)) or of one kind."""
    conn = store.connect()
    try:
        ensure_audit_schema(conn)
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
            yield AuditRecord(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], row[6])
    finally:
        conn.close()
