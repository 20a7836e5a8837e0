"""The web UI's sessions table (:mod:`embargo.store.sessions`)."""

from __future__ import annotations

from pathlib import Path

from embargo.auth import KeyStore, Role
from embargo.store import Store
from embargo.store.sessions import delete_expired_sessions, delete_session, find_session, insert_session


def test_a_session_is_kept_found_and_forgotten(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.db")
    key, _ = KeyStore(store).create(Role.REVIEW, "A. Analyst")
    with store.transaction() as conn:
        insert_session(
            conn, "h1", key.id, key.name, "review", "csrf", "2026-01-01T00:00:00+00:00", "2026-01-01T10:00:00+00:00"
        )
        insert_session(
            conn, "h2", key.id, key.name, "review", "csrf2", "2026-01-02T00:00:00+00:00", "2026-01-02T10:00:00+00:00"
        )
    with store.reading("web sessions") as conn:
        found = find_session(conn, "h1")
        assert find_session(conn, "nope") is None
    assert found is not None
    assert (found.key_id, found.name, found.role, found.csrf) == (key.id, "A. Analyst", "review", "csrf")
    assert found.revoked_at is None and found.principal_id == key.principal_id
    with store.transaction() as conn:
        delete_expired_sessions(conn, "2026-01-02T00:00:00+00:00")  # h1 ended before then
    with store.reading("web sessions") as conn:
        assert find_session(conn, "h1") is None and find_session(conn, "h2") is not None
    with store.transaction() as conn:
        delete_session(conn, "h2")
    with store.reading("web sessions") as conn:
        assert find_session(conn, "h2") is None
