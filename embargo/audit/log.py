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

The rows are read and written by :mod:`embargo.store.audit`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from embargo.audit.checkpoint import after_append
from embargo.errors import QueryError, StoreError
from embargo.store import Store
from embargo.store.audit import AuditRecord, audit_records, chain_head, insert_record
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
    (:meth:`Store.transaction <embargo.store.store.Store.transaction>`, a
    :class:`~embargo.store.writer.Writer`) so that no other writer can append
    between reading the head and writing (on PostgreSQL that takes the store's
    writer lock: appends from several server instances are serialized and the
    chain stays linear). The record is checkpointed in the same transaction
    when its kind or seq calls for it (:func:`embargo.audit.checkpoint.after_append`);
    after its ``COMMIT`` :func:`embargo.audit.checkpoint.ship` exports the checkpoint
    (run by the store's after-commit hooks; a caller that commits by hand calls it).

    Raises:
        StoreError: no transaction is open.
        ConfigError: a checkpoint setting is wrong (nothing is appended).
    """
    if not conn.in_transaction:
        raise StoreError("audit records are appended inside the write transaction of the change they record")
    ensure_audit_schema(conn)
    head = chain_head(conn)
    seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS)
    when = at or _now()
    text = canonical_json(payload)
    digest = record_hash(seq, when, actor, kind, text, prev)
    insert_record(conn, seq, when, actor, kind, text, prev, digest)
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
    with store.reading("the audit log") as conn:
        yield from audit_records(conn, since, until, kind)
