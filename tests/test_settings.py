"""The limits in one place (issue 20): defaults as documented, checked values, the csv module's field limit."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import pytest
from followthemoney.util import PROP_VALUE_MAX

import embargo.settings
from embargo.errors import ConfigError
from embargo.settings import CSV_FIELD_LIMIT, Limits, customer_limits, request_seconds, use_csv_field_limit

#: Every limit's setting, with the attribute of :class:`Limits` it fills and its documented default.
SETTINGS = [
    ("EMBARGO_MAX_NAME", "name", 1000),
    ("EMBARGO_MAX_NAMES", "names", 50),
    ("EMBARGO_MAX_QUERIES", "queries", 100),
    ("EMBARGO_MAX_FIELD", "field", 10_000),
    ("EMBARGO_MAX_FIELDS", "fields", 100),
    ("EMBARGO_API_MAX_BODY", "body", 2 * 1024 * 1024),
    ("EMBARGO_API_MAX_UPLOAD", "upload", 512 * 1024 * 1024),
    ("EMBARGO_UI_MAX_BODY", "ui_body", 1024 * 1024),
    ("EMBARGO_API_MAX_TEXT", "text", 100_000),
    ("EMBARGO_REQUEST_SECONDS", "seconds", 30.0),
]


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, _, _ in SETTINGS:
        monkeypatch.delenv(name, raising=False)


def test_every_limit_is_documented_with_its_default() -> None:
    limits = Limits.from_env()
    doc = embargo.settings.__doc__ or ""
    for name, attribute, default in SETTINGS:
        assert getattr(limits, attribute) == default, name
        assert f"``{name}``" in doc, f"{name} is not in embargo/settings.py's docstring"
    assert Limits() == limits


@pytest.mark.parametrize(("name", "attribute", "default"), SETTINGS)
def test_each_setting_is_read(monkeypatch: pytest.MonkeyPatch, name: str, attribute: str, default: float) -> None:
    monkeypatch.setenv(name, "7")
    assert getattr(Limits.from_env(), attribute) == 7


@pytest.mark.parametrize("value", ["ten", "0", "-5", "1e400"])
@pytest.mark.parametrize("name", ["EMBARGO_MAX_QUERIES", "EMBARGO_MAX_FIELD", "EMBARGO_UI_MAX_BODY"])
def test_a_bad_count_names_its_setting(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        Limits.from_env()


@pytest.mark.parametrize("value", ["ten", "0", "-1", "nan", "inf"])
def test_a_time_budget_must_be_a_positive_number(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("EMBARGO_REQUEST_SECONDS", value)
    with pytest.raises(ConfigError, match="EMBARGO_REQUEST_SECONDS"):
        request_seconds()


def test_customer_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    assert customer_limits() == (10_000, 100)
    monkeypatch.setenv("EMBARGO_MAX_FIELD", "500")
    monkeypatch.setenv("EMBARGO_MAX_FIELDS", "12")
    assert customer_limits() == (500, 12)


def test_the_csv_field_limit_is_embargos_whatever_was_imported() -> None:
    """Importing followthemoney's statement serializer raises the limit process-wide to 30 MB; a CLI run
    without it kept Python's 128 KiB: a customer file read differently in the server and the CLI."""
    saved = csv.field_size_limit()
    try:
        csv.field_size_limit(PROP_VALUE_MAX)  # what importing followthemoney.statement.serialize does
        assert use_csv_field_limit() == CSV_FIELD_LIMIT == csv.field_size_limit()
        csv.field_size_limit(131072)  # Python's default
        use_csv_field_limit()
        assert csv.field_size_limit() == CSV_FIELD_LIMIT
    finally:
        csv.field_size_limit(saved)


def test_every_setting_read_anywhere_is_documented() -> None:
    """Each ``EMBARGO_*`` variable the package names is a row of the settings table in docs/operations.md."""
    package = Path(__file__).resolve().parent.parent / "embargo"
    named = {m for path in package.rglob("*.py") for m in re.findall(r"EMBARGO_[A-Z0-9_]+", path.read_text("utf-8"))}
    docs = (package.parent / "docs" / "operations.md").read_text("utf-8")
    table = docs.split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `(EMBARGO_[A-Z0-9_]+)` \|", table, flags=re.M))
    assert named - rows == set(), "settings read but not in docs/operations.md's table"
    assert rows - named == set(), "settings in docs/operations.md's table that nothing reads"


#: Modules that read variables of other programs (never an ``EMBARGO_*`` one), and which.
_OTHER_VARIABLES = {
    "monitor/_clock.py": "USER, USERNAME: who runs an operation when nobody is named",
    "spark/session.py": "JAVA_HOME, SPARK_MASTER, PYSPARK_*: Spark's own",
    "cli/serve.py": "EMBARGO_DB, EMBARGO_API_RATE handed to uvicorn's worker processes (written, not read)",
}


def _environment_uses(tree: ast.Module) -> list[ast.AST]:
    """``os.environ`` and ``os.getenv`` in a module."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
        and node.attr in ("environ", "getenv", "putenv")
    ]


def test_only_the_settings_module_reads_embargo_settings() -> None:
    """One typed settings module: no other module reads the environment for an ``EMBARGO_*`` variable."""
    package = Path(__file__).resolve().parent.parent / "embargo"
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel == "settings.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        uses = _environment_uses(tree)
        if uses and rel not in _OTHER_VARIABLES:
            found.append(f"{rel}:{uses[0].lineno}")
    assert found == [], "read settings through embargo.settings"


def test_modules_reading_other_variables_read_no_embargo_one() -> None:
    package = Path(__file__).resolve().parent.parent / "embargo"
    for rel in _OTHER_VARIABLES:
        tree = ast.parse((package / rel).read_text("utf-8"))
        reads = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "getenv")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("EMBARGO_")
        ]
        assert reads == [], rel
