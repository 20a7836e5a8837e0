"""``embargo db``: the store's schema migrations (SQLite or PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import typer

from embargo.cli.output import DbOption, JsonOption, guard, out, print_json
from embargo.settings import default_db_path
from embargo.store import Store
from embargo.store.migrate import HEAD, current_revision

__all__ = ["register"]

db_app = typer.Typer(help="The store's schema: which migration it is at, and upgrading it.", no_args_is_help=True)


def _state(store: Store) -> dict[str, str | None]:
    with store.reading("the schema revision") as conn:
        revision = current_revision(conn)
    return {"store": store.name, "dialect": store.dialect, "revision": revision, "head": HEAD}


def _print(state: dict[str, str | None], json: bool) -> None:
    if json:
        print_json(state)
        return
    at = state["revision"] or "none (not under migrations yet)"
    mark = "" if state["revision"] == state["head"] else f" (this embargo needs {state['head']})"
    out.print(f"{state['store']} ({state['dialect']}): schema {at}{mark}")


@db_app.command("current")
def cmd_current(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Print the schema revision of the store, without changing it."""
    with guard():
        _print(_state(Store(db if db is not None else default_db_path(), migrate=False)), json)


@db_app.command("upgrade")
def cmd_upgrade(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Bring the store's schema to this embargo's (opening a store does it too; this does nothing else)."""
    with guard():
        _print(_state(Store(db if db is not None else default_db_path())), json)


def register(app: typer.Typer) -> None:
    """Add ``embargo db`` to the CLI."""
    app.add_typer(db_app, name="db")
