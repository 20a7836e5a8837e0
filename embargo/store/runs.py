"""Monitoring runs (``monitor_runs``) and the hits of the last run of every customer (``matches``).

A run is inserted when its transaction starts and finished (its counts and
time) before that transaction commits; ``matches`` is the state an
incremental run updates. Every function runs on the caller's connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from embargo.store.connection import Connection

__all__ = [
    "clear_matches",
    "delete_list_matches",
    "delete_matches",
    "delete_orphan_matches",
    "finish_run",
    "insert_match",
    "insert_run",
    "last_full_versions",
    "last_run",
    "matched",
]


def last_run(conn: Connection) -> dict[str, Any] | None:
    """The latest run's row (every column, by name), or None before the first run."""
    row = conn.execute("SELECT * FROM monitor_runs ORDER BY id DESC LIMIT 1").fetchone()
    return dict(row) if row else None


def last_full_versions(conn: Connection) -> dict[str, int] | None:
    """The list versions (list name to version id) of the last full run, or None before the first."""
    row = conn.execute("SELECT list_versions FROM monitor_runs WHERE mode = 'full' ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else {str(k): int(v) for k, v in json.loads(row[0]).items()}


def insert_run(
    conn: Connection,
    *,
    started_at: str,
    actor: str,
    mode: str,
    reason: str,
    portfolio_version: int,
    list_versions: str,
    threshold: float,
    hit_limit: int,
    algorithm: str,
) -> int:
    """Start a run (finished when it started, nothing counted yet); returns its id.

    Args:
        list_versions: the list versions screened against, as JSON text.
    """
    cur = conn.execute(
        "INSERT INTO monitor_runs (started_at, finished_at, actor, mode, reason, portfolio_version, "
        "list_versions, threshold, hit_limit, algorithm, screened, hits, alerts, seconds) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0) RETURNING id",
        (started_at, started_at, actor, mode, reason, portfolio_version, list_versions, threshold, hit_limit,
         algorithm),
    )  # fmt: skip
    return int(cur.fetchone()[0])


def finish_run(
    conn: Connection, run_id: int, finished_at: str, screened: int, hits: int, alerts: int, seconds: float
) -> None:
    """Record a run's end and counts."""
    conn.execute(
        "UPDATE monitor_runs SET finished_at = ?, screened = ?, hits = ?, alerts = ?, seconds = ? WHERE id = ?",
        (finished_at, screened, hits, alerts, seconds, run_id),
    )


def matched(conn: Connection) -> dict[str, set[str]]:
    """Customer id to the entity ids of its hits at the last run."""
    found: dict[str, set[str]] = {}
    for cid, eid in conn.execute("SELECT customer_id, entity_id FROM matches"):
        found.setdefault(cid, set()).add(eid)
    return found


def clear_matches(conn: Connection) -> None:
    """Forget every hit (a full run replaces them all)."""
    conn.execute("DELETE FROM matches")


def delete_matches(conn: Connection, customer_ids: Iterable[str]) -> None:
    """Forget the hits of these customers (screened again)."""
    conn.executemany("DELETE FROM matches WHERE customer_id = ?", [(cid,) for cid in customer_ids])


def delete_list_matches(conn: Connection, customer_ids: Iterable[str], list_name: str) -> None:
    """Forget the hits of these customers on one list (screened again against it alone)."""
    conn.executemany(
        "DELETE FROM matches WHERE customer_id = ? AND list = ?", [(cid, list_name) for cid in customer_ids]
    )


def delete_orphan_matches(conn: Connection) -> None:
    """Forget the hits of customers no longer in the portfolio."""
    conn.execute("DELETE FROM matches WHERE customer_id NOT IN (SELECT id FROM customers)")


def insert_match(conn: Connection, customer_id: str, entity_id: str, list_name: str, score: float, run_id: int) -> None:
    """Keep one hit of a run."""
    conn.execute(
        "INSERT INTO matches (customer_id, entity_id, list, score, run_id) VALUES (?, ?, ?, ?, ?)",
        (customer_id, entity_id, list_name, score, run_id),
    )
