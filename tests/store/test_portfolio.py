"""The portfolio's records: versions, customers and their changes, on both backends."""

from __future__ import annotations

from pathlib import Path

from embargo.store import Store
from embargo.store import portfolio as records


def test_versions_customers_and_changes(db: str | Path) -> None:
    store = Store(db)
    with store.reading() as conn:
        assert records.latest_version(conn) is None and records.versions(conn) == []
    with store.transaction() as conn:
        v1 = records.insert_version(conn, "2026-01-01T00:00:00+00:00", "ana", "a.csv", "full", 2, 2, 0, 0)
        records.upsert_customers(conn, v1, [("b", '{"id":"b"}', "fb"), ("a", '{"id":"a"}', "fa")])
        records.insert_changes(conn, v1, [("a", "added", "fa"), ("b", "added", "fb")])
    with store.transaction() as conn:
        v2 = records.insert_version(conn, "2026-01-02T00:00:00+00:00", "ana", "b.csv", "partial", 1, 0, 1, 1)
        records.upsert_customers(conn, v2, [("a", '{"id":"a","x":1}', "fa2")])
        records.delete_customers(conn, ["b"])
        records.insert_changes(conn, v2, [("a", "changed", "fa2"), ("b", "removed", None)])
    with store.reading() as conn:
        latest = records.latest_version(conn)
        assert latest is not None and latest.id == v2 and latest.mode == "partial"
        assert [v.id for v in records.versions(conn)] == [v1, v2]
        assert list(latest.to_dict()) == [
            "id", "loaded_at", "actor", "source", "mode", "customers", "added", "changed", "removed",
        ]  # fmt: skip
        assert records.fingerprints(conn) == {"a": "fa2"}
        assert list(records.customer_data(conn)) == ['{"id":"a","x":1}']
        assert list(records.customer_data(conn, ["zz", "a"])) == ['{"id":"a","x":1}']
        assert records.changed_since(conn, v1) == {"a"}
        assert records.changed_since(conn, 0) == {"a"}
        assert records.changed_since(conn, v2) == set()


def test_many_ids_are_read_in_batches(db: str | Path) -> None:
    store = Store(db)
    ids = [f"c{i:04d}" for i in range(1203)]
    with store.transaction() as conn:
        vid = records.insert_version(
            conn, "2026-01-01T00:00:00+00:00", "ana", "a.csv", "full", len(ids), len(ids), 0, 0
        )
        records.upsert_customers(conn, vid, [(i, f'"{i}"', i) for i in ids])
    with store.reading() as conn:
        assert sorted(records.customer_data(conn, ids)) == [f'"{i}"' for i in ids]
