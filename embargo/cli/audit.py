"""CLI commands for the audit trail: ``audit verify``, ``audit export``, ``audit checkpoint``, ``audit checkpoints``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from embargo.audit import EXPORT_FORMATS, VerifyResult, checkpoint_now, export, export_checkpoints, verify
from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.errors import QueryError

__all__ = ["register"]

audit_app = typer.Typer(help="The audit log: verify it, export it, checkpoint it.", no_args_is_help=True)


def _head(text: str | None) -> tuple[int, str] | None:
    if text is None:
        return None
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise QueryError(f"--head must be SEQ:HASH as printed by a previous verify, not {text!r}")
    return int(seq), digest


def _report(result: VerifyResult) -> None:
    """What was checked, what broke, and what could not be proven."""
    if result.ok:
        out.print(f"audit log intact: {result.records:,} records; head {result.head_seq}:{result.head_hash}")
    else:
        first = result.first
        assert first is not None
        err.print(f"[bold red]audit log broken[/] at seq {first.seq}: {first.problem}: {escape(first.detail)}")
        for p in result.problems[1:10]:
            err.print(f"  also {escape(str(p))}")
        if len(result.problems) > 10:
            err.print(f"  and {len(result.problems) - 10} more (--json lists them all)")
    c = result.checkpoints
    newest = c["newest_holding"]
    holds = f"; the newest that holds: seq {newest['seq']} ({newest['at']})" if newest else ""
    out.print(
        f"checkpoints: {c['stored']:,} in the database, {c['exported']:,} exported, "
        f"{c['authenticated']:,} authenticated{holds}"
    )
    s = result.state
    out.print(f"state: {s['alerts']:,} alerts, {s['decisions']:,} decisions, {s['requests']:,} requests compared")
    for note in result.notes:
        out.print(f"[yellow]not proven:[/] {escape(note)}")


@audit_app.command("verify")
def cmd_verify(
    head: str | None = typer.Option(None, "--head", help="SEQ:HASH printed by an earlier verify, to check too."),
    checkpoints: Path | None = typer.Option(
        None,
        "--checkpoints",
        help="Checkpoints exported outside the database (default: EMBARGO_AUDIT_CHECKPOINTS if it is a file).",
    ),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Check the chain, its checkpoints, and alerts and decisions against the log (exit 1 on any problem)."""
    with guard():
        result = verify(open_store(db), head=_head(head), checkpoints=checkpoints)
        if json:
            print_json(result.to_dict())
        else:
            _report(result)
        if not result.ok:
            raise typer.Exit(1)


@audit_app.command("checkpoint")
def cmd_checkpoint(db: Path | None = DbOption, json: bool = JsonOption) -> None:
    """Checkpoint the head of the chain now (with EMBARGO_AUDIT_KEY's HMAC) and export it to the sink."""
    with guard():
        made = checkpoint_now(open_store(db))
        if json:
            print_json(made.to_dict())
        else:
            how = "authenticated (HMAC-SHA256)" if made.mac else "[yellow]not authenticated: no key configured[/]"
            out.print(f"checkpoint of seq {made.seq}:{made.hash} at {made.at}, {how}")


@audit_app.command("checkpoints")
def cmd_checkpoints(
    output: str = typer.Option(
        "-", "--output", "-o", help="File to append the missing checkpoints to, as JSON lines (- for stdout: all)."
    ),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Export the checkpoints kept in the database, for storage the database's users cannot rewrite."""
    with guard():
        count = export_checkpoints(open_store(db), output)
        if output == "-":
            return
        if json:
            print_json({"checkpoints": count, "output": output})
        else:
            out.print(f"{count:,} checkpoint(s) appended to {output}")


@audit_app.command("export")
def cmd_export(
    output: Path = typer.Option(..., "--output", "-o", help="Where to write (.jsonl or .csv)."),
    format: str | None = typer.Option(None, "--format", help="jsonl or csv (default: from the file name)."),
    since: str | None = typer.Option(None, "--since", help="From this time (ISO, inclusive)."),
    until: str | None = typer.Option(None, "--until", help="Up to this time (ISO, exclusive)."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Write the audit log for a regulator, with each record's hash and the previous one's."""
    with guard():
        fmt = format or output.suffix.lstrip(".").lower()
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"cannot tell the format of {output}: give --format ({', '.join(EXPORT_FORMATS)})")
        count = export(open_store(db), output, fmt, since=since, until=until)
        if json:
            print_json({"records": count, "output": str(output), "format": fmt})
        else:
            out.print(f"{count:,} audit records written to {output}")


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.add_typer(audit_app, name="audit")
