"""The frozen word weights monitoring screens with, per list, from the versions of the last full run.

A full run freezes each list's word rarity as it is then (:class:`.Rarity`,
one small file per list version next to the indexes); incremental runs
screen with those weights until the next full run, so the full run and the
incremental runs after it apply the same rule and agree exactly. A missing
file (deleted, or the store copied without it) is made again from the
version's records: the weights of a version never change.
"""

from __future__ import annotations

from pathlib import Path

from embargo.index import ListIndex, Rarity, build_index, index_dir
from embargo.store import Store

__all__ = ["freeze_rarity", "load_rarity"]


def _path(store: Store, version_id: int) -> Path:
    return index_dir(store) / f"rarity-v{version_id}.bin"


def freeze_rarity(store: Store, indexes: list[ListIndex]) -> dict[str, Rarity]:
    """The weights of these (current) indexes, kept for later runs; by list name."""
    found: dict[str, Rarity] = {}
    for index in indexes:
        rarity = found[index.list_name] = Rarity.of(index)
        path = _path(store, index.version_id)
        if not path.exists():
            rarity.save(path)
    return found


def load_rarity(store: Store, versions: dict[str, int], current: list[ListIndex]) -> dict[str, Rarity]:
    """The weights of list ``versions`` (list name to version id), by list name.

    Args:
        current: the loaded current indexes (a version among them is read from its index).
    """
    loaded = {i.version_id: i for i in current}
    found: dict[str, Rarity] = {}
    for name, vid in versions.items():
        path = _path(store, vid)
        if vid in loaded:
            found[name] = freeze_rarity(store, [loaded[vid]])[name]
        elif path.exists():
            found[name] = Rarity.load(path)
        else:
            index = build_index(name, vid, store.view().iter_entities(vid))
            found[name] = Rarity.of(index)
            found[name].save(path)
    return found
