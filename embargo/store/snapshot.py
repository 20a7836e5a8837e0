"""Reading several tables as of one moment: a read transaction that a concurrent commit does not change.

On SQLite a plain ``BEGIN`` does it: the first read takes a snapshot of the
WAL that the transaction keeps. PostgreSQL's default (``READ COMMITTED``)
sees each statement's own moment, so the transaction asks for
``REPEATABLE READ``. The transaction only reads and is rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from embargo.store.connection import Connection

if TYPE_CHECKING:
    from embargo.store.store import Store

__all__ = ["snapshot"]


@contextmanager
def snapshot(store: Store) -> Iterator[Connection]:
    """A connection in one read transaction (rolled back after the block), every read of it as of one moment.

    Database errors are not translated (the caller knows what it read).
    """
    conn: Connection = store.connect()
    try:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ" if store.dialect == "postgresql" else "BEGIN")
        try:
            yield conn
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()
