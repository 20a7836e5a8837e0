"""Plain records the store hands out: lists and their versions."""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass, field
from typing import Any

from embargo.store.rows import Record, column

__all__ = ["ListInfo", "VersionInfo"]


@dataclass(slots=True)
class VersionInfo(Record):
    """One import of one list.

    Attributes:
        id: store-wide version id.
        list: list name.
        seq: 1, 2, 3... within the list.
        content_hash: SHA-256 over the bytes of every file of the publication.
        format: the format module that read it.
        files: file names it was read from.
        published: publication date or time found in the file, if any.
        imported_at: UTC time of the import (ISO).
        entities, designations, names, birth_dates, warnings: counts.
        state: ``accepted`` (passed the import guard, or accepted by hand),
            ``held`` (stored but never served: see ``hold_reason``) or
            ``withdrawn`` (a rollback went back past it).
        hold_reason: why the import guard held it, in words.
        current: True for the version the list serves (set by the views).
    """

    id: int
    list: str
    seq: int
    content_hash: str
    format: str
    files: builtins.list[str] = field(metadata=column(load=json.loads))
    published: str | None
    imported_at: str
    entities: int
    designations: int
    names: int
    birth_dates: int
    warnings: int
    state: str = "accepted"
    hold_reason: str | None = None
    current: bool = field(default=False, metadata=column(stored=False))


@dataclass(slots=True)
class ListInfo:
    """A list known to the store, with its current version."""

    name: str
    title: str
    authority: str
    format: str
    url: str | None
    current: VersionInfo | None = None
    version_count: int = 0
    held_count: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "name": self.name,
            "title": self.title,
            "authority": self.authority,
            "format": self.format,
            "url": self.url,
            "versions": self.version_count,
            "held": self.held_count,
            "current": self.current.to_dict() if self.current else None,
        }
