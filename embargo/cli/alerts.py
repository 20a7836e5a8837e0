"""CLI commands for analysts: ``alerts``, ``alert ID``, ``decide ID --as ...``, and four-eyes approvals.

Deciding, approving and rejecting act as a principal of the store (:mod:`embargo.cli.principals`): an API
key's (``--key``) or a local principal's (``--by``), never a name as typed. The store compares principal ids
for four-eyes, so nobody approves their own decision however their name is spelt. Whoever can write the
store's file can also make local principals: where users must be proven, decide and approve in the web UI or
through the API, which sign them in with their keys.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from embargo.auth import Role
from embargo.cli.output import DbOption, JsonOption, guard, open_store, out, print_json
from embargo.cli.principals import ByOption, KeyOption, acting
from embargo.monitor import (
    DECISIONS,
    Decision,
    DecisionRequest,
    approve,
    decisions_for,
    get_alert,
    list_alerts,
    pending_requests,
    reject,
    request_decision,
    requests_for,
)
from embargo.store.view import number_versions

__all__ = ["register"]


def cmd_alerts(
    status: str | None = typer.Option(None, "--status", help="open, escalated, true_match or false_positive."),
    customer: str | None = typer.Option(None, "--customer", help="Only this customer's alerts."),
    limit: int = typer.Option(100, "--limit", min=1),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """List alerts, newest first."""
    with guard():
        store = open_store(db)
        alerts = list_alerts(store, status=status, customer_id=customer, limit=limit)
        seqs = store.view().version_seqs()  # an alert keeps its version's id; people read the list's number
        if json:
            print_json([number_versions(a.to_dict(), seqs) for a in alerts])
            return
        if not alerts:
            out.print("no alerts" + (f" with status {status}" if status else ""))
            return
        table = Table("alert", "raised", "status", "customer", "score", "listed entity", "list", "reason")
        for a in alerts:
            names = ", ".join(a.customer_data.get("names", []))
            table.add_row(
                str(a.id), a.created_at, a.status, escape(f"{a.customer_id}: {names}"), f"{a.score:.2f}",
                escape(a.caption), f"{a.list} version {seqs.get(a.list_version, '?')}", escape(a.reason),
            )  # fmt: skip
        out.print(table)


def cmd_alert(
    alert_id: int = typer.Argument(..., help="The alert number."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """One alert: the customer, the entity, how the score was made, and its decisions."""
    with guard():
        store = open_store(db)
        alert = get_alert(store, alert_id)
        decisions = decisions_for(store, alert_id)
        requests = requests_for(store, alert_id)
        seqs = store.view().version_seqs()
        if json:
            print_json(
                {
                    **number_versions(alert.to_dict(), seqs),
                    "decisions": [d.to_dict() for d in decisions],
                    "requests": [r.to_dict() for r in requests],
                }
            )
            return
        out.print(f"[bold]alert {alert.id}[/] ({alert.status}), raised {alert.created_at} by run {alert.run_id}")
        out.print(f"reason: {escape(alert.reason)}")
        out.print(f"customer {escape(alert.customer_id)}:")
        for field, value in alert.customer_data.items():
            if value not in (None, "", [], {}):
                out.print(f"  {escape(str(field))}: {escape(_text(value))}")
        seq = seqs.get(alert.list_version, "?")
        out.print(f"entity {alert.entity_id} ({alert.list} version {seq}): {escape(alert.caption)}")
        out.print(f"score {alert.score:.3f} ({alert.algorithm})")
        for part in alert.explanation:
            out.print(f"  {part['feature']}: {part['score']:+.3f}  {escape(_text(part['detail']))}")
        for d in decisions:
            out.print(f"decided {d.decision} by {escape(d.decided_by)} at {d.decided_at}: {escape(d.note)}")
        for r in requests:
            out.print(_request_line(r))


def _text(value: object) -> str:
    """A field's value in words, not as Python writes it: a list joined by commas, a mapping as
    ``key value`` pairs joined by semicolons."""
    if isinstance(value, dict):
        return "; ".join(f"{k} {_text(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_text(v) for v in value)
    return "" if value is None else str(value)


def _request_line(r: DecisionRequest) -> str:
    line = f"request {r.id}: {r.decision} asked by {escape(r.requested_by)} at {r.requested_at}, {r.status}"
    if r.reviewed_by:
        line += f" by {escape(r.reviewed_by)} at {r.reviewed_at}"
    return line + (f": {escape(r.note)}" if r.note else "")


def cmd_decide(
    alert_id: int = typer.Argument(..., help="The alert number."),
    decision: str = typer.Option(..., "--as", help=f"One of: {', '.join(DECISIONS)}."),
    note: str = typer.Option("", "--note", help="Why (kept with the decision; required)."),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Decide an alert: true_match, false_positive (remembered for this customer and entity) or escalated.

    The decider is a principal of the store with the review role (--by or --key). With four-eyes on
    (`embargo four-eyes on`), a decision that needs a second principal's approval waits for it, as it
    does in the API and the web UI: another principal confirms it with ``embargo approve``, the web UI or
    the API.
    """
    with guard():
        store = open_store(db)
        who = acting(store, by, key, Role.REVIEW)
        result = request_decision(store, alert_id, decision, note, who)
        if json:
            print_json(result.to_dict())
        elif isinstance(result, Decision):
            out.print(f"alert {alert_id}: {result.decision} by {escape(result.decided_by)}")
        else:
            out.print(
                f"alert {alert_id}: {result.decision} by {escape(result.requested_by)} waits for a second user's "
                f"approval (request {result.id})"
            )


