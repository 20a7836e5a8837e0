"""CLI commands about lists: update, import, lists, versions, diff, accept, rollback, policy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from embargo.auth import Role
from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.cli.parties import report_parties
from embargo.cli.principals import ByOption, KeyOption, acting
from embargo.store import Store
from embargo.store.diff import KINDS, DiffPage, diff_versions, page_diff

if TYPE_CHECKING:
    # the list formats (FtM's model among them) load on demand: `embargo screen` does without them
    from embargo.ingest import ImportResult

__all__ = ["HELD_EXIT", "register"]

#: Exit status of an import or update that stored a version without making it current.
HELD_EXIT = 3


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} entities"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _report_import(result: ImportResult) -> None:
    v = result.version
    if result.status == "unchanged" and v is not None:
        out.print(f"{result.list}: unchanged (same content as version {v.seq}); no new version")
        return
    if v is None:
        return
    if result.status == "held":
        current = f"version {result.previous.seq}" if result.previous else "the current version"
        err.print(
            f"[bold red]{result.list}: {escape(', '.join(result.files))} is held as version {v.seq}, not made "
            f"current[/] ({escape(v.hold_reason or '')}); {current} is still served. "
            f"If the file is right: embargo accept {result.list} {v.seq} --reason TEXT --by ADMIN"
        )
        return
    if result.status == "accepted":
        out.print(f"{result.list}: held version {v.seq} accepted and now current ({v.entities:,} entities)")
        return
    out.print(
        f"{result.list}: imported version {v.seq} from {', '.join(result.files)}: "
        f"{v.entities:,} entities, {v.designations:,} designations, {v.names:,} names"
        + (f", published {v.published}" if v.published else "")
    )
    if result.issue_count:
        err.print(f"  [yellow]{result.issue_count} record(s) skipped or partly read[/]; first ones:")
        for issue in result.issues[:5]:
            err.print(f"    {escape(str(issue))}")
        if result.issue_count > 5:
            err.print(f"    ... all of them: embargo versions {result.list} --issues current")


def _prepare_screening(store: Store) -> None:
    """Make the person lexicon now (once per rigour build), so that the first screen does not wait for it."""
    from embargo.names.symbols import person_lexicon_made
    from embargo.screening import prepare_person_lexicon

    if not person_lexicon_made():
        with err.status("preparing the person-name lexicon for screening (once per rigour build)"):
            prepare_person_lexicon(store)


def cmd_import(
    file: Path = typer.Argument(..., help="The list file (for the OFAC CSV set: sdn.csv or cons_prim.csv)."),
    source: str = typer.Option(..., "--source", "-s", help="List name, e.g. us_ofac_sdn, or a name of your own."),
    format: str | None = typer.Option(None, "--format", "-f", help="File format; sniffed when omitted."),
    title: str | None = typer.Option(None, help="Title of a custom list."),
    authority: str | None = typer.Option(None, help="Authority of a custom list (default: internal)."),
    accept_shrink: bool = typer.Option(
        False,
        "--accept-shrink",
        help="Make the version current even if the import guard would hold it (shrunken, stale); needs --reason.",
    ),
    reason: str | None = typer.Option(None, "--reason", help="Why a held version is accepted (audited)."),
    by: str | None = typer.Option(
        None,
        "--by",
        envvar="EMBARGO_PRINCIPAL",
        help="Who imports, kept in the audit log (default: cli); with --accept-shrink, an admin principal.",
    ),
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Import one list file (or a folder of one list's files) as a new version of a list.

    A version that removes more than the allowed share of the list, falls below its floor, or is
    not newer than the current one is stored but held (exit status 3); see docs/operations.md.
    """
    from embargo.errors import QueryError
    from embargo.ingest import import_file

    with guard():
        if accept_shrink and not (reason or "").strip():
            raise QueryError("--accept-shrink needs --reason (it is kept in the audit log)")
        if reason and not accept_shrink:
            raise QueryError("--reason goes with --accept-shrink")
        store = open_store(db)
        actor = acting(store, by, key, Role.ADMIN).name if accept_shrink else (by or "cli")
        with _progress() as bar:
            task = bar.add_task(f"importing {file.name}", total=None)
            result = import_file(
                store,
                file,
                source,
                format_name=format,
                title=title,
                authority=authority,
                progress=lambda n: bar.update(task, completed=n),
                accept=reason if accept_shrink else None,
                actor=actor,
            )
        if json:
            print_json(result.to_dict())
        else:
            _report_import(result)
            if result.parties is not None:
                report_parties(store)
        if result.status == "held":
            raise typer.Exit(HELD_EXIT)
        _prepare_screening(store)


