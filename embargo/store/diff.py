"""What changed between two versions of a list.

Compared per listed entity (a listing and its designations): added, removed,
or amended, and for an amended one, which fields changed: names and other
properties value by value, and each designation's program, measures, dates,
reason. Unchanged entities are found by record hash without being loaded, so
a diff of two 10,000-entry versions loads only what changed.

A diff is read a page at a time (:func:`page_diff`): amendments first (what
an analyst must re-check), then additions, then removals, optionally only the
rows whose entity name, id, record id, programme or changed values contain a
search text.
"""

from __future__ import annotations

import builtins
import dataclasses
from dataclasses import dataclass
from typing import Any

from embargo.errors import QueryError
from embargo.model import Designation, Entity
from embargo.store.records import VersionInfo
from embargo.store.view import View

__all__ = ["KINDS", "Diff", "DiffPage", "EntityChange", "FieldChange", "diff_entities", "diff_versions", "page_diff"]

#: The kinds of change, in the order a diff shows them.
KINDS = ("amended", "added", "removed")

_DESIGNATION_FIELDS = ("authority", "program", "measures", "listing_date", "end_date", "reason", "url")


@dataclass(slots=True)
class FieldChange:
    """One changed field: values added and removed.

    ``field`` is a property name (``alias``), ``schema``, or
    ``designation.<field>`` with ``program`` naming the designation.
    """

    field: str
    added: builtins.list[str] = dataclasses.field(default_factory=builtins.list)
    removed: builtins.list[str] = dataclasses.field(default_factory=builtins.list)
    program: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        data: dict[str, Any] = {"field": self.field, "added": self.added, "removed": self.removed}
        if self.program is not None:
            data["program"] = self.program
        return data

    def __str__(self) -> str:
        label = f"{self.field} [{self.program}]" if self.program else self.field
        parts = [f"+{v!r}" for v in self.added] + [f"-{v!r}" for v in self.removed]
        return f"{label}: {', '.join(parts)}"


@dataclass(slots=True)
class EntityChange:
    """A listing that was added, removed or amended."""

    status: str
    entity_id: str
    caption: str
    schema: str
    source_id: str | None
    programs: builtins.list[str]
    changes: builtins.list[FieldChange] = dataclasses.field(default_factory=builtins.list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "status": self.status,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "source_id": self.source_id,
            "programs": self.programs,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(slots=True)
class Diff:
    """The difference between two versions of one list."""

    list: str
    old: VersionInfo
    new: VersionInfo
    added: builtins.list[EntityChange]
    removed: builtins.list[EntityChange]
    amended: builtins.list[EntityChange]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "list": self.list,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "summary": {"added": len(self.added), "removed": len(self.removed), "amended": len(self.amended)},
            "added": [c.to_dict() for c in self.added],
            "removed": [c.to_dict() for c in self.removed],
            "amended": [c.to_dict() for c in self.amended],
        }

    def changes(self) -> builtins.list[EntityChange]:
        """Every changed listing, amendments first, then additions, then removals."""
        return [*self.amended, *self.added, *self.removed]


