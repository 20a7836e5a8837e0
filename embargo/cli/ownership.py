"""``embargo ownership``: ownership and control data, and who it blocks under each authority's rule."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.errors import QueryError

if TYPE_CHECKING:
    from embargo.ownership.graph import OwnershipResult

__all__ = ["register"]


def _say_if_nothing_tied(result: OwnershipResult) -> None:
    """A computation whose parties meet no listed entity blocks nothing: said, not left to be read as "no one"."""
    if result.nodes and not result.tied:
        err.print(
            "[yellow]no party of the ownership data is tied to a listed entity: nothing can be designated, so "
            "nothing is blocked by ownership (import the lists first; or tie by names and identifiers: --screen)[/]"
        )


ownership_app = typer.Typer(
    help="Ownership and control: who is blocked because designated parties own or control it (OFAC, EU, UK rules).",
    no_args_is_help=True,
)

RuleOption = typer.Option(None, "--rule", help="One rule: ofac, eu or uk (default: every rule).")
ScreenOption = typer.Option(
    True, "--screen/--no-screen", help="Tie the data's parties to listed entities by identifiers and names too."
)


def _check_rule(name: str | None) -> str | None:
    if name is None:
        return None
    from embargo.ownership import rule

    return rule(name).name


@ownership_app.command("import")
def cmd_import(
    files: list[Path] = typer.Argument(
        ..., help="Ownership files: FtM JSON lines, BODS JSON, CSV, OFAC advanced XML..."
    ),
    fmt: str | None = typer.Option(None, "--format", help="The files' format (default: read from each file)."),
    dataset: str | None = typer.Option(None, "--dataset", help="The dataset's name (default: the file's name)."),
    screen: bool = ScreenOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Store each file as its dataset's next version, then compute who is blocked under every rule."""
    from embargo.ownership.graph import compute
    from embargo.ownership.stored import import_file

    with guard():
        if dataset is not None and len(files) > 1:
            raise QueryError("--dataset names one file's dataset: give one file, or let each be named after its file")
        store = open_store(db)
        outcomes = []
        for path in files:
            outcome = import_file(store, path, fmt, dataset)
            outcomes.append(outcome)
            if not json:
                if outcome.version is None:
                    err.print(
                        f"{escape(path.name)}: dataset {outcome.dataset} unchanged (the file is its current version)"
                    )
                else:
                    err.print(
                        f"{escape(path.name)}: dataset {outcome.dataset} version {outcome.version.seq} "
                        f"({outcome.format}): {outcome.parties:,} parties, {outcome.ownerships:,} holdings, "
                        f"{outcome.controls:,} control links"
                    )
        result = compute(store, screen=screen, progress=None if json else err.print)
        if json:
            print_json({"imports": [o.to_dict() for o in outcomes], "computed": result.to_dict()})
            return
        out.print(result.summary())
        _say_if_nothing_tied(result)


