"""CLI commands about entities: show, export."""

from __future__ import annotations

import json as jsonlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import typer
from rich.markup import escape
from rich.table import Table

from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.errors import NotFoundError, QueryError
from embargo.model import MEASURES, Entity
from embargo.store import EntityRecord, View

__all__ = ["register"]


def _print_record(rec: EntityRecord) -> None:
    e = rec.entity
    state = "listed" if rec.current else f"[red]no longer on the list[/] (last in version {rec.version.seq})"
    out.print(f"[bold]{escape(e.caption)}[/]  [dim]{e.schema} · {e.id}[/]")
    out.print(
        f"list {e.list_name} · record id {escape(e.source_id or '-')} · version {rec.version.seq} "
        f"· {state} · first seen {rec.first_seen}"
    )
    names = Table("name", "kind", "language", title="Names", title_justify="left")
    for prop, value in e.names():
        names.add_row(escape(value), prop, e.name_languages.get(value, ""))
    out.print(names)
    props = Table("property", "values", title="Details", title_justify="left", show_lines=False)
    for prop, values in sorted(e.properties.items()):
        if prop in ("name", "alias", "weakAlias", "previousName"):
            continue
        props.add_row(prop, escape("; ".join(values)))
    out.print(props)
    des = Table(
        "authority", "list", "program", "measures", "listed", "record id", title="Designations", title_justify="left"
    )
    for d in e.designations:
        des.add_row(
            d.authority,
            d.list,
            escape(d.program or "-"),
            ", ".join(MEASURES.get(m, m) for m in d.measures) or "-",
            d.listing_date or "-",
            escape(d.source_id or "-"),
        )
    out.print(des)
    for d in e.designations:
        if d.reason:
            out.print(f"[dim]{escape(d.program or d.list)} reason:[/] {escape(d.reason)}")


def cmd_show(
    id: str = typer.Argument(..., help="embargo entity id, or the publisher's record id (e.g. OFAC uid 9760)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """An entity with all its names, details, designations and source record ids."""
    with guard():
        found = open_store(db).view().find(id)
        if not found:
            raise NotFoundError(f"no entity with id or record id {id!r}")
        if json:
            print_json(
                [
                    {
                        **r.entity.to_dict(),
                        "current": r.current,
                        "version": r.version.seq,
                        "first_seen": r.first_seen,
                        "last_seen": r.last_seen,
                    }
                    for r in found
                ]
            )
            return
        for i, rec in enumerate(found):
            if i:
                out.rule()
            _print_record(rec)


def _select(view: View, lists: list[str]) -> Iterator[Entity]:
    infos = view.lists()
    names = {i.name for i in infos}
    for name in lists:
        if name not in names:
            raise NotFoundError(f"no list named {name!r} in the store")
    for info in infos:
        if (not lists or info.name in lists) and info.current is not None:
            yield from view.iter_entities(info.current.id)


def _write(fh: IO[str], entities: Iterator[Entity], fmt: str) -> int:
    count = 0
    if fmt == "ftm":
        from embargo.sources.ftm import export_entities

        for obj in export_entities(entities):
            fh.write(jsonlib.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    elif fmt == "json":
        for entity in entities:
            fh.write(entity.to_json() + "\n")
            count += 1
    else:
        raise QueryError(f"unknown export format {fmt!r} (use ftm or json)")
    return count


def cmd_export(
    format: str = typer.Option(
        "ftm", "--format", "-f", help="ftm (FollowTheMoney JSON lines) or json (embargo's own)."
    ),
    lists: list[str] | None = typer.Option(None, "--list", "-l", help="Only these lists (repeatable)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Export the current version of every list (or some) as JSON lines."""
    with guard():
        view = open_store(db).view()
        entities = _select(view, lists or [])
        if output is None:
            count = _write(sys.stdout, entities, format)
        else:
            tmp = output.with_name(output.name + ".part")
            with tmp.open("w", encoding="utf-8") as fh:
                count = _write(fh, entities, format)
            tmp.replace(output)
        if json:
            err.print(jsonlib.dumps({"objects": count, "format": format}))
        else:
            err.print(f"exported {count:,} objects as {format}")


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.command("show")(cmd_show)
    app.command("export")(cmd_export)
