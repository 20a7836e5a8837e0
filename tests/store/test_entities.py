"""Entities' records by version, read on the caller's connection, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

from embargo.store import Store, entities
from tests.store.test_store import person, write


def test_records_of_entities_in_versions(db: str | Path) -> None:
    store = Store(db)
    write(store, [person("1", "A"), person("2", "B")], "h1")
    [version] = store.view().versions("test")
    ids = [f"test-{i}" for i in range(1, 600)]  # more than one batch
    with store.reading() as conn:
        found = dict(entities.entity_data(conn, [version.id], ids))
        assert list(entities.entity_data(conn, [version.id], [])) == []
    assert sorted(found) == ["test-1", "test-2"]
    assert json.loads(found["test-2"])["properties"]["name"] == ["B"]
