"""One write transaction per monitoring operation (with its audit record), and the clock."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from embargo.audit.checkpoint import ship
from embargo.errors import LockedError, StoreError
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
    """A connection in a ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on any error."""
    conn = store.connect()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise LockedError(f"the store {store.name} is busy: another process is writing to it") from exc
        raise StoreError(f"cannot write to the store {store.name}: {exc}") from exc
    try:
        ensure_schema(conn)
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
        ship(conn)  # export the audit checkpoints the transaction made, now that they are committed
    finally:
        conn.close()


@contextmanager
def read(store: Store) -> Iterator[sqlite3.Connection]:
    """A connection for reading monitoring's tables (created first if the store has none yet)."""
    conn = store.connect()
    try:
        ensure_schema(conn)
        yield conn
    finally:
        conn.close()
