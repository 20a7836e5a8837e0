"""Alerts (``alerts``), their programs (``alert_programs``) and assignees (``alert_assignments``).

The rows of alerts and the queries over them: filtered lists and counts, the
analysts' queue (every filter a clause of one query, highest score first
then oldest), the latest alert of a (customer, entity) pair, the good-guy
list. What makes an alert (when to raise one, which statuses exist) is
monitoring's (:mod:`embargo.monitor`); every function here runs on the
caller's connection.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from embargo.store.connection import Connection
from embargo.store.rows import Record, column

__all__ = [
    "Alert",
    "AlertFilter",
    "PairState",
    "QueueFilter",
    "assign",
    "assignees",
    "count",
    "count_by_status",
    "decision_target",
    "exists",
    "false_positives",
    "get",
    "insert",
    "insert_programs",
    "latest_for_pair",
    "queue_count",
    "queue_page",
    "queue_programs",
    "queue_where",
    "score",
    "select",
    "set_status",
    "unassign",
]


def _round4(score: float) -> float:
    return round(score, 4)


@dataclass(frozen=True, slots=True)
class Alert(Record):
    """One alert (an ``alerts`` row)."""

    id: int
    run_id: int
    created_at: str
    customer_id: str
    entity_id: str
    list: str
    list_version: int
    list_versions: dict[str, int] = field(metadata=column(load=json.loads))
    score: float = field(metadata=column(dump=_round4))
    caption: str
    schema: str
    matched_name: str
    query_name: str
    algorithm: str
    explanation: builtins.list[dict[str, Any]] = field(metadata=column(load=json.loads))
    reason: str
    customer_data: dict[str, Any] = field(metadata=column(load=json.loads, key="customer"))
    entity_data: dict[str, Any] = field(metadata=column(load=json.loads, key="entity"))
    customer_fingerprint: str
    entity_fingerprint: str
    status: str
    decided_at: str | None
    #: the case (:mod:`embargo.store.cases`): the alerts of one customer on one party
    case_id: int | None = None


@dataclass(frozen=True, slots=True)
class PairState(Record):
    """The latest alert of a (customer, entity) pair: what deciding whether to raise another needs.

    The data are the JSON texts as stored (read only when the fingerprints differ).
    """

    id: int
    status: str
    customer_fingerprint: str
    entity_fingerprint: str
    customer_data: str
    entity_data: str


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which alerts :func:`select` and :func:`count` keep (``None``: any); times and scores as ``[from, to)``."""

    status: str | None = None
    customer_id: str | None = None
    entity_id: str | None = None
    since: str | None = None
    until: str | None = None
    list_name: str | None = None
    min_score: float | None = None
    max_score: float | None = None


def _where(f: AlertFilter) -> tuple[str, list[Any]]:
    sql = " WHERE 1=1"
    args: list[Any] = []
    for name, value in (("status", f.status), ("customer_id", f.customer_id), ("entity_id", f.entity_id)):
        if value is not None:
            sql += f" AND {name} = ?"
            args.append(value)
    if f.list_name is not None:
        sql += " AND list = ?"
        args.append(f.list_name)
    for clause, bound in ((" AND created_at >= ?", f.since), (" AND created_at < ?", f.until)):
        if bound is not None:
            sql += clause
            args.append(bound)
    for clause, limit in ((" AND score >= ?", f.min_score), (" AND score < ?", f.max_score)):
        if limit is not None:
            sql += clause
            args.append(limit)
    return sql, args


def select(conn: Connection, where: AlertFilter, limit: int | None = None, offset: int = 0) -> list[Alert]:
    """Alerts, newest first; ``limit`` and ``offset`` page through them."""
    clause, args = _where(where)
    sql = "SELECT * FROM alerts" + clause + " ORDER BY id DESC"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        args += [-1 if limit is None else limit, offset]
    return [Alert.from_row(r) for r in conn.execute(sql, args)]


def count(conn: Connection, where: AlertFilter) -> int:
    """How many alerts :func:`select` would return with no paging."""
    clause, args = _where(where)
    return int(conn.execute("SELECT COUNT(*) FROM alerts" + clause, args).fetchone()[0])


