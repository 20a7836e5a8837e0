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
import itertools
import multiprocessing
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import orjson

from embargo.errors import StoreError
from embargo.index._merge import merge_shards
from embargo.index._rows import read_rows, rows_path, start_reader
from embargo.index._shard import Shard, build_shard
from embargo.index.listindex import FORMAT_VERSION, ListIndex
from embargo.model import Entity
from embargo.store import Store, VersionInfo
from embargo.store.private import private_folder

__all__ = [
    "build_entities_index",
    "build_version_index",
    "index_dir",
    "index_path",
    "load_version_index",
    "prune_indexes",
]

#: Versions with fewer entities are indexed in the importing process (starting workers costs more).
PARALLEL_FROM = 20_000
#: Runs of entities per worker process: with several, a process that finishes early takes the next run
#: instead of waiting for the slower one at the end.
JOBS_PER_WORKER = 2
#: Symbol-table entries this process has already sent with a shard (a pool worker sends each once).
_sent_symbols = 0
#: Entities held in memory are indexed by worker processes from this many on (:func:`build_entities_index`).
PARALLEL_ENTITIES_FROM = 2_000
#: The entities :func:`build_entities_index` shares with the workers it forks.
_forked: list[Entity] = []


def index_dir(store: Store) -> Path:
    """The folder of index files of a store (beside a SQLite file; a local folder for PostgreSQL)."""
    return store.index_dir


def index_path(store: Store, version: VersionInfo) -> Path:
    """The index file of one list version."""
    return index_dir(store) / f"v{version.id}.idx"


def _stored_entities(db: str, version_id: int, offset: int, limit: int, rows: Path | None) -> Iterator[Entity]:
    """A run of a version's entities as the index reads them: without their designations.

    The index holds none of a designation's fields, and decoding a stored
    record (orjson, no designation objects) was a fifth of a worker's time.
    The records come from the reader's file when it wrote one (:mod:`._rows`).
    """
    texts = read_rows(rows) if rows is not None and rows.exists() else None
    if texts is None:
        texts = Store(db).view().iter_entity_json(version_id, offset, limit)
    for text in texts:
        data = orjson.loads(text)
        data.pop("designations", None)
        yield Entity.from_dict(data)


def _shard(args: tuple[str, int, int, int, Path | None]) -> Shard:
    """One run's shard, with every symbol lookup made so far in this process."""
    # Analysis makes millions of small objects that live until the end: the
    # cycle collector would walk them again and again for nothing.
    gc.disable()
    try:
        return build_shard(_stored_entities(*args))
    finally:
        gc.enable()


def _pool_shard(args: tuple[str, int, int, int, Path | None]) -> Shard:
    """:func:`_shard` in a pool worker: sends only the symbol lookups its earlier runs did not send."""
    global _sent_symbols
    # not _shard: the worker ends with the build, and a collection between its runs would walk every
    # cached analysis again for nothing
    gc.disable()
    shard = build_shard(_stored_entities(*args))
    table = shard.symbols
    # the table keeps its insertion order and only grows: what is new follows what was sent
    shard.symbols = dict(itertools.islice(table.items(), _sent_symbols, None))
    _sent_symbols = len(table)
    return shard


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
    shards = [_shard((store.url, version.id, 0, -1, None))] if count == 1 else _parallel_shards(store, version, count)
    header, sections = merge_shards(version.list, version.id, FORMAT_VERSION, shards)
    del shards
    index = ListIndex(header, sections)
    index.save(index_path(store, version))
    return index


def _parallel_shards(store: Store, version: VersionInfo, count: int) -> list[Shard]:
    """The shards of a version, built by ``count`` forked workers over a few runs each."""
    jobs = count * JOBS_PER_WORKER
    size = -(-max(1, version.entities) // jobs)
    sizes = [size if i < jobs - 1 else -1 for i in range(jobs)]
    # beside the index files: as large as the version's records, which /tmp may not have room for
    private_folder(index_dir(store))
    with tempfile.TemporaryDirectory(prefix="rows-", dir=index_dir(store)) as tmp:
        folder = Path(tmp)
        reader = start_reader(store.url, version.id, sizes, folder)
        # Look up one person word first so that rigour builds its name automaton
        # once, here, and every forked worker inherits it; the reader fetches
        # the records on the other core meanwhile.
        from embargo.names.symbols import word_symbols

        word_symbols("embargowarmup", False)
        reader.join()
        args = [(store.url, version.id, i * size, sizes[i], rows_path(folder, i)) for i in range(jobs)]
        # The shards arrive as a few large objects and many small ones (the
        # symbol table): the cycle collector would walk them for nothing.
        gc.disable()
        try:
            with multiprocessing.get_context("fork").Pool(count) as pool:
                return pool.map(_pool_shard, args, chunksize=1)
        finally:
            gc.enable()


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


def _pool_entities_shard(bounds: tuple[int, int]) -> Shard:
    """:func:`_pool_shard` for a run of the entities shared before the fork."""
    global _sent_symbols
    gc.disable()
    shard = build_shard(_forked[bounds[0] : bounds[1]])
    table = shard.symbols
    shard.symbols = dict(itertools.islice(table.items(), _sent_symbols, None))
    _sent_symbols = len(table)
    return shard


def build_entities_index(
    list_name: str, version_id: int, entities: list[Entity], workers: int | None = None
) -> ListIndex:
    """Index entities held in memory (not a stored version: the entities ownership blocks), by one worker
    process per core when they are many; the shards are merged in order, as :func:`build_version_index`'s.
    """
    global _forked
    count = max(1, workers) if workers is not None else 1
    if workers is None and len(entities) >= PARALLEL_ENTITIES_FROM and os.name == "posix":
        count = max(1, min(os.cpu_count() or 1, 8))
    if count == 1:
        header, sections = merge_shards(list_name, version_id, FORMAT_VERSION, [build_shard(entities)])
        return ListIndex(header, sections)
    jobs = count * JOBS_PER_WORKER
    size = -(-len(entities) // jobs)
    bounds = [(i * size, min(len(entities), (i + 1) * size)) for i in range(jobs)]
    from embargo.names.symbols import word_symbols

    word_symbols("embargowarmup", False)  # the name automaton built once, here, for every worker
    _forked = entities
    gc.disable()
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            shards = pool.map(_pool_entities_shard, bounds, chunksize=1)
    finally:
        gc.enable()
        _forked = []
    header, sections = merge_shards(list_name, version_id, FORMAT_VERSION, shards)
    return ListIndex(header, sections)
