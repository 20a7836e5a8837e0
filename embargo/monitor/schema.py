"""Monitoring's tables, in the store beside the lists.

- ``portfolio_versions``: each load of the portfolio (a full file, a partial
  update or a removal), with its counts;
- ``customers``: the customers now watched, each with its data and
  fingerprint; ``customer_changes``: which customers each version added,
  changed or removed (so monitoring knows whom to screen again);
- ``monitor_runs``: each screening run, the list versions and portfolio
  version it saw, its threshold and algorithm;
- ``matches``: the hits of the last run for every customer (the state an
  incremental run updates);
- ``alerts`` and ``decisions``: what analysts work on, each alert with the
  customer and entity as they were when it was raised (to say what changed
  when a decided match comes back).

Created by the store's migrations (``embargo/store/migrations/``, on SQLite
and PostgreSQL); every operation writes in one ``BEGIN IMMEDIATE``
transaction together with its audit record.
"""

from __future__ import annotations

import sqlite3

__all__ = ["MONITOR_SCHEMA_VERSION", "ensure_schema"]

MONITOR_SCHEMA_VERSION = 1


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Nothing to do: the store's migrations make monitoring's tables when it opens (kept for callers)."""
