"""The bulk writer: one import of one list, all or nothing.

Everything an import writes happens in one ``BEGIN IMMEDIATE`` transaction.
If the parser fails, or the process is killed, the database (SQLite or
PostgreSQL) rolls it back and the previous version stays current: there is
never a half-written version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING

from embargo.errors import StoreError
from embargo.model import Entity
from embargo.store.connection import Connection
from embargo.store.records import VersionInfo

if TYPE_CHECKING:
    from embargo.store.store import Store

__all__ = ["Writer", "count_removed", "utc_now"]

#: What a second import is told when it finds the store's writer lock taken.
BUSY = "another import is writing to it"

#: Entities written per batch: one ``executemany`` each for records and version rows (on PostgreSQL one
#: pipelined round trip instead of two per entity; on SQLite a little less per-statement overhead).
BATCH = 500


def utc_now() -> str:
    """Current UTC time, ISO, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def count_removed(conn: Connection, old_id: int, new_id: int) -> int:
    """Entities of version ``old_id`` that version ``new_id`` does not have (what the import guard weighs)."""
    row = conn.execute(
        "SELECT COUNT(*) FROM version_entities o WHERE o.version_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM version_entities n WHERE n.version_id = ? AND n.entity_id = o.entity_id)",
        (old_id, new_id),
    ).fetchone()
    return int(row[0])


