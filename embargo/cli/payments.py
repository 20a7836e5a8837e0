"""``embargo payments``: screen ISO 20022 and SWIFT MT payment messages; show a held one."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.markup import escape

from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.errors import NotFoundError

if TYPE_CHECKING:
    pass

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``payments`` commands to ``app``."""
    group = typer.Typer(help="Screen payment messages (ISO 20022 pacs.008/009/004, pain.001; SWIFT MT103/202).")
    app.add_typer(group, name="payments")

    @group.command("screen")
    def screen_cmd(
        sources: list[str] = typer.Argument(
            ..., help="Message files, folders of them, or - for standard input (an MT file may hold many)."
        ),
        lines: bool = typer.Option(
            False,
            "--lines",
            help="Each line is one message: XML on one line, or a JSON string (an MT with its line breaks). "
            "Files ending .jsonl or .ndjson are always read so.",
        ),
        policy: Path | None = typer.Option(
            None,
            "--policy",
            envvar="EMBARGO_PAYMENT_POLICY",
            dir_okay=False,
            help="Screening policy file (TOML; default: embargo's, see docs/payments.md).",
        ),
        output: Path | None = typer.Option(
            None, "--output", "-o", dir_okay=False, help="Write every verdict to this JSON Lines file."
        ),
        alerts: bool = typer.Option(
            True, "--alerts/--no-alerts", help="Raise an alert for each held message (--no-alerts: a dry run)."
        ),
        explain: bool = typer.Option(False, "--explain", help="Show how each name hit's score was made."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="Print held messages and the summary only."),
        db: Path | None = DbOption,
        as_json: bool = JsonOption,
    ) -> None:
        """Screen payment messages: a verdict each (pass, or hold with every hit), then a summary.

        Exit status: 0 when every message passed, 3 when one or more were held, 1 when one
        could not be read (it is never passed).
        """
        from embargo.monitor._clock import default_actor
        from embargo.payments.batch import PaymentSummary, screen_inputs
        from embargo.payments.policy import read_policy
        from embargo.payments.readers import iter_inputs
        from embargo.payments.screen import PaymentScreener
        from embargo.payments.verdict import Verdict

        with guard():
            chosen = read_policy(policy) if policy is not None else None
            screener = PaymentScreener.open(open_store(db), chosen)
            sink: IO[str] | None = output.open("w", encoding="utf-8") if output is not None else None
            verdicts: list[dict[str, object]] = []

            def show(verdict: Verdict) -> None:
                if sink is not None:
                    sink.write(json.dumps(verdict.to_dict(), ensure_ascii=False) + "\n")
                if as_json:
                    verdicts.append(verdict.to_dict())
                    return
                if quiet and not verdict.held:
                    return
                mark = "[bold red]HOLD[/]" if verdict.held else "[green]PASS[/]"
                text = verdict.lines()
                out.print(f"{mark} {escape(text[0].split('  ', 1)[1])}")
                for line in text[1:]:
                    out.print(escape(line))
                if explain:
                    for hit in verdict.hits:
                        for part in hit.explanation:
                            out.print(f"      {part['feature']}: {part['score']:+.3f}  {escape(part['detail'])}")

            def tick(summary: PaymentSummary) -> None:
                if not as_json:
                    err.print(f"[dim]{summary.messages:,} messages screened...[/]")

            try:
                summary = screen_inputs(
                    screener,
                    iter_inputs(sources, lines),
                    show,
                    raise_alerts=alerts,
                    actor=default_actor(),
                    progress=tick if sys.stderr.isatty() else None,
                )
            finally:
                if sink is not None:
                    sink.close()
            if as_json:
                print_json({"verdicts": verdicts, "summary": summary.to_dict()})
            else:
                for line in summary.lines():
                    err.print(line)
                for line in summary.errors:
                    err.print(f"[bold red]error:[/] {escape(line)}")
        if summary.errors:
            raise typer.Exit(1)  # a message not read is not passed
        if summary.held:
            raise typer.Exit(3)

    @group.command("show")
    def show_cmd(
        alert_id: int = typer.Argument(..., help="The alert of a held message."),
        raw: bool = typer.Option(False, "--raw", help="Print the message as received."),
        db: Path | None = DbOption,
        as_json: bool = JsonOption,
    ) -> None:
        """Show a held message: its verdict, every hit, and the alert's status."""
        from embargo.monitor import get_alert
        from embargo.payments.review import held_message

        with guard():
            store = open_store(db)
            held = held_message(store, alert_id)
            if held is None:
                raise NotFoundError(f"alert {alert_id} holds no payment message")
            alert = get_alert(store, alert_id)
            if raw:
                sys.stdout.write(held.raw)
                return
            if as_json:
                print_json({**held.to_dict(), "status": alert.status})
                return
            verdict = held.verdict
            message = verdict["message"]
            out.print(
                f"[bold]alert {alert_id}[/] ({alert.status}): {message['type']} {escape(message['id'])} "
                f"from {escape(message['source'])}, held {held.received_at}"
            )
            for hit in verdict["hits"]:
                out.print(f"  {escape(hit['path'])}: {escape(hit['detail'])}")
                for d in hit.get("designations", [])[:3]:
                    out.print(f"      {escape(d.get('authority', ''))} {escape(d.get('program', '') or '')}")
            for hit in verdict.get("released", []):
                out.print(f"  {escape(hit['path'])}: released before: {escape(hit['detail'])}")

    @group.command("daily-report")
    def daily_report_cmd(
        since: str | None = typer.Option(None, "--since", help="From this date or time (default: 7 days ago)."),
        until: str | None = typer.Option(None, "--until", help="Up to this date or time, excluded (default: now)."),
        max_delay: int = typer.Option(
            60, "--max-delay", min=1, help="Minutes a new list version may wait for its screening run."
        ),
        db: Path | None = DbOption,
        as_json: bool = JsonOption,
    ) -> None:
        """The instant-payments check (EU 2024/886): a full screening of the customers every day, and one at
        once after every new list version. Exit status 4 when a day or a version falls short."""
        from datetime import timedelta

        from embargo.report.instant import instant_report

        with guard():
            report = instant_report(open_store(db), since, until, timedelta(minutes=max_delay))
            if as_json:
                print_json(report.to_dict())
            else:
                for line in report.lines():
                    out.print(escape(line))
        if not report.ok:
            raise typer.Exit(4)
