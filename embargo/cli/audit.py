"""CLI commands for the audit trail: ``audit verify``, ``audit export``."""

from __future__ import annotations

from pathlib import Path

import typer

from embargo.audit import EXPORT_FORMATS, export, verify
from embargo.cli.output import DbOption, JsonOption, err, guard, open_store, out, print_json
from embargo.errors import QueryError

__all__ = ["register"]

audit_app = typer.Typer(help="The audit log: verify the chain, export it.", no_args_is_help=True)


def _head(text: str | None) -> tuple[int, str] | None:
    if text is None:
        return None
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise QueryError(f"--head must be SEQ:HASH as printed by a previous verify, not {text!r}")
    return int(seq), digest


@audit_app.command("verify")
def cmd_verify(
    head: str | None = typer.Option(None, "--head", help="SEQ:HASH printed by an earlier verify, to check too."),
    db: Path | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Check that no audit record was changed, removed or reordered (exit 1 if one was)."""
    with guard():
        result = verify(open_store(db), head=_head(head))
        if json:
            print_json(result.to_dict())
        elif result.ok:
            out.print(f"audit log intact: {result.records:,} records; head {result.head_seq}:{result.head_hash}")
        else:
            first = result.first
            assert first is not None
            err.print(f"[bold red]audit log broken[/] at seq {first.seq}: {first.problem}: {first.detail}")
            for p in result.problems[1:10]:
                err.print(f"  also {p}")
        if not result.ok:
            raise typer.Exit(1)


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
