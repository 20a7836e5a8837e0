"""The embedded store: one SQLite file in WAL mode.

Habits from datasette: WAL so readers never wait for the writer; one writer
at a time, taken with ``BEGIN IMMEDIATE`` so a second import fails fast with
a clear message instead of a deadlock; readers on read-only connections.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from embargo.errors import StoreError
from embargo.store.schema import SCHEMA, SCHEMA_VERSION

if TYPE_CHECKING:
    from embargo.store.view import View
    from embargo.store.writer import Writer

__all__ = ["Store"]

#: How long a writer waits for another writer before giving up (ms).
BUSY_TIMEOUT_MS = 5000


class Store:
    """A store file. Cheap to create; connections are opened on demand.

    Args:
        path: the SQLite file; its folder is created if missing.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"store {self.path} was made by a newer embargo (schema {version})")
            if version < SCHEMA_VERSION:
                conn.executescript(SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not an embargo store: {exc}") from exc
        finally:
            conn.close()

    def _connect(self, readonly: bool = False) -> sqlite3.Connection:
        if readonly:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(self.path, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.row_factory = sqlite3.Row
        return conn

    def connect(self, readonly: bool = False) -> sqlite3.Connection:
        """A new connection (autocommit; transactions are explicit)."""
        try:
            return self._connect(readonly=readonly)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def read(self, sql: str, params: tuple[object, ...] = (), what: str = "the store") -> list[sqlite3.Row]:
        """Rows of one read-only query, on a connection of its own.

        Args:
            sql: the query.
            params: its parameters.
            what: what is read, for the error message ("API keys").

        Raises:
            StoreError: the query failed (names the store file and ``what``).
        """
        conn = self.connect(readonly=True)
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {what} from {self.path}: {exc}") from exc
        finally:
            conn.close()

    def view(self) -> View:
        """A read-only view of the store."""
        from embargo.store.view import View

        return View(self)

    def writer(self) -> Writer:
        """A bulk writer for one import (use as a context manager)."""
        from embargo.store.writer import Writer

        return Writer(self)
