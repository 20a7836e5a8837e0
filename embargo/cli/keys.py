"""``embargo keys``: create, list and revoke API keys."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from embargo.auth import KeyStore, Role
from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json

__all__ = ["register"]

keys_app = typer.Typer(help="API keys for `embargo serve`: create, list, revoke.", no_args_is_help=True)


@keys_app.command("create")
def cmd_create(
    role: Role = typer.Option(
        ..., "--role", help="screen (match, search), review (alerts), approve (four-eyes), admin (everything)."
    ),
    name: str = typer.Option("", "--name", help="Who or what the key is for: a new principal of that name."),
    principal: str | None = typer.Option(
        None, "--principal", help="Give an existing principal (id or name) another key, instead of --name."
    ),
    rate: int | None = typer.Option(None, "--rate", min=0, help="Its own calls per minute (0: no limit)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Create a key and print it once: it is stored hashed and cannot be shown again."""
    with guard():
        key, secret = KeyStore(open_store(db)).create(role, name, rate, principal=principal)
        if json:
            print_json({**key.to_dict(), "key": secret})
            return
        out.print(secret)
        err.print(
            f"created {key.id} ({key.role.value}, {key.name}, principal {key.principal_id}); "
            "this is the only time the key is shown"
        )


@keys_app.command("list")
def cmd_list(
    all: bool = typer.Option(False, "--all", help="Include revoked keys."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """List keys (their ids, names, roles; never the keys)."""
    with guard():
        keys = KeyStore(open_store(db)).list(include_revoked=all)
        if json:
            print_json([k.to_dict() for k in keys])
            return
        if not keys:
            out.print("No API keys. Create one: embargo keys create --role screen --name NAME")
            return
        table = Table("id", "name", "role", "starts with", "rate/min", "created", "revoked")
        for k in keys:
            table.add_row(
                k.id,
                k.name,
                k.role.value,
                k.hint + "…",
                str(k.rate_per_minute or "default"),
                k.created_at,
                k.revoked_at or "",
            )
        out.print(table)


@keys_app.command("revoke")
def cmd_revoke(
    key_id: str = typer.Argument(..., help="The key's id (from `embargo keys list`)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Revoke a key: it stops working at once."""
    with guard():
        key = KeyStore(open_store(db)).revoke(key_id)
        if json:
            print_json(key.to_dict())
        else:
            out.print(f"revoked {key.id} ({key.name}) at {key.revoked_at}")


def register(app: typer.Typer) -> None:
    """Add the ``keys`` command group to the app."""
    app.add_typer(keys_app, name="keys")
