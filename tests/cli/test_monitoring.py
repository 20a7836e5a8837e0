"""The monitoring commands end to end: portfolio, monitor, alerts, decide, audit, report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from embargo.store import Store
from tests.cli.conftest import run
from tests.conftest import FIXTURES


def _customers(db: str, path: Path) -> Path:
    listed = [e.caption for e in Store(db).view().iter_current()][:3]
    rows = [{"id": f"c{i}", "name": name} for i, name in enumerate(listed)]
    rows.append({"id": "clean", "name": "Margarethe Vestergaard"})
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["id", "name"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_monitoring_end_to_end(tmp_path: Path) -> None:
    db = str(tmp_path / "embargo.db")
    run("import", str(FIXTURES / "un" / "consolidated.xml"), "--source", "un_sc", "--db", db)
    customers = _customers(db, tmp_path / "customers.csv")
    assert "4 customers (4 added" in run("portfolio", "load", str(customers), "--by", "ops", "--db", db)
    assert "unchanged" in run("portfolio", "load", str(customers), "--db", db)
    assert json.loads(run("portfolio", "show", "--json", "--db", db))[0]["actor"] == "ops"
    first = json.loads(run("monitor", "--workers", "1", "--json", "--db", db))
    assert first["mode"] == "full" and first["alerts_raised"] >= 3
    again = json.loads(run("monitor", "--workers", "1", "--json", "--db", db))
    assert again["screened"] == 0 and again["alerts_raised"] == 0
    alerts = json.loads(run("alerts", "--status", "open", "--json", "--db", db))
    assert len(alerts) == first["alerts_raised"]
    assert {a["customer_id"] for a in alerts} >= {"c0", "c1", "c2"}
    assert all(a["list_versions"] == {"un_sc": 1} and a["explanation"] for a in alerts)
    target = alerts[0]["id"]
    assert "un_sc version 1" in run("alerts", "--db", db)
    run("principals", "add", "ana", "--role", "review", "--db", db)
    nobody = run("decide", str(target), "--as", "false_positive", "--note", "x", "--by", "anna", "--db", db, code=1)
    assert "'anna' is no principal of this store" in " ".join(nobody.split())
    unnamed = run("decide", str(target), "--as", "false_positive", "--note", "x", "--db", db, code=1)
    assert "say who acts" in unnamed
    out = run("decide", str(target), "--as", "false_positive", "--note", "born 1990", "--by", "ana", "--db", db)
    assert "false_positive by ana" in out
    shown = run("alert", str(target), "--db", db)
    assert "born 1990" in shown
    # fields in words, one per line, never a Python dict or list
    assert "{'" not in shown and "['" not in shown and "\n  name: " in shown
    assert "unknown decision" in run("decide", str(target), "--as", "nope", "--by", "ana", "--db", db, code=1)
    assert "needs a note" in run("decide", str(target), "--as", "true_match", "--by", "ana", "--db", db, code=1)
    assert len(json.loads(run("alerts", "--status", "false_positive", "--json", "--db", db))) == 1
    assert json.loads(run("monitor", "--full", "--workers", "1", "--json", "--db", db))["alerts_raised"] == 0

    verified = run("audit", "verify", "--db", db)
    assert "audit log intact" in verified
    head = verified.split("head ")[1].split()[0]
    run("audit", "verify", "--head", head, "--db", db)
    assert "records written" in run("audit", "export", "-o", str(tmp_path / "audit.jsonl"), "--db", db)
    run("audit", "export", "-o", str(tmp_path / "audit.csv"), "--db", db)
    kinds = [json.loads(line)["kind"] for line in (tmp_path / "audit.jsonl").read_text("utf-8").splitlines()]
    assert kinds[:2] == ["list.import", "portfolio.load"] and "alert.decide" in kinds
    assert len((tmp_path / "audit.csv").read_text("utf-8").splitlines()) == len(kinds) + 1

    run("report", "-o", str(tmp_path / "r" / "report.md"), "--db", db)
    text = (tmp_path / "r" / "report.md").read_text("utf-8")
    assert "| alerts raised |" in text and "report-scores.png" in text
    assert (tmp_path / "r" / "report-alerts.png").read_bytes()[:4] == b"\x89PNG"
    run("report", "-o", str(tmp_path / "report.html"), "--db", db)
    assert "data:image/png;base64," in (tmp_path / "report.html").read_text("utf-8")
    inverted = ["--since", "2030-01-01", "--until", "2020-01-01"]
    assert "not before" in run("report", "-o", str(tmp_path / "empty.md"), *inverted, "--db", db, code=1)
    assert not (tmp_path / "empty.md").exists()
    assert "not before" in run("audit", "export", "-o", str(tmp_path / "empty.csv"), *inverted, "--db", db, code=1)
    assert not (tmp_path / "empty.csv").exists()

    conn = Store(db).connect()
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'eve' WHERE seq = 2")
    conn.close()
    broken = run("audit", "verify", "--db", db, code=1)
    assert "seq 2: changed" in broken


def test_decide_waits_for_approval_under_four_eyes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the CLI applies the same four-eyes rule as the API and the web UI: a true match waits for an approver
    db = str(tmp_path / "embargo.db")
    run("import", str(FIXTURES / "un" / "consolidated.xml"), "--source", "un_sc", "--db", db)
    run("portfolio", "load", str(_customers(db, tmp_path / "customers.csv")), "--by", "ops", "--db", db)
    run("monitor", "--workers", "1", "--json", "--db", db)
    target = json.loads(run("alerts", "--status", "open", "--json", "--db", db))[0]["id"]
    run("principals", "add", "ops", "--role", "admin", "--db", db)
    run("principals", "add", "A-analyst", "--role", "approve", "--db", db)
    run("principals", "add", "bob", "--role", "approve", "--db", db)
    run("principals", "add", "rev", "--role", "review", "--db", db)
    for alike in ("a-analyst", "Ａ-Analyst", "A analyst"):  # a second principal cannot take a name that reads the same
        assert "may not share" in run("principals", "add", alike, "--role", "approve", "--db", db, code=1)
    # four-eyes is the store's setting: only an admin principal changes it, and every process obeys it
    assert "needs the admin role" in run("four-eyes", "on", "--by", "bob", "--db", db, code=1)
    assert "four-eyes on" in run("four-eyes", "on", "--by", "ops", "--db", db)
    monkeypatch.delenv("EMBARGO_FOUR_EYES", raising=False)
    out = run("decide", str(target), "--as", "true_match", "--note", "same person", "--by", "A-analyst", "--db", db)
    assert "waits for a second user's approval" in out
    assert json.loads(run("alerts", "--status", "true_match", "--json", "--db", db)) == []
    again = run("decide", str(target), "--as", "escalated", "--note", "unsure", "--by", "bob", "--db", db, code=1)
    assert "already has a decision waiting" in " ".join(again.split())
    assert "no decisions wait" not in run("requests", "--db", db)
    waiting = json.loads(run("requests", "--json", "--db", db))
    assert [(r["alert_id"], r["requested_by"]) for r in waiting] == [(target, "A-analyst")]
    request = waiting[0]["id"]
    for spelling in ("A-analyst", "a-analyst", "a\u200b-analyst", "Ａ-Analyst"):  # one principal, however spelt
        own = run("approve", str(request), "--by", spelling, "--db", db, code=1)
        assert "cannot approve or reject their own" in " ".join(own.split())
    assert "needs the approve role" in " ".join(run("approve", str(request), "--by", "rev", "--db", db, code=1).split())
    assert "rejected by bob" in run("reject", str(request), "--by", "bob", "--note", "check DOB", "--db", db)
    assert "no decisions wait" in run("requests", "--db", db)
    assert f"request {request}: true_match asked by A-analyst" in run("alert", str(target), "--db", db)
    run("decide", str(target), "--as", "true_match", "--note", "DOB agrees", "--by", "A-analyst", "--db", db)
    second = json.loads(run("requests", "--json", "--db", db))[0]["id"]
    # an API key's principal acts on the command line too, with the key's role
    key = json.loads(run("keys", "create", "--role", "approve", "--name", "Bea", "--json", "--db", db))["key"]
    assert "needs the approve role" not in run("approve", str(second), "--key", key, "--json", "--db", db)
    made = json.loads(run("alert", str(target), "--json", "--db", db))["decisions"][-1]
    assert made["decision"] == "true_match" and made["decided_by"] == "A-analyst"
    assert [a["id"] for a in json.loads(run("alerts", "--status", "true_match", "--json", "--db", db))] == [target]
    assert "already approved" in run("approve", str(second), "--by", "bob", "--db", db, code=1)
    requests = json.loads(run("alert", str(target), "--json", "--db", db))["requests"]
    assert [r["status"] for r in requests] == ["rejected", "approved"]
    kinds = [json.loads(line)["kind"] for line in _audit_lines(db, tmp_path)]
    assert "alert.decision_rejected" in kinds and "alert.decision_approved" in kinds


def _audit_lines(db: str, tmp_path: Path) -> list[str]:
    run("audit", "export", "-o", str(tmp_path / "audit.jsonl"), "--db", db)
    return (tmp_path / "audit.jsonl").read_text("utf-8").splitlines()
