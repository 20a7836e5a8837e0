"""``embargo diff``: amendments first, ``--search`` and ``--limit``, versions named by their number."""

from __future__ import annotations

import json
from pathlib import Path

from embargo.ingest import import_file
from embargo.store import Store
from tests.api.test_lists_api import ADDRESS, write_versions
from tests.cli.conftest import run
from tests.conftest import FIXTURES


def test_diff_orders_searches_and_limits(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.db")
    import_file(store, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")  # the custom list's ids are 2 and 3
    first, second = write_versions(tmp_path)
    import_file(store, first, "internal", format_name="custom_csv")
    import_file(store, second, "internal", format_name="custom_csv", accept="the test replaces half of the list")
    db = str(store.path)

    shown = run("diff", "internal", "--limit", "4", "--db", db)
    lines = shown.splitlines()
    assert lines[0] == "internal: version 1 -> 2: 3 amended, 60 added, 60 removed"
    assert [line[:2] for line in lines if not line.startswith(" ")][1:5] == ["~ ", "~ ", "~ ", "+ "]
    assert lines[-1] == "... the first 4 of 123 shown (--limit)"

    found = run("diff", "internal", "1", "2", "--search", ADDRESS[:12], "--db", db)
    assert "1 of 3 amended, 0 of 60 added, 0 of 60 removed" in found and f"-'{ADDRESS}'" in found
    assert "Newcomer" not in found
    data = json.loads(run("diff", "internal", "1", "2", "--search", "newcomer", "--json", "--db", db))
    assert data["matched"] == {"added": 60, "removed": 0, "amended": 0} and len(data["added"]) == 60
    assert data["old"]["seq"] == 1 and data["new"]["seq"] == 2 and data["new"]["id"] == 3