@ownership_app.command("compute")
def cmd_compute(screen: bool = ScreenOption, db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Compute again (imports and list updates do it themselves)."""
    from embargo.ownership.graph import compute

    with guard():
        result = compute(open_store(db), screen=screen, progress=None if json else err.print)
        if json:
            print_json(result.to_dict())
            return
        out.print(result.summary())
        _say_if_nothing_tied(result)


@ownership_app.command("explain")
def cmd_explain(
    entity: str = typer.Argument(..., help="A party of the data (its id, or dataset:id), a listed entity or party id."),
    rule: str | None = RuleOption,
    as_of: str | None = typer.Option(None, "--as-of", help="The date to judge on (default: now, as last computed)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Whether ENTITY is blocked by ownership or control under each rule, and the chain that makes it so."""
    from embargo.model import clean_date
    from embargo.ownership.graph import result_of

    with guard():
        day = None
        if as_of is not None:
            day = clean_date(as_of)
            if day is None:
                raise QueryError(f"--as-of {as_of!r} is not a date (use 2024-06-30)")
        found = result_of(open_store(db), entity, _check_rule(rule), day)
        if json:
            print_json(found)
            return
        for verdict in found:
            when = f" on {verdict['as_of']}" if verdict.get("as_of") else ""
            out.print(f"[bold]{verdict['rule']}[/] ({escape(verdict['rule_title'])}){when}: {verdict['status']}")
            for line in verdict["lines"]:
                out.print(f"  {escape(line)}")


@ownership_app.command("list")
def cmd_list(
    rule: str | None = RuleOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Every entity blocked or possibly blocked by ownership or control, as last computed."""
    from embargo.screening.owned import BLOCKING
    from embargo.store.ownership import computed_at, results

    with guard():
        store = open_store(db)
        with store.reading("the ownership results") as conn:
            rows = [r for r in results(conn, _check_rule(rule)) if r.status in BLOCKING]
            when = computed_at(conn)
        if json:
            print_json(
                [
                    {"rule": r.rule, "node": r.node, "name": r.caption, "status": r.status, "share": r.step["share"]}
                    for r in rows
                ]
            )
            return
        if when is None:
            out.print("Ownership was never computed: `embargo ownership import FILE` first.")
            return
        table = Table("rule", "status", "share", "entity", "id")
        for r in rows:
            table.add_row(r.rule, r.status, r.step["share"]["text"], escape(r.caption), escape(r.node))
        out.print(table)
        out.print(f"{len(rows):,} verdicts, computed {when}")


@ownership_app.command("datasets")
def cmd_datasets(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Every ownership dataset and its versions."""
    from embargo.store.ownership import versions

    with guard():
        store = open_store(db)
        with store.reading("the ownership data") as conn:
            found = versions(conn)
        if json:
            print_json([v.to_dict() for v in found])
            return
        table = Table("dataset", "version", "format", "file", "parties", "links", "imported")
        for v in found:
            table.add_row(
                v.dataset, str(v.seq), v.format, escape(v.file), f"{v.parties:,}", f"{v.links:,}", v.imported_at
            )
        out.print(table)


@ownership_app.command("diff")
def cmd_diff(
    dataset: str = typer.Argument(..., help="The dataset."),
    old: int | None = typer.Option(None, "--from", help="Version to compare from (default: the one before --to)."),
    new: int | None = typer.Option(None, "--to", help="Version to compare to (default: the current one)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """The links added, removed and changed between two versions of a dataset."""
    from embargo.store.ownership import LinkRow, diff_versions, nodes_of, versions

    names: dict[str, str] = {}

    def who(node: str) -> str:
        return f"{names[node]} [{node}]" if node in names else node

    def said(x: LinkRow) -> str:
        what = f"holds {x.low:g}-{x.high:g}%" if x.kind == "ownership" else f"controls ({x.role})"
        if x.kind == "ownership" and x.low == x.high:
            what = f"holds {x.low:g}%"
        period = f" from {x.start}" if x.start else ""
        period += f" to {x.end}" if x.end else ""
        return f"{who(x.owner)} {what} of {who(x.asset)}{period}"

    with guard():
        store = open_store(db)
        with store.reading("the ownership data") as conn:
            found = diff_versions(conn, dataset, old, new)
            for v in versions(conn, dataset):
                if v.seq in (found.old, found.new):
                    names.update({n.node_id: n.caption for n in nodes_of(conn, v.id)})
        if json:
            print_json(found.to_dict())
            return
        out.print(
            f"{dataset}: version {found.old} -> {found.new}: {len(found.added)} added, {len(found.removed)} removed, "
            f"{len(found.changed)} changed"
        )
        for x in found.added:
            out.print(f"  + {escape(said(x))}")
        for x in found.removed:
            out.print(f"  - {escape(said(x))}")
        for a, b in found.changed:
            out.print(f"  ~ {escape(said(a))}  ->  {escape(said(b))}")


def register(app: typer.Typer) -> None:
    """Add ``embargo ownership`` to the app."""
    app.add_typer(ownership_app, name="ownership")
