"""The index files shipped to executors: the ones Screener.open loads, in its order, then the party map."""

from __future__ import annotations

import json

from embargo.index import index_path
from embargo.screening import Screener
from embargo.spark.shipping import PARTIES, index_files
from embargo.store import Store


def test_files_in_screener_order_with_stable_tokens(fixture_store: Store) -> None:
    *files, (token, parties) = index_files(fixture_store)
    names = [i.list_name for i in Screener.open(fixture_store).indexes]
    assert len(files) == len(names) == 3
    versions = [info.current for info in fixture_store.view().lists() if info.current is not None]
    assert [data for _, data in files] == [index_path(fixture_store, v).read_bytes() for v in versions]
    assert [t for t, _ in index_files(fixture_store)] == [t for t, _ in [*files, (token, parties)]]
    assert len({t for t, _ in files}) == 3
    assert token.startswith(PARTIES) and json.loads(parties) == Screener.open(fixture_store).parties.members  # type: ignore[union-attr]


def test_a_missing_index_file_is_built_first(fixture_store: Store) -> None:
    version = next(info.current for info in fixture_store.view().lists() if info.current is not None)
    path = index_path(fixture_store, version)
    before = path.read_bytes()
    path.unlink()
    files = index_files(fixture_store)
    assert path.exists()
    assert len(files) == 4 and len(before) > 0  # three indexes, then the party map
