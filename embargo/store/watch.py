"""Seeing that a SQLite store changed: a count that moves whenever anyone commits to it.

SQLite's ``PRAGMA data_version``, read on one long-lived read-only connection,
changes whenever another connection (in this process or any other) commits.
A cache of something read from the store (the verified API keys of
:mod:`embargo.auth.keycache`) stays valid while it does not move.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["CommitWatch"]


class CommitWatch:
    """The commit count of one SQLite file, read on a connection of its own (opened on first use).

    Not thread-safe: the caller holds its own lock around :meth:`version` and :meth:`close`.

    Args:
        path: the store's SQLite file.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    def version(self) -> int:
        """A number that differs from the last one read when anyone has committed since.

        Raises:
            sqlite3.Error: (:data:`embargo.store.connection.DbError`) the file cannot be read;
                the connection is closed, and the next call opens a new one.
        """
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            self.close()
            raise

    def close(self) -> None:
        """Close the connection (a later :meth:`version` opens another)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
