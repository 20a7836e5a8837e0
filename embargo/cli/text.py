"""``embargo text``: screen every person and organization named in an article."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from embargo.cli.output import DbOption, JsonOption, guard, open_store, print_json
from embargo.errors import EmbargoError
from embargo.extras import require

__all__ = ["register"]

_MARK = {"listed": "LISTED", "ambiguous": "ambiguous", "not_listed": "not listed"}


def _hit_line(hit: dict[str, Any]) -> str:
    """A hit in one line: its name, list and record, score, countries and programmes."""
    from rigour.territories import get_territory

    score = f" {hit['score']:.2f}" if isinstance(hit.get("score"), float) else ""
    countries = [t.name if (t := get_territory(c)) is not None else c for c in hit.get("countries", [])]
    programmes = sorted(
        {f"{d.get('authority', '')} {d.get('program', '')}".strip() for d in hit.get("designations", [])} - {""}
    )
    parts = [f"{hit['caption']} [{hit['list']} {hit['source_id']}]{score}"]
    parts.append(", ".join(countries) or "no country")
    parts.append(", ".join(programmes) or "no programme")
    return " · ".join(parts)


class InputFormat(StrEnum):
    """What the input is: guessed from its first bytes (``auto``), HTML or plain text."""

    AUTO = "auto"
    HTML = "html"
    TEXT = "text"


#: ``screen``'s ``html`` argument for each input format.
_AS_HTML: dict[InputFormat, bool | None] = {InputFormat.AUTO: None, InputFormat.HTML: True, InputFormat.TEXT: False}


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
        input_format: InputFormat = typer.Option(
            InputFormat.AUTO, "--format", help="What the input is: html, text, or auto (guessed from its start)."
        ),
        html_out: Path | None = typer.Option(
            None,
            "--html",
            dir_okay=False,
            help="Also write an annotated report (one self-contained HTML file) to this path.",
        ),
        as_json: bool = JsonOption,
        limit: int = typer.Option(3, "--limit", min=1, help="Hits shown per mention."),
    ) -> None:
        """Find every person and organization an article names and screen each against the lists."""
        with guard():
            require("text", "embargo text")
        from embargo.text import TextScreener
        from embargo.text.annotate import render_html, screened_lists

        raw = _read(source)
        try:
            screener = TextScreener(open_store(db))
            report = screener.screen(raw, html=_AS_HTML[input_format], limit=limit)
        except EmbargoError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from e
        if html_out is not None:
            versions = {index.list_name: index.version_id for index in screener.screener.indexes}
            title = "standard input" if source == "-" else Path(source).name
            origin = "standard input" if source == "-" else source
            document = render_html(report, title=title, source=origin, lists=screened_lists(screener.store, versions))
            try:
                html_out.write_text(document, encoding="utf-8")
            except OSError as e:
                typer.echo(f"error: cannot write {html_out}: {e.strerror}", err=True)
                raise typer.Exit(2) from e
            typer.echo(f"annotated report written to {html_out}", err=True)  # stdout stays the usual output
        if as_json:
            print_json(report.to_dict())
            return
        typer.echo(f"{len(report.mentions)} mentions in {report.words} words (language: {report.language})")
        for r in report.mentions:
            m = r.mention
            name = f" -> {m.resolved}" if m.resolved and m.resolved != m.text else ""
            typer.echo(f"{m.start:>6}-{m.end:<6} {m.kind:<12} {_MARK[r.verdict]:<10} {m.text}{name}")
            if r.verdict != "not_listed" or r.hits:
                typer.echo(f"{'':14}why: {r.reason}")
            for hit in r.hits[:1]:
                typer.echo(f"{'':14}hit: {_hit_line(hit)}")
