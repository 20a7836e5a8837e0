"""The ``api_keys`` table: API keys as the store keeps them (a SHA-256 of each key, never the key).

Making, checking and revoking keys is :mod:`embargo.auth.keys`; this module
reads and writes the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from embargo.store.connection import Connection
from embargo.store.roles import Role
from embargo.store.rows import Record, column

__all__ = ["ApiKey", "insert_key", "key_by_hash", "key_by_id", "list_keys", "revoke_key"]


def _role_value(role: Role) -> str:
    return role.value


@dataclass(frozen=True, slots=True)
class ApiKey(Record):
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
    role: Role = field(metadata=column(load=Role, dump=_role_value))
    hint: str
    rate_per_minute: int | None
    created_at: str
    revoked_at: str | None = None
    principal_id: str | None = None


#: Every column but the hash: what a key is read as.
_COLUMNS = "id, name, role, hint, rate_per_minute, created_at, revoked_at, principal_id"


def insert_key(conn: Connection, key: ApiKey, key_hash: str) -> None:
    """Store a new key with the hash of its secret."""
    conn.execute(
        "INSERT INTO api_keys (id, name, role, key_hash, hint, rate_per_minute, created_at, principal_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key.id,
            key.name,
            key.role.value,
            key_hash,
            key.hint,
            key.rate_per_minute,
            key.created_at,
            key.principal_id,
        ),
    )


def list_keys(conn: Connection, include_revoked: bool = False) -> list[ApiKey]:
    """Every key, oldest first (revoked ones only when asked)."""
    where = "" if include_revoked else " WHERE revoked_at IS NULL"
    return [ApiKey.from_row(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM api_keys{where} ORDER BY created_at, id")]


def key_by_id(conn: Connection, key_id: str) -> ApiKey | None:
    """One key by its id (revoked or not), or None."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM api_keys WHERE id = ?", (key_id,)).fetchone()
    return ApiKey.from_row(row) if row is not None else None


def key_by_hash(conn: Connection, key_hash: str) -> ApiKey | None:
    """The live (not revoked) key whose secret has this hash, or None."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", (key_hash,)
    ).fetchone()
    return ApiKey.from_row(row) if row is not None else None


def revoke_key(conn: Connection, key_id: str, at: str) -> None:
    """Mark a key revoked at ``at`` (a key revoked already keeps its first time)."""
    conn.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (at, key_id))