def cmd_requests(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Decisions waiting for a second user's approval (four-eyes), oldest first."""
    with guard():
        waiting = list(pending_requests(open_store(db)).values())
        if json:
            print_json([r.to_dict() for r in waiting])
            return
        if not waiting:
            out.print("no decisions wait for approval")
            return
        table = Table("request", "alert", "decision", "asked by", "asked at", "note")
        for r in waiting:
            table.add_row(
                str(r.id), str(r.alert_id), r.decision, escape(r.requested_by), r.requested_at, escape(r.note)
            )
        out.print(table)


def _review(
    request_id: int, by: str | None, key: str | None, note: str, db: Path | None, json: bool, *, approved: bool
) -> None:
    with guard():
        store = open_store(db)
        who = acting(store, by, key, Role.APPROVE)
        if approved:
            made = approve(store, request_id, who, note)
            if json:
                print_json(made.to_dict())
            else:
                out.print(
                    f"request {request_id} approved by {escape(who.name)}: alert {made.alert_id} decided "
                    f"{made.decision} (by {escape(made.decided_by)})"
                )
            return
        done = reject(store, request_id, who, note)
        if json:
            print_json(done.to_dict())
        else:
            out.print(f"request {request_id} rejected by {escape(who.name)}: alert {done.alert_id} stays open")


def cmd_approve(
    request_id: int = typer.Argument(..., help="The decision request number (see `embargo requests`)."),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    note: str = typer.Option("", "--note", help="Why (kept with the approval)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Approve a decision that waits for a second user: it is recorded and the alert leaves the queue."""
    _review(request_id, by, key, note, db, json, approved=True)


def cmd_reject(
    request_id: int = typer.Argument(..., help="The decision request number (see `embargo requests`)."),
    by: str | None = ByOption,
    key: str | None = KeyOption,
    note: str = typer.Option("", "--note", help="Why (kept with the rejection)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Reject a decision that waits for a second user: nothing is decided and the alert stays open."""
    _review(request_id, by, key, note, db, json, approved=False)


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.command("alerts")(cmd_alerts)
    app.command("alert")(cmd_alert)
    app.command("decide")(cmd_decide)
    app.command("requests")(cmd_requests)
    app.command("approve")(cmd_approve)
    app.command("reject")(cmd_reject)