def get(conn: Connection, alert_id: int) -> Alert | None:
    """One alert, or None."""
    row = conn.execute("SELECT * FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    return None if row is None else Alert.from_row(row)


def exists(conn: Connection, alert_id: int) -> bool:
    """True if there is such an alert."""
    return conn.execute("SELECT 1 FROM alerts WHERE id = ?", (alert_id,)).fetchone() is not None


def score(conn: Connection, alert_id: int) -> float | None:
    """An alert's score, or None when there is no such alert."""
    row = conn.execute("SELECT score FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    return None if row is None else float(row["score"])


def decision_target(conn: Connection, alert_id: int) -> tuple[str, str, str] | None:
    """(customer id, entity id, status) of an alert, or None when there is no such alert."""
    row = conn.execute("SELECT customer_id, entity_id, status FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    return None if row is None else (row["customer_id"], row["entity_id"], row["status"])


def set_status(conn: Connection, alert_id: int, status: str, decided_at: str) -> None:
    """An alert's status after a decision, and when it was decided."""
    conn.execute("UPDATE alerts SET status = ?, decided_at = ? WHERE id = ?", (status, decided_at, alert_id))


def latest_for_pair(conn: Connection, customer_id: str, entity_id: str) -> PairState | None:
    """The latest alert of a (customer, entity) pair, or None when it never had one."""
    row = conn.execute(
        "SELECT id, status, customer_fingerprint, entity_fingerprint, customer_data, entity_data FROM alerts "
        "WHERE customer_id = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
        (customer_id, entity_id),
    ).fetchone()
    return None if row is None else PairState.from_row(row)


def insert(
    conn: Connection,
    *,
    run_id: int,
    created_at: str,
    customer_id: str,
    entity_id: str,
    list_name: str,
    list_version: int,
    list_versions: str,
    score: float,
    caption: str,
    schema: str,
    matched_name: str,
    query_name: str,
    algorithm: str,
    explanation: str,
    reason: str,
    customer_fingerprint: str,
    entity_fingerprint: str,
    customer_data: str,
    entity_data: str,
    case_id: int | None = None,
) -> int:
    """Raise an open alert; returns its id.

    Args:
        list_versions, explanation, customer_data, entity_data: JSON text, as the caller canonicalized it.
        case_id: its case (:func:`embargo.store.cases.case_for`).
    """
    cur = conn.execute(
        "INSERT INTO alerts (run_id, created_at, customer_id, entity_id, list, list_version, list_versions, score, "
        "caption, schema, matched_name, query_name, algorithm, explanation, reason, customer_fingerprint, "
        "entity_fingerprint, customer_data, entity_data, status, case_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
        (
            run_id, created_at, customer_id, entity_id, list_name, list_version, list_versions, score, caption,
            schema, matched_name, query_name, algorithm, explanation, reason, customer_fingerprint,
            entity_fingerprint, customer_data, entity_data, case_id,
        ),
    )  # fmt: skip
    return int(cur.fetchone()[0])


def insert_programs(conn: Connection, alert_id: int, programs: Iterable[str]) -> None:
    """Record the programs of a new alert's entity."""
    for program in programs:
        conn.execute("INSERT INTO alert_programs (alert_id, program) VALUES (?, ?)", (alert_id, program))


def false_positives(conn: Connection) -> list[dict[str, Any]]:
    """Pairs whose latest alert was decided a false positive, by customer then entity."""
    rows = conn.execute(
        "SELECT a.id, a.customer_id, a.entity_id, a.caption, a.decided_at, a.customer_fingerprint, "
        "a.entity_fingerprint FROM alerts a WHERE a.status = 'false_positive' AND a.id = "
        "(SELECT MAX(b.id) FROM alerts b WHERE b.customer_id = a.customer_id AND b.entity_id = a.entity_id) "
        "ORDER BY a.customer_id, a.entity_id"
    )
    return [dict(r) for r in rows]


def count_by_status(conn: Connection) -> dict[str, int]:
    """How many alerts have each status (only statuses some alert has)."""
    return {str(status): int(n) for status, n in conn.execute("SELECT status, COUNT(*) FROM alerts GROUP BY status")}


# Assignments: one assignee per alert.


def assign(conn: Connection, alert_id: int, assignee: str, by: str, at: str) -> None:
    """Give an alert to ``assignee`` (replacing any assignee it had)."""
    conn.execute(
        "INSERT INTO alert_assignments (alert_id, assignee, assigned_by, assigned_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (alert_id) DO UPDATE SET assignee = excluded.assignee, "
        "assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at",
        (alert_id, assignee, by, at),
    )


def unassign(conn: Connection, alert_id: int) -> None:
    """Take an alert back to nobody."""
    conn.execute("DELETE FROM alert_assignments WHERE alert_id = ?", (alert_id,))


def assignees(conn: Connection) -> dict[int, str]:
    """Alert id to its assignee, for every assigned alert."""
    return {int(r[0]): str(r[1]) for r in conn.execute("SELECT alert_id, assignee FROM alert_assignments")}


# The analysts' queue.


class QueueFilter(Protocol):
    """Which alerts a queue shows (:class:`embargo.monitor.QueueQuery` is one; statuses already checked).

    Attributes:
        statuses: alert statuses kept (at least one).
        list_name: only alerts on this list.
        program: only alerts whose entity is designated under this program.
        min_score: score at least this.
        max_score: score below this.
        pending_only: only alerts with a decision waiting for approval.
        assignee: only alerts assigned to this user; ``""`` for unassigned ones; ``None`` for any.
    """

    @property
    def statuses(self) -> tuple[str, ...]: ...
    @property
    def list_name(self) -> str | None: ...
    @property
    def program(self) -> str | None: ...
    @property
    def min_score(self) -> float | None: ...
    @property
    def max_score(self) -> float | None: ...
    @property
    def pending_only(self) -> bool: ...
    @property
    def assignee(self) -> str | None: ...


def queue_where(query: QueueFilter, *, with_program: bool = True) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``alerts a``) and its arguments."""
    clauses = [f"a.status IN ({', '.join('?' for _ in query.statuses)})"]
    args: list[Any] = list(query.statuses)
    if query.list_name:
        clauses.append("a.list = ?")
        args.append(query.list_name)
    if query.min_score is not None:
        clauses.append("a.score >= ?")
        args.append(query.min_score)
    if query.max_score is not None:
        clauses.append("a.score < ?")
        args.append(query.max_score)
    if query.pending_only:
        clauses.append("EXISTS (SELECT 1 FROM decision_requests r WHERE r.alert_id = a.id AND r.status = 'pending')")
    if with_program and query.program:
        clauses.append("EXISTS (SELECT 1 FROM alert_programs p WHERE p.alert_id = a.id AND p.program = ?)")
        args.append(query.program)
    if query.assignee == "":
        clauses.append("NOT EXISTS (SELECT 1 FROM alert_assignments s WHERE s.alert_id = a.id)")
    elif query.assignee is not None:
        clauses.append("EXISTS (SELECT 1 FROM alert_assignments s WHERE s.alert_id = a.id AND s.assignee = ?)")
        args.append(query.assignee)
    return " WHERE " + " AND ".join(clauses), args


def queue_count(conn: Connection, query: QueueFilter) -> int:
    """How many alerts the queue's filters keep."""
    where, args = queue_where(query)
    return int(conn.execute("SELECT COUNT(*) FROM alerts a" + where, args).fetchone()[0])


def queue_page(conn: Connection, query: QueueFilter, limit: int, offset: int = 0) -> list[Alert]:
    """One page of the queue, highest score first, then oldest."""
    where, args = queue_where(query)
    rows = conn.execute(
        "SELECT a.* FROM alerts a" + where + " ORDER BY a.score DESC, a.created_at, a.id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return [Alert.from_row(r) for r in rows]


def queue_programs(conn: Connection, query: QueueFilter) -> list[str]:
    """Every program among the alerts the queue's other filters keep, sorted."""
    where, args = queue_where(query, with_program=False)
    sql = "SELECT DISTINCT p.program FROM alert_programs p JOIN alerts a ON a.id = p.alert_id" + where
    return sorted(str(r[0]) for r in conn.execute(sql, args))
