"""What the store's modules see of a database connection, on either backend.

Every module that writes SQL (the store, monitoring, audit, API keys) talks to
a :class:`Connection`: on SQLite it *is* the ``sqlite3.Connection`` (the
default and the benchmarked path pay nothing for the abstraction); on
PostgreSQL it is the small adapter of :mod:`embargo.store._postgres`, which
takes the same SQL text. So the SQL is written once, in the dialect both
databases share, with these conventions:

- ``?`` placeholders (the adapter turns them into psycopg's ``%s``);
- ``INSERT ... ON CONFLICT ... DO NOTHING / DO UPDATE`` instead of SQLite's
  ``INSERT OR IGNORE / OR REPLACE``;
- ``INSERT ... RETURNING id`` instead of ``cursor.lastrowid``;
- ``BEGIN IMMEDIATE`` takes the store's one writer lock (SQLite's database
  lock; a transaction-scoped advisory lock on PostgreSQL, waiting as long as
  SQLite's busy timeout, then failing with "database is locked");
- rows are read by position or by column name (``row[0]``, ``row["id"]``).

Errors: ``sqlite3.Error`` and its subclasses are the store's DB-API error
classes on both backends (exported here as :data:`DbError`,
:data:`IntegrityError`, :data:`OperationalError`); the PostgreSQL adapter
raises subclasses of them, so one ``except`` clause covers both databases.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

__all__ = [
    "Connection",
    "Cursor",
    "DbError",
    "IntegrityError",
    "OperationalError",
    "Row",
    "is_postgres_url",
    "normalize_url",
    "redact_url",
]

DbError = sqlite3.Error
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError

# A ``--db`` option typed as a path collapses ``postgresql://`` to ``postgresql:/``: both are accepted.
_URL = re.compile(r"^(postgres|postgresql)(\+psycopg)?:/+", re.IGNORECASE)
_PASSWORD = re.compile(r"^([^:/?#]+://[^:/@?#]*):[^@/?#]*@")


class Row(Protocol):
    """A result row on either backend: by position or by column name, with ``keys()``."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    """The part of a DB-API cursor the modules use."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The part of ``sqlite3.Connection`` the modules use (autocommit; transactions are explicit)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...

    def close(self) -> None: ...


def is_postgres_url(location: object) -> bool:
    """True if a store location (``--db``, ``EMBARGO_DB``) names a PostgreSQL database."""
    return bool(_URL.match(str(location)))


def normalize_url(location: object) -> str:
    """The PostgreSQL URL in the form libpq reads (``postgresql://...``), however the path option mangled it."""
    return _URL.sub("postgresql://", str(location), count=1)


def redact_url(url: str) -> str:
    """The URL without its password, for messages and for naming local folders."""
    return _PASSWORD.sub(r"\1@", url)
