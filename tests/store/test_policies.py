"""The ``list_policies`` rows."""

from __future__ import annotations

from pathlib import Path

from embargo.store import Store
from embargo.store.policies import list_policy, save_list_policy


def test_policies_round_trip(db: str | Path) -> None:
    s = Store(db)
    with s.reading() as conn:
        assert list_policy(conn, "un_sc") is None
    with s.transaction() as conn:
        save_list_policy(conn, "un_sc", 0.25, None, "2026-01-01", "admin")
    with s.reading() as conn:
        assert list_policy(conn, "un_sc") == (0.25, None)
    with s.transaction() as conn:
        save_list_policy(conn, "un_sc", None, 100, "2026-01-02", "admin")
    with s.reading() as conn:
        assert list_policy(conn, "un_sc") == (None, 100)
        assert list_policy(conn, "eu_fsf") is None
