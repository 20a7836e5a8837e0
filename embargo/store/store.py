"""The store: one SQLite file in WAL mode (the default), or a PostgreSQL database for several servers.

Habits from datasette: WAL so readers never wait for the writer; one writer
at a time, taken with ``BEGIN IMMEDIATE`` so a second import fails fast with
a clear message instead of a deadlock; readers on read-only connections. On
PostgreSQL the same code runs through :mod:`embargo.store._postgres`, where
``BEGIN IMMEDIATE`` takes an advisory lock that plays SQLite's database lock
(see :mod:`embargo.store.connection` for the SQL both backends share).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_cache_dir

from embargo.errors import LockedError, StoreError
from embargo.settings import index_dir_setting
from embargo.store.connection import Connection, is_postgres_url, normalize_url, redact_url
from embargo.store.migrate import current_revision, ensure_head
from embargo.store.private import create_private

if TYPE_CHECKING:
    from embargo.store.view import View
    from embargo.store.writer import Writer

__all__ = ["Store", "after_commit", "pg_index_dir"]

#: How long a writer waits for another writer before giving up (ms).
BUSY_TIMEOUT_MS = 5000

_AFTER_COMMIT: list[Callable[[Connection], None]] = []


def after_commit(hook: Callable[[Connection], None]) -> Callable[[Connection], None]:
    """Run ``hook(conn)`` after every :meth:`Store.transaction` commits (the audit's checkpoint export).

    A layer above the store registers its hook when it is imported; a hook must
    not raise (the change is committed already) and is called once per commit.
    """
    if hook not in _AFTER_COMMIT:
        _AFTER_COMMIT.append(hook)
    return hook


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode (it stays so): only a new store, or one made elsewhere, is switched.

    Switching needs the file to itself, and SQLite answers "database is locked" at once, without
    waiting, to a connection that asks while another one switches it or writes (openers of a new
    store racing, one of them migrating it): the switch is tried again until the writers' timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def pg_index_dir(url: str, store_id: str = "") -> Path:
    """The local index folder of a PostgreSQL store.

    One folder per database under ``EMBARGO_INDEX_DIR`` (default: the user's
    cache folder, ``~/.cache/embargo/postgresql``), named by the URL without
    its password and the store id the first migration drew: the instances
    on one machine that use the same database share the folder, a new
    password keeps it, and a database dropped and made again under the same
    name (whose version ids start again at 1) gets a new one.
    """
    parent = index_dir_setting() or Path(user_cache_dir("embargo", appauthor=False)) / "postgresql"
    safe = redact_url(url)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", safe.split("://", 1)[-1]).strip("-")[:60]
    digest = hashlib.sha256(f"{safe} {store_id}".encode()).hexdigest()[:12]
    return parent / f"{slug}-{digest}.index"


class Store:
    """A store: cheap to create; connections are opened on demand.

    Opening one brings its schema to the current migration (:mod:`embargo.store.migrate`).

    Args:
        location: a SQLite file (its folder is created if missing) or a
            ``postgresql://user:password@host:port/database`` URL.
        migrate: bring the schema to the current migration (``False``: only
            look, as ``embargo db current`` does).

    Attributes:
        dialect: ``"sqlite"`` or ``"postgresql"``.
        url: what to hand another process to open the same store (a file path, or the full URL).
        name: what messages show (the file, or the URL without its password).
        path: the SQLite file; for PostgreSQL, a local anchor beside which nothing is written.
        index_dir: the folder of this store's index files (``<file>.index`` beside a
            SQLite file; ``EMBARGO_INDEX_DIR`` or a cache folder for PostgreSQL).
    """

    def __init__(self, location: Path | str, migrate: bool = True) -> None:
        if is_postgres_url(location):
            self.dialect = "postgresql"
            self.url = normalize_url(location)
            self.name = redact_url(self.url)
            self.index_dir = pg_index_dir(self.url)
            self.path = self.index_dir.with_suffix("")
            from embargo.store._postgres import ReadPool

            self._pool: ReadPool | None = ReadPool(self.url)
            weakref.finalize(self, self._pool.close_all)
        else:
            self.dialect = "sqlite"
            self.path = Path(location)
            self.url = str(self.path.absolute())
            self.name = str(self.path)
            self.index_dir = self.path.with_name(self.path.name + ".index")
            self._pool = None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        conn = self.connect()
        try:
            if migrate:
                ensure_head(self, conn)
            if self.dialect == "postgresql" and (migrate or current_revision(conn) is not None):
                row = conn.execute("SELECT value FROM monitor_meta WHERE key = 'store_id'").fetchone()
                self.index_dir = pg_index_dir(self.url, row[0] if row else "")
                self.path = self.index_dir.with_suffix("")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.name} is not an embargo store: {exc}") from exc
        finally:
            conn.close()

    def _connect(self, readonly: bool = False) -> Connection:
        if self._pool is not None:
            from embargo.store._postgres import connect

            if readonly:
                return self._pool.connect()
            return connect(self.url, readonly=readonly, lock_timeout_ms=BUSY_TIMEOUT_MS)
        if readonly:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        else:
            create_private(self.path)  # customer data: the owner's alone, whatever the umask
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            _use_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.row_factory = sqlite3.Row
        return conn

    def connect(self, readonly: bool = False) -> Connection:
        """A new connection (autocommit; transactions are explicit): prefer :meth:`transaction` and :meth:`reading`.

        For the store's own modules and for what must hold a connection across
        transactions (the monitoring run lock on PostgreSQL is a session's advisory lock).
        """
        try:
            return self._connect(readonly=readonly)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.name}: {exc}") from exc

    @contextmanager
    def transaction(self, busy: str = "another process is writing to it") -> Iterator[Connection]:
        """A connection in one ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on any error.

        The store's one writer lock is taken at the start; lock errors are
        translated here, once for every caller. After the commit the hooks
        registered with :func:`after_commit` run (the audit exports its checkpoints).

        Args:
            busy: what the refusal says when another writer holds the lock.

        Raises:
            LockedError: another process holds the writer lock (after the busy timeout).
            StoreError: the store cannot be opened or written.
        """
        conn = self.connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            conn.close()
            if _busy(exc):
                raise LockedError(f"the store {self.name} is busy: {busy}") from exc
            raise StoreError(f"cannot write to the store {self.name}: {exc}") from exc
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
            raise
        try:
            conn.execute("COMMIT")
            for hook in _AFTER_COMMIT:
                hook(conn)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    @contextmanager
    def reading(self, what: str = "the store") -> Iterator[Connection]:
        """A read-only connection, closed after the block; database errors become one :class:`StoreError`.

        Args:
            what: what is read, for the error message ("API keys").

        Raises:
            StoreError: the read failed (names the store and ``what``).
        """
        conn: Connection = self.connect(readonly=True)
        try:
            yield conn
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {what} from {self.name}: {exc}") from exc
        finally:
            conn.close()

    def read(self, sql: str, params: tuple[object, ...] = (), what: str = "the store") -> list[Any]:
        """Rows of one read-only query, on a connection of its own.

        Args:
            sql: the query.
            params: its parameters.
            what: what is read, for the error message ("API keys").

        Raises:
            StoreError: the query failed (names the store and ``what``).
        """
        conn = self.connect(readonly=True)
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {what} from {self.name}: {exc}") from exc
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
