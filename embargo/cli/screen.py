"""``embargo screen``: one party from the command line, or a customer file in batch."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.engines import Engine as BatchEngine
from embargo.engines import engine as make_engine
from embargo.errors import ModelError, QueryError
from embargo.matching import DEFAULT_THRESHOLD, Query, compatible_schemata, read_query
from embargo.model import MEASURES
from embargo.model.measures import has_measures, parse_measures
from embargo.screening import BatchSummary, Hit, Screener
from embargo.screening.mapping import FIELDS, parse_mapping
from embargo.screening.owned import OWNERSHIP_LIST
from embargo.screening.writers import WRITERS, writer_for
from embargo.store import Store

__all__ = ["Engine", "register"]


class Engine(StrEnum):
    """Where a customer file is screened: the names of :data:`embargo.engines.ENGINES`."""

    local = "local"
    spark = "spark"


def _designations(screener: Screener, hit: Hit) -> list[dict[str, Any]]:
    return [d.to_dict() for d in screener.designations(hit)]


def _screen_batch(
    chosen: BatchEngine,
    store: Store,
    input: str,
    output: str,
    threshold: float,
    limit: int,
    all_rows: bool,
    mapping: dict[str, str],
) -> BatchSummary:
    """Screen a customer file on the engine chosen; the local engine shows a progress bar."""
    if chosen.name != "local":
        return chosen.screen_file(
            store, input, output, threshold=threshold, limit=limit, all_rows=all_rows, mapping=mapping
        )
    with Progress(
        TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err
    ) as bar:
        task = bar.add_task("rows", total=None)
        return chosen.screen_file(
            store,
            input,
            output,
            threshold=threshold,
            limit=limit,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            all_rows=all_rows,
            mapping=mapping,
        )


def _print_hits(query: Query, hits: list[Hit], screener: Screener, explain: bool, threshold: float) -> None:
    if not hits:
        out.print(f"No hits for {escape(', '.join(query.names))} at threshold {threshold}.")
        return
    table = Table("score", "listed entity", "matched name", "lists", "programs and measures", "record ids")
    for h in hits:
        des = _designations(screener, h)
        programs = "; ".join(
            f"{d.get('program') or d['list']} ({', '.join(MEASURES.get(m, m) for m in d.get('measures', []))})"
            for d in des
        )
        if h.ownership and h.kind != OWNERSHIP_LIST:  # a listed party also blocked by ownership under another rule
            owned = "; ".join(
                f"{v['status']} by ownership ({v['rule']} rule, {v['share']['text']})" for v in h.ownership
            )
            programs = "; ".join(p for p in (programs, owned) if p)
        # a party of several lists' entities (embargo.parties): every list and its record id
        lists = list(dict.fromkeys([h.list_name, *(str(d["list"]) for d in des)]))
        records = list(dict.fromkeys([h.source_id, *(str(d["source_id"]) for d in des if d.get("source_id"))]))
        table.add_row(
            f"{h.score:.2f}",
            escape(h.caption),
            escape(h.matched_name),
            "\n".join(lists),
            escape(programs),
            escape("\n".join(records)),
        )
    out.print(table)
    for h in hits:
        if h.ownership:  # the chain is the reason: shown without --explain
            out.print(f"[bold]{escape(h.caption)}[/] ({h.entity_id}):")
            for line in h.ownership_lines():
                out.print(f"  {escape(line)}")
    if explain:
        for h in hits:
            out.print(f"[bold]{h.score:.2f} {escape(h.caption)}[/] ({h.entity_id})")
            for part in h.explanation():
                out.print(f"  {part['feature']}: {part['score']:+.3f}  {escape(part['detail'])}")
                for t in part.get("tokens", []):
                    pair = f"{escape(t.get('query', '—'))} ~ {escape(t.get('listed', '—'))}"
                    out.print(f"      {pair}: {t['similarity']:.2f} ({_REASONS.get(t['reason'], t['reason'])})")


#: Token reasons in words, where the code's own word is not one a reader knows.
_REASONS = {"missing": "not in the listed name", "extra": "not in the query"}


def cmd_screen(
    name: str | None = typer.Argument(None, help="The name to screen (any script)."),
    dob: list[str] | None = typer.Option(None, "--dob", help="Birth date (repeatable): 1954, 1954-08-30, 30/08/1954."),
    nationality: list[str] | None = typer.Option(None, "--nationality", help="Nationality, name or code (repeatable)."),
    country: list[str] | None = typer.Option(None, "--country", help="Country of residence/registration (repeatable)."),
    id_number: list[str] | None = typer.Option(None, "--id-number", help="Passport, national id, IMO... (repeatable)."),
    schema: str | None = typer.Option(
        None,
        "--schema",
        help="Person, Organization, Company, LegalEntity, Vessel, Airplane (default: a NAME is screened as each).",
    ),
    threshold: float = typer.Option(DEFAULT_THRESHOLD, "--threshold", min=0.0, max=1.0),
    limit: int = typer.Option(10, "--limit", min=1, max=500),
    measure: list[str] | None = typer.Option(
        None, "--measure", help="Only entities designated with this measure (repeatable): asset_freeze, travel_ban..."
    ),
    explain: bool = typer.Option(False, "--explain", help="Show how each score was made."),
    input: str | None = typer.Option(None, "--input", "-i", help="Customer file (CSV or Parquet) to screen in batch."),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Where batch hits go; the extension picks the format: .jsonl, .csv, .xlsx, .parquet.",
    ),
    all_rows: bool = typer.Option(
        False, "--all-rows", help="Batch: a row for every customer, status 'hit', 'no hit' or 'error'."
    ),
    mapping: list[str] | None = typer.Option(
        None,
        "--map",
        help="Batch: input columns to fields, COLUMN=FIELD[,...] (e.g. full_name=name,dob=birth_date); "
        f"fields: {', '.join(FIELDS)}.",
    ),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Worker processes (default: all cores)."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="Batch engine: local, or spark (embargo[spark])."),
    spark_master: str | None = typer.Option(
        None, "--spark-master", envvar="SPARK_MASTER", help="Spark master URL (default: local[*])."
    ),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Screen a name (or a customer file with --input) against every current list."""
    with guard():
        store = open_store(db)
        if input is not None:
            if output is None:
                raise QueryError(f"--input needs --output (a {', '.join(WRITERS)} file)")
            writer_for(output)  # an unknown format is refused before anything is read or screened
            columns = parse_mapping(mapping)
            chosen = make_engine(engine.value, workers=workers, master=spark_master)
            summary = _screen_batch(chosen, store, input, output, threshold, limit, all_rows, columns)
            if json:
                print_json(summary.to_dict())
            else:
                out.print(
                    f"{summary.screened:,} of {summary.rows:,} rows screened in {summary.seconds:.1f} s "
                    f"({summary.rows_per_second:,.0f} rows/s), {len(summary.flagged):,} with unreadable fields: "
                    f"{summary.hits:,} hits on {summary.rows_with_hits:,} rows; "
                    f"{summary.written:,} records written to {output}"
                )
                if summary.flagged:
                    err.print(
                        f"[yellow]{len(summary.flagged):,} row(s) screened without values that could not be read[/] "
                        "(flagged `unreadable` in their hits); first ones:"
                    )
                    for line in summary.flag_lines()[:5]:
                        err.print(f"  {escape(line)}")
                if summary.errors:
                    err.print(f"[bold red]{len(summary.errors):,} row(s) could not be screened at all[/]; first ones:")
                    for e in summary.errors[:5]:
                        err.print(f"  {escape(e)}")
            if summary.errors:
                raise typer.Exit(1)  # a customer not screened must not pass unnoticed
            return
        if not name:
            raise QueryError("give a NAME to screen, or --input FILE")
        if schema:
            compatible_schemata(schema)  # an option the user typed: refused, not read as "any party"
        try:
            wanted = parse_measures(measure or [])
        except ModelError as exc:
            raise QueryError(f"--measure: {exc}") from exc
        screener = Screener.open(store)
        read = read_query(
            names=[name],
            schema=schema or None,  # none given: screened as every kind of party
            birth_dates=dob or [],
            nationalities=nationality or [],
            countries=country or [],
            id_numbers=id_number or [],
        )
        query, unreadable = read.query, read.unreadable
        hits = screener.screen(
            query,
            threshold=threshold,
            limit=limit,
            keep=(lambda h: has_measures(screener.designations(h), wanted)) if wanted else None,
        )
        if json:
            print_json(
                {
                    "query": {"names": list(query.names), "schema": schema or "any"},
                    "threshold": threshold,
                    "unreadable": [u.to_dict() for u in unreadable],
                    "hits": [{**h.to_dict(), "designations": _designations(screener, h)} for h in hits],
                }
            )
        else:
            for u in unreadable:
                err.print(
                    f"[yellow]{escape(u.field)} {escape(repr(u.value))} could not be read ({escape(u.reason)})[/]: "
                    "screened without it"
                )
            _print_hits(query, hits, screener, explain, threshold)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("screen")(cmd_screen)
