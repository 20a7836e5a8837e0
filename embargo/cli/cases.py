"""``embargo cases``, ``embargo case N`` and ``embargo decide-case N``: the alerts of one customer on one party."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from embargo.auth import Role
from embargo.cli.output import DbOption, JsonOption, guard, open_store, out, print_json
from embargo.cli.principals import ByOption, KeyOption, acting
from embargo.errors import QueryError

__all__ = ["register"]


def _statuses(statuses: dict[str, int]) -> str:
    return ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(statuses.items()))


def cmd_cases(
    status: list[str] = typer.Option(
        ["open", "escalated"], "--status", help="Cases with alerts of this status (repeat; default: undecided)."
    ),
    limit: int = typer.Option(50, "--limit", min=1, max=1000),
    offset: int = typer.Option(0, "--offset", min=0),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Cases (a customer and a listed party, with its alerts from every list), best score first."""
    from embargo.monitor import QueueQuery, case_queue

    with guard():
        page, total, alerts = case_queue(open_store(db), QueueQuery(statuses=tuple(status)), limit, offset)
        if json:
            print_json({"cases": [c.to_dict() for c in page], "total": total, "alerts": alerts})
            return
        out.print(f"{total:,} cases, {alerts:,} alerts")
        if not page:
            return
        table = Table("case", "customer", "party", "score", "listed entity", "lists", "alerts")
        for c in page:
            table.add_row(
                str(c.id),
                escape(c.customer_id),
                escape(c.party_id),
                f"{c.score:.2f}",
                escape(c.caption),
                ", ".join(c.lists),
                _statuses(c.statuses),
            )
        out.print(table)


def cmd_case(case_id: int = typer.Argument(..., min=1), db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """One case: its customer, its party, and each of its alerts."""
    from embargo.monitor import get_case

    with guard():
        store = open_store(db)
        found, alerts = get_case(store, case_id)
        seqs = store.view().version_seqs()
        if json:
            print_json({**found.to_dict(), "alert_list": [a.to_dict() for a in alerts]})
            return
        names = ", ".join(alerts[0].customer_data.get("names", [])) if alerts else ""
        out.print(f"[bold]case {found.id}[/]: customer {escape(found.customer_id)} ({escape(names)})")
        out.print(f"party {escape(found.party_id)}: {escape(found.caption)}; {_statuses(found.statuses)}")
        table = Table("alert", "status", "score", "listed entity", "list", "matched name", "raised")
        for a in alerts:
            table.add_row(
                str(a.id),
                a.status,
                f"{a.score:.2f}",
                escape(a.caption),
                f"{a.list} version {seqs.get(a.list_version, '?')}",
                escape(a.matched_name),
                a.created_at,
            )
        out.print(table)


def cmd_decide_case(
    case_id: int = typer.Argument(..., min=1),
    decision: str = typer.Option(..., "--as", help="true_match, false_positive or escalated."),
    note: str = typer.Option(..., "--note", help="Why (required)."),
    override: list[str] = typer.Option(
        [], "--override", help="ALERT=DECISION: decide one alert of the case otherwise (same note; repeat)."
    ),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Decide every undecided alert of a case at once (each recorded and audited as a decision on it)."""
    from embargo.monitor import decide_case

    with guard():
        own: dict[int, tuple[str, str]] = {}
        for item in override:
            alert, sep, chosen = item.partition("=")
            if not sep or not alert.strip().isdigit():
                raise QueryError(f"--override {item!r}: write ALERT=DECISION, e.g. 42=true_match")
            own[int(alert)] = (chosen.strip(), note)
        store = open_store(db)
        who = acting(store, by, key, Role.REVIEW)
        made = decide_case(store, case_id, decision, note, who, own)
        if json:
            print_json(made.to_dict())
            return
        for d in made.decided:
            out.print(f"alert {d.alert_id}: {d.decision} by {escape(d.decided_by)}")
        for r in made.waiting:
            asker = escape(r.requested_by)
            out.print(f"alert {r.alert_id}: {r.decision} by {asker} waits for a second user's approval")
        for alert_id, why in made.skipped:
            out.print(f"alert {alert_id}: left as it is ({escape(why)})")


def register(app: typer.Typer) -> None:
    """Add the case commands to ``app``."""
    app.command("cases")(cmd_cases)
    app.command("case")(cmd_case)
    app.command("decide-case")(cmd_decide_case)
