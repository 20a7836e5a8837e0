"""The ``api_keys`` rows: written and read back as :class:`ApiKey` records."""

from __future__ import annotations

from pathlib import Path

from embargo.store import Store
from embargo.store.keys import ApiKey, insert_key, key_by_hash, key_by_id, list_keys, revoke_key
from embargo.store.principals import Principal, insert_principal
from embargo.store.roles import Role


def test_keys_round_trip(db: str | Path) -> None:
    s = Store(db)
    key = ApiKey("key_1", "Ann", Role.REVIEW, "emb_abcd", None, "2026-01-01T00:00:00+00:00", principal_id="usr_1")
    other = ApiKey("key_2", "Bob", Role.ADMIN, "emb_efgh", 30, "2026-01-02T00:00:00+00:00", principal_id="usr_2")
    with s.transaction() as conn:
        insert_principal(conn, Principal("usr_1", "Ann", None, "2026-01-01T00:00:00+00:00"))
        insert_principal(conn, Principal("usr_2", "Bob", None, "2026-01-01T00:00:00+00:00"))
        insert_key(conn, other, "hash-2")
        insert_key(conn, key, "hash-1")
    with s.reading() as conn:
        assert list_keys(conn) == [key, other]
        assert key_by_id(conn, "key_1") == key and key_by_id(conn, "key_9") is None
        assert key_by_hash(conn, "hash-2") == other and key_by_hash(conn, "nope") is None
    with s.transaction() as conn:
        revoke_key(conn, "key_1", "2026-02-01T00:00:00+00:00")
        revoke_key(conn, "key_1", "2026-03-01T00:00:00+00:00")  # the first time stays
    with s.reading() as conn:
        assert list_keys(conn) == [other]
        [revoked, _] = list_keys(conn, include_revoked=True)
        assert revoked.revoked_at == "2026-02-01T00:00:00+00:00" and revoked.role is Role.REVIEW
        assert key_by_hash(conn, "hash-1") is None


def test_to_dict_is_what_the_api_shows() -> None:
    key = ApiKey("key_1", "Ann", Role.REVIEW, "emb_abcd", 60, "2026-01-01T00:00:00+00:00")
    assert key.to_dict() == {
        "id": "key_1",
        "name": "Ann",
        "role": "review",
        "hint": "emb_abcd",
        "rate_per_minute": 60,
        "created_at": "2026-01-01T00:00:00+00:00",
        "revoked_at": None,
        "principal_id": None,
    }
    assert list(key.to_dict()) == ["id", "name", "role", "hint", "rate_per_minute", "created_at", "revoked_at",
                                   "principal_id"]  # fmt: skip