def cmd_update(
    lists: list[str] | None = typer.Argument(None, help="Lists to update (default: all)."),
    source: str | None = typer.Option(
        None, "--from", help="A local folder or an HTTP mirror serving the published file names."
    ),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Fetch the official list files (or take them from a folder/mirror) and import them."""
    from embargo.ingest import update

    with guard():
        store = open_store(db)
        with _progress() as bar:
            tasks: dict[str, TaskID] = {}

            def tick(name: str, n: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(name, total=None)
                bar.update(tasks[name], completed=n)

            outcomes = update(store, lists or [], source, progress=tick)
        if json:
            print_json([o.to_dict() for o in outcomes])
        else:
            for o in outcomes:
                if o.result is not None:
                    _report_import(o.result)
                    if o.status == "held":
                        continue
                elif o.status in ("missing", "closed"):
                    err.print(f"{o.list}: skipped ({escape(o.error or '')})")
                else:
                    err.print(f"[bold red]{o.list}: failed:[/] {escape(o.error or '')}")
                if o.note:
                    err.print(f"  [dim]{escape(o.note)}[/]")
            if any(o.status in ("imported", "accepted") for o in outcomes):
                report_parties(store)
        _prepare_screening(store)
        if any(o.status == "failed" for o in outcomes):
            raise typer.Exit(1)
        if any(o.status == "held" for o in outcomes):
            raise typer.Exit(HELD_EXIT)


def cmd_lists(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Lists in the store with their current version and counts."""
    with guard():
        infos = open_store(db).view().lists()
        if json:
            print_json([i.to_dict() for i in infos])
            return
        if not infos:
            out.print("No lists imported yet. Try: embargo update --from FOLDER")
            return
        table = Table("list", "authority", "version", "published", "imported", "entities", "designations")
        for i in infos:
            c = i.current
            held = f" ([red]{i.held_count} held[/])" if i.held_count else ""
            table.add_row(
                i.name,
                i.authority,
                (f"{c.seq} of {i.version_count}" if c else "none served") + held,
                (c.published or "-") if c else "-",
                c.imported_at if c else "-",
                f"{c.entities:,}" if c else "-",
                f"{c.designations:,}" if c else "-",
            )
        out.print(table)


def cmd_versions(
    source: str = typer.Argument(..., help="List name."),
    issues: str | None = typer.Option(
        None, "--issues", help="List the records skipped or partly read in this version (a number or 'current')."
    ),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Every version of a list (or, with --issues, one version's import warnings)."""
    with guard():
        view = open_store(db).view()
        if issues is not None:
            version = view.version(source, issues)
            found = view.issues(version.id)
            if json:
                print_json({"version": version.to_dict(), "issues": [{"location": a, "message": b} for a, b in found]})
                return
            out.print(f"{source} version {version.seq}: {version.warnings} warning(s), {len(found)} kept")
            for location, message in found:
                out.print(f"  {escape(location)}: {escape(message)}")
            return
        versions = view.versions(source)
        if json:
            print_json([v.to_dict() for v in versions])
            return
        table = Table(
            "version", "state", "published", "imported", "format", "files", "entities", "designations", "warnings"
        )
        for v in versions:
            state = "[bold green]current[/]" if v.current else v.state
            if v.state == "held":
                state = f"[red]held[/]: {escape(v.hold_reason or '')}"
            table.add_row(
                str(v.seq),
                state,
                v.published or "-",
                v.imported_at,
                v.format,
                ", ".join(v.files),
                f"{v.entities:,}",
                f"{v.designations:,}",
                str(v.warnings),
            )
        out.print(table)


def _print_diff(diff: DiffPage) -> None:
    totals = ", ".join(
        f"{diff.matched[k]} of {diff.summary[k]} {k}" if diff.q else f"{diff.summary[k]} {k}" for k in KINDS
    )
    out.print(f"[bold]{diff.list}[/]: version {diff.old.seq} -> {diff.new.seq}: {totals}")
    if diff.q:
        out.print(f"matching {escape(repr(diff.q))}")
    for change in diff.rows:
        if change.status == "amended":
            out.print(f"[yellow]~ {escape(change.caption)}[/] ({change.entity_id})")
            for fc in change.changes:
                out.print(f"    {escape(str(fc))}")
        else:
            sign, colour = ("+", "green") if change.status == "added" else ("-", "red")
            out.print(
                f"[{colour}]{sign} {escape(change.caption)}[/] ({change.entity_id}; {', '.join(change.programs)})"
            )
    if diff.offset + len(diff.rows) < diff.total:
        out.print(f"... the first {len(diff.rows)} of {diff.total} shown (--limit)")


def cmd_diff(
    source: str = typer.Argument(..., help="List name."),
    old: str = typer.Argument("previous", help="Older version number (default: previous)."),
    new: str = typer.Argument("current", help="Newer version number (default: current)."),
    search: str = typer.Option(
        "", "--search", help="Only listings whose name, id, record id, programme or changed value has this text."
    ),
    limit: int = typer.Option(0, "--limit", min=0, help="Show at most this many listings (0: all)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Listings amended, added and removed between two versions of a list (amended first)."""
    with guard():
        view = open_store(db).view()
        whole = diff_versions(view, view.version(source, old), view.version(source, new))
        shown = page_diff(whole, search, None, 0, limit or len(whole.changes()))
        if json:
            print_json(shown.to_dict())
        else:
            _print_diff(shown)


def _print_version(message: str, version: object, json: bool) -> None:
    from embargo.store import VersionInfo

    assert isinstance(version, VersionInfo)
    if json:
        print_json(version.to_dict())
    else:
        out.print(message)


def cmd_accept(
    source: str = typer.Argument(..., help="List name."),
    version: int = typer.Argument(..., help="The held version's number (embargo versions LIST)."),
    reason: str = typer.Option(..., "--reason", help="Why the held version is right (audited)."),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Make a held version of a list current (the import guard held it: shrunken, below its floor, or stale).

    Done by an admin principal of the store (--by, a local principal, or --key), named in the audit log.
    """
    from embargo.ingest import accept_version

    with guard():
        store = open_store(db)
        made = accept_version(store, source, version, reason, acting(store, by, key, Role.ADMIN).name)
        _print_version(
            f"{source}: version {made.seq} accepted and now current ({made.entities:,} entities)", made, json
        )


def cmd_rollback(
    source: str = typer.Argument(..., help="List name."),
    version: int | None = typer.Argument(None, help="The version to serve again (default: the one before current)."),
    reason: str = typer.Option(..., "--reason", help="Why (audited)."),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Serve an earlier version of a list again, without re-importing it.

    The versions after it are withdrawn: a file with their content is held on import, not served.
    Done by an admin principal of the store (--by or --key), named in the audit log.
    """
    from embargo.ingest import rollback

    with guard():
        store = open_store(db)
        made = rollback(store, source, version, reason, acting(store, by, key, Role.ADMIN).name)
        _print_version(f"{source}: version {made.seq} is current again ({made.entities:,} entities)", made, json)


def cmd_policy(
    source: str = typer.Argument(..., help="List name."),
    max_shrink: float | None = typer.Option(
        None, "--max-shrink", help="Largest share of the list one import may remove (0.1 = 10%)."
    ),
    min_entities: int | None = typer.Option(None, "--min-entities", help="Fewest entities a version may have."),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Show, or set, how much one import may change a list before the new version is held.

    Setting it is done by an admin principal of the store (--by or --key), named in the audit log.
    """
    from embargo.ingest import set_policy, show_policy

    with guard():
        store = open_store(db)
        if max_shrink is None and min_entities is None:
            policy = show_policy(store, source)
        else:
            policy = set_policy(store, source, max_shrink, min_entities, acting(store, by, key, Role.ADMIN).name)
        if json:
            print_json({"list": source, **policy.to_dict()})
        else:
            out.print(
                f"{source}: a new version is held when it removes more than {policy.max_shrink:.0%} of the "
                f"current one, has fewer than {policy.min_entities:,} entities, or is not newer ({policy.source})"
            )


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.command("update")(cmd_update)
    app.command("import")(cmd_import)
    app.command("lists")(cmd_lists)
    app.command("versions")(cmd_versions)
    app.command("diff")(cmd_diff)
    app.command("accept")(cmd_accept)
    app.command("rollback")(cmd_rollback)
    app.command("policy")(cmd_policy)
