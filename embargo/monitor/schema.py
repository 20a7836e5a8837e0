"""Monitoring's tables, in the store's SQLite file beside the lists.

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

Created idempotently by :func:`ensure_schema`; every operation writes in
one ``BEGIN IMMEDIATE`` transaction together with its audit record.
"""

from __future__ import annotations

import sqlite3

from embargo.audit import ensure_audit_schema

__all__ = ["MONITOR_SCHEMA_VERSION", "ensure_schema"]

MONITOR_SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS monitor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS portfolio_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    loaded_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    mode TEXT NOT NULL,
    customers INTEGER NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    version_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS customer_changes (
    version_id INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    status TEXT NOT NULL,
    fingerprint TEXT,
    PRIMARY KEY (version_id, customer_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS monitor_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    mode TEXT NOT NULL,
    reason TEXT NOT NULL,
    portfolio_version INTEGER NOT NULL,
    list_versions TEXT NOT NULL,
    threshold REAL NOT NULL,
    hit_limit INTEGER NOT NULL,
    algorithm TEXT NOT NULL,
    screened INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    alerts INTEGER NOT NULL,
    seconds REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS matches (
    customer_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    list TEXT NOT NULL,
    score REAL NOT NULL,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (customer_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS matches_entity ON matches(entity_id);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    list TEXT NOT NULL,
    list_version INTEGER NOT NULL,
    list_versions TEXT NOT NULL,
    score REAL NOT NULL,
    caption TEXT NOT NULL,
    schema TEXT NOT NULL,
    matched_name TEXT NOT NULL,
    query_name TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    explanation TEXT NOT NULL,
    reason TEXT NOT NULL,
    customer_fingerprint TEXT NOT NULL,
    entity_fingerprint TEXT NOT NULL,
    customer_data TEXT NOT NULL,
    entity_data TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX IF NOT EXISTS alerts_pair ON alerts(customer_id, entity_id);
CREATE INDEX IF NOT EXISTS alerts_status ON alerts(status, created_at);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    customer_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    note TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_alert ON decisions(alert_id);
"""


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create monitoring's tables (and the audit log's) if missing; safe to call on every open."""
    row = None
    try:
        row = conn.execute("SELECT value FROM monitor_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        row = None
    if row is not None and int(row[0]) == MONITOR_SCHEMA_VERSION:
        return
    for statement in _SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    ensure_audit_schema(conn)
    conn.execute(
        "INSERT OR REPLACE INTO monitor_meta (key, value) VALUES ('schema_version', ?)", (str(MONITOR_SCHEMA_VERSION),)
    )
