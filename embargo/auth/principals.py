"""Principals: the people and services that act on a store, each with a stable id.

Every decision, approval and rejection names a principal, not a display name
typed at a prompt. A principal is made with its first API key (``embargo keys
create --name``), or as a *local* principal for the command line (``embargo
principals add NAME --role review``), and keeps its id (``usr_1a2b3c4d``) for
good: a second key for the same person is made with ``--principal ID``.

Names are compared through :func:`name_key`: Unicode-normalised (NFKC),
stripped of invisible characters (zero-width spaces, joiners, direction
marks), transliterated to Latin letters, case-folded and with punctuation
and spaces collapsed, so ``A-analyst``, ``a\u200b-analyst``, ``Ａ-Analyst`` and
``А-analyst`` (Cyrillic A) are one name. Two principals may not share a name
key (a ``UNIQUE`` column on SQLite and PostgreSQL alike), so a second person
cannot be created under a name that reads as someone else's, and four-eyes,
which compares principal ids, cannot be passed by spelling a name twice.

Where a principal acts:

- API calls and the web UI: the principal of the API key used (the UI signs in with a key);
- the command line: a key (``--key`` or ``EMBARGO_API_KEY``), or a local
  principal named with ``--by`` or ``EMBARGO_PRINCIPAL``; a name that is no
  principal is refused, never recorded as typed.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from normality import ascii_text

from embargo.auth.roles import Role, role_allows
from embargo.errors import NotFoundError, PermissionDenied, QueryError
from embargo.store.connection import Connection, IntegrityError

__all__ = [
    "LOCAL_ROLES",
    "Principal",
    "add_principal",
    "find_principal",
    "get_principal",
    "list_principals",
    "name_key",
    "principal_for_key",
    "require_role",
    "resolve_principal",
]

#: Roles a local principal may be given (``admin`` acts through keys and the store's own tools).
LOCAL_ROLES = (Role.REVIEW, Role.APPROVE, Role.ADMIN)

#: Longest principal name, in characters.
MAX_NAME = 200

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """The form two names are compared in: equal keys are the same name.

    >>> name_key("A-analyst") == name_key("a\u200b-Analyst") == name_key("Ａ analyst")
    True
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Mn"))
    latin = ascii_text(text) or text
    folded = _NOT_WORD.sub(" ", latin.casefold()).strip()
    return folded or text.casefold().strip()


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Principal:
    """Someone (or a service) who acts on the store.

    Attributes:
        id: stable id (``usr_...``), what four-eyes compares and the audit log keeps.
        name: the name shown beside their work.
        local_role: the role they have on the command line without a key (None: keys only).
        created_at: when the principal was made.
    """

    id: str
    name: str
    local_role: Role | None = None
    created_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "id": self.id,
            "name": self.name,
            "local_role": self.local_role.value if self.local_role else None,
            "created_at": self.created_at,
        }


def _from_row(row: Any) -> Principal:
    role = row["local_role"]
    return Principal(str(row["id"]), str(row["name"]), Role(role) if role else None, str(row["created_at"]))


def _check_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name).strip()
    if not name or not name_key(name):
        raise QueryError("a principal needs a name")
    if len(name) > MAX_NAME:
        raise QueryError(f"a principal's name has at most {MAX_NAME} characters, not {len(name):,}")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise QueryError(f"the name {name!r} holds invisible or control characters")
    return name


def find_principal(conn: Connection, who: str) -> Principal | None:
    """The principal with this id, or whose name reads as ``who`` (see :func:`name_key`), or None."""
    row = conn.execute("SELECT * FROM principals WHERE id = ?", (who.strip(),)).fetchone()
    if row is None:
        row = conn.execute("SELECT * FROM principals WHERE name_key = ?", (name_key(who),)).fetchone()
    return _from_row(row) if row is not None else None


def get_principal(conn: Connection, principal_id: str) -> Principal:
    """One principal by id (:class:`NotFoundError` when there is none)."""
    row = conn.execute("SELECT * FROM principals WHERE id = ?", (principal_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no principal {principal_id!r} (see: embargo principals list)")
    return _from_row(row)


def list_principals(conn: Connection) -> list[Principal]:
    """Every principal, oldest first."""
    return [_from_row(r) for r in conn.execute("SELECT * FROM principals ORDER BY created_at, id")]


def add_principal(conn: Connection, name: str, local_role: Role | None = None) -> Principal:
    """Make a principal on ``conn`` (inside the caller's write transaction).

    Raises:
        QueryError: no name, a name with invisible characters, a role a local
            principal cannot have, or a name that reads as an existing principal's.
    """
    name = _check_name(name)
    if local_role is not None and Role(local_role) not in LOCAL_ROLES:
        raise QueryError(f"a local principal acts with review, approve or admin, not {local_role}")
    existing = find_principal(conn, name)
    if existing is not None and existing.id != name:
        raise QueryError(
            f"a principal named {existing.name!r} ({existing.id}) exists, and {name!r} reads as the same name: "
            "two principals may not share one"
        )
    made = Principal("usr_" + secrets.token_hex(4), name, Role(local_role) if local_role else None, _now())
    try:
        conn.execute(
            "INSERT INTO principals (id, name, name_key, local_role, created_at) VALUES (?, ?, ?, ?, ?)",
            (
                made.id,
                made.name,
                name_key(made.name),
                made.local_role.value if made.local_role else None,
                made.created_at,
            ),
        )
    except IntegrityError as exc:
        raise QueryError(f"a principal whose name reads as {name!r} exists: two principals may not share one") from exc
    return made


def principal_for_key(conn: Connection, key_id: str) -> Principal:
    """The principal an API key acts for."""
    row = conn.execute(
        "SELECT p.* FROM principals p JOIN api_keys k ON k.principal_id = p.id WHERE k.id = ?", (key_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"API key {key_id} acts for no principal")
    return _from_row(row)


def resolve_principal(conn: Connection, who: Principal | str) -> Principal:
    """The stored principal a caller names: a :class:`Principal` is checked to exist, a text is looked up.

    Raises:
        PermissionDenied: nobody of that id or name is a principal of this store (a
            free-text name is never recorded as typed).
    """
    if isinstance(who, Principal):
        row = conn.execute("SELECT * FROM principals WHERE id = ?", (who.id,)).fetchone()
        if row is None:
            raise PermissionDenied(f"principal {who.id} ({who.name}) is not known to this store")
        return _from_row(row)
    if not who.strip():
        raise PermissionDenied("no principal named: who acts must be a principal of the store (a local one or a key's)")
    found = find_principal(conn, who)
    if found is None:
        raise PermissionDenied(f"{who.strip()!r} is no principal of this store (see: embargo principals list)")
    return found


def require_role(principal: Principal, have: Role | None, need: Role) -> None:
    """Refuse (:class:`PermissionDenied`) a principal acting with role ``have`` where ``need`` is needed."""
    if have is None or not role_allows(have, need):
        shown = have.value if have is not None else "no role"
        raise PermissionDenied(f"{principal.name} ({principal.id}) acts with {shown}; this needs the {need.value} role")
