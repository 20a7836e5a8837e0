"""The analysts' queue: alerts filtered, counted and paged in SQL, highest score first then oldest.

Every filter the web UI's queue offers (status, list, score band, program, assignee, waiting for approval)
is a clause of one query (:func:`embargo.store.alerts.queue_page`), so a queue of hundreds of thousands of
alerts costs a page of rows, not a read of every alert. An alert's programs are rows of ``alert_programs``
(written when the alert is raised, and by migration 0003 for older alerts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from embargo.errors import QueryError
from embargo.monitor.alerts import ALERT_STATUSES, Alert
from embargo.store import Store, alerts
from embargo.store.connection import Connection

__all__ = ["QueueQuery", "alert_programs", "queue_page", "queue_programs", "record_programs", "status_counts"]


def alert_programs(entity_data: Mapping[str, Any]) -> list[str]:
    """The programs of an alert's entity snapshot, in order (``BELARUS`` of ``BELARUS: asset_freeze``)."""
    seen: dict[str, None] = {}
    for designation in entity_data.get("designations") or []:
        program = str(designation).split(":", 1)[0].strip()
        if program:
            seen.setdefault(program)
    return list(seen)


def record_programs(conn: Connection, alert_id: int, entity_data: Mapping[str, Any]) -> None:
    """Store a new alert's programs (in the transaction that raises it)."""
    alerts.insert_programs(conn, alert_id, alert_programs(entity_data))


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

    def check(self) -> None:
        """Refuse an unknown status, or none (:class:`QueryError`)."""
        unknown = [s for s in self.statuses if s not in ALERT_STATUSES]
        if unknown or not self.statuses:
            given = unknown[0] if unknown else ""
            raise QueryError(f"unknown alert status {given!r} (use one of: {', '.join(ALERT_STATUSES)})")


def queue_page(store: Store, query: QueueQuery, limit: int, offset: int = 0) -> tuple[list[Alert], int]:
    """One page of the queue, highest score first then oldest, and how many alerts the filters keep in all."""
    query.check()
    with store.reading("the alert queue") as conn:
        total = alerts.queue_count(conn, query)
        return alerts.queue_page(conn, query, limit, offset), total


def queue_programs(store: Store, query: QueueQuery) -> list[str]:
    """Every program among the alerts the other filters keep (the choices of the program filter)."""
    query.check()
    with store.reading("the alert queue") as conn:
        return alerts.queue_programs(conn, query)


def status_counts(store: Store, statuses: Iterable[str] = ALERT_STATUSES) -> dict[str, int]:
    """How many alerts have each status (zero for a status no alert has)."""
    counts = dict.fromkeys(statuses, 0)
    with store.reading("alerts") as conn:
        found = alerts.count_by_status(conn)
    for status, count in found.items():
        if status in counts:
            counts[status] = count
    return counts
