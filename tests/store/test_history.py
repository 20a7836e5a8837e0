"""An entity's history across list versions (:mod:`embargo.store.history`)."""

from __future__ import annotations

import json
from pathlib import Path

from embargo.ingest import import_file
from embargo.store import Store
from embargo.store.history import entity_history, record_data
from tests.conftest import FIXTURES


def test_history_and_record_of_a_listed_entity(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    entity = next(store.view().iter_current())
    with store.reading("history") as conn:
        held = entity_history(conn, entity.id)
        assert [(h.list, h.seq) for h in held] == [("us_ofac_sdn", 1)]
        assert held[0].imported_at
        data = record_data(conn, held[0].record_hash)
        assert data is not None and json.loads(data)["id"] == entity.id
        assert entity_history(conn, "no-such-entity") == []
        assert record_data(conn, "0" * 64) is None
