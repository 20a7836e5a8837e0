"""Four-eyes decisions: a decision that waits until a second principal confirms it.

The policy is stored in the store (:mod:`embargo.monitor.four_eyes`): when it
is on, a decision that confirms a true match, or that clears an alert (false
positive) scored at or above its ``min_score`` (default 0.9), is kept as a
*request*: the alert stays in the queue, marked pending, until a principal
with the ``approve`` role who is not the one who asked approves it (the
decision is then recorded as the requester's, with the approver named) or
rejects it (the alert stays open). Escalating never waits. The request, the
approval or rejection and the decision each append an audit record in the
transaction that makes them.

Roles are checked by the caller (the web UI, the API, the CLI); this module
enforces what holds whoever calls it: the store's policy, one request at a
time per alert, and nobody approves their own, compared by principal id (so
not by a name that can be spelt twice).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from embargo.audit import append
from embargo.auth.principals import Principal, find_principal, name_key, resolve_principal
from embargo.errors import ConflictError, NotFoundError, PermissionDenied
from embargo.monitor._tx import now, read, write
from embargo.monitor.decisions import Decision, check_decision, record_decision
from embargo.monitor.four_eyes import FourEyes, load_policy
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
    requested_by_id: str | None = None
    reviewed_by_id: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> DecisionRequest:
        """Build from a ``decision_requests`` row."""
        return cls(**{k: row[k] for k in cls.__slots__})

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {k: getattr(self, k) for k in self.__slots__}


def _get(conn: sqlite3.Connection, request_id: int) -> DecisionRequest:
    row = conn.execute("SELECT * FROM decision_requests WHERE id = ?", (request_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no decision request {request_id}")
    return DecisionRequest.from_row(row)


def request_decision(
    store: Store, alert_id: int, decision: str, note: str, by: Principal | str
) -> Decision | DecisionRequest:
    """Decide an alert, or ask for approval when the store's four-eyes policy says so.

    Args:
        by: the principal deciding (a :class:`Principal`, or the id or name of one).

    Returns:
        The :class:`Decision` made, or the :class:`DecisionRequest` now waiting.

    Raises:
        QueryError: an unknown decision, or no note.
        ConflictError: a request is already waiting on this alert.
        PermissionDenied: ``by`` is no principal of the store.
        NotFoundError: no such alert.
    """
    check_decision(decision, note)
    when = now()
    with write(store) as conn:
        who = resolve_principal(conn, by)
        alert = conn.execute("SELECT score FROM alerts WHERE id = ?", (alert_id,)).fetchone()
        if alert is None:
            raise NotFoundError(f"no alert {alert_id}")
        waiting = conn.execute(
            "SELECT id, requested_by FROM decision_requests WHERE alert_id = ? AND status = 'pending'", (alert_id,)
        ).fetchone()
        if waiting is not None:
            raise ConflictError(
                f"alert {alert_id} already has a decision waiting for approval "
                f"(request {waiting['id']} by {waiting['requested_by']})"
            )
        if not load_policy(conn).needs_approval(decision, float(alert["score"])):
            return record_decision(conn, alert_id, decision, note, who, when)
        cur = conn.execute(
            "INSERT INTO decision_requests (alert_id, decision, note, requested_by, requested_at, status, "
            "requested_by_id) VALUES (?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
            (alert_id, decision, note, who.name, when, who.id),
        )
        made = _get(conn, int(cur.fetchone()[0]))
        append(conn, who.name, "alert.decision_requested", made.to_dict(), at=when)
        return made


def _same_principal(found: DecisionRequest, who: Principal) -> bool:
    if found.requested_by_id is not None:
        return found.requested_by_id == who.id
    # a request made before principals existed: compared by name, the way principals are
    return name_key(found.requested_by) == name_key(who.name)


def _review(conn: sqlite3.Connection, request_id: int, by: Principal | str) -> tuple[DecisionRequest, Principal]:
    who = resolve_principal(conn, by)
    found = _get(conn, request_id)
    if found.status != "pending":
        raise ConflictError(f"decision request {request_id} is already {found.status} (by {found.reviewed_by})")
    if _same_principal(found, who):
        raise PermissionDenied(
            f"{who.name} ({who.id}) asked for this decision: the same principal cannot approve or reject their own"
        )
    return found, who


def approve(store: Store, request_id: int, by: Principal | str, note: str = "") -> Decision:
    """Approve a waiting request: its decision is recorded (as the requester's) and the alert leaves the queue.

    Raises:
        ConflictError: the request is no longer pending.
        PermissionDenied: ``by`` is the principal who asked, or no principal of the store.
        NotFoundError: no such request.
    """
    when = now()
    with write(store) as conn:
        found, who = _review(conn, request_id, by)
        requester = (
            resolve_principal(conn, found.requested_by_id)
            if found.requested_by_id
            else find_principal(conn, found.requested_by) or Principal("", found.requested_by)
        )
        extra = {"approved_by": who.name, "approved_by_id": who.id, "request": request_id}
        made = record_decision(conn, found.alert_id, found.decision, found.note, requester, when, extra)
        conn.execute(
            "UPDATE decision_requests SET status = 'approved', reviewed_by = ?, reviewed_at = ?, review_note = ?, "
            "decision_id = ?, reviewed_by_id = ? WHERE id = ?",
            (who.name, when, note, made.id, who.id, request_id),
        )
        append(conn, who.name, "alert.decision_approved", _get(conn, request_id).to_dict(), at=when)
        return made


def reject(store: Store, request_id: int, by: Principal | str, note: str = "") -> DecisionRequest:
    """Reject a waiting request: nothing is decided and the alert stays in the queue.

    Raises:
        ConflictError: the request is no longer pending.
        PermissionDenied: ``by`` is the principal who asked, or no principal of the store.
        NotFoundError: no such request.
    """
    when = now()
    with write(store) as conn:
        _, who = _review(conn, request_id, by)
        conn.execute(
            "UPDATE decision_requests SET status = 'rejected', reviewed_by = ?, reviewed_at = ?, review_note = ?, "
            "reviewed_by_id = ? WHERE id = ?",
            (who.name, when, note, who.id, request_id),
        )
        done = _get(conn, request_id)
        append(conn, who.name, "alert.decision_rejected", done.to_dict(), at=when)
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
