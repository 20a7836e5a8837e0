"""Creating, listing, revoking and checking API keys.

A key is ``emb_`` followed by 43 URL-safe characters (32 random bytes). It
is shown once, when it is created; the store keeps its SHA-256 only.
"""

from __future__ import annotations

import builtins
import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from embargo.auth.principals import add_principal, find_principal
from embargo.auth.roles import Role
from embargo.auth.schema import ensure_keys_table
from embargo.errors import EmbargoError, NotFoundError, StoreError
from embargo.store import Store

__all__ = ["KEY_PREFIX", "ApiKey", "KeyStore", "hash_key"]

#: Every key starts with this, so a leaked key is easy to recognise in logs and scanners.
KEY_PREFIX = "emb_"

#: Longest text accepted as a key: anything longer is not one of ours and is not hashed.
_MAX_KEY_LENGTH = 200


def hash_key(secret: str) -> str:
    """SHA-256 of a key, in hex: what the store keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key as the store knows it (never the key itself).

    Attributes:
        id: public id (``key_1a2b3c4d``), used to revoke it and in the audit log.
        name: who or what it is for.
        role: what it may do.
        hint: the first characters of the key.
        rate_per_minute: its own rate limit, or None for the server's default.
        created_at: when it was made (UTC, ISO).
        revoked_at: when it was revoked, if it was.
        principal_id: the principal it acts for (:mod:`embargo.auth.principals`).
    """

    id: str
    name: str
    role: Role
    hint: str
    rate_per_minute: int | None
    created_at: str
    revoked_at: str | None = None
    principal_id: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ApiKey:
        """Build from an ``api_keys`` row."""
        return cls(
            id=row["id"],
            name=row["name"],
            role=Role(row["role"]),
            hint=row["hint"],
            rate_per_minute=row["rate_per_minute"],
            created_at=row["created_at"],
            revoked_at=row["revoked_at"],
            principal_id=row["principal_id"],
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "hint": self.hint,
            "rate_per_minute": self.rate_per_minute,
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
            "principal_id": self.principal_id,
        }


_COLUMNS = "id, name, role, hint, rate_per_minute, created_at, revoked_at, principal_id"


class KeyStore:
    """The API keys of one store.

    Args:
        store: the store whose SQLite file holds the keys; the table is created if missing.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        conn = store.connect()
        try:
            ensure_keys_table(conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot create the api_keys table in {store.name}: {exc}") from exc
        finally:
            conn.close()

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
        """
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        key_id = "key_" + secrets.token_hex(4)
        conn = self.store.connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
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
            conn.execute(
                "INSERT INTO api_keys (id, name, role, key_hash, hint, rate_per_minute, created_at, principal_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key.id,
                    key.name,
                    key.role.value,
                    hash_key(secret),
                    key.hint,
                    rate_per_minute,
                    key.created_at,
                    owner.id,
                ),
            )
            conn.execute("COMMIT")
            from embargo.audit.checkpoint import ship  # after the commit: export what it checkpointed

            ship(conn)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot store the new key in {self.store.name}: {exc}") from exc
        except EmbargoError:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()
        return key, secret

    def list(self, include_revoked: bool = False) -> builtins.list[ApiKey]:
        """Every key, oldest first (revoked ones only when asked)."""
        where = "" if include_revoked else " WHERE revoked_at IS NULL"
        return [
            ApiKey.from_row(r) for r in self._read(f"SELECT {_COLUMNS} FROM api_keys{where} ORDER BY created_at, id")
        ]

    def get(self, key_id: str) -> ApiKey:
        """One key by its id, or :class:`NotFoundError`."""
        rows = self._read(f"SELECT {_COLUMNS} FROM api_keys WHERE id = ?", (key_id,))
        if not rows:
            raise NotFoundError(f"no API key with id {key_id!r} (see: embargo keys list)")
        return ApiKey.from_row(rows[0])

    def revoke(self, key_id: str) -> ApiKey:
        """Revoke a key by its id: it stops working at once. Revoking twice is harmless."""
        self.get(key_id)
        conn = self.store.connect()
        try:
            conn.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (_now(), key_id))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot revoke key {key_id} in {self.store.name}: {exc}") from exc
        finally:
            conn.close()
        return self.get(key_id)

    def verify(self, secret: str) -> ApiKey | None:
        """The live key whose hash matches ``secret``, or None (unknown, revoked or not a key at all)."""
        secret = secret.strip()
        if not secret or len(secret) > _MAX_KEY_LENGTH:
            return None
        rows = self._read(
            f"SELECT {_COLUMNS} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", (hash_key(secret),)
        )
        return ApiKey.from_row(rows[0]) if rows else None

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> builtins.list[sqlite3.Row]:
        return self.store.read(sql, params, "API keys")
