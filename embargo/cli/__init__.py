"""The ``embargo`` command line (typer, rich output, ``--json`` for scripts)."""

from __future__ import annotations

import typer

from embargo import __version__
from embargo.cli import (
    alerts,
    audit,
    cases,
    db,
    entities,
    keys,
    lists,
    ownership,
    parties,
    payments,
    portfolio,
    principals,
    report,
    screen,
    serve,
    text,
)

__all__ = ["app", "main"]

app = typer.Typer(
    name="embargo",
    help="Sanctions lists: ingest every official list, keep versions, see what changed, screen names.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lists.register(app)
entities.register(app)
parties.register(app)
ownership.register(app)
screen.register(app)
serve.register(app)
keys.register(app)
principals.register(app)
portfolio.register(app)
alerts.register(app)
cases.register(app)
audit.register(app)
report.register(app)
text.register(app)
payments.register(app)
db.register(app)


@app.callback(invoke_without_command=True)
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        typer.echo(f"embargo {__version__}")
        raise typer.Exit(0)


def main() -> None:
    """Entry point of the ``embargo`` script."""
    app()
