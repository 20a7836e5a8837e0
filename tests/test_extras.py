"""Optional extras: a missing one is said in one line naming it; the base CLI imports none of them."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.extras import EXTRAS, MissingExtraError, missing, require

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

#: Modules only an extra brings: importing the CLI (``embargo --help``, the base commands) loads none.
HEAVY = {
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "python_multipart",
    "matplotlib",
    "spacy",
    "natasha",
    "pymorphy3",
    "trafilatura",
    "lxml_html_clean",
    "pyspark",
    "psycopg",
    "pykakasi",
}

# (command line, module made unimportable, extra the error names)
CASES = [
    (["serve"], "uvicorn", "api"),
    (["serve"], "fastapi", "api"),
    (["text", "-"], "spacy", "text"),
    (["text", "-"], "lxml_html_clean", "text"),
    (["report", "-o", "report.md"], "matplotlib", "report"),
]


@pytest.mark.parametrize(("args", "module", "extra"), CASES)
def test_missing_extra_is_one_line(
    args: list[str], module: str, extra: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what `import` does with it: ImportError
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "e.db")], input="Vladimir Putin")
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert f"needs the '{extra}' extra" in lines[0]
    assert f"pip install 'embargo[{extra}]'" in lines[0]
    assert module in lines[0]
    assert not (tmp_path / "e.db").exists()  # said before anything was opened or made


def test_require_and_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert missing("report") == []  # the test environment has every extra (make setup: .[all,dev])
    require("report", "x")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert missing("report") == ["matplotlib"]
    with pytest.raises(MissingExtraError, match=r"^charts needs the 'report' extra \(matplotlib not installed\)"):
        require("report", "charts")


def test_api_answers_501_naming_the_extra() -> None:
    from embargo.api.errors import _embargo

    exc = MissingExtraError("screening free text", "text", ["spacy"])
    response = asyncio.run(_embargo(None, exc))  # type: ignore[arg-type]
    assert response.status_code == 501
    assert b"pip install 'embargo[text]'" in response.body


def test_extras_declared_in_pyproject() -> None:
    """Every extra embargo checks for is one pip knows, and `all` brings every one (what CI installs)."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert set(EXTRAS) <= set(extras)
    assert extras["all"] == [f"embargo[{','.join(EXTRAS)}]"]
    base = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for dist in ("fastapi", "uvicorn", "spacy", "matplotlib", "trafilatura", "natasha", "pymorphy3", "jinja2"):
        assert not any(d.lower().startswith(dist) for d in base), dist


def test_base_cli_imports_no_extra() -> None:
    code = "import embargo.cli, sys; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert set(out.split()) & HEAVY == set()
