"""Decisions on alerts (``decisions``) and the decisions waiting for a second principal (``decision_requests``).

Rows in, rows out, on the caller's connection: who may decide, and when a
decision must wait, is monitoring's (:mod:`embargo.monitor.decisions`,
:mod:`embargo.monitor.approvals`).
"""

from __future__ import annotations

from dataclasses import dataclass

from embargo.store.connection import Connection
from embargo.store.rows import Record

__all__ = [
    "Decision",
    "DecisionRequest",
    "approve_request",
    "for_alert",
    "get_request",
    "insert",
    "insert_request",
    "pending_request",
    "pending_requests",
    "reject_request",
    "requests_for",
]


@dataclass(frozen=True, slots=True)
class Decision(Record):
    """One analyst's decision on one alert (a ``decisions`` row)."""

    id: int
    alert_id: int
    customer_id: str
    entity_id: str
    decision: str
    note: str
    decided_by: str
    decided_at: str
    decided_by_id: str | None = None


@dataclass(frozen=True, slots=True)
class DecisionRequest(Record):
    """A decision waiting for (or given) a second user's approval (a ``decision_requests`` row)."""

    id: int
    alert_id: int
    decision: str
    note: str
    requested_by: str
    requested_at: str
    status: str
    reviewed_by: str | None
    reviewed_at: str | None
    review_note: str | None
    decision_id: int | None
    requested_by_id: str | None = None
    reviewed_by_id: str | None = None


def insert(
    conn: Connection,
    alert_id: int,
    customer_id: str,
    entity_id: str,
    decision: str,
    note: str,
    decided_by: str,
    decided_at: str,
    decided_by_id: str | None,
) -> int:
    """Record a decision; returns its id."""
    cur = conn.execute(
        "INSERT INTO decisions (alert_id, customer_id, entity_id, decision, note, decided_by, decided_at, "
        "decided_by_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (alert_id, customer_id, entity_id, decision, note, decided_by, decided_at, decided_by_id),
    )
    return int(cur.fetchone()[0])


def for_alert(conn: Connection, alert_id: int) -> list[Decision]:
    """Every decision on an alert, oldest first."""
    rows = conn.execute("SELECT * FROM decisions WHERE alert_id = ? ORDER BY id", (alert_id,))
    return [Decision.from_row(r) for r in rows]


def get_request(conn: Connection, request_id: int) -> DecisionRequest | None:
    """One request, or None."""
    row = conn.execute("SELECT * FROM decision_requests WHERE id = ?", (request_id,)).fetchone()
    return None if row is None else DecisionRequest.from_row(row)


def pending_request(conn: Connection, alert_id: int) -> tuple[int, str] | None:
    """(id, requested by) of the request waiting on an alert, or None."""
    row = conn.execute(
        "SELECT id, requested_by FROM decision_requests WHERE alert_id = ? AND status = 'pending'", (alert_id,)
    ).fetchone()
    return None if row is None else (row["id"], row["requested_by"])


def insert_request(
    conn: Connection, alert_id: int, decision: str, note: str, requested_by: str, requested_at: str, by_id: str
) -> int:
    """Record a pending request; returns its id."""
    cur = conn.execute(
        "INSERT INTO decision_requests (alert_id, decision, note, requested_by, requested_at, status, "
        "requested_by_id) VALUES (?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
        (alert_id, decision, note, requested_by, requested_at, by_id),
    )
    return int(cur.fetchone()[0])


def approve_request(
    conn: Connection,
    request_id: int,
    reviewed_by: str,
    reviewed_at: str,
    review_note: str,
    decision_id: int,
    reviewed_by_id: str,
) -> None:
    """Close a request as approved, with the decision it made."""
    conn.execute(
        "UPDATE decision_requests SET status = 'approved', reviewed_by = ?, reviewed_at = ?, review_note = ?, "
        "decision_id = ?, reviewed_by_id = ? WHERE id = ?",
        (reviewed_by, reviewed_at, review_note, decision_id, reviewed_by_id, request_id),
    )


def reject_request(
    conn: Connection, request_id: int, reviewed_by: str, reviewed_at: str, review_note: str, reviewed_by_id: str
) -> None:
    """Close a request as rejected (nothing decided)."""
    conn.execute(
        "UPDATE decision_requests SET status = 'rejected', reviewed_by = ?, reviewed_at = ?, review_note = ?, "
        "reviewed_by_id = ? WHERE id = ?",
        (reviewed_by, reviewed_at, review_note, reviewed_by_id, request_id),
    )


def requests_for(conn: Connection, alert_id: int) -> list[DecisionRequest]:
    """Every request on one alert, oldest first."""
    rows = conn.execute("SELECT * FROM decision_requests WHERE alert_id = ? ORDER BY id", (alert_id,))
    return [DecisionRequest.from_row(r) for r in rows]


def pending_requests(conn: Connection) -> list[DecisionRequest]:
    """Every pending request, oldest first."""
    rows = conn.execute("SELECT * FROM decision_requests WHERE status = 'pending' ORDER BY id")
    return [DecisionRequest.from_row(r) for r in rows]
