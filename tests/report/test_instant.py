"""The instant-payments check (EU 2024/886): the customer base screened daily, and at once after every new
list version; what falls short is a finding, day by day and version by version."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio
from embargo.report.instant import instant_report
from embargo.store import Store
from tests.cli.conftest import run
from tests.conftest import write_csv
from tests.payments.conftest import PAYMENT_LIST


def _version(tmp_path: Path, n: int) -> Path:
    """The payment fixture list with one more alias on its listed person (a new version of the list)."""
    rows = []
    for line in PAYMENT_LIST.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == "pay-person-petrenko":
            row["properties"]["alias"] = [f"Viktor PETRENKO-{n}"]
        rows.append(json.dumps(row, ensure_ascii=False))
    path = tmp_path / f"v{n}" / "listed.ftm.json"
    path.parent.mkdir()
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store.db")
    import_file(store, PAYMENT_LIST, "xx_payments")
    customers = [
        {"id": "c1", "name": "Viktor Petrenko", "schema": "Person"},
        {"id": "c2", "name": "Anna Schmidt", "schema": "Person"},
    ]
    Portfolio(store).load(
        write_csv(tmp_path / "c.csv", ["id", "name", "birth_date", "nationality", "schema"], customers)
    )
    return store


def test_a_daily_full_run_and_a_run_after_each_new_version_pass(tmp_path: Path) -> None:
    store = _store(tmp_path)
    Monitor(store, workers=1).run(full=True)  # today's full screening
    import_file(store, _version(tmp_path, 2), "xx_payments")  # a new designation
    Monitor(store, workers=1).run()  # at once after it: only what changed
    today = datetime.now(UTC).date()
    report = instant_report(store, today.isoformat(), (today + timedelta(days=1)).isoformat())
    assert report.ok, report.findings
    assert [d["covered"] for d in report.days] == [True]
    assert report.days[0]["full_runs"][0]["screened"] == 2
    modes = [v["run_mode"] for v in report.versions]
    assert modes == ["full", "incremental"]
    assert all(v["in_time"] and v["delay_minutes"] is not None for v in report.versions)
    text = "\n".join(report.lines())
    assert "every day covered and every list version screened in time" in text


def test_a_day_without_a_full_run_and_a_version_never_screened_are_findings(tmp_path: Path) -> None:
    store = _store(tmp_path)
    Monitor(store, workers=1).run(full=True)
    import_file(store, _version(tmp_path, 2), "xx_payments")  # no run after it
    today = datetime.now(UTC).date()
    yesterday = today - timedelta(days=1)
    report = instant_report(store, yesterday.isoformat(), (today + timedelta(days=1)).isoformat())
    assert not report.ok
    assert [d["covered"] for d in report.days] == [False, True]
    assert any(f.startswith(f"{yesterday.isoformat()}: no full run") for f in report.findings)
    assert any("xx_payments version 2" in f and "no run has screened" in f for f in report.findings)
    # the command says so with its own exit status, and in JSON for a scheduler
    out = run("payments", "daily-report", "--since", yesterday.isoformat(), "--db", str(store.path), "--json", code=4)
    data = json.loads(out)
    assert data["ok"] is False and len(data["findings"]) == 2
    assert "| " + yesterday.isoformat() + " | none | 0 | **no** |" in run(
        "payments", "daily-report", "--since", yesterday.isoformat(), "--db", str(store.path), code=4
    )


def test_a_version_screened_late_is_a_finding(tmp_path: Path) -> None:
    store = _store(tmp_path)
    Monitor(store, workers=1).run(full=True)
    report = instant_report(store, max_delay=timedelta(seconds=-1))  # nothing can be in time
    assert any("minutes after its import" in f for f in report.findings)
