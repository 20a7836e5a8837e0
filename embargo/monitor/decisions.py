"""Decisions on alerts, and the good-guy list they make.

An analyst marks an alert ``true_match``, ``false_positive`` or
``escalated``, with a note; the analyst is a principal of the store
(:mod:`embargo.auth.principals`), kept by id and name. Each decision is kept (an
escalated alert is decided again later) and audited. The latest decision on
a (customer, entity) pair is remembered with the fingerprints the alert was
made on: a false positive is not raised again while both stay the same, and
comes back, with what changed in words, when the customer's data or the
entity's names, dates, countries, identifiers or designations change.
"""

from __future__ import annotations

import json
from typing import Any

from embargo.audit import append
from embargo.auth.principals import Principal, resolve_principal
from embargo.errors import NotFoundError, QueryError
from embargo.monitor._clock import now
from embargo.monitor.fingerprint import customer_changes, entity_changes
from embargo.monitor.four_eyes import load_policy
from embargo.store import Store, alerts, decisions, payments
from embargo.store.connection import Connection
from embargo.store.decisions import Decision

__all__ = [
    "DECISIONS",
    "DECISION_STATUS",
    "KIND_DECISIONS",
    "Decision",
    "check_decision",
    "check_kind",
    "decide",
    "decisions_for",
    "false_positives",
    "kind_refusal",
    "raise_reason",
    "record_decision",
]

DECISIONS = ("true_match", "false_positive", "escalated", "release", "reject")
#: The decisions an alert of each kind takes (a held payment message is released or rejected).
KIND_DECISIONS = {
    "customer": ("true_match", "false_positive", "escalated"),
    "payment": ("release", "reject", "escalated"),
}
#: The status a decision leaves its alert in (the others: the decision's own name).
DECISION_STATUS = {"release": "released", "reject": "rejected"}


def decide(
    store: Store, alert_id: int, decision: str, note: str, by: Principal | str, at: str | None = None
) -> Decision:
    """Record a decision on an alert (and its audit record) in one transaction.

    Args:
        by: the principal deciding (a :class:`Principal`, or the id or name of one).

    Raises:
        QueryError: an unknown decision, no note, or a decision the store's
            four-eyes policy sends to an approver (ask with
            :func:`embargo.monitor.approvals.request_decision`).
        PermissionDenied: ``by`` is no principal of the store.
        NotFoundError: no such alert.
    """
    check_decision(decision, note)
    with store.transaction() as conn:
        who = resolve_principal(conn, by)
        score = alerts.score(conn, alert_id)
        if score is None:
            raise NotFoundError(f"no alert {alert_id}")
        check_kind(conn, alert_id, decision)
        if load_policy(conn).needs_approval(decision, score):
            raise QueryError(f"four-eyes is on: {decision} on alert {alert_id} waits for an approver (request it)")
        return record_decision(conn, alert_id, decision, note, who, at or now())


def check_decision(decision: str, note: str) -> None:
    """Refuse an unknown decision, or one without a note saying why (:class:`QueryError`).

    Every way of deciding (CLI, API, web UI, four-eyes requests) comes here, so none records a
    decision nobody can later explain; who decides is checked against the store's principals.
    """
    if decision not in DECISIONS:
        raise QueryError(f"unknown decision {decision!r} (use one of: {', '.join(DECISIONS)})")
    if not note.strip():
        raise QueryError("a decision needs a note saying why")


def record_decision(
    conn: Connection,
    alert_id: int,
    decision: str,
    note: str,
    by: Principal,
    when: str,
    extra: dict[str, Any] | None = None,
) -> Decision:
    """Write a decision, the alert's new status and the audit record on ``conn`` (inside the caller's transaction).

    Args:
        by: the principal who decided (already resolved on ``conn``).
        extra: more facts for the audit record (four-eyes: who approved it, the request id).
    """
    target = alerts.decision_target(conn, alert_id)
    if target is None:
        raise NotFoundError(f"no alert {alert_id}")
    check_kind(conn, alert_id, decision)
    customer_id, entity_id, previous = target
    decision_id = decisions.insert(conn, alert_id, customer_id, entity_id, decision, note, by.name, when, by.id or None)
    status = DECISION_STATUS.get(decision, decision)
    alerts.set_status(conn, alert_id, status, when)
    released = payments.release_hits(conn, alert_id, when, by.name) if decision == "release" else 0
    if released:
        extra = {**(extra or {}), "released_hits": released}
    result = Decision(decision_id, alert_id, customer_id, entity_id, decision, note, by.name, when, by.id or None)
    payload = {**result.to_dict(), "previous_status": previous, **(extra or {})}
    if status != decision:
        payload["status"] = status
    append(conn, result.decided_by, "alert.decide", payload, at=when)
    return result


def check_kind(conn: Connection, alert_id: int, decision: str) -> None:
    """Refuse a decision its alert's kind does not take (a payment is released or rejected, not matched).

    Raises:
        QueryError: the decision is not one of :data:`KIND_DECISIONS` for the alert's kind.
    """
    wrong = kind_refusal(conn, alert_id, decision)
    if wrong is not None:
        raise QueryError(f"alert {alert_id} {wrong}")


def kind_refusal(conn: Connection, alert_id: int, decision: str) -> str | None:
    """Why an alert's kind does not take ``decision`` (``holds a payment message: ...``); None if it does."""
    kind = payments.alert_kind(conn, alert_id) or "customer"
    allowed = KIND_DECISIONS.get(kind, KIND_DECISIONS["customer"])
    if decision in allowed:
        return None
    what = "holds a payment message" if kind == "payment" else "is a customer's"
    return f"{what}: decide one of {', '.join(allowed)}, not {decision}"


def decisions_for(store: Store, alert_id: int) -> list[Decision]:
    """Every decision on an alert, oldest first."""
    with store.reading("decisions") as conn:
        return decisions.for_alert(conn, alert_id)


def false_positives(store: Store) -> list[dict[str, Any]]:
    """The good-guy list: pairs whose latest alert was decided a false positive."""
    with store.reading("the good-guy list") as conn:
        return alerts.false_positives(conn)


def raise_reason(
    conn: Connection,
    customer_id: str,
    entity_id: str,
    customer_fp: str,
    entity_fp: str,
    customer_data: dict[str, Any],
    entity_data: dict[str, Any],
) -> str | None:
    """Why a hit becomes an alert now, or None when it must not.

    Not raised: the pair has an alert still open or escalated, or its latest
    alert was decided on the same customer and entity fingerprints. Raised:
    a new pair ("new match"), or a decided pair whose fingerprints changed,
    with the changes in words.
    """
    last = alerts.latest_for_pair(conn, customer_id, entity_id)
    if last is None:
        return "new match"
    if last.status in ("open", "escalated"):
        return None
    if last.customer_fingerprint == customer_fp and last.entity_fingerprint == entity_fp:
        return None
    changes = customer_changes(json.loads(last.customer_data), customer_data)
    changes += entity_changes(json.loads(last.entity_data), entity_data)
    label = last.status.replace("_", " ")
    return f"raised again (alert {last.id} was decided {label}): " + ("; ".join(changes) or "data changed")
