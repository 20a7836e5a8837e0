"""``embargo principals`` and ``embargo four-eyes``, and who the command line acts as.

The CLI works on the store directly, so it cannot sign anyone in. It acts as a
principal of the store: one whose API key it is given (``--key``, or
``EMBARGO_API_KEY``), or a *local* principal named with ``--by`` (or
``EMBARGO_PRINCIPAL``), made beforehand with ``embargo principals add NAME
--role ROLE``. A name that is no principal is refused, never recorded as
typed; and the principal must have the role the command needs, as in the API.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from embargo.auth import KeyStore, Role
from embargo.auth.principals import (
    LOCAL_ROLES,
    Principal,
    add_principal,
    find_principal,
    list_principals,
    principal_for_key,
    require_role,
)
from embargo.cli.output import DbOption, JsonOption, guard, open_store, out, print_json
from embargo.errors import PermissionDenied, QueryError
from embargo.monitor.four_eyes import FourEyes, current_policy, set_policy
from embargo.store import Store

__all__ = ["ByOption", "KeyOption", "acting", "register"]

ByOption = typer.Option(
    None,
    "--by",
    envvar="EMBARGO_PRINCIPAL",
    help="The local principal acting (its name or id; see `embargo principals list`).",
)
KeyOption = typer.Option(
    None, "--key", envvar="EMBARGO_API_KEY", help="Act as this API key's principal, with its role (instead of --by)."
)


def acting(store: Store, by: str | None, key: str | None, need: Role) -> Principal:
    """The principal a command acts as, checked to have the role ``need``.

    Raises:
        PermissionDenied: neither a live key nor a local principal is given, or its role is too low.
    """
    if key:
        found = KeyStore(store).verify(key)
        if found is None:
            raise PermissionDenied("the key given (--key / EMBARGO_API_KEY) is not a live key of this store")
        with store.reading() as conn:
            principal = principal_for_key(conn, found.id)
        require_role(principal, found.role, need)
        return principal
    if not by or not by.strip():
        raise PermissionDenied(
            "say who acts: --by NAME (a local principal: embargo principals add) or --key (EMBARGO_API_KEY)"
        )
    with store.reading() as conn:
        named = find_principal(conn, by)
    if named is None:
        raise PermissionDenied(f"{by.strip()!r} is no principal of this store (see: embargo principals list)")
    principal = named
    if principal.local_role is None:
        raise PermissionDenied(f"{principal.name} ({principal.id}) acts through API keys only: give --key")
    require_role(principal, principal.local_role, need)
    return principal


principals_app = typer.Typer(help="Who may act on the store: principals and their local roles.", no_args_is_help=True)


@principals_app.command("add")
def cmd_add(
    name: str = typer.Argument(..., help="The person's (or service's) name; no other principal may have it."),
    role: Role = typer.Option(..., "--role", help="What they may do on the command line: review, approve or admin."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Make a local principal: someone who decides or approves on the command line with --by."""
    with guard():
        if role not in LOCAL_ROLES:
            raise QueryError("a local principal acts with review, approve or admin (screening needs no principal)")
        with open_store(db).transaction() as conn:
            made = add_principal(conn, name, role)
        if json:
            print_json(made.to_dict())
        else:
            out.print(f"added {made.id} ({escape(made.name)}, {role.value})")


@principals_app.command("list")
def cmd_list(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Every principal: id, name, the role they have on the command line (keys list their API roles)."""
    with guard():
        with open_store(db).reading() as conn:
            found = list_principals(conn)
        if json:
            print_json([p.to_dict() for p in found])
            return
        table = Table("id", "name", "local role", "created")
        for p in found:
            table.add_row(p.id, escape(p.name), p.local_role.value if p.local_role else "(keys only)", p.created_at)
        out.print(table)


four_eyes_app = typer.Typer(help="Four-eyes: which decisions wait for a second principal.", no_args_is_help=True)


def _show(policy: FourEyes, json: bool) -> None:
    if json:
        print_json(policy.to_dict())
    elif policy.enabled:
        out.print(f"four-eyes on: true matches, and false positives scored {policy.min_score} or more, wait")
    else:
        out.print("four-eyes off: every decision is recorded at once")


def _switch(on: bool, score: float | None, by: str | None, key: str | None, db: Path | None, json: bool) -> None:
    """Store the policy on or off, as an admin principal (the score kept when none is given)."""
    with guard():
        store = open_store(db)
        who = acting(store, by, key, Role.ADMIN)
        kept = current_policy(store).min_score if score is None else score
        _show(set_policy(store, FourEyes(on, kept), who), json)


@four_eyes_app.command("show")
def cmd_show(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """The store's four-eyes policy."""
    with guard():
        _show(current_policy(open_store(db)), json)


@four_eyes_app.command("on")
def cmd_on(
    score: float = typer.Option(0.9, "--score", min=0.0, max=1.0, help="False positives scored this or more wait."),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Turn four-eyes on for every process that writes to this store (needs an admin; audited)."""
    _switch(True, score, by, key, db, json)


@four_eyes_app.command("off")
def cmd_off(
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Turn four-eyes off (needs an admin; audited)."""
    _switch(False, None, by, key, db, json)


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.add_typer(principals_app, name="principals")
    app.add_typer(four_eyes_app, name="four-eyes")
