"""An entity's history across list versions: which versions held it, with which record.

What the server reads to tell when a listed entity was first seen, last seen
and last changed (:mod:`embargo.server.records`). Each function runs on a
connection the caller opened (:meth:`~embargo.store.Store.reading`), so one
entity's history and record are read on one connection.
"""

from __future__ import annotations

from dataclasses import dataclass

from embargo.store.connection import Connection

__all__ = ["Holding", "entity_history", "record_data"]

# Every version that held the entity, oldest first: enough to tell when it was first seen, last
# seen and last changed (a different record, or a gap when it was off the list).
_HISTORY = (
    "SELECT v.list, v.seq, v.imported_at, ve.record_hash FROM version_entities ve "
    "JOIN versions v ON v.id = ve.version_id WHERE ve.entity_id = ? ORDER BY v.list, v.seq"
)


@dataclass(frozen=True, slots=True)
class Holding:
    """One list version that held the entity.

    Attributes:
        list: the list's name.
        seq: the version's sequence number within its list.
        imported_at: when the version was imported (UTC, ISO), if known.
        record_hash: the hash of the entity's record in that version.
    """

    list: str
    seq: int
    imported_at: str | None
    record_hash: str


def entity_history(conn: Connection, entity_id: str) -> list[Holding]:
    """Every version of every list that held ``entity_id``, by list, then oldest first."""
    return [
        Holding(r["list"], r["seq"], r["imported_at"], r["record_hash"])
        for r in conn.execute(_HISTORY, (entity_id,)).fetchall()
    ]


def record_data(conn: Connection, record_hash: str) -> str | None:
    """The stored record (FtM JSON) with this hash, or None."""
    row = conn.execute("SELECT data FROM records WHERE hash = ?", (record_hash,)).fetchone()
    return None if row is None else str(row[0])
