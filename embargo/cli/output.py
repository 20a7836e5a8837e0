"""Shared CLI plumbing: consoles, the store option, errors as one line, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from embargo.errors import EmbargoError
from embargo.settings import default_db_path
from embargo.store import Store

__all__ = ["DbOption", "JsonOption", "err", "guard", "open_store", "out", "print_json"]

# Wide enough for the tables when output goes to a file or a pipe (rich assumes 80 columns there).
out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 160)

DbOption = typer.Option(None, "--db", envvar="EMBARGO_DB", help="Store file (default: user data dir).")
JsonOption = typer.Option(False, "--json", help="Print JSON for scripts instead of tables.")


def open_store(db: Path | None) -> Store:
    """The store at ``db`` or the default place."""
    return Store(db if db is not None else default_db_path())


def print_json(data: Any) -> None:
    """Write JSON to stdout (never wrapped or colored)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


@contextmanager
def guard() -> Iterator[None]:
    """Turn embargo's own errors into one red line and exit code 1."""
    try:
        yield
    except EmbargoError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
