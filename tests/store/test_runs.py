"""Monitoring runs and matches, on both backends."""

from __future__ import annotations

from pathlib import Path

from embargo.store import Store, runs


def _run(store: Store, mode: str, versions: str) -> int:
    with store.transaction() as conn:
        return runs.insert_run(
            conn,
            started_at="2026-01-01T00:00:00+00:00",
            actor="ana",
            mode=mode,
            reason="test",
            portfolio_version=1,
            list_versions=versions,
            threshold=0.7,
            hit_limit=0,
            algorithm="test-1",
        )


def test_runs(db: str | Path) -> None:
    store = Store(db)
    with store.reading() as conn:
        assert runs.last_run(conn) is None and runs.last_full_versions(conn) is None
    first = _run(store, "full", '{"un": 1}')
    second = _run(store, "incremental", '{"un": 2}')
    with store.transaction() as conn:
        runs.finish_run(conn, second, "2026-01-01T00:00:05+00:00", 3, 4, 1, 5.0)
    with store.reading() as conn:
        last = runs.last_run(conn)
        assert last is not None and last["id"] == second > first
        assert (last["screened"], last["hits"], last["alerts"], last["seconds"]) == (3, 4, 1, 5.0)
        assert last["finished_at"] == "2026-01-01T00:00:05+00:00" and last["threshold"] == 0.7
        assert runs.last_full_versions(conn) == {"un": 1}


def test_matches(db: str | Path) -> None:
    store = Store(db)
    run_id = _run(store, "full", "{}")
    with store.transaction() as conn:
        for cid, eid in (("a", "e1"), ("a", "e2"), ("b", "e1"), ("gone", "e3")):
            runs.insert_match(conn, cid, eid, "un", 0.9, run_id)
    with store.reading() as conn:
        assert runs.matched(conn) == {"a": {"e1", "e2"}, "b": {"e1"}, "gone": {"e3"}}
    with store.transaction() as conn:
        conn.execute("INSERT INTO customers (id, data, fingerprint, version_id) VALUES ('a', '{}', 'f', 1)")
        conn.execute("INSERT INTO customers (id, data, fingerprint, version_id) VALUES ('b', '{}', 'f', 1)")
        runs.delete_matches(conn, ["b"])
        runs.delete_orphan_matches(conn)
    with store.reading() as conn:
        assert runs.matched(conn) == {"a": {"e1", "e2"}}
    with store.transaction() as conn:
        runs.clear_matches(conn)
    with store.reading() as conn:
        assert runs.matched(conn) == {}
