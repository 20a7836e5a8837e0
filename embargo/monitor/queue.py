"""The analysts' queue: alerts filtered, counted and paged in SQL, highest score first then oldest.

Every filter the web UI's queue offers (status, list, score band, program, assignee, waiting for approval)
is a clause of one query, so a queue of hundreds of thousands of alerts costs a page of rows, not a read of
every alert. An alert's programs are rows of ``alert_programs`` (written when the alert is raised, and by
migration 0003 for older alerts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from embargo.errors import QueryError
from embargo.monitor._tx import read
from embargo.monitor.alerts import ALERT_STATUSES, Alert
from embargo.store import Store

__all__ = ["QueueQuery", "alert_programs", "queue_page", "queue_programs", "record_programs", "status_counts"]


def alert_programs(entity_data: Mapping[str, Any]) -> list[str]:
    """The programs of an alert's entity snapshot, in order (``BELARUS`` of ``BELARUS: asset_freeze``)."""
    seen: dict[str, None] = {}
    for designation in entity_data.get("designations") or []:
        program = str(designation).split(":", 1)[0].strip()
        if program:
            seen.setdefault(program)
    return list(seen)


def record_programs(conn: sqlite3.Connection, alert_id: int, entity_data: Mapping[str, Any]) -> None:
    """Store a new alert's programs (in the transaction that raises it)."""
    for program in alert_programs(entity_data):
        conn.execute("INSERT INTO alert_programs (alert_id, program) VALUES (?, ?)", (alert_id, program))


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """Which alerts a queue shows.

    Attributes:
        statuses: alert statuses kept.
        list_name: only alerts on this list.
        program: only alerts whose entity is designated under this program.
        min_score: score at least this.
        max_score: score below this.
        pending_only: only alerts with a decision waiting for approval (four-eyes).
        assignee: only alerts assigned to this user; ``""`` for unassigned ones; ``None`` for any.
    """

    statuses: tuple[str, ...] = ("open", "escalated")
    list_name: str | None = None
    program: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    pending_only: bool = False
    assignee: str | None = None

    def where(self, *, with_program: bool = True) -> tuple[str, list[Any]]:
        """The WHERE clause (over ``alerts a``) and its arguments."""
        unknown = [s for s in self.statuses if s not in ALERT_STATUSES]
        if unknown or not self.statuses:
            given = unknown[0] if unknown else ""
            raise QueryError(f"unknown alert status {given!r} (use one of: {', '.join(ALERT_STATUSES)})")
        clauses = [f"a.status IN ({', '.join('?' for _ in self.statuses)})"]
        args: list[Any] = list(self.statuses)
        if self.list_name:
            clauses.append("a.list = ?")
            args.append(self.list_name)
        if self.min_score is not None:
            clauses.append("a.score >= ?")
            args.append(self.min_score)
        if self.max_score is not None:
            clauses.append("a.score < ?")
            args.append(self.max_score)
        if self.pending_only:
            clauses.append(
                "EXISTS (SELECT 1 FROM decision_requests r WHERE r.alert_id = a.id AND r.status = 'pending')"
            )
        if with_program and self.program:
            clauses.append("EXISTS (SELECT 1 FROM alert_programs p WHERE p.alert_id = a.id AND p.program = ?)")
            args.append(self.program)
        if self.assignee == "":
            clauses.append("NOT EXISTS (SELECT 1 FROM alert_assignments s WHERE s.alert_id = a.id)")
        elif self.assignee is not None:
            clauses.append("EXISTS (SELECT 1 FROM alert_assignments s WHERE s.alert_id = a.id AND s.assignee = ?)")
            args.append(self.assignee)
        return " WHERE " + " AND ".join(clauses), args


def queue_page(store: Store, query: QueueQuery, limit: int, offset: int = 0) -> tuple[list[Alert], int]:
    """One page of the queue, highest score first then oldest, and how many alerts the filters keep in all."""
    where, args = query.where()
    with read(store) as conn:
        total = int(conn.execute("SELECT COUNT(*) FROM alerts a" + where, args).fetchone()[0])
        rows = conn.execute(
            "SELECT a.* FROM alerts a" + where + " ORDER BY a.score DESC, a.created_at, a.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [Alert.from_row(r) for r in rows], total


def queue_programs(store: Store, query: QueueQuery) -> list[str]:
    """Every program among the alerts the other filters keep (the choices of the program filter)."""
    where, args = query.where(with_program=False)
    sql = "SELECT DISTINCT p.program FROM alert_programs p JOIN alerts a ON a.id = p.alert_id" + where
    with read(store) as conn:
        return sorted(str(r[0]) for r in conn.execute(sql, args))


def status_counts(store: Store, statuses: Iterable[str] = ALERT_STATUSES) -> dict[str, int]:
    """How many alerts have each status (zero for a status no alert has)."""
    counts = dict.fromkeys(statuses, 0)
    with read(store) as conn:
        for status, count in conn.execute("SELECT status, COUNT(*) FROM alerts GROUP BY status"):
            if status in counts:
                counts[str(status)] = int(count)
    return counts