class Writer:
    """Writes one new version of one list.

    Use as a context manager: leaving the block normally commits, leaving it
    with an exception rolls everything back. The transaction is the store's
    (:meth:`Store.transaction <embargo.store.store.Store.transaction>`): the
    same lock errors, and the after-commit hooks (the audit's checkpoint export)
    run once the import is committed.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn: Connection | None = None
        self._transaction: AbstractContextManager[Connection] | None = None
        self.version_id: int | None = None
        self._ids: set[str] = set()
        self._records: list[tuple[str, str]] = []
        self._rows: list[tuple[int, str, str | None, str]] = []
        self._counts = {"entities": 0, "designations": 0, "names": 0, "birth_dates": 0}
        self.duplicates: list[str] = []

    def __enter__(self) -> Writer:
        """Take the store's writer lock.

        Raises:
            LockedError: another import (or any writer) holds it, after the busy timeout.
            StoreError: the store cannot be opened or written.
        """
        transaction = self.store.transaction(busy=BUSY)
        self.conn = transaction.__enter__()
        self._transaction = transaction
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._require()
        transaction, self._transaction = self._transaction, None
        try:
            if transaction is not None:
                transaction.__exit__(exc_type, exc, tb)  # commits, or rolls back and lets ``exc`` go on
        finally:
            self.conn = None

    def _require(self) -> Connection:
        if self.conn is None:
            raise StoreError("the writer is not open; use it in a `with` block")
        return self.conn

    def current(self, list_name: str) -> VersionInfo | None:
        """The list's current (served) version, read inside the write transaction."""
        row = (
            self._require()
            .execute(
                "SELECT v.* FROM versions v JOIN lists l ON l.current_version = v.id WHERE l.name = ?", (list_name,)
            )
            .fetchone()
        )
        if row is None:
            return None
        version = VersionInfo.from_row(row)
        version.current = True
        return version

    def version_by_seq(self, list_name: str, seq: int) -> VersionInfo | None:
        """Version ``seq`` of a list, read inside the write transaction."""
        row = self._require().execute("SELECT * FROM versions WHERE list = ? AND seq = ?", (list_name, seq)).fetchone()
        return VersionInfo.from_row(row) if row else None

    def served_before(self, list_name: str, seq: int) -> int | None:
        """The newest version before ``seq`` of a list that is not held (what a rollback serves), or None."""
        row = (
            self._require()
            .execute(
                "SELECT seq FROM versions WHERE list = ? AND seq < ? AND state <> 'held' ORDER BY seq DESC LIMIT 1",
                (list_name, seq),
            )
            .fetchone()
        )
        return int(row[0]) if row is not None else None

    def stored_with_hash(self, list_name: str, content_hash: str) -> VersionInfo | None:
        """The newest held or withdrawn version of a list with these bytes (an import seen before)."""
        row = (
            self._require()
            .execute(
                "SELECT * FROM versions WHERE list = ? AND content_hash = ? AND state IN ('held', 'withdrawn') "
                "ORDER BY seq DESC LIMIT 1",
                (list_name, content_hash),
            )
            .fetchone()
        )
        return VersionInfo.from_row(row) if row else None

    def make_current(self, version: VersionInfo) -> VersionInfo:
        """Serve ``version`` from the commit on (accepting it if it was held or withdrawn).

        Versions newer than it that were accepted become ``withdrawn`` (this is a rollback):
        a file with their content is then held again, never silently made current.
        """
        conn = self._require()
        conn.execute("UPDATE versions SET state = 'accepted' WHERE id = ?", (version.id,))
        conn.execute(
            "UPDATE versions SET state = 'withdrawn' WHERE list = ? AND seq > ? AND state = 'accepted'",
            (version.list, version.seq),
        )
        conn.execute("UPDATE lists SET current_version = ? WHERE name = ?", (version.id, version.list))
        row = conn.execute("SELECT * FROM versions WHERE id = ?", (version.id,)).fetchone()
        made = VersionInfo.from_row(row)
        made.current = True
        return made

    def hold(self, version: VersionInfo, reason: str, serve: VersionInfo | None) -> VersionInfo:
        """Keep ``version`` stored but not served, with the reason; ``serve`` stays (or becomes again) current."""
        conn = self._require()
        conn.execute("UPDATE versions SET state = 'held', hold_reason = ? WHERE id = ?", (reason, version.id))
        conn.execute(
            "UPDATE lists SET current_version = ? WHERE name = ?",
            (serve.id if serve is not None else None, version.list),
        )
        row = conn.execute("SELECT * FROM versions WHERE id = ?", (version.id,)).fetchone()
        return VersionInfo.from_row(row)

    def begin_version(
        self,
        list_name: str,
        *,
        title: str,
        authority: str,
        format: str,
        url: str | None,
        content_hash: str,
        files: Sequence[str],
    ) -> int:
        """Register the list if new and open its next version; returns the version id."""
        conn = self._require()
        now = utc_now()
        conn.execute(
            "INSERT INTO lists (name, title, authority, format, url, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET title=excluded.title, authority=excluded.authority, "
            "format=excluded.format, url=COALESCE(excluded.url, lists.url)",
            (list_name, title, authority, format, url, now),
        )
        row = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE list = ?", (list_name,)).fetchone()
        cur = conn.execute(
            "INSERT INTO versions (list, seq, content_hash, format, files, imported_at) VALUES (?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            (list_name, row[0], content_hash, format, json.dumps(list(files)), now),
        )
        self.version_id = int(cur.fetchone()[0])
        return self.version_id

    def add(self, entity: Entity) -> bool:
        """Store one entity in the open version. Returns False for a repeated id (skipped)."""
        conn = self._require()
        if self.version_id is None:
            raise StoreError("begin_version() must be called before add()")
        if entity.id in self._ids:
            self.duplicates.append(entity.id)
            return False
        self._ids.add(entity.id)
        digest = entity.content_hash()
        self._records.append((digest, entity.to_json()))
        self._rows.append((self.version_id, entity.id, entity.source_id, digest))
        if len(self._rows) >= BATCH:
            self._flush(conn)
        self._counts["entities"] += 1
        self._counts["designations"] += len(entity.designations)
        self._counts["names"] += sum(1 for _ in entity.names())
        if entity.get("birthDate"):
            self._counts["birth_dates"] += 1
        return True

    def _flush(self, conn: Connection) -> None:
        conn.executemany("INSERT INTO records (hash, data) VALUES (?, ?) ON CONFLICT DO NOTHING", self._records)
        conn.executemany(
            "INSERT INTO version_entities (version_id, entity_id, source_id, record_hash) VALUES (?, ?, ?, ?)",
            self._rows,
        )
        self._records.clear()
        self._rows.clear()

    def finish(self, published: str | None, issues: Sequence[tuple[str, str]], issue_count: int) -> VersionInfo:
        """Write the version's counts and warnings; it becomes current at commit unless :meth:`hold` keeps it back."""
        conn = self._require()
        if self.version_id is None:
            raise StoreError("no version is open")
        self._flush(conn)
        conn.executemany(
            "INSERT INTO version_issues (version_id, location, message) VALUES (?, ?, ?)",
            [(self.version_id, loc, msg) for loc, msg in issues],
        )
        conn.execute(
            "UPDATE versions SET published = ?, entities = ?, designations = ?, names = ?, birth_dates = ?, "
            "warnings = ? WHERE id = ?",
            (
                published,
                self._counts["entities"],
                self._counts["designations"],
                self._counts["names"],
                self._counts["birth_dates"],
                issue_count,
                self.version_id,
            ),
        )
        row = conn.execute("SELECT * FROM versions WHERE id = ?", (self.version_id,)).fetchone()
        conn.execute("UPDATE lists SET current_version = ? WHERE name = ?", (self.version_id, row["list"]))
        version = VersionInfo.from_row(row)
        version.current = True
        return version
