"""What the CLI tests share: running a command and checking its exit status."""

from __future__ import annotations

from typer.testing import CliRunner

from embargo.cli import app

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    """The output of ``embargo ARGS``, asserting it exits with ``code``."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output
