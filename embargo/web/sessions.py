"""Web UI sessions: an API key exchanged, once, for a random session token kept hashed in the store.

The browser holds the token in an HttpOnly, SameSite=Strict cookie (Secure
over https); the store keeps only its SHA-256 with the key's id, name and
role, an expiry and the session's CSRF token. A session ends when it
expires, when the user signs out, or at once when its API key is revoked
(checked on every request). The table and its SQL are :mod:`embargo.store.sessions`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from embargo.auth import ApiKey, KeyStore, Role, hash_key
from embargo.errors import PermissionDenied, StoreError
from embargo.store import Store
from embargo.store.connection import Connection, DbError
from embargo.store.sessions import delete_expired_sessions, delete_session, find_session, insert_session

__all__ = ["SESSION_HOURS", "Session", "SessionStore"]

#: How long a session lasts after sign-in (a working day).
SESSION_HOURS = 10


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in user: the API key's id, its name (the user) and role, the session's CSRF token,
    and the principal the key acts for (who decides and approves)."""

    key_id: str
    name: str
    role: Role
    csrf: str
    expires_at: str
    principal_id: str | None = None

    @property
    def principal(self) -> str:
        """The principal's id (:class:`PermissionDenied` for a key that acts for none)."""
        if not self.principal_id:
            raise PermissionDenied(f"API key {self.key_id} acts for no principal: sign in with a new key")
        return self.principal_id


class SessionStore:
    """The sessions of one store.

    Args:
        store: the store that keeps the sessions (its migrations make the table).
        keys: the API keys (to sign in, and to end the sessions of a revoked key).
        hours: session lifetime.
    """

    def __init__(self, store: Store, keys: KeyStore, hours: float = SESSION_HOURS) -> None:
        self.store = store
        self.keys = keys
        self.hours = hours

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction: a busy store raises :class:`LockedError`, any other failure :class:`StoreError`."""
        try:
            with self.store.transaction() as conn:
                yield conn
        except DbError as exc:
            raise StoreError(f"cannot update the web sessions in {self.store.name}: {exc}") from exc

    def sign_in(self, secret: str) -> tuple[str, Session] | None:
        """The new session token and session for a live API key, or None for anything else."""
        key = self.keys.verify(secret)
        if key is None:
            return None
        return self.open(key)

    def open(self, key: ApiKey) -> tuple[str, Session]:
        """Start a session for ``key``; returns the token (shown to the browser only) and the session."""
        token = secrets.token_urlsafe(32)
        now = _now()
        session = Session(
            key.id,
            key.name,
            key.role,
            secrets.token_urlsafe(32),
            (now + timedelta(hours=self.hours)).isoformat(),
            key.principal_id,
        )
        with self._writing() as conn:
            delete_expired_sessions(conn, now.isoformat())
            insert_session(
                conn,
                hash_key(token),
                key.id,
                key.name,
                key.role.value,
                session.csrf,
                now.isoformat(),
                session.expires_at,
            )
        return token, session

    def get(self, token: str | None) -> Session | None:
        """The live session of a token, or None (unknown, expired, or its key revoked)."""
        if not token or len(token) > 200:
            return None
        with self.store.reading("web sessions") as conn:
            row = find_session(conn, hash_key(token))
        if row is None:
            return None
        if row.revoked_at is not None or row.expires_at <= _now().isoformat():
            self.close(token)
            return None
        return Session(row.key_id, row.name, Role(row.role), row.csrf, row.expires_at, row.principal_id)

    def close(self, token: str) -> None:
        """End a session (sign-out); unknown tokens are ignored."""
        with self._writing() as conn:
            delete_session(conn, hash_key(token))
