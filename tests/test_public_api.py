"""The public library API: ``embargo.__all__`` (sorted, every name resolves, each from its home module)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import embargo
import embargo.errors
from tests.conftest import ROOT

#: Where each public name lives.
HOMES = {
    "ANY_SCHEMATA": "embargo.screening.screener",
    "Hit": "embargo.screening.screener",
    "Query": "embargo.matching.query",
    "Screener": "embargo.screening.screener",
    "Store": "embargo.store.store",
    "import_file": "embargo.ingest.importer",
    "screen_file": "embargo.screening.batch",
    "update": "embargo.ingest.update",
    **dict.fromkeys(embargo.errors.__all__, "embargo.errors"),
}


def test_all_is_sorted_and_unique() -> None:
    assert embargo.__all__ == sorted(set(embargo.__all__))


def test_all_names_the_public_set() -> None:
    assert set(embargo.__all__) == {*HOMES, "__version__"}


@pytest.mark.parametrize("name", sorted(HOMES))
def test_each_name_is_the_object_of_its_home_module(name: str) -> None:
    home = sys.modules.get(HOMES[name]) or __import__(HOMES[name], fromlist=[name])
    assert getattr(embargo, name) is getattr(home, name)


def test_every_error_derives_from_the_root() -> None:
    for name in embargo.errors.__all__:
        assert issubclass(getattr(embargo, name), embargo.EmbargoError)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        embargo.no_such_name  # noqa: B018


def test_import_is_cheap() -> None:
    """``import embargo`` does not pull in the matcher (the public names load on first use)."""
    code = "import sys, embargo; print(sorted(m for m in ('embargo.matching', 'embargo.screening', 'embargo.store') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def test_docs_name_the_same_set() -> None:
    """``docs/library.md`` lists exactly the names of ``embargo.__all__`` in its stability promise."""
    text = Path(ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    promise = text[text.index("## Stability") :]
    named = set(re.findall(r"`([A-Za-z_]+)`", promise))
    assert named == set(embargo.__all__)
