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
import sqlite3
from dataclasses import dataclass
from typing import Any

from embargo.audit import append
from embargo.auth.principals import Principal, resolve_principal
from embargo.errors import NotFoundError, QueryError
from embargo.monitor._tx import now, read, write
from embargo.monitor.fingerprint import customer_changes, entity_changes
from embargo.monitor.four_eyes import load_policy
from embargo.store import Store

__all__ = [
    "DECISIONS",
    "Decision",
    "check_decision",
    "decide",
    "decisions_for",
    "false_positives",
    "raise_reason",
    "record_decision",
]

DECISIONS = ("true_match", "false_positive", "escalated")


@dataclass(frozen=True, slots=True)
class Decision:
    """One analyst's decision on one alert."""

    id: int
    alert_id: int
    customer_id: str
    entity_id: str
    decision: str
    note: str
    decided_by: str
    decided_at: str
    decided_by_id: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Decision:
        """Build from a ``decisions`` row."""
        return cls(
            id=row["id"],
            alert_id=row["alert_id"],
            customer_id=row["customer_id"],
            entity_id=row["entity_id"],
            decision=row["decision"],
            note=row["note"],
            decided_by=row["decided_by"],
            decided_at=row["decided_at"],
            decided_by_id=row["decided_by_id"],
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "id": self.id,
            "alert_id": self.alert_id,
            "customer_id": self.customer_id,
            "entity_id": self.entity_id,
            "decision": self.decision,
            "note": self.note,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
            "decided_by_id": self.decided_by_id,
        }


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
    with write(store) as conn:
        who = resolve_principal(conn, by)
        alert = conn.execute("SELECT score FROM alerts WHERE id = ?", (alert_id,)).fetchone()
        if alert is None:
            raise NotFoundError(f"no alert {alert_id}")
        if load_policy(conn).needs_approval(decision, float(alert["score"])):
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
    conn: sqlite3.Connection,
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
    row = conn.execute("SELECT customer_id, entity_id, status FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no alert {alert_id}")
    cur = conn.execute(
        "INSERT INTO decisions (alert_id, customer_id, entity_id, decision, note, decided_by, decided_at, "
        "decided_by_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (alert_id, row["customer_id"], row["entity_id"], decision, note, by.name, when, by.id or None),
    )
    decision_id = int(cur.fetchone()[0])
    conn.execute("UPDATE alerts SET status = ?, decided_at = ? WHERE id = ?", (decision, when, alert_id))
    result = Decision(
        decision_id, alert_id, row["customer_id"], row["entity_id"], decision, note, by.name, when, by.id or None
    )
    payload = {**result.to_dict(), "previous_status": row["status"], **(extra or {})}
    append(conn, result.decided_by, "alert.decide", payload, at=when)
    return result


def decisions_for(store: Store, alert_id: int) -> list[Decision]:
    """Every decision on an alert, oldest first."""
    with read(store) as conn:
        rows = conn.execute("SELECT * FROM decisions WHERE alert_id = ? ORDER BY id", (alert_id,))
        return [Decision.from_row(r) for r in rows]


def false_positives(store: Store) -> list[dict[str, Any]]:
    """The good-guy list: pairs whose latest alert was decided a false positive."""
    with read(store) as conn:
        rows = conn.execute(
            "SELECT a.id, a.customer_id, a.entity_id, a.caption, a.decided_at, a.customer_fingerprint, "
            "a.entity_fingerprint FROM alerts a WHERE a.status = 'false_positive' AND a.id = "
            "(SELECT MAX(b.id) FROM alerts b WHERE b.customer_id = a.customer_id AND b.entity_id = a.entity_id) "
            "ORDER BY a.customer_id, a.entity_id"
        )
        return [dict(r) for r in rows]


def raise_reason(
    conn: sqlite3.Connection,
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
    last = conn.execute(
        "SELECT id, status, customer_fingerprint, entity_fingerprint, customer_data, entity_data FROM alerts "
        "WHERE customer_id = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
        (customer_id, entity_id),
    ).fetchone()
    if last is None:
        return "new match"
    if last["status"] in ("open", "escalated"):
        return None
    if last["customer_fingerprint"] == customer_fp and last["entity_fingerprint"] == entity_fp:
        return None
    changes = customer_changes(json.loads(last["customer_data"]), customer_data)
    changes += entity_changes(json.loads(last["entity_data"]), entity_data)
    label = last["status"].replace("_", " ")
    return f"raised again (alert {last['id']} was decided {label}): " + ("; ".join(changes) or "data changed")
