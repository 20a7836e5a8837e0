"""Principals: one stable id per person, names compared case- and Unicode-insensitively, never shared.

Run on SQLite and PostgreSQL (the ``db`` fixture): the uniqueness is the database's own constraint.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from embargo.auth import KeyStore, Role
from embargo.auth.principals import (
    Principal,
    add_principal,
    find_principal,
    name_key,
    principal_for_key,
    require_role,
    resolve_principal,
)
from embargo.errors import NotFoundError, PermissionDenied, QueryError
from embargo.store import Store
from tests.conftest import UNDO_0006

#: Ways of writing "A-analyst" that a person reads as the same name.
SAME = [
    "A-analyst",
    "a-analyst",
    "A-ANALYST",
    "  A-analyst ",
    "a analyst",
    "a\u200b-analyst",  # zero-width space
    "\u202aA-analyst",  # a direction mark
    "Ａ-Ａnalyst",  # fullwidth
    "А-analyst",  # Cyrillic A
    "Á-analyst",  # an accent
    "A\u0301-analyst",  # the same accent, combining
]


@pytest.mark.parametrize("spelling", SAME)
def test_spellings_of_one_name_have_one_key(spelling: str) -> None:
    assert name_key(spelling) == name_key("A-analyst") == "a analyst"


@pytest.mark.parametrize(("a", "b"), [("ana", "anna"), ("A-analyst", "B-analyst"), ("Li Wei", "Li Wen")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_two_principals_never_share_a_name(db: str | Path) -> None:
    store = Store(db)
    with store.transaction() as conn:
        first = add_principal(conn, "A-analyst", Role.REVIEW)
    for spelling in SAME:
        with pytest.raises(QueryError, match=r"may not share|invisible"), store.transaction() as conn:
            add_principal(conn, spelling, Role.APPROVE)
    with store.reading() as conn:
        for spelling in SAME:
            assert find_principal(conn, spelling) == first
        assert find_principal(conn, first.id) == first
        assert find_principal(conn, "B-analyst") is None
    # the database's own constraint holds even for a writer that skips the check
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        conn.execute(
            "INSERT INTO principals (id, name, name_key, local_role, created_at) VALUES ('usr_x', 'x', ?, NULL, '')",
            (name_key("A-analyst"),),
        )


@pytest.mark.parametrize("bad", ["", "   ", "\u200b", "x" * 201, "ana\x00", "ana\u200d"])
def test_a_name_must_be_a_name(db: str | Path, bad: str) -> None:
    with pytest.raises(QueryError), Store(db).transaction() as conn:
        add_principal(conn, bad)


def test_keys_act_for_principals(db: str | Path) -> None:
    store = Store(db)
    keys = KeyStore(store)
    review, _ = keys.create(Role.REVIEW, "ana")
    second, _ = keys.create(Role.APPROVE, principal="ANA")  # another key for the same person, by name or id
    third, _ = keys.create(Role.SCREEN, principal=review.principal_id)
    assert review.principal_id == second.principal_id == third.principal_id is not None
    with pytest.raises(QueryError, match="may not share"):
        keys.create(Role.APPROVE, "Ana")
    with pytest.raises(NotFoundError):
        keys.create(Role.APPROVE, principal="nobody")
    unnamed, _ = keys.create(Role.SCREEN)
    assert unnamed.name == unnamed.id  # its own principal, named by the key's id
    with store.reading() as conn:
        assert principal_for_key(conn, second.id).name == "ana"
        assert resolve_principal(conn, "ana").id == review.principal_id
        with pytest.raises(PermissionDenied, match="no principal"):
            resolve_principal(conn, "anna")
        with pytest.raises(PermissionDenied):
            resolve_principal(conn, Principal("usr_forged", "ana"))
    # nothing of a refused key was stored
    assert len(keys.list()) == 4


def test_roles_are_checked() -> None:
    ana = Principal("usr_1", "ana", Role.REVIEW)
    require_role(ana, Role.REVIEW, Role.REVIEW)
    require_role(ana, Role.ADMIN, Role.APPROVE)
    for have in (None, Role.SCREEN, Role.REVIEW):
        with pytest.raises(PermissionDenied, match="needs the approve role"):
            require_role(ana, have, Role.APPROVE)


def test_the_migration_gives_existing_keys_principals(tmp_path: Path) -> None:
    """A store from before schema 0006: keys whose names read the same become one principal (four-eyes' safe side)."""
    path = tmp_path / "old.db"
    keys = KeyStore(Store(path))
    alice, _ = keys.create(Role.REVIEW, "Alice")
    conn = sqlite3.connect(path)
    for undo in UNDO_0006:
        conn.execute(undo)
    conn.execute(
        "INSERT INTO api_keys (id, name, role, key_hash, hint, created_at) "
        "VALUES ('key_old2', 'ALICE ', 'approve', 'h2', 'emb_x', '2026-01-01'), "
        "('key_old3', 'Bob', 'approve', 'h3', 'emb_y', '2026-01-01')"
    )
    conn.execute("UPDATE alembic_version SET version_num = '0005'")
    conn.commit()
    conn.close()
    again = KeyStore(Store(path))  # opening migrates
    owners = {k.id: k.principal_id for k in again.list()}
    assert owners[alice.id] == owners["key_old2"] != owners["key_old3"]
    assert None not in owners.values()
