"""CLI commands for the portfolio and ongoing monitoring: ``portfolio load|show|remove``, ``monitor``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.matching import DEFAULT_THRESHOLD
from embargo.monitor import DEFAULT_LIMIT, Monitor, Portfolio

__all__ = ["register"]

portfolio_app = typer.Typer(help="The customers to watch: load, show, remove.", no_args_is_help=True)
ByOption = typer.Option(None, "--by", help="Who does this (for the audit log; default: the OS user).")


@portfolio_app.command("load")
def cmd_load(
    file: Path = typer.Argument(..., help="Customer file, CSV or Parquet: id,name[,birth_date,nationality,...]."),
    partial: bool = typer.Option(False, "--partial", help="Only add and change customers; remove nobody."),
    by: str | None = ByOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Load the portfolio (a full file replaces it: customers not in it are removed)."""
    with guard():
        result = Portfolio(open_store(db)).load(file, partial=partial, actor=by)
        if json:
            print_json(result.to_dict())
        elif result.status == "unchanged":
            out.print("portfolio unchanged: no new version")
        else:
            v = result.version
            assert v is not None
            out.print(
                f"portfolio version {v.id}: {v.customers:,} customers "
                f"({v.added:,} added, {v.changed:,} changed, {v.removed:,} removed)"
            )
        if result.unreadable and not json:
            err.print(
                f"[yellow]{len(result.unreadable):,} customer(s) with unreadable fields[/] "
                "(screened on the rest of their row); first ones:"
            )
            for line in result.unreadable[:5]:
                err.print(f"  {escape(line)}")


@portfolio_app.command("show")
def cmd_show(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """The portfolio's versions."""
    with guard():
        versions = Portfolio(open_store(db)).versions()
        if json:
            print_json([v.to_dict() for v in versions])
            return
        if not versions:
            out.print("no portfolio loaded yet (embargo portfolio load FILE)")
            return
        table = Table("version", "loaded", "by", "mode", "customers", "added", "changed", "removed", "source")
        for v in versions:
            table.add_row(
                str(v.id), v.loaded_at, escape(v.actor), v.mode, f"{v.customers:,}", f"{v.added:,}",
                f"{v.changed:,}", f"{v.removed:,}", escape(v.source),
            )  # fmt: skip
        out.print(table)


@portfolio_app.command("remove")
def cmd_remove(
    ids: list[str] = typer.Argument(..., help="Customer ids to stop watching."),
    by: str | None = ByOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Stop watching some customers."""
    with guard():
        result = Portfolio(open_store(db)).remove(ids, actor=by)
        if json:
            print_json(result.to_dict())
        else:
            out.print(f"removed {len(result.removed)} customer(s)")


def cmd_monitor(
    full: bool = typer.Option(False, "--full", help="Screen every customer, not only what changed."),
    threshold: float = typer.Option(DEFAULT_THRESHOLD, "--threshold", min=0.0, max=1.0),
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", min=1, max=100, help="Ignored: all hits are kept."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Worker processes (default: all cores)."),
    by: str | None = ByOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Screen the portfolio again after `embargo update` (only what changed) and raise alerts for what is new."""
    with guard():
        monitor = Monitor(open_store(db), threshold=threshold, limit=limit, workers=workers)
        with Progress(
            TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
            transient=True,
        ) as bar:  # fmt: skip
            task = bar.add_task("customers", total=None)
            result = monitor.run(
                full=full, actor=by, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        if json:
            print_json(result.to_dict())
            return
        out.print(
            f"run {result.id} ({result.mode}: {escape(result.reason)}): {result.screened:,} customers screened, "
            f"{result.hits:,} hits, [bold]{len(result.alerts):,} new alert(s)[/] in {result.seconds:.1f} s"
        )
        if result.alerts:
            out.print("see them with: embargo alerts --status open")


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.add_typer(portfolio_app, name="portfolio")
    app.command("monitor")(cmd_monitor)
