"""The figures a period report reads: monitoring runs, the portfolio's size, alerts and decisions in ``[start, end)``.

Times are ISO text compared as text (every stored time is UTC to the
second, so text order is time order). Every function runs on the caller's
connection; the report (:mod:`embargo.report.period`) reads them all on one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from embargo.store.connection import Connection

__all__ = [
    "alerts_created",
    "customer_count",
    "decision_counts",
    "first_decisions",
    "last_threshold",
    "open_alert_count",
    "runs_by_mode",
    "runs_in_period",
]


def runs_by_mode(conn: Connection, start: str, end: str) -> Iterator[tuple[str, int, int | None]]:
    """(mode, runs, customers screened) of the runs started in the period, per mode."""
    rows = conn.execute(
        "SELECT mode, COUNT(*), SUM(screened) FROM monitor_runs WHERE started_at >= ? AND started_at < ? GROUP BY mode",
        (start, end),
    )
    return ((mode, count, screened) for mode, count, screened in rows)


def runs_in_period(conn: Connection, start: str, end: str) -> list[dict[str, Any]]:
    """Every run finished in ``[start, end)`` (and the last one before it), oldest first: id, times, mode, reason,
    portfolio version, list versions (a dict), customers screened, hits and alerts."""
    rows = conn.execute(
        "SELECT id, started_at, finished_at, actor, mode, reason, portfolio_version, list_versions, screened, hits, "
        "alerts FROM monitor_runs WHERE finished_at < ? AND (finished_at >= ? OR id = (SELECT MAX(id) FROM "
        "monitor_runs WHERE finished_at < ?)) ORDER BY id",
        (end, start, start),
    )
    keys = ("id", "started_at", "finished_at", "actor", "mode", "reason", "portfolio_version", "list_versions")
    out = []
    for row in rows:
        data = dict(zip((*keys, "screened", "hits", "alerts"), row, strict=True))
        data["list_versions"] = {str(k): int(v) for k, v in json.loads(data["list_versions"]).items()}
        out.append(data)
    return out


def last_threshold(conn: Connection) -> float | None:
    """The threshold of the latest run, or None before the first."""
    row = conn.execute("SELECT threshold FROM monitor_runs ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def customer_count(conn: Connection) -> int:
    """How many customers are watched now."""
    count: int = conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    return count


def alerts_created(conn: Connection, start: str, end: str) -> Iterator[tuple[str, str, float]]:
    """(created at, status, score) of every alert raised in the period."""
    rows = conn.execute(
        "SELECT created_at, status, score FROM alerts WHERE created_at >= ? AND created_at < ?", (start, end)
    )
    return ((created, status, score) for created, status, score in rows)


def decision_counts(conn: Connection, start: str, end: str) -> Iterator[tuple[str, int]]:
    """(decision, how many) of the decisions made in the period."""
    rows = conn.execute(
        "SELECT decision, COUNT(*) FROM decisions WHERE decided_at >= ? AND decided_at < ? GROUP BY decision",
        (start, end),
    )
    return ((decision, count) for decision, count in rows)


def first_decisions(conn: Connection, start: str, end: str) -> Iterator[tuple[str, str]]:
    """(alert created at, its first decision at) of the alerts first decided in the period."""
    rows = conn.execute(
        "SELECT a.created_at, MIN(d.decided_at) FROM alerts a JOIN decisions d ON d.alert_id = a.id "
        "GROUP BY a.id HAVING MIN(d.decided_at) >= ? AND MIN(d.decided_at) < ?",
        (start, end),
    )
    return ((created, first) for created, first in rows)


def open_alert_count(conn: Connection) -> int:
    """How many alerts are open or escalated now."""
    count: int = conn.execute("SELECT COUNT(*) FROM alerts WHERE status IN ('open', 'escalated')").fetchone()[0]
    return count
