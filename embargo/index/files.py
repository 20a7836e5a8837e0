"""Where each list version's index lives, and building it when missing.

Index files sit in a folder beside the store (``embargo.db.index/``), one
per list version (``v12.idx``). The import builds the new version's index
right after its transaction commits; a screener that finds one missing (an
import killed between commit and build, or an index from an older embargo)
builds it then, so a missing file costs time, never correctness.
"""

from __future__ import annotations

from pathlib import Path

from embargo.errors import StoreError
from embargo.index.listindex import ListIndex, build_index
from embargo.store import Store, VersionInfo

__all__ = ["build_version_index", "index_dir", "index_path", "load_version_index", "prune_indexes"]


def index_dir(store: Store) -> Path:
    """The folder of index files of a store."""
    return store.path.with_name(store.path.name + ".index")


def index_path(store: Store, version: VersionInfo) -> Path:
    """The index file of one list version."""
    return index_dir(store) / f"v{version.id}.idx"


def build_version_index(store: Store, version: VersionInfo) -> ListIndex:
    """Build and save the index of a version from the stored entities."""
    index = build_index(version.list, version.id, store.view().iter_entities(version.id))
    index.save(index_path(store, version))
    return index


def load_version_index(store: Store, version: VersionInfo) -> ListIndex:
    """Load a version's index, building it first if it is missing or stale."""
    path = index_path(store, version)
    if path.exists():
        try:
            return ListIndex.load(path)
        except StoreError:
            pass
    return build_version_index(store, version)


def prune_indexes(store: Store, keep: set[int]) -> None:
    """Delete index files of versions that are no longer current."""
    folder = index_dir(store)
    if not folder.is_dir():
        return
    for path in folder.glob("v*.idx"):
        try:
            vid = int(path.stem[1:])
        except ValueError:
            continue
        if vid not in keep:
            path.unlink(missing_ok=True)
