"""Read views over the store: lists, versions, entities."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from embargo.errors import NotFoundError
from embargo.model import Entity
from embargo.store.records import ListInfo, VersionInfo

if TYPE_CHECKING:
    from embargo.store._postgres import PgConnection
    from embargo.store.store import Store

__all__ = ["EntityRecord", "View", "number_versions"]

#: ``LIMIT`` meaning "all" on both backends (SQLite's -1 is an error on PostgreSQL, its NULL one on SQLite).
_NO_LIMIT = 2**62

#: The version each list serves: the list's pointer (newest is not current when it is held or rolled back).
_CURRENT = "SELECT v.* FROM versions v JOIN lists l ON l.current_version = v.id"


@dataclass(slots=True)
class EntityRecord:
    """An entity as stored in one version, and whether that version is current."""

    entity: Entity
    version: VersionInfo
    current: bool
    first_seen: str
    last_seen: str


def _current(version: VersionInfo) -> VersionInfo:
    version.current = True
    return version


class View:
    """Read-only access to the store. Each call uses a short-lived snapshot."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
        return self.store.read(sql, params)

    def lists(self) -> list[ListInfo]:
        """Every list with its current version."""
        current = {r["list"]: _current(VersionInfo.from_row(r)) for r in self._query(_CURRENT)}
        counts = {r[0]: r[1] for r in self._query("SELECT list, COUNT(*) FROM versions GROUP BY list")}
        held = {
            r[0]: r[1] for r in self._query("SELECT list, COUNT(*) FROM versions WHERE state = 'held' GROUP BY list")
        }
        rows = self._query("SELECT * FROM lists ORDER BY name")
        return [
            ListInfo(
                name=r["name"],
                title=r["title"],
                authority=r["authority"],
                format=r["format"],
                url=r["url"],
                current=current.get(r["name"]),
                version_count=counts.get(r["name"], 0),
                held_count=held.get(r["name"], 0),
            )
            for r in rows
        ]

    def list_info(self, name: str) -> ListInfo:
        """One list, or :class:`NotFoundError`."""
        for info in self.lists():
            if info.name == name:
                return info
        known = ", ".join(i.name for i in self.lists()) or "none imported yet"
        raise NotFoundError(f"no list named {name!r} in the store (known: {known})")

    def versions(self, list_name: str) -> list[VersionInfo]:
        """Every version of a list, oldest first (held and withdrawn ones too; ``current`` marks the served one)."""
        info = self.list_info(list_name)
        current = info.current.id if info.current is not None else None
        rows = self._query("SELECT * FROM versions WHERE list = ? ORDER BY seq", (list_name,))
        versions = [VersionInfo.from_row(r) for r in rows]
        for v in versions:
            v.current = v.id == current
        return versions

    def current_version(self, list_name: str) -> VersionInfo | None:
        """The version a list serves (None when it has none: never imported, or every import held)."""
        rows = self._query(_CURRENT + " WHERE l.name = ?", (list_name,))
        return _current(VersionInfo.from_row(rows[0])) if rows else None

    def version(self, list_name: str, ref: str | int) -> VersionInfo:
        """A version by its number within the list (``3``), ``current``, ``latest`` or ``previous``.

        ``current`` is the version served; ``latest`` the newest stored (it may be held);
        ``previous`` the accepted version before the current one.
        """
        versions = self.versions(list_name)
        if not versions:
            raise NotFoundError(f"list {list_name!r} has no versions")
        text = str(ref).strip().lower()
        current = next((i for i, v in enumerate(versions) if v.current), None)
        if text in ("latest", "last"):
            return versions[-1]
        if text == "current":
            if current is None:
                raise NotFoundError(f"list {list_name!r} has no current version (every import is held)")
            return versions[current]
        if text == "previous":
            before = [v for v in versions[: current or 0] if v.state != "held"]
            if not before:
                raise NotFoundError(f"list {list_name!r} has no version before the current one")
            return before[-1]
        try:
            seq = int(text)
        except ValueError as exc:
            raise NotFoundError(f"version {ref!r}: give a number, 'current' or 'previous'") from exc
        for v in versions:
            if v.seq == seq:
                return v
        raise NotFoundError(f"list {list_name!r} has no version {seq} (it has 1 to {versions[-1].seq})")

    def version_seqs(self) -> dict[int, int]:
        """Every version's store-wide id to its number within its list (``id`` 8 may be version 3 of its list).

        People only ever see the number; records that keep a version id (an alert's
        ``list_version``) are shown through this map.
        """
        return {int(r[0]): int(r[1]) for r in self._query("SELECT id, seq FROM versions")}

    def issues(self, version_id: int) -> list[tuple[str, str]]:
        """Warnings recorded while a version was imported."""
        rows = self._query(
            "SELECT location, message FROM version_issues WHERE version_id = ? ORDER BY rowid", (version_id,)
        )
        return [(r[0], r[1]) for r in rows]

    def iter_entities(self, version_id: int, offset: int = 0, limit: int = -1) -> Iterator[Entity]:
        """Every entity of one version, ordered by id (or ``limit`` of them from the ``offset``-th; -1: all)."""
        for data in self.iter_entity_json(version_id, offset, limit):
            yield Entity.from_dict(json.loads(data))

    def iter_entity_json(self, version_id: int, offset: int = 0, limit: int = -1) -> Iterator[str]:
        """The stored JSON text of :meth:`iter_entities`' entities (for a reader that needs few of their fields)."""
        conn = self.store.connect(readonly=True)
        try:
            # The offset is found on the primary key alone: an OFFSET on the join would fetch and drop
            # every skipped record (seconds per 100,000 for the last index-build worker of a large list).
            sql = (
                "SELECT r.data FROM version_entities ve JOIN records r ON r.hash = ve.record_hash "
                "WHERE ve.version_id = ? AND ve.entity_id >= (SELECT entity_id FROM version_entities "
                "WHERE version_id = ? ORDER BY entity_id LIMIT 1 OFFSET ?) ORDER BY ve.entity_id LIMIT ?"
            )
            params = (version_id, version_id, offset, limit if limit >= 0 else _NO_LIMIT)
            # psycopg reads a whole result into memory before the first row: stream a version instead
            # (sqlite3 steps through its rows as they are read).
            postgres = self.store.dialect == "postgresql"
            rows = cast("PgConnection", conn).stream(sql, params) if postgres else conn.execute(sql, params)
            for row in rows:
                yield row[0]
        finally:
            conn.close()

    def iter_current(self) -> Iterator[Entity]:
        """Every entity of every list's current version."""
        for info in self.lists():
            if info.current is not None:
                yield from self.iter_entities(info.current.id)

    def version_hashes(self, version_id: int) -> dict[str, str]:
        """Entity id to record hash for a version (for diffs)."""
        rows = self._query("SELECT entity_id, record_hash FROM version_entities WHERE version_id = ?", (version_id,))
        return {r[0]: r[1] for r in rows}

    def record(self, digest: str) -> Entity:
        """An entity by its record hash."""
        rows = self._query("SELECT data FROM records WHERE hash = ?", (digest,))
        if not rows:
            raise NotFoundError(f"record {digest} is missing")
        return Entity.from_dict(json.loads(rows[0][0]))

    def entity_in(self, entity_id: str, version_ids: Sequence[int]) -> Entity | None:
        """The entity with this embargo id in the first of ``version_ids`` that holds it, or None (one indexed read:
        a screener reads the entities of its hits in the versions it screens)."""
        if not version_ids:
            return None
        marks = ",".join("?" * len(version_ids))
        rows = self._query(
            f"SELECT ve.version_id, r.data FROM version_entities ve JOIN records r ON r.hash = ve.record_hash "
            f"WHERE ve.entity_id = ? AND ve.version_id IN ({marks})",
            (entity_id, *version_ids),
        )
        if not rows:
            return None
        order = {v: i for i, v in enumerate(version_ids)}
        first = min(rows, key=lambda r: order[r[0]])
        return Entity.from_dict(json.loads(first[1]))

    def find(self, ref: str) -> list[EntityRecord]:
        """Entities whose embargo id or publisher's record id is ``ref``.

        Current versions first; an entity no longer on its list is returned
        from the last version that had it, marked not current.
        """
        ref = ref.strip()
        rows = self._query(
            "SELECT ve.entity_id, ve.record_hash, v.* FROM version_entities ve "
            "JOIN versions v ON v.id = ve.version_id "
            "WHERE ve.entity_id = ? OR ve.source_id = ? ORDER BY v.list, v.seq",
            (ref, ref),
        )
        if not rows:
            return []
        latest = {r["list"]: r["seq"] for r in self._query(_CURRENT)}
        seen: dict[str, list[Any]] = {}
        for row in rows:
            seen.setdefault(row["entity_id"], []).append(row)
        found: list[EntityRecord] = []
        for history in seen.values():
            last = history[-1]
            version = VersionInfo.from_row(last)
            found.append(
                EntityRecord(
                    entity=self.record(last["record_hash"]),
                    version=version,
                    current=latest.get(version.list) == version.seq,
                    first_seen=history[0]["imported_at"],
                    last_seen=last["imported_at"],
                )
            )
        found.sort(key=lambda r: (not r.current, r.entity.id))
        return found


def number_versions(data: dict[str, Any], seqs: dict[int, int]) -> dict[str, Any]:
    """A record's JSON with the version numbers people read beside the version ids it keeps.

    ``list_version`` (a version id) gains ``list_seq`` (its number within the list), and
    ``list_versions`` (list name to version id) gains ``list_seqs`` (list name to number).
    An id no longer in the store (never, as versions are kept) is left out.
    """
    out = dict(data)
    if isinstance(data.get("list_version"), int):
        out["list_seq"] = seqs.get(data["list_version"])
    versions = data.get("list_versions")
    if isinstance(versions, dict):
        out["list_seqs"] = {name: seqs[vid] for name, vid in versions.items() if vid in seqs}
    return out
