"""``embargo db``: the store's schema revision, and upgrading it, on either backend."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from embargo.cli import app
from embargo.store.migrate import HEAD

runner = CliRunner()


def test_current_changes_nothing_and_upgrade_migrates(db: str | Path) -> None:
    location = str(db)
    if "://" not in location:  # a SQLite file that does not exist yet: current makes it empty, unmigrated
        before = runner.invoke(app, ["db", "current", "--json", "--db", location])
        assert before.exit_code == 0, before.output
        assert json.loads(before.stdout)["revision"] is None
    upgraded = runner.invoke(app, ["db", "upgrade", "--db", location])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"schema {HEAD}" in upgraded.stdout and "needs" not in upgraded.stdout
    after = json.loads(runner.invoke(app, ["db", "current", "--json", "--db", location]).stdout)
    assert after["revision"] == after["head"] == HEAD
    assert after["dialect"] == ("postgresql" if "://" in location else "sqlite")
    assert ":" not in after["store"].split("@")[0].split("//")[-1]  # no password shown
