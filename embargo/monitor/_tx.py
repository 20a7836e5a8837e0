"""One write transaction per monitoring operation (with its audit record), and the clock."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import cast

import embargo.audit.checkpoint  # noqa: F401  (registers the export of audit checkpoints after each commit)
from embargo.monitor.schema import ensure_schema
from embargo.store import Store

__all__ = ["default_actor", "now", "read", "write"]


def now() -> str:
    """UTC time, ISO, to the second (what alerts and decisions show)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def default_actor() -> str:
    """Who runs an operation when nobody is named: the OS user."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or "embargo"


@contextmanager
def write(store: Store) -> Iterator[sqlite3.Connection]:
    """A connection in a ``BEGIN IMMEDIATE`` transaction (:meth:`Store.transaction`): committed on success,
    rolled back on any error, the audit checkpoints it made exported after the commit."""
    with store.transaction() as conn:
        yield cast(sqlite3.Connection, conn)


@contextmanager
def read(store: Store) -> Iterator[sqlite3.Connection]:
    """A connection for reading monitoring's tables (created first if the store has none yet)."""
    conn = store.connect()
    try:
        ensure_schema(conn)
        yield conn
    finally:
        conn.close()
