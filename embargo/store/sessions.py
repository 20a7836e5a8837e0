"""The web UI's sessions (table ``ui_sessions``, made by the store's migrations).

A session is kept as the SHA-256 of its token with the API key's id, name and
role, its CSRF token and its expiry; :mod:`embargo.web.sessions` decides what
they mean. The writes run inside the caller's :meth:`~embargo.store.Store.transaction`,
the reads on a connection of :meth:`~embargo.store.Store.reading`.
"""

from __future__ import annotations

from dataclasses import dataclass

from embargo.store.connection import Connection

__all__ = ["StoredSession", "delete_expired_sessions", "delete_session", "find_session", "insert_session"]


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A session's row, with what its API key says now.

    Attributes:
        key_id: the API key the session was opened with.
        name: the key's name (the user).
        role: the key's role when the session was opened.
        csrf: the session's CSRF token.
        expires_at: when it ends (UTC, ISO).
        revoked_at: when its key was revoked (None: it is live).
        principal_id: the principal the key acts for.
    """

    key_id: str
    name: str
    role: str
    csrf: str
    expires_at: str
    revoked_at: str | None
    principal_id: str | None


def insert_session(
    conn: Connection, token_hash: str, key_id: str, name: str, role: str, csrf: str, created_at: str, expires_at: str
) -> None:
    """Keep a new session."""
    conn.execute(
        "INSERT INTO ui_sessions (token_hash, key_id, name, role, csrf, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (token_hash, key_id, name, role, csrf, created_at, expires_at),
    )


def delete_expired_sessions(conn: Connection, now: str) -> None:
    """Forget the sessions that expired before ``now`` (UTC, ISO)."""
    conn.execute("DELETE FROM ui_sessions WHERE expires_at < ?", (now,))


def delete_session(conn: Connection, token_hash: str) -> None:
    """Forget one session (unknown hashes are ignored)."""
    conn.execute("DELETE FROM ui_sessions WHERE token_hash = ?", (token_hash,))


def find_session(conn: Connection, token_hash: str) -> StoredSession | None:
    """The session whose token has this hash, with its key's revocation and principal, or None."""
    row = conn.execute(
        "SELECT s.key_id, s.name, s.role, s.csrf, s.expires_at, k.revoked_at, k.principal_id FROM ui_sessions s "
        "JOIN api_keys k ON k.id = s.key_id WHERE s.token_hash = ?",
        (token_hash,),
    ).fetchone()
    if row is None:
        return None
    return StoredSession(
        row["key_id"], row["name"], row["role"], row["csrf"], row["expires_at"], row["revoked_at"], row["principal_id"]
    )
