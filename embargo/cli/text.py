"""``embargo text``: screen every person and organization named in an article."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from embargo.cli.output import DbOption, JsonOption, guard, open_store, print_json
from embargo.errors import EmbargoError
from embargo.extras import require

__all__ = ["register"]

_MARK = {"listed": "LISTED", "ambiguous": "ambiguous", "not_listed": "not listed"}


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise typer.BadParameter(f"cannot read {path}: {e.strerror}") from e
    return data.decode("utf-8", errors="replace")


def register(app: typer.Typer) -> None:
    """Add the ``text`` command to ``app``."""

    @app.command("text")
    def text_cmd(
        source: str = typer.Argument(..., help="A text file, an HTML file or saved web page, or - for stdin."),
        db: Path | None = DbOption,
        html: bool | None = typer.Option(None, "--html/--plain", help="Say what the input is (guessed otherwise)."),
        as_json: bool = JsonOption,
        limit: int = typer.Option(3, "--limit", min=1, help="Hits shown per mention."),
    ) -> None:
        """Find every person and organization an article names and screen each against the lists."""
        with guard():
            require("text", "embargo text")
        from embargo.text import TextScreener

        raw = _read(source)
        try:
            report = TextScreener(open_store(db)).screen(raw, html=html, limit=limit)
        except EmbargoError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from e
        if as_json:
            print_json(report.to_dict())
            return
        typer.echo(f"{len(report.mentions)} mentions in {report.words} words (language: {report.language})")
        for r in report.mentions:
            m = r.mention
            name = f" -> {m.resolved}" if m.resolved and m.resolved != m.text else ""
            best = f"  {r.hits[0]['caption']} [{r.hits[0]['list']}] {r.hits[0]['score']:.2f}" if r.hits else ""
            typer.echo(f"{m.start:>6}-{m.end:<6} {m.kind:<12} {_MARK[r.verdict]:<10} {m.text}{name}{best}")
