"""``embargo portfolio load`` refuses a customer file over the field limits in one line, storing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.monitor import Portfolio
from embargo.store import Store

runner = CliRunner()


def _line(output: str) -> str:
    """The output as one line (the terminal wraps long messages)."""
    return " ".join(output.split())


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2," + "x" * 3_000_000, "line 3: field 'name' holds more than 1,000,299 characters, over the limit of 10,000"),
        ("2,C D," + "1" * 20_000, "line 3: field 'birth_date' holds 20,000 characters, over the limit of 10,000"),
    ],
)
def test_a_field_over_the_limit_is_one_line_and_nothing_is_stored(tmp_path: Path, row: str, message: str) -> None:
    db = str(tmp_path / "s.db")
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("id,name,birth_date\n1,A B,1970\n", encoding="utf-8")
    bad.write_text(f"id,name,birth_date\n1,A B,1970\n{row}\n", encoding="utf-8")
    assert runner.invoke(app, ["portfolio", "load", str(good), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["portfolio", "load", str(bad), "--db", db])
    assert result.exit_code == 1
    text = _line(result.output)
    assert message in text and "(EMBARGO_MAX_FIELD)" in text and "Traceback" not in result.output
    assert len(Portfolio(Store(db)).versions()) == 1


def test_the_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "s.db")
    path = tmp_path / "customers.csv"
    path.write_text("id,name\n1,Alexandra Petrova\n", encoding="utf-8")
    monkeypatch.setenv("EMBARGO_MAX_FIELD", "10")
    result = runner.invoke(app, ["portfolio", "load", str(path), "--db", db])
    assert result.exit_code == 1 and "over the limit of 10 (EMBARGO_MAX_FIELD)" in _line(result.output)
    monkeypatch.setenv("EMBARGO_MAX_FIELD", "ten")
    result = runner.invoke(app, ["portfolio", "load", str(path), "--db", db])
    assert result.exit_code == 1 and "EMBARGO_MAX_FIELD='ten' is not a positive number" in _line(result.output)
