"""Store-wide settings (``monitor_meta``: the four-eyes policy, the store id) and the monitoring run's lock.

Values are text (the caller's JSON); what a value means is the caller's
(:mod:`embargo.monitor.four_eyes`). Every function runs on the caller's
connection.
"""

from __future__ import annotations

from embargo.store.connection import Connection

__all__ = ["get", "put", "release_advisory_lock", "try_advisory_lock"]


def get(conn: Connection, key: str) -> str | None:
    """The value stored under ``key``, or None."""
    row = conn.execute("SELECT value FROM monitor_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put(conn: Connection, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (replacing the one there)."""
    conn.execute(
        "INSERT INTO monitor_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def try_advisory_lock(conn: Connection, key: tuple[int, int]) -> bool:
    """PostgreSQL only: take the session advisory lock ``key`` on ``conn`` if it is free (True), else False."""
    return bool(conn.execute("SELECT pg_try_advisory_lock(?, ?)", key).fetchone()[0])


def release_advisory_lock(conn: Connection, key: tuple[int, int]) -> None:
    """PostgreSQL only: release the session advisory lock ``key`` held on ``conn``."""
    conn.execute("SELECT pg_advisory_unlock(?, ?)", key)