@dataclass(slots=True)
class DiffPage:
    """One page of a diff's rows (in :data:`KINDS` order), with the totals of the whole diff and of the search."""

    list: str
    old: VersionInfo
    new: VersionInfo
    summary: dict[str, int]
    matched: dict[str, int]
    rows: builtins.list[EntityChange]
    q: str
    kind: str | None
    offset: int
    limit: int

    @property
    def total(self) -> int:
        """Rows matching the search (and kind), over every page."""
        return sum(self.matched[k] for k in KINDS if self.kind in (None, k))

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form: :meth:`Diff.to_dict`'s, the lists holding this page's rows only."""
        rows = {k: [c.to_dict() for c in self.rows if c.status == k] for k in KINDS}
        return {
            "list": self.list,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "summary": self.summary,
            "matched": self.matched,
            "q": self.q,
            "kind": self.kind,
            "total": self.total,
            "offset": self.offset,
            "limit": self.limit,
            "added": rows["added"],
            "removed": rows["removed"],
            "amended": rows["amended"],
        }


def _found(change: EntityChange, needle: str) -> bool:
    texts = [change.caption, change.entity_id, change.source_id or "", *change.programs]
    for f in change.changes:
        texts.extend([f.field, f.program or "", *f.added, *f.removed])
    return any(needle in text.casefold() for text in texts)


def page_diff(diff: Diff, q: str = "", kind: str | None = None, offset: int = 0, limit: int = 100) -> DiffPage:
    """The rows ``offset`` to ``offset + limit`` of a diff, amendments first.

    Args:
        diff: the whole diff.
        q: keep only rows whose entity name, id, record id, programmes, changed field names
            or changed values contain this text (case-insensitive); empty: every row.
        kind: ``amended``, ``added`` or ``removed`` for rows of that kind only; None: all.
        offset: rows skipped.
        limit: rows kept at most.

    Raises:
        QueryError: an unknown ``kind``.
    """
    if kind is not None and kind not in KINDS:
        raise QueryError(f"kind {kind!r}: give one of {', '.join(KINDS)}")
    needle = q.strip().casefold()
    found = {k: [c for c in getattr(diff, k) if not needle or _found(c, needle)] for k in KINDS}
    rows = [c for k in KINDS if kind in (None, k) for c in found[k]]
    return DiffPage(
        list=diff.list,
        old=diff.old,
        new=diff.new,
        summary={k: len(getattr(diff, k)) for k in ("added", "removed", "amended")},
        matched={k: len(found[k]) for k in ("added", "removed", "amended")},
        rows=rows[offset : offset + limit],
        q=q.strip(),
        kind=kind,
        offset=offset,
        limit=limit,
    )


def _programs(entity: Entity) -> list[str]:
    return [d.program or d.list for d in entity.designations]


def _change(status: str, entity: Entity, changes: list[FieldChange] | None = None) -> EntityChange:
    return EntityChange(
        status=status,
        entity_id=entity.id,
        caption=entity.caption,
        schema=entity.schema,
        source_id=entity.source_id,
        programs=_programs(entity),
        changes=changes or [],
    )


def _values(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _diff_designation(old: Designation, new: Designation) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name in _DESIGNATION_FIELDS:
        a, b = _values(getattr(old, name)), _values(getattr(new, name))
        if a != b:
            changes.append(
                FieldChange(
                    f"designation.{name}",
                    added=[v for v in b if v not in a],
                    removed=[v for v in a if v not in b],
                    program=new.program or old.program,
                )
            )
    return changes


def diff_entities(old: Entity, new: Entity) -> list[FieldChange]:
    """Field-level changes from ``old`` to ``new`` (same entity id)."""
    changes: list[FieldChange] = []
    if old.schema != new.schema:
        changes.append(FieldChange("schema", added=[new.schema], removed=[old.schema]))
    for prop in sorted(set(old.properties) | set(new.properties)):
        a, b = old.get(prop), new.get(prop)
        added = [v for v in b if v not in a]
        removed = [v for v in a if v not in b]
        if added or removed:
            changes.append(FieldChange(prop, added=added, removed=removed))
    old_d = {d.id: d for d in old.designations}
    new_d = {d.id: d for d in new.designations}
    gone = [d for k, d in old_d.items() if k not in new_d]
    came = [d for k, d in new_d.items() if k not in old_d]
    if gone or came:
        changes.append(
            FieldChange(
                "designation.program",
                added=[d.program or d.list for d in came],
                removed=[d.program or d.list for d in gone],
            )
        )
    for key in old_d.keys() & new_d.keys():
        changes.extend(_diff_designation(old_d[key], new_d[key]))
    return changes


def diff_versions(view: View, old: VersionInfo, new: VersionInfo) -> Diff:
    """Compare two versions of the same list."""
    if old.list != new.list:
        raise QueryError(f"cannot diff versions of different lists ({old.list}, {new.list})")
    a = view.version_hashes(old.id)
    b = view.version_hashes(new.id)
    added = [_change("added", view.record(b[k])) for k in sorted(b.keys() - a.keys())]
    removed = [_change("removed", view.record(a[k])) for k in sorted(a.keys() - b.keys())]
    amended: list[EntityChange] = []
    for key in sorted(a.keys() & b.keys()):
        if a[key] == b[key]:
            continue
        before, after = view.record(a[key]), view.record(b[key])
        changes = diff_entities(before, after)
        if changes:
            amended.append(_change("amended", after, changes))
    return Diff(old.list, old, new, added, removed, amended)
