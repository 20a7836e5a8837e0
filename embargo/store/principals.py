"""The ``principals`` table: who acts on the store, each with a stable id and a unique name key.

The rules (who may be made, who is refused, what a role allows) live in
:mod:`embargo.auth.principals`; this module reads and writes the rows. The
``name_key`` column holds :func:`name_key` of the name, ``UNIQUE`` on both
backends, so two principals can never share a name that reads the same
(the migration that made the table fills it with this same function).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from normality import ascii_text

from embargo.store.connection import Connection
from embargo.store.roles import Role
from embargo.store.rows import Record, column

__all__ = [
    "Principal",
    "all_principals",
    "insert_principal",
    "name_key",
    "principal_by_id",
    "principal_by_name_key",
    "principal_of_key",
]

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """The form two names are compared in: equal keys are the same name.

    Unicode-normalised (NFKC), stripped of invisible characters (zero-width
    spaces, joiners, direction marks) and combining marks, transliterated to
    Latin letters, case-folded and with punctuation and spaces collapsed.

    >>> name_key("A-analyst") == name_key("a\u200b-Analyst") == name_key("Ａ analyst")
    True
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Mn"))
    latin = ascii_text(text) or text
    folded = _NOT_WORD.sub(" ", latin.casefold()).strip()
    return folded or text.casefold().strip()


def _role_value(role: Role) -> str:
    return role.value


@dataclass(frozen=True, slots=True)
class Principal(Record):
    """Someone (or a service) who acts on the store.

    Attributes:
        id: stable id (``usr_...``), what four-eyes compares and the audit log keeps.
        name: the name shown beside their work.
        local_role: the role they have on the command line without a key (None: keys only).
        created_at: when the principal was made.
    """

    id: str = field(metadata=column(load=str))
    name: str = field(metadata=column(load=str))
    local_role: Role | None = field(default=None, metadata=column(load=Role, dump=_role_value))
    created_at: str = field(default="", metadata=column(load=str))


def _one(conn: Connection, sql: str, params: tuple[object, ...]) -> Principal | None:
    row = conn.execute(sql, params).fetchone()
    return Principal.from_row(row) if row is not None else None


def principal_by_id(conn: Connection, principal_id: str) -> Principal | None:
    """The principal with this id, or None."""
    return _one(conn, "SELECT * FROM principals WHERE id = ?", (principal_id,))


def principal_by_name_key(conn: Connection, key: str) -> Principal | None:
    """The principal whose name key is ``key`` (see :func:`name_key`), or None."""
    return _one(conn, "SELECT * FROM principals WHERE name_key = ?", (key,))


def principal_of_key(conn: Connection, key_id: str) -> Principal | None:
    """The principal an API key acts for, or None (no such key, or a key of no principal)."""
    return _one(conn, "SELECT p.* FROM principals p JOIN api_keys k ON k.principal_id = p.id WHERE k.id = ?", (key_id,))


def all_principals(conn: Connection) -> list[Principal]:
    """Every principal, oldest first."""
    return [Principal.from_row(r) for r in conn.execute("SELECT * FROM principals ORDER BY created_at, id")]


def insert_principal(conn: Connection, principal: Principal) -> None:
    """Store a new principal, its name key made from its name.

    Raises:
        IntegrityError: (:data:`embargo.store.connection.IntegrityError`) its id or name key is taken.
    """
    conn.execute(
        "INSERT INTO principals (id, name, name_key, local_role, created_at) VALUES (?, ?, ?, ?, ?)",
        (
            principal.id,
            principal.name,
            name_key(principal.name),
            principal.local_role.value if principal.local_role else None,
            principal.created_at,
        ),
    )
