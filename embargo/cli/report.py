"""CLI command ``report``: a period's list updates, screening, alerts and decisions, with charts."""

from __future__ import annotations

from pathlib import Path

import typer

from embargo.cli.output import DbOption, JsonOption, guard, open_store, out, print_json
from embargo.errors import QueryError
from embargo.extras import require
from embargo.report import REPORT_FORMATS, gather, write_report

__all__ = ["register"]


def cmd_report(
    output: Path = typer.Option(..., "--output", "-o", help="report.md (charts as PNG beside it) or report.html."),
    since: str | None = typer.Option(None, "--since", help="Start (ISO date or time; default 30 days ago)."),
    until: str | None = typer.Option(None, "--until", help="End, exclusive (default now)."),
    format: str | None = typer.Option(None, "--format", help="md or html (default: from the file name)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Summarise a period for a compliance officer (Markdown or HTML, with charts)."""
    with guard():
        require("report", "embargo report")  # its charts (every format has them) are drawn by matplotlib
        fmt = format or output.suffix.lstrip(".").lower()
        if fmt not in REPORT_FORMATS:
            raise QueryError(f"cannot tell the format of {output}: give --format ({', '.join(REPORT_FORMATS)})")
        report = gather(open_store(db), since, until)
        files = write_report(report, output, fmt)
        if json:
            print_json({**report.to_dict(), "files": [str(f) for f in files]})
        else:
            out.print(f"report for {report.since} to {report.until} written to {', '.join(map(str, files))}")


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("report")(cmd_report)
