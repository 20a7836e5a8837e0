"""What changed between two versions of a list.

Compared per listed entity (a listing and its designations): added, removed,
or amended, and for an amended one, which fields changed: names and other
properties value by value, and each designation's program, measures, dates,
reason. Unchanged entities are found by record hash without being loaded, so
a diff of two 10,000-entry versions loads only what changed.
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

__all__ = ["Diff", "EntityChange", "FieldChange", "diff_entities", "diff_versions"]

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
