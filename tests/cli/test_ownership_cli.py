"""``embargo ownership``: import, list, explain (now and as of a date), datasets, diff; ``embargo screen`` shows the chain."""

from __future__ import annotations

import json
from pathlib import Path

from embargo.ingest import import_file
from embargo.store import Store
from tests.cli.conftest import run
from tests.ownership.test_graph import LIST_HEADER, OWNERSHIP_HEADER, SHARES, US_LIST, _holdings, _write


def _store(tmp_path: Path) -> str:
    db = tmp_path / "s.db"
    import_file(Store(db), _write(tmp_path / "us.csv", LIST_HEADER, US_LIST), "us_test", authority="US OFAC")
    return str(db)


def test_import_list_and_explain(tmp_path: Path) -> None:
    db = _store(tmp_path)
    out = run("ownership", "import", str(_holdings(tmp_path / "register.csv", SHARES)), "--db", db)
    assert "ofac: 2 blocked, 0 possibly blocked" in out
    listed = json.loads(run("ownership", "list", "--rule", "ofac", "--json", "--db", db))
    assert [(r["node"], r["status"], r["share"]["text"]) for r in listed] == [
        ("register:b", "blocked", "60%"),
        ("register:g", "blocked", "50%"),
    ]
    said = run("ownership", "explain", "g", "--rule", "ofac", "--db", db)
    assert "GAMMA LOGISTICS LLC [register:g]: blocked under ofac: BETA TRADING LLC [register:b] holds 50%" in said
    assert "Ivan Ivanovich PETROV [us-test-1]: designated (US OFAC: us_test;" in said
    screened = run("screen", "Gamma Logistics", "--schema", "Company", "--db", db)
    assert (
        "blocked by ownership or control (ofac rule) (asset freeze)" in screened and "designated (US OFAC" in screened
    )
    hits = json.loads(run("screen", "Gamma Logistics", "--schema", "Company", "--json", "--db", db))["hits"]
    assert hits[0]["kind"] == "ownership" and hits[0]["designations"][0]["measures"] == ["asset_freeze"]


def test_as_of_datasets_and_diff(tmp_path: Path) -> None:
    db = _store(tmp_path)
    rows = [{"owner_id": "p", "owner_name": "Ivan Petrov", "asset_id": "b", "asset_name": "BETA", "share": "60"}]
    path = _write(tmp_path / "dated.csv", OWNERSHIP_HEADER, [{**rows[0], "start": "2020-01-01", "end": "2022-01-01"}])
    run("ownership", "import", str(path), "--db", db)
    assert "on 2021-06-01: blocked" in run("ownership", "explain", "dated:b", "--as-of", "2021-06-01", "--db", db)
    assert ": not blocked" in run("ownership", "explain", "dated:b", "--rule", "ofac", "--db", db)
    _write(path, OWNERSHIP_HEADER, [{**rows[0], "start": "2020-01-01", "end": "2023-01-01"}])
    run("ownership", "import", str(path), "--db", db)
    versions = json.loads(run("ownership", "datasets", "--json", "--db", db))
    assert [(v["dataset"], v["version"]) for v in versions] == [("dated", 1), ("dated", 2)]
    diff = run("ownership", "diff", "dated", "--db", db)
    assert "0 added, 0 removed, 1 changed" in diff and "to 2022-01-01  ->  " in diff and "to 2023-01-01" in diff


def test_refusals_are_one_line(tmp_path: Path) -> None:
    db = _store(tmp_path)
    out = run("ownership", "explain", "nobody", "--db", db, code=1)
    assert "no party 'nobody' in the ownership data" in out
    out = run("ownership", "explain", "x", "--rule", "fr", "--db", db, code=1)
    assert "unknown ownership rule 'fr'" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("owner_id,owner_name,asset_id,asset_name,share,start,end\na,A,b,B,lots,,\n", encoding="utf-8")
    out = run("ownership", "import", str(bad), "--db", db, code=1)
    assert "line 2: share 'lots'" in out


def test_data_tied_to_no_listed_entity_is_said(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    out = run("ownership", "import", str(_holdings(tmp_path / "register.csv", SHARES)), "--db", db)
    assert "0 tied to listed entities" in out and "nothing is blocked by ownership" in out
