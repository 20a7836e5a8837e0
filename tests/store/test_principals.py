"""The ``principals`` rows and the name key their ``UNIQUE`` column holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.store import Store
from embargo.store.connection import IntegrityError
from embargo.store.keys import ApiKey, insert_key
from embargo.store.principals import (
    Principal,
    all_principals,
    insert_principal,
    name_key,
    principal_by_id,
    principal_by_name_key,
    principal_of_key,
)
from embargo.store.roles import Role


def test_principals_round_trip(db: str | Path) -> None:
    s = Store(db)
    ann = Principal("usr_1", "Ann Lee", Role.APPROVE, "2026-01-02T00:00:00+00:00")
    bob = Principal("usr_2", "Bob", None, "2026-01-01T00:00:00+00:00")
    with s.transaction() as conn:
        insert_principal(conn, ann)
        insert_principal(conn, bob)
        insert_key(conn, ApiKey("key_1", "Bob", Role.SCREEN, "emb_x", None, "2026-01-01", principal_id="usr_2"), "h")
    with s.reading() as conn:
        assert all_principals(conn) == [bob, ann]
        assert principal_by_id(conn, "usr_1") == ann and principal_by_id(conn, "usr_9") is None
        assert principal_by_name_key(conn, name_key("ANN-lee")) == ann
        assert principal_of_key(conn, "key_1") == bob and principal_of_key(conn, "key_9") is None
    with pytest.raises(IntegrityError), s.transaction() as conn:
        insert_principal(conn, Principal("usr_3", "ann  LEE", None, "2026-01-03"))


def test_name_key_and_to_dict() -> None:
    assert name_key("A-analyst") == name_key("a\u200b-Analyst") == name_key("Ａ analyst") == "a analyst"
    assert Principal("usr_1", "Ann", Role.ADMIN, "t").to_dict() == {
        "id": "usr_1",
        "name": "Ann",
        "local_role": "admin",
        "created_at": "t",
    }
    assert Principal("usr_1", "Ann").to_dict()["local_role"] is None
