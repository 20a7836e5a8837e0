"""Where each list version's index lives, and building it when missing.

Index files sit in a folder beside the store (``embargo.db.index/``), one
per list version (``v12.idx``). The import builds the new version's index
right after its transaction commits; a screener that finds one missing (an
import killed between commit and build, or an index from an older embargo)
builds it then, so a missing file costs time, never correctness.

A large version is built by worker processes, one per core, each reading
and analyzing a run of consecutive entities from the store; the shards are
merged in order, so the file is the one a single process would write.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

import orjson

from embargo.errors import StoreError
from embargo.index._merge import merge_shards
from embargo.index._shard import Shard, build_shard
from embargo.index.listindex import FORMAT_VERSION, ListIndex
from embargo.model import Entity
from embargo.store import Store, VersionInfo

__all__ = ["build_version_index", "index_dir", "index_path", "load_version_index", "prune_indexes"]

#: Versions with fewer entities are indexed in the importing process (starting workers costs more).
PARALLEL_FROM = 20_000


def index_dir(store: Store) -> Path:
    """The folder of index files of a store (beside a SQLite file; a local folder for PostgreSQL)."""
    return store.index_dir


def index_path(store: Store, version: VersionInfo) -> Path:
    """The index file of one list version."""
    return index_dir(store) / f"v{version.id}.idx"


def _stored_entities(db: str, version_id: int, offset: int, limit: int) -> Iterator[Entity]:
    """A run of a version's entities as the index reads them: without their designations.

    The index holds none of a designation's fields, and decoding a stored
    record (orjson, no designation objects) was a fifth of a worker's time.
    """
    for text in Store(db).view().iter_entity_json(version_id, offset, limit):
        data = orjson.loads(text)
        data.pop("designations", None)
        yield Entity.from_dict(data)


def _shard(args: tuple[str, int, int, int]) -> Shard:
    db, version_id, offset, limit = args
    # Analysis makes millions of small objects that live until the end: the
    # cycle collector would walk them again and again for nothing.
    gc.disable()
    try:
        return build_shard(_stored_entities(db, version_id, offset, limit))
    finally:
        gc.enable()


def _workers(entities: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, workers)
    if entities < PARALLEL_FROM or os.name != "posix":
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def build_version_index(store: Store, version: VersionInfo, workers: int | None = None) -> ListIndex:
    """Build and save the index of a version from the stored entities.

    Args:
        store: the store holding the version.
        version: the version to index.
        workers: processes to build with; by default one per core for a
            large version, none (this process) for a small one.
    """
    count = _workers(version.entities, workers)
    size = -(-max(1, version.entities) // count)
    jobs = [(store.url, version.id, i * size, size if i < count - 1 else -1) for i in range(count)]
    if count == 1:
        shards = [_shard(jobs[0])]
    else:
        # Look up one person word first so that rigour builds its name automaton
        # once, here, and every forked worker inherits it.
        from embargo.names.symbols import word_symbols

        word_symbols("embargowarmup", False)
        # The shards arrive as a few large objects and many small ones (the
        # symbol table): the cycle collector would walk them for nothing.
        gc.disable()
        try:
            with multiprocessing.get_context("fork").Pool(count) as pool:
                shards = pool.map(_shard, jobs, chunksize=1)
        finally:
            gc.enable()
    header, sections = merge_shards(version.list, version.id, FORMAT_VERSION, shards)
    del shards
    index = ListIndex(header, sections)
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
