"""Four-eyes decisions: a decision that waits until a second user confirms it.

Switched on with ``EMBARGO_FOUR_EYES=true``. Then a decision that confirms a
true match, or that clears an alert (false positive) scored at or above
``EMBARGO_FOUR_EYES_SCORE`` (default 0.9), is kept as a *request*: the alert
stays in the queue, marked pending, until a user with the ``approve`` role
who is not the one who asked approves it (the decision is then recorded as
the requester's, with the approver named) or rejects it (the alert stays
open). Escalating never waits. The request, the approval or rejection and
the decision each append an audit record in the transaction that makes them.

Roles are checked by the caller (the web UI, the API); this module enforces
what holds whoever calls it: one request at a time per alert, and nobody
approves their own.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from typing import Any

from embargo.audit import append
from embargo.errors import NotFoundError, QueryError
from embargo.monitor._tx import now, read, write
from embargo.monitor.decisions import Decision, check_decision, record_decision
from embargo.store import Store

__all__ = [
    "DecisionRequest",
    "FourEyes",
    "approve",
    "pending_requests",
    "reject",
    "request_decision",
    "requests_for",
]


@dataclass(frozen=True, slots=True)
class FourEyes:
    """When a decision needs a second user.

    Attributes:
        enabled: four-eyes is on.
        min_score: a false positive on an alert scored at least this waits for approval.
    """

    enabled: bool = False
    min_score: float = 0.9

    @classmethod
    def from_env(cls) -> FourEyes:
        """``EMBARGO_FOUR_EYES`` (true/1/yes) and ``EMBARGO_FOUR_EYES_SCORE`` (0 to 1)."""
        enabled = os.environ.get("EMBARGO_FOUR_EYES", "").strip().lower() in ("1", "true", "yes", "on")
        try:
            score = float(os.environ.get("EMBARGO_FOUR_EYES_SCORE", "").strip() or 0.9)
        except ValueError:
            score = 0.9
        return cls(enabled, min(1.0, max(0.0, score)))

    def needs_approval(self, decision: str, score: float) -> bool:
        """True when ``decision`` on an alert of ``score`` must wait for an approver."""
        if not self.enabled:
            return False
        return decision == "true_match" or (decision == "false_positive" and score >= self.min_score)


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    """A decision waiting for (or given) a second user's approval."""

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

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> DecisionRequest:
        """Build from a ``decision_requests`` row."""
        return cls(*(row[k] for k in row.keys()))  # noqa: SIM118 (sqlite3.Row iterates values, not keys)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {k: getattr(self, k) for k in self.__slots__}


def _get(conn: sqlite3.Connection, request_id: int) -> DecisionRequest:
    row = conn.execute("SELECT * FROM decision_requests WHERE id = ?", (request_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no decision request {request_id}")
    return DecisionRequest.from_row(row)


def request_decision(
    store: Store, alert_id: int, decision: str, note: str, by: str, policy: FourEyes
) -> Decision | DecisionRequest:
    """Decide an alert, or ask for approval when ``policy`` says so.

    Returns:
        The :class:`Decision` made, or the :class:`DecisionRequest` now waiting.

    Raises:
        QueryError: an unknown decision, no name, or a request already waiting on this alert.
        NotFoundError: no such alert.
    """
    check_decision(decision, by, note)
    when = now()
    with write(store) as conn:
        alert = conn.execute("SELECT score FROM alerts WHERE id = ?", (alert_id,)).fetchone()
        if alert is None:
            raise NotFoundError(f"no alert {alert_id}")
        waiting = conn.execute(
            "SELECT id, requested_by FROM decision_requests WHERE alert_id = ? AND status = 'pending'", (alert_id,)
        ).fetchone()
        if waiting is not None:
            raise QueryError(
                f"alert {alert_id} already has a decision waiting for approval "
                f"(request {waiting['id']} by {waiting['requested_by']})"
            )
        if not policy.needs_approval(decision, float(alert["score"])):
            return record_decision(conn, alert_id, decision, note, by, when)
        cur = conn.execute(
            "INSERT INTO decision_requests (alert_id, decision, note, requested_by, requested_at, status) "
            "VALUES (?, ?, ?, ?, ?, 'pending') RETURNING id",
            (alert_id, decision, note, by.strip(), when),
        )
        made = _get(conn, int(cur.fetchone()[0]))
        append(conn, made.requested_by, "alert.decision_requested", made.to_dict(), at=when)
        return made


def _review(conn: sqlite3.Connection, request_id: int, by: str) -> DecisionRequest:
    if not by.strip():
        raise QueryError("an approval needs the approver's name")
    found = _get(conn, request_id)
    if found.status != "pending":
        raise QueryError(f"decision request {request_id} is already {found.status} (by {found.reviewed_by})")
    if found.requested_by == by.strip():
        raise QueryError(f"{by.strip()} asked for this decision: the same user cannot approve or reject their own")
    return found


def approve(store: Store, request_id: int, by: str, note: str = "") -> Decision:
    """Approve a waiting request: its decision is recorded (as the requester's) and the alert leaves the queue.

    Raises:
        QueryError: the request is not pending, or ``by`` is the user who asked.
        NotFoundError: no such request.
    """
    when = now()
    with write(store) as conn:
        found = _review(conn, request_id, by)
        extra = {"approved_by": by.strip(), "request": request_id}
        made = record_decision(conn, found.alert_id, found.decision, found.note, found.requested_by, when, extra)
        conn.execute(
            "UPDATE decision_requests SET status = 'approved', reviewed_by = ?, reviewed_at = ?, review_note = ?, "
            "decision_id = ? WHERE id = ?",
            (by.strip(), when, note, made.id, request_id),
        )
        append(conn, by.strip(), "alert.decision_approved", _get(conn, request_id).to_dict(), at=when)
        return made


def reject(store: Store, request_id: int, by: str, note: str = "") -> DecisionRequest:
    """Reject a waiting request: nothing is decided and the alert stays in the queue.

    Raises:
        QueryError: the request is not pending, or ``by`` is the user who asked.
        NotFoundError: no such request.
    """
    when = now()
    with write(store) as conn:
        _review(conn, request_id, by)
        conn.execute(
            "UPDATE decision_requests SET status = 'rejected', reviewed_by = ?, reviewed_at = ?, review_note = ? "
            "WHERE id = ?",
            (by.strip(), when, note, request_id),
        )
        done = _get(conn, request_id)
        append(conn, by.strip(), "alert.decision_rejected", done.to_dict(), at=when)
        return done


def requests_for(store: Store, alert_id: int) -> list[DecisionRequest]:
    """Every request on one alert, oldest first."""
    with read(store) as conn:
        rows = conn.execute("SELECT * FROM decision_requests WHERE alert_id = ? ORDER BY id", (alert_id,))
        return [DecisionRequest.from_row(r) for r in rows]


def pending_requests(store: Store) -> dict[int, DecisionRequest]:
    """The waiting request of each alert that has one, by alert id."""
    with read(store) as conn:
        rows = conn.execute("SELECT * FROM decision_requests WHERE status = 'pending' ORDER BY id")
        return {int(r["alert_id"]): DecisionRequest.from_row(r) for r in rows}
