"""``embargo parties``: which listed entities are one party across lists, and an administrator's splits and merges."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from embargo.auth import Role
from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.cli.principals import ByOption, KeyOption, acting
from embargo.store import Store

__all__ = ["register", "report_parties"]

parties_app = typer.Typer(
    help="Parties: the entities of different lists that are one party (resolved after every import).",
    no_args_is_help=True,
)

ReasonOption = typer.Option(..., "--reason", help="Why (kept in the audit log).")


def report_parties(store: Store) -> None:
    """One line on stderr: what the last resolution found (after an import or an update)."""
    from embargo.store.parties import last_summary

    with store.reading("the parties") as conn:
        text = last_summary(conn)
    if not text:
        return
    found = jsonlib.loads(text)
    links = found.get("links", {})
    kinds = ", ".join(f"{n:,} by {k.replace('_', ' ')}" for k, n in sorted(links.items()))
    join = "party joins" if found.get("parties", 0) == 1 else "parties join"
    err.print(
        f"parties: {found.get('parties', 0):,} {join} {found.get('members', 0):,} of "
        f"{found.get('covered', 0):,} listed entities" + (f" ({kinds})" if kinds else "")
    )


def _captions(store: Store, ids: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    view = store.view()
    found: dict[str, tuple[str, str]] = {}
    for eid in ids:
        records = view.find(eid)
        if records:
            e = records[0].entity
            found[eid] = (e.caption, e.list_name)
    return found


@parties_app.command("resolve")
def cmd_resolve(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Resolve the parties of every list's current version again (imports and updates do it themselves)."""
    from embargo.parties import resolve_parties

    with guard():
        result = resolve_parties(open_store(db))
        if json:
            print_json(result.to_dict())
            return
        out.print(result.summary())


@parties_app.command("list")
def cmd_list(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Every party of two or more listed entities, with its entities and their lists."""
    from embargo.store.parties import party_map

    with guard():
        store = open_store(db)
        with store.reading("the parties") as conn:
            parties = party_map(conn).parties
        if json:
            print_json([{"id": pid, "referents": list(ids)} for pid, ids in sorted(parties.items())])
            return
        if not parties:
            out.print("No entity of one list is linked to one of another (see: embargo parties resolve).")
            return
        table = Table("party", "entities", "lists", "names")
        for pid, ids in sorted(parties.items()):
            seen = _captions(store, ids)
            table.add_row(
                pid,
                "\n".join(ids),
                "\n".join(seen.get(i, ("", "-"))[1] for i in ids),
                "\n".join(escape(seen.get(i, ("-", ""))[0]) for i in ids),
            )
        out.print(table)


@parties_app.command("show")
def cmd_show(
    ref: str = typer.Argument(..., help="A party id, an entity id, or a publisher's record id."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """A party: its entities and the evidence that links them (or kept them apart)."""
    from embargo.parties import party

    with guard():
        store = open_store(db)
        found = party(store, ref)
        if json:
            print_json(found.to_dict())
            return
        seen = _captions(store, found.referents)
        alone = " (alone: no entity of another list is linked to it)" if len(found.referents) == 1 else ""
        out.print(f"[bold]party {found.id}[/]{alone}")
        for eid in found.referents:
            caption, list_name = seen.get(eid, ("-", "-"))
            out.print(f"  {eid}  {list_name}  {escape(caption)}")
        if found.links:
            table = Table("entities", "evidence", "status", "detail", title="Evidence", title_justify="left")
            for link in found.links:
                table.add_row(
                    f"{link.entity_a}\n{link.entity_b}",
                    link.kind.replace("_", " "),
                    link.status,
                    escape(link.detail),
                )
            out.print(table)


@parties_app.command("merge")
def cmd_merge(
    first: str = typer.Argument(..., help="An entity or party id."),
    second: str = typer.Argument(..., help="Another entity or party id: its party joins the first's."),
    reason: str = ReasonOption,
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Judge two entities (or parties) one party (admin; audited), whatever the evidence says."""
    from embargo.ownership.graph import refresh
    from embargo.parties import merge, party

    with guard():
        store = open_store(db)
        who = acting(store, by, key, Role.ADMIN)
        result = merge(store, first, second, reason, who)
        refresh(store)  # who ownership blocks follows the parties
        joined = party(store, first)
        if json:
            print_json({"party": joined.to_dict(), "resolution": result.to_dict()})
            return
        out.print(f"{first} and {second} are party {joined.id} ({len(joined.referents)} entities), by {who.name}")


@parties_app.command("split")
def cmd_split(
    entity: str = typer.Argument(..., help="The entity that leaves its party."),
    reason: str = ReasonOption,
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Judge an entity a different party from the rest of its party (admin; audited)."""
    from embargo.ownership.graph import refresh
    from embargo.parties import party, split

    with guard():
        store = open_store(db)
        who = acting(store, by, key, Role.ADMIN)
        result = split(store, entity, reason, who)
        refresh(store)  # who ownership blocks follows the parties
        left = party(store, entity)
        if json:
            print_json({"party": left.to_dict(), "resolution": result.to_dict()})
            return
        out.print(f"{entity} is party {left.id} now, apart from its former party, by {who.name}")


def register(app: typer.Typer) -> None:
    """Add the ``parties`` commands to ``app``."""
    app.add_typer(parties_app, name="parties")
