"""pyspark is optional: without it (or without Java) the Spark engine says what to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.errors import EmbargoError
from embargo.spark import INSTALL_HINT, default_master, require_pyspark


def test_without_pyspark_the_cli_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, customers: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    args = ["screen", "--input", str(customers), "--output", str(tmp_path / "o.jsonl"), "--engine", "spark"]
    result = CliRunner().invoke(app, [*args, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "pyspark" in result.output and INSTALL_HINT in result.output
    assert "Traceback" not in result.output


def test_without_java(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr("shutil.which", lambda _: None)
    with pytest.raises(EmbargoError, match="Java runtime"):
        require_pyspark()


def test_unknown_engine_and_uri_for_the_local_engine(tmp_path: Path, customers: Path) -> None:
    base = ["screen", "--input", str(customers), "--db", str(tmp_path / "s.db")]
    result = CliRunner().invoke(app, [*base, "--output", "o.jsonl", "--engine", "flink"])
    assert result.exit_code == 2
    result = CliRunner().invoke(app, [*base, "--output", "s3a://bucket/hits.jsonl"])
    assert result.exit_code == 1 and "needs the spark engine" in result.output


@pytest.mark.parametrize(
    ("env", "expected"), [(None, "local[*]"), ("", "local[*]"), ("spark://h:7077", "spark://h:7077")]
)
def test_default_master(monkeypatch: pytest.MonkeyPatch, env: str | None, expected: str) -> None:
    if env is None:
        monkeypatch.delenv("SPARK_MASTER", raising=False)
    else:
        monkeypatch.setenv("SPARK_MASTER", env)
    assert default_master() == expected
