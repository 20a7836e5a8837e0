"""The key cache answers from memory while the store is unchanged and honours revocation at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.auth import ApiKey, KeyCache, KeyStore, Role
from embargo.store import Store


class CountingKeyStore(KeyStore):
    """A key store that counts how often it is asked."""

    calls = 0

    def verify(self, secret: str) -> ApiKey | None:
        self.calls += 1
        return super().verify(secret)


@pytest.fixture
def keystore(tmp_path: Path) -> CountingKeyStore:
    return CountingKeyStore(Store(tmp_path / "s.db"))


def test_live_key_is_remembered_until_the_store_changes(keystore: CountingKeyStore) -> None:
    key, secret = keystore.create(Role.SCREEN, "a")
    cache = KeyCache(keystore)
    assert [cache.verify(secret) for _ in range(5)] == [key] * 5
    assert keystore.calls == 1
    assert cache.verify(f" {secret} ") == key and keystore.calls == 1
    keystore.create(Role.ADMIN, "b")  # any commit to the store: checked again once
    assert cache.verify(secret) == key and cache.verify(secret) == key
    assert keystore.calls == 2
    cache.close()


@pytest.mark.parametrize("via", ["same store object", "another process's store object"])
def test_revoked_key_stops_working_at_the_next_request(tmp_path: Path, via: str) -> None:
    keystore = KeyStore(Store(tmp_path / "s.db"))
    key, secret = keystore.create(Role.SCREEN, "a")
    cache = KeyCache(keystore)
    assert cache.verify(secret) == key
    revoker = keystore if via == "same store object" else KeyStore(Store(tmp_path / "s.db"))
    revoker.revoke(key.id)
    assert cache.verify(secret) is None
    cache.close()


def test_unknown_keys_are_never_remembered(keystore: CountingKeyStore) -> None:
    cache = KeyCache(keystore)
    for wrong in ("emb_nope", "emb_nope", "", "x" * 10_000):
        assert cache.verify(wrong) is None
    assert keystore.calls == 2  # empty and oversized never reach the store
    cache.close()


def test_max_age_and_size(keystore: CountingKeyStore) -> None:
    now = [0.0]
    a, secret_a = keystore.create(Role.SCREEN, "a")
    b, secret_b = keystore.create(Role.SCREEN, "b")
    cache = KeyCache(keystore, max_entries=1, max_age=10.0, clock=lambda: now[0])
    assert cache.verify(secret_a) == a and cache.verify(secret_a) == a and keystore.calls == 1
    now[0] = 11.0
    assert cache.verify(secret_a) == a and keystore.calls == 2  # too old: checked again
    assert cache.verify(secret_b) == b and keystore.calls == 3  # pushes a out
    assert cache.verify(secret_a) == a and keystore.calls == 4
    cache.clear()
    assert cache.verify(secret_a) == a and keystore.calls == 5
    cache.close()


def test_unreadable_store_falls_back_to_the_store(keystore: CountingKeyStore, tmp_path: Path) -> None:
    key, secret = keystore.create(Role.SCREEN, "a")
    cache = KeyCache(keystore)
    assert cache.verify(secret) == key
    assert cache._watch is not None and cache._watch._conn is not None
    cache._watch._conn.close()  # a closed watcher connection: nothing remembered is trusted
    assert cache.verify(secret) == key and keystore.calls == 2
    assert cache.verify(secret) == key and keystore.calls == 3  # reconnected: checked once more
    assert cache.verify(secret) == key and keystore.calls == 3  # and remembered again
    cache.close()
