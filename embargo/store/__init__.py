"""The embedded store: list versions, entities, diffs."""

from embargo.store.diff import Diff, EntityChange, FieldChange, diff_entities, diff_versions
from embargo.store.records import ListInfo, VersionInfo
from embargo.store.store import Store
from embargo.store.view import EntityRecord, View
from embargo.store.writer import Writer

__all__ = [
    "Diff",
    "EntityChange",
    "EntityRecord",
    "FieldChange",
    "ListInfo",
    "Store",
    "VersionInfo",
    "View",
    "Writer",
    "diff_entities",
    "diff_versions",
]
