"""Creating, listing, revoking and checking API keys.

A key is ``emb_`` followed by 43 URL-safe characters (32 random bytes). It
is shown once, when it is created; the store keeps its SHA-256 only
(the rows: :mod:`embargo.store.keys`, whose :class:`ApiKey` is re-exported here).
"""

from __future__ import annotations

import builtins
import hashlib
import secrets
from datetime import UTC, datetime

from embargo.auth.principals import add_principal, find_principal
from embargo.auth.roles import Role
from embargo.errors import NotFoundError, StoreError
from embargo.store import Store
from embargo.store.connection import DbError
from embargo.store.keys import ApiKey, insert_key, key_by_hash, key_by_id, list_keys, revoke_key

__all__ = ["KEY_PREFIX", "ApiKey", "KeyStore", "hash_key"]

#: Every key starts with this, so a leaked key is easy to recognise in logs and scanners.
KEY_PREFIX = "emb_"

#: Longest text accepted as a key: anything longer is not one of ours and is not hashed.
_MAX_KEY_LENGTH = 200

#: What a failed read of the keys names in its message.
_WHAT = "API keys"


def hash_key(secret: str) -> str:
    """SHA-256 of a key, in hex: what the store keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class KeyStore:
    """The API keys of one store.

    Args:
        store: the store whose SQLite file holds the keys; the table is created if missing.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(
        self, role: Role, name: str = "", rate_per_minute: int | None = None, principal: str | None = None
    ) -> tuple[ApiKey, str]:
        """Make a new key, and the principal it acts for unless ``principal`` names one.

        Args:
            role: what the key may do.
            name: who or what it is for: a new principal of that name is made
                (shown in lists and the audit log; the key's id when empty).
            rate_per_minute: its own rate limit (None: the server's default; 0: unlimited).
            principal: an existing principal's id or name, to give them another key.

        Returns:
            The stored record and the key itself, which is not kept anywhere: show it once.

        Raises:
            QueryError: ``name`` reads as an existing principal's name (two principals
                may not share one: give ``principal`` to add a key for them).
            NotFoundError: ``principal`` names nobody.
            LockedError: another process is writing to the store.
        """
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        key_id = "key_" + secrets.token_hex(4)
        try:
            with self.store.transaction() as conn:
                if principal is not None:
                    owner = find_principal(conn, principal)
                    if owner is None:
                        raise NotFoundError(f"no principal {principal!r} (see: embargo principals list)")
                else:
                    owner = add_principal(conn, name.strip() or key_id)
                key = ApiKey(
                    id=key_id,
                    name=owner.name,
                    role=Role(role),
                    hint=secret[: len(KEY_PREFIX) + 4],
                    rate_per_minute=rate_per_minute,
                    created_at=_now(),
                    principal_id=owner.id,
                )
                insert_key(conn, key, hash_key(secret))
        except DbError as exc:
            raise StoreError(f"cannot store the new key in {self.store.name}: {exc}") from exc
        return key, secret

    def list(self, include_revoked: bool = False) -> builtins.list[ApiKey]:
        """Every key, oldest first (revoked ones only when asked)."""
        with self.store.reading(_WHAT) as conn:
            return list_keys(conn, include_revoked)

    def get(self, key_id: str) -> ApiKey:
        """One key by its id, or :class:`NotFoundError`."""
        with self.store.reading(_WHAT) as conn:
            key = key_by_id(conn, key_id)
        if key is None:
            raise NotFoundError(f"no API key with id {key_id!r} (see: embargo keys list)")
        return key

    def revoke(self, key_id: str) -> ApiKey:
        """Revoke a key by its id: it stops working at once. Revoking twice is harmless."""
        self.get(key_id)
        try:
            with self.store.transaction() as conn:
                revoke_key(conn, key_id, _now())
        except DbError as exc:
            raise StoreError(f"cannot revoke key {key_id} in {self.store.name}: {exc}") from exc
        return self.get(key_id)

    def verify(self, secret: str) -> ApiKey | None:
        """The live key whose hash matches ``secret``, or None (unknown, revoked or not a key at all)."""
        secret = secret.strip()
        if not secret or len(secret) > _MAX_KEY_LENGTH:
            return None
        with self.store.reading(_WHAT) as conn:
            return key_by_hash(conn, hash_key(secret))
