"""API keys are random, shown once, stored hashed, revocable; roles rank; rate limits refill."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from embargo.auth import KEY_PREFIX, KeyStore, RateLimiter, Role, hash_key, role_allows
from embargo.errors import NotFoundError
from embargo.store import Store


@pytest.fixture
def keystore(db: str | Path) -> KeyStore:
    return KeyStore(Store(db))


def test_create_verify_list_revoke(keystore: KeyStore) -> None:
    key, secret = keystore.create(Role.REVIEW, "  alice  ")
    assert secret.startswith(KEY_PREFIX) and len(secret) > 40
    assert key.name == "alice" and key.role is Role.REVIEW and secret.startswith(key.hint)
    assert keystore.verify(secret) == key
    assert keystore.verify(f"  {secret} ") == key
    for wrong in ("", secret + "x", secret[:-1], "x" * 10_000):
        assert keystore.verify(wrong) is None
    assert keystore.list() == [key]
    revoked = keystore.revoke(key.id)
    assert revoked.revoked_at is not None
    assert keystore.verify(secret) is None
    assert keystore.list() == [] and keystore.list(include_revoked=True) == [revoked]
    assert keystore.revoke(key.id).revoked_at == revoked.revoked_at  # twice is harmless
    with pytest.raises(NotFoundError):
        keystore.revoke("key_nope")


def test_keys_are_stored_hashed(keystore: KeyStore) -> None:
    _, secret = keystore.create(Role.SCREEN)
    if keystore.store.dialect != "sqlite":
        [(stored,)] = [tuple(r) for r in keystore.store.read("SELECT key_hash FROM api_keys")]
        assert stored == hash_key(secret) and secret not in stored
        return
    raw = Path(keystore.store.path).read_bytes()
    for wal in Path(keystore.store.path).parent.glob("*-wal"):
        raw += wal.read_bytes()
    assert secret.encode() not in raw
    conn = sqlite3.connect(keystore.store.path)
    assert conn.execute("SELECT key_hash FROM api_keys").fetchone()[0] == hash_key(secret)


def test_keys_are_unique(keystore: KeyStore) -> None:
    secrets = {keystore.create(Role.SCREEN)[1] for _ in range(20)}
    assert len(secrets) == 20


@pytest.mark.parametrize(
    ("have", "need", "ok"),
    [
        (Role.SCREEN, Role.SCREEN, True),
        (Role.SCREEN, Role.REVIEW, False),
        (Role.SCREEN, Role.ADMIN, False),
        (Role.REVIEW, Role.SCREEN, True),
        (Role.REVIEW, Role.ADMIN, False),
        (Role.ADMIN, Role.SCREEN, True),
        (Role.ADMIN, Role.REVIEW, True),
        (Role.APPROVE, Role.REVIEW, True),
        (Role.APPROVE, Role.ADMIN, False),
        (Role.ADMIN, Role.APPROVE, True),
        (Role.REVIEW, Role.APPROVE, False),
    ],
)
def test_roles_rank(have: Role, need: Role, ok: bool) -> None:
    assert role_allows(have, need) is ok


def test_rate_limiter_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(60, burst=3, clock=lambda: now[0])
    assert [limiter.take("k") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("k") == 1.0  # one call a second: wait a second
    assert limiter.take("other") == 0.0  # buckets are per key
    now[0] += 1.0
    assert limiter.take("k") == 0.0
    assert limiter.take("k", cost=2) >= 1.0
    assert limiter.take("k", rate_per_minute=0) == 0.0  # 0: unlimited
    assert RateLimiter(0).take("k", cost=1000) == 0.0


def test_an_older_keys_table_accepts_the_approve_role(tmp_path: Path) -> None:
    """Stores made before the approve role had a CHECK that refused it: migration 0002 widens it, keys kept."""
    conn = sqlite3.connect(tmp_path / "old.db")
    conn.execute(
        "CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
        "role TEXT NOT NULL CHECK (role IN ('screen', 'review', 'admin')), key_hash TEXT NOT NULL UNIQUE, "
        "hint TEXT NOT NULL, rate_per_minute INTEGER, created_at TEXT NOT NULL, revoked_at TEXT)"
    )
    conn.execute(
        "INSERT INTO api_keys VALUES ('key_old', 'old', 'review', ?, 'emb_', NULL, 't', NULL)", (hash_key("emb_x"),)
    )
    conn.commit()
    conn.close()
    keys = KeyStore(Store(tmp_path / "old.db"))
    assert keys.verify("emb_x") is not None and keys.verify("emb_x").role is Role.REVIEW  # type: ignore[union-attr]
    key, _ = keys.create(Role.APPROVE, "approver")
    assert key.role is Role.APPROVE and {k.id for k in keys.list()} == {"key_old", key.id}
