"""Principals: the people and services that act on a store, each with a stable id.

Every decision, approval and rejection names a principal, not a display name
typed at a prompt. A principal is made with its first API key (``embargo keys
create --name``), or as a *local* principal for the command line (``embargo
principals add NAME --role review``), and keeps its id (``usr_1a2b3c4d``) for
good: a second key for the same person is made with ``--principal ID``.

Names are compared through :func:`name_key` (kept with the table, in
:mod:`embargo.store.principals`, and re-exported here): Unicode-normalised (NFKC),
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

import secrets
import unicodedata
from datetime import UTC, datetime

from embargo.auth.roles import Role, role_allows
from embargo.errors import NotFoundError, PermissionDenied, QueryError
from embargo.store.connection import Connection, IntegrityError
from embargo.store.principals import (
    Principal,
    all_principals,
    insert_principal,
    name_key,
    principal_by_id,
    principal_by_name_key,
    principal_of_key,
)

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


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


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
    found = principal_by_id(conn, who.strip())
    if found is None:
        found = principal_by_name_key(conn, name_key(who))
    return found


def get_principal(conn: Connection, principal_id: str) -> Principal:
    """One principal by id (:class:`NotFoundError` when there is none)."""
    found = principal_by_id(conn, principal_id)
    if found is None:
        raise NotFoundError(f"no principal {principal_id!r} (see: embargo principals list)")
    return found


def list_principals(conn: Connection) -> list[Principal]:
    """Every principal, oldest first."""
    return all_principals(conn)


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
        insert_principal(conn, made)
    except IntegrityError as exc:
        raise QueryError(f"a principal whose name reads as {name!r} exists: two principals may not share one") from exc
    return made


def principal_for_key(conn: Connection, key_id: str) -> Principal:
    """The principal an API key acts for."""
    found = principal_of_key(conn, key_id)
    if found is None:
        raise NotFoundError(f"API key {key_id} acts for no principal")
    return found


def resolve_principal(conn: Connection, who: Principal | str) -> Principal:
    """The stored principal a caller names: a :class:`Principal` is checked to exist, a text is looked up.

    Raises:
        PermissionDenied: nobody of that id or name is a principal of this store (a
            free-text name is never recorded as typed).
    """
    if isinstance(who, Principal):
        stored = principal_by_id(conn, who.id)
        if stored is None:
            raise PermissionDenied(f"principal {who.id} ({who.name}) is not known to this store")
        return stored
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
