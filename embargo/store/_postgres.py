"""The PostgreSQL side of :class:`embargo.store.connection.Connection`: psycopg 3 behind sqlite3's manners.

The adapter rewrites ``?`` placeholders, maps ``BEGIN IMMEDIATE`` to the
store's writer lock, hands out rows readable by position and by name, and
re-raises psycopg's errors as subclasses of ``sqlite3``'s so the modules'
handlers stay one text (except a value PostgreSQL cannot hold, such as a
NUL character in text: that is a :class:`~embargo.errors.QueryError`).
psycopg is imported only when a PostgreSQL store is opened: a SQLite
installation never loads it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

__all__ = ["WRITE_LOCK", "PgConnection", "ReadPool", "connect"]

#: Rows per chunk when streaming a large result (:meth:`PgConnection.stream`).
STREAM_CHUNK = 1000
#: ``pg_advisory_xact_lock(class, id)`` of the store's single writer (``BEGIN IMMEDIATE``).
WRITE_LOCK = (0x656D62, 1)


class PgError(sqlite3.DatabaseError):
    """A PostgreSQL error, presented as a DB-API error of the sqlite3 family."""


class PgIntegrityError(sqlite3.IntegrityError):
    """A constraint (or the audit log's append-only trigger) refused a write."""


class PgOperationalError(sqlite3.OperationalError):
    """The server, the connection or a lock failed (``database is locked`` for a busy writer)."""


def _wrap(exc: Exception) -> Exception:
    import psycopg

    text = str(exc).strip()
    if isinstance(exc, psycopg.DataError):
        # A value PostgreSQL refuses where SQLite takes it (a NUL character in text, a number out of a
        # column's range): bad input (an API query gets a 400); a write carrying one rolls back as any.
        from embargo.errors import QueryError

        if "NUL (0x00)" in text:
            return QueryError("text with a NUL character (\\x00) cannot be stored or searched in a PostgreSQL store")
        return QueryError(f"a value the PostgreSQL store cannot take: {text}")
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        return PgOperationalError(f"database is locked: {text}")
    if isinstance(exc, psycopg.IntegrityError):
        return PgIntegrityError(text)
    if isinstance(exc, psycopg.OperationalError):
        return PgOperationalError(text)
    return PgError(text)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQL with ``?`` placeholders made psycopg's ``%s`` (``%`` doubled; quoted text left alone)."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
            out.append("%%" if ch == "%" else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[tuple[Any, ...]]:
    index = {name: i for i, name in enumerate(names)}

    class Row(tuple[Any, ...]):
        """A result row like ``sqlite3.Row``: by position, by column name, ``keys()`` and ``dict(row)``."""

        __slots__ = ()

        def __getitem__(self, key: Any) -> Any:
            if isinstance(key, str):
                return tuple.__getitem__(self, index[key])
            return tuple.__getitem__(self, key)

        def keys(self) -> list[str]:
            return list(names)

    return Row


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Any]:
    description = cursor.description
    if description is None:
        return tuple
    return _row_class(tuple(d.name for d in description))


class PgCursor:
    """A psycopg cursor with sqlite3's error classes."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except Exception as exc:
            raise _wrap(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return self._cursor.fetchall()
        except Exception as exc:
            raise _wrap(exc) from exc

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cursor
        except Exception as exc:
            raise _wrap(exc) from exc


class PgConnection:
    """One autocommit psycopg connection that takes the store's SQL as written for SQLite."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection[Any], lock_timeout_ms: int) -> None:
        self._conn = conn
        self._lock_timeout_ms = lock_timeout_ms
        self.pool: ReadPool | None = None

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        """Run one statement (``BEGIN IMMEDIATE`` takes the writer lock)."""
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            return self._begin_write()
        try:
            return PgCursor(self._conn.execute(translate(sql), tuple(parameters)))
        except Exception as exc:
            raise _wrap(exc) from exc

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> PgCursor:
        """Run one statement for each parameter row (pipelined by psycopg)."""
        cursor = self._conn.cursor()
        try:
            cursor.executemany(translate(sql), [tuple(p) for p in parameters])
        except Exception as exc:
            raise _wrap(exc) from exc
        return PgCursor(cursor)

    def stream(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows of a large result as the server sends them, in chunks, rather than all in memory first."""
        import psycopg

        cursor = self._conn.cursor()
        try:
            try:
                yield from cursor.stream(translate(sql), tuple(parameters), size=STREAM_CHUNK)
            except psycopg.NotSupportedError:  # chunked results need libpq 17: fall back to single rows
                yield from cursor.stream(translate(sql), tuple(parameters))
        except Exception as exc:
            raise _wrap(exc) from exc
        finally:
            cursor.close()

    def _begin_write(self) -> PgCursor:
        try:
            self._conn.execute("BEGIN")
            self._conn.execute(f"SET LOCAL lock_timeout = '{int(self._lock_timeout_ms)}ms'")
            cursor = self._conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", WRITE_LOCK)
            self._conn.execute("SET LOCAL lock_timeout = 0")
        except Exception as exc:
            if self.in_transaction:
                self._conn.execute("ROLLBACK")
            raise _wrap(exc) from exc
        return PgCursor(cursor)

    def close(self) -> None:
        """Close the connection, or hand it back to its pool (an open transaction is rolled back)."""
        if self.pool is not None:
            self.pool.give_back(self)
        else:
            self._conn.close()

    def reusable(self) -> bool:
        """True if the connection is open, healthy and outside a transaction."""
        return not self._conn.closed and not self._conn.broken and not self.in_transaction

    def discard(self) -> None:
        """Really close the connection."""
        self._conn.close()


# Connections a forked child found in its parent's pool: never used again, and never garbage-collected,
# since closing them (PQfinish) would end the parent's sessions on the shared sockets.
_INHERITED: list[PgConnection] = []


class ReadPool:
    """A few idle read-only connections, reused by ``Store.read`` and views.

    A PostgreSQL connection costs a server process and a login (milliseconds
    to tens of them), where a query on an open one costs well under one:
    reads that open one each would spend most of their time connecting.
    Thread-safe; a forked child starts with an empty pool.
    """

    def __init__(self, url: str, size: int = 4) -> None:
        self.url = url
        self.size = size
        self._idle: list[PgConnection] = []
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def _check_pid(self) -> None:
        if self._pid != os.getpid():
            _INHERITED.extend(self._idle)
            self._idle = []
            self._pid = os.getpid()

    def connect(self) -> PgConnection:
        """An idle connection, or a new one."""
        with self._lock:
            self._check_pid()
            if self._idle:
                return self._idle.pop()
        conn = connect(self.url, readonly=True)
        conn.pool = self
        return conn

    def give_back(self, conn: PgConnection) -> None:
        """Keep the connection for the next read, or close it (broken, mid-transaction, pool full)."""
        with self._lock:
            self._check_pid()
            if conn.reusable() and len(self._idle) < self.size:
                self._idle.append(conn)
                return
        conn.discard()

    def close_all(self) -> None:
        """Close every idle connection (in the process that opened them)."""
        with self._lock:
            if self._pid != os.getpid():
                return
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.discard()


def connect(url: str, readonly: bool = False, lock_timeout_ms: int = 5000) -> PgConnection:
    """A new connection to the database at ``url``.

    Args:
        url: a ``postgresql://`` URL.
        readonly: refuse writes (``default_transaction_read_only``).
        lock_timeout_ms: how long ``BEGIN IMMEDIATE`` waits for another writer (SQLite's busy timeout).

    Raises:
        sqlite3.OperationalError: the server cannot be reached or refused the login.
    """
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise PgOperationalError("PostgreSQL stores need psycopg: pip install 'psycopg[binary]'") from exc
    options = "-c default_transaction_read_only=on" if readonly else None
    try:
        conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, options=options)
    except Exception as exc:
        raise _wrap(exc) from exc
    return PgConnection(conn, lock_timeout_ms)
