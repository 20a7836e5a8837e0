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

from embargo.audit import append
from embargo.auth.principals import Principal, find_principal, name_key, resolve_principal
from embargo.errors import ConflictError, NotFoundError, PermissionDenied
from embargo.monitor._clock import now
from embargo.monitor.decisions import Decision, check_decision, check_kind, record_decision
from embargo.monitor.four_eyes import FourEyes, load_policy
from embargo.store import Store, alerts, decisions
from embargo.store.connection import Connection
from embargo.store.decisions import DecisionRequest

__all__ = [
    "DecisionRequest",
    "FourEyes",
    "approve",
    "pending_requests",
    "reject",
    "request_decision",
    "requests_for",
]


def _get(conn: Connection, request_id: int) -> DecisionRequest:
    found = decisions.get_request(conn, request_id)
    if found is None:
        raise NotFoundError(f"no decision request {request_id}")
    return found


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
    with store.transaction() as conn:
        who = resolve_principal(conn, by)
        score = alerts.score(conn, alert_id)
        if score is None:
            raise NotFoundError(f"no alert {alert_id}")
        check_kind(conn, alert_id, decision)
        waiting = decisions.pending_request(conn, alert_id)
        if waiting is not None:
            raise ConflictError(
                f"alert {alert_id} already has a decision waiting for approval (request {waiting[0]} by {waiting[1]})"
            )
        if not load_policy(conn).needs_approval(decision, score):
            return record_decision(conn, alert_id, decision, note, who, when)
        made = _get(conn, decisions.insert_request(conn, alert_id, decision, note, who.name, when, who.id))
        append(conn, who.name, "alert.decision_requested", made.to_dict(), at=when)
        return made


def _same_principal(found: DecisionRequest, who: Principal) -> bool:
    if found.requested_by_id is not None:
        return found.requested_by_id == who.id
    # a request made before principals existed: compared by name, the way principals are
    return name_key(found.requested_by) == name_key(who.name)


def _review(conn: Connection, request_id: int, by: Principal | str) -> tuple[DecisionRequest, Principal]:
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
    with store.transaction() as conn:
        found, who = _review(conn, request_id, by)
        requester = (
            resolve_principal(conn, found.requested_by_id)
            if found.requested_by_id
            else find_principal(conn, found.requested_by) or Principal("", found.requested_by)
        )
        extra = {"approved_by": who.name, "approved_by_id": who.id, "request": request_id}
        made = record_decision(conn, found.alert_id, found.decision, found.note, requester, when, extra)
        decisions.approve_request(conn, request_id, who.name, when, note, made.id, who.id)
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
    with store.transaction() as conn:
        _, who = _review(conn, request_id, by)
        decisions.reject_request(conn, request_id, who.name, when, note, who.id)
        done = _get(conn, request_id)
        append(conn, who.name, "alert.decision_rejected", done.to_dict(), at=when)
        return done


def requests_for(store: Store, alert_id: int) -> list[DecisionRequest]:
    """Every request on one alert, oldest first."""
    with store.reading("decision requests") as conn:
        return decisions.requests_for(conn, alert_id)


def pending_requests(store: Store) -> dict[int, DecisionRequest]:
    """The waiting request of each alert that has one, by alert id."""
    with store.reading("decision requests") as conn:
        return {r.alert_id: r for r in decisions.pending_requests(conn)}
