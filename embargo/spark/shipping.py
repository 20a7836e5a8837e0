"""Getting the candidate index to the executors.

The driver reads the index file of every list's current version (the files
``Screener.open`` loads, in the same order, built first if missing or
stale) and broadcasts their bytes once; each executor's Python worker writes
them to a private temporary folder, loads them, and keeps the screener (see
:mod:`embargo.spark.rows`). The store's database itself never leaves the
driver, and an update that prunes old index files while a job runs cannot
pull them from under it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from embargo.index import index_path, load_version_index
from embargo.screening.owned import load_owned, owned_index_path
from embargo.store import Store
from embargo.store.parties import party_map

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.broadcast import Broadcast

__all__ = ["OWNED", "OWNED_INDEX", "PARTIES", "ShippedIndexes", "index_files", "ship_indexes"]


@dataclass(slots=True)
class ShippedIndexes:
    """The broadcast index files of one job, and the tokens that name them."""

    tokens: tuple[str, ...]
    broadcast: Broadcast[list[tuple[str, bytes]]]
    size: int

    def release(self) -> None:
        """Drop the broadcast from the driver and every executor."""
        self.broadcast.destroy()


#: The token of the shipped party map starts so (:data:`embargo.spark.rows` reads it back, not as an index).
PARTIES = "parties:"
#: The tokens of the entities blocked by ownership (:mod:`embargo.screening.owned`): their index, then their
#: steps and entities (JSON).
OWNED_INDEX = "ownership-index:"
OWNED = "ownership:"


def index_files(store: Store) -> list[tuple[str, bytes]]:
    """``(token, bytes)`` of every current list version's index file, in ``Screener.open``'s order, then the parties.

    The token names the file's content (store, version and a digest), so an
    executor that already holds these indexes from an earlier job keeps them.
    Then comes the store's party map (:mod:`embargo.parties`, as JSON), so that
    executors give one hit per party as ``Screener.open`` does, and, when the
    store has computed ownership, the index of the entities it blocks and their
    steps (:mod:`embargo.screening.owned`), so that they are hits there too.
    """
    files = []
    for info in store.view().lists():
        if info.current is None:
            continue
        load_version_index(store, info.current)  # builds the file when missing, rejects a stale one
        data = index_path(store, info.current).read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:16]
        files.append((f"{store.path.name}:v{info.current.id}:{digest}", data))
    with store.reading("the parties") as conn:
        members = party_map(conn).members
    data = json.dumps(members, sort_keys=True).encode("utf-8")
    files.append((f"{PARTIES}{hashlib.sha256(data).hexdigest()[:16]}", data))
    owned = load_owned(store)
    if owned is not None:  # the entities blocked by ownership, screened as Screener.open screens them
        path = owned_index_path(store, owned.generation)
        if not path.exists():
            owned.index.save(path)
        data = path.read_bytes()
        files.append((f"{OWNED_INDEX}{hashlib.sha256(data).hexdigest()[:16]}", data))
        found = {"generation": owned.generation, "steps": owned.steps, "entities": owned.entities}
        data = json.dumps(found, sort_keys=True, ensure_ascii=False).encode("utf-8")
        files.append((f"{OWNED}{hashlib.sha256(data).hexdigest()[:16]}", data))
    return files


def ship_indexes(sc: SparkContext, store: Store) -> ShippedIndexes:
    """Broadcast the store's current index files to the executors of ``sc``."""
    files = index_files(store)
    return ShippedIndexes(
        tokens=tuple(token for token, _ in files),
        broadcast=sc.broadcast(files),
        size=sum(len(data) for _, data in files),
    )
