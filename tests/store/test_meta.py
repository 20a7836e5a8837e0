"""Store-wide settings (``monitor_meta``), on both backends."""

from __future__ import annotations

from pathlib import Path

from embargo.store import Store, meta


def test_get_and_put(db: str | Path) -> None:
    store = Store(db)
    with store.reading() as conn:
        assert meta.get(conn, "four_eyes") is None
    with store.transaction() as conn:
        meta.put(conn, "four_eyes", '{"a": 1}')
        meta.put(conn, "four_eyes", '{"a": 2}')
    with store.reading() as conn:
        assert meta.get(conn, "four_eyes") == '{"a": 2}'
