"""Portfolio, monitoring runs, alerts, decisions, the audit log and reports over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.server import ApiConfig
from embargo.store import Store
from tests.api.conftest import LUKASHENKA, LUKASHENKA_RU
from tests.conftest import BACKENDS, FIXTURES, new_location

CUSTOMERS = f"id,name,birth_date\nc1,{LUKASHENKA_RU},1954-08-30\nc2,Maria Nobody Zzyzx,1990\n"


@pytest.fixture(scope="module", params=BACKENDS)
def setup(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], Store]]:
    store = Store(new_location(request, request.param, tmp_path_factory.mktemp("mon")))
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    ks = KeyStore(store)
    heads = {}
    for role, name in ((Role.SCREEN, "screener"), (Role.REVIEW, "A. Analyst"), (Role.ADMIN, "ops")):
        heads[role.value] = {"Authorization": f"ApiKey {ks.create(role, name)[1]}"}
    with TestClient(create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))) as client:
        yield client, heads, store


def test_portfolio_monitor_alerts_decisions_audit_report(
    setup: tuple[TestClient, dict[str, dict[str, str]], Store],
) -> None:
    client, keys, _ = setup
    admin, review, screen = keys["admin"], keys["review"], keys["screen"]
    assert client.post("/monitor", headers=admin).status_code == 404  # nothing to monitor yet
    assert client.post("/portfolio?mode=full", content=CUSTOMERS.encode(), headers=review).status_code == 403
    assert client.post("/portfolio", content=CUSTOMERS.encode(), headers=admin).status_code == 400  # mode needed
    bad = client.post("/portfolio?mode=full", content=b"id,name\n,no id\n", headers=admin)
    assert bad.status_code == 400 and "line 2" in bad.json()["detail"] and "upload" in bad.json()["detail"]

    r = client.post("/portfolio?mode=full", content=CUSTOMERS.encode(), headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "loaded" and sorted(r.json()["added"]) == ["c1", "c2"]
    extra = b"id,name\nc3,Somebody Else Entirely\n"
    files = {"file": ("more.csv", extra, "text/csv")}
    r = client.post("/portfolio?mode=partial", files=files, headers=admin)
    assert r.status_code == 200 and r.json()["added"] == ["c3"], r.text
    shown = client.get("/portfolio", headers=admin).json()
    assert shown["current"]["customers"] == 3 and shown["versions"][1]["source"] == "api upload more.csv by ops"
    assert shown["versions"][0]["actor"] == "ops"

    run = client.post("/monitor", json={"full": True}, headers=admin)
    assert run.status_code == 200, run.text
    assert run.json()["alerts_raised"] >= 1 and run.json()["mode"] == "full"

    page = client.get("/alerts", params={"status": "open", "list": "us_ofac_sdn", "min_score": 0.9}, headers=review)
    assert page.status_code == 200, page.text
    alerts = page.json()["alerts"]
    assert page.json()["total"] == len(alerts) >= 1 and alerts[0]["customer_id"] == "c1"
    assert alerts[0]["entity_id"] == LUKASHENKA
    assert client.get("/alerts", params={"min_score": 0.99, "max_score": 0.1}, headers=review).json()["total"] == 0
    assert client.get("/alerts", params={"status": "nope"}, headers=review).status_code == 400
    assert client.get("/alerts", headers=screen).status_code == 403
    second = client.get("/alerts", params={"limit": 1, "offset": 1}, headers=review).json()
    assert second["limit"] == 1 and second["offset"] == 1

    alert_id = alerts[0]["id"]
    detail = client.get(f"/alerts/{alert_id}", headers=review).json()
    assert detail["explanation"][0]["feature"] == "name" and detail["decisions"] == []
    assert detail["customer"]["names"] and detail["reason"] == "new match"
    assert client.get("/alerts/999999", headers=review).status_code == 404

    decided = client.post(
        f"/alerts/{alert_id}/decision", json={"as": "false_positive", "note": "other person"}, headers=review
    )
    assert decided.status_code == 201, decided.text
    assert decided.json()["decided_by"] == "A. Analyst" and decided.json()["decision"] == "false_positive"
    assert client.post(f"/alerts/{alert_id}/decision", json={"as": "maybe"}, headers=review).status_code == 400
    # a decision nobody can explain is refused, whether the note is missing, empty or blank
    for body in ({"as": "true_match"}, {"as": "true_match", "note": ""}, {"as": "true_match", "note": " \n "}):
        refused = client.post(f"/alerts/{alert_id}/decision", json=body, headers=review)
        assert refused.status_code in (400, 422), (body, refused.status_code)
    again = client.get(f"/alerts/{alert_id}", headers=review).json()
    assert again["status"] == "false_positive" and again["decisions"][0]["note"] == "other person"

    # The audit log: the decision by the analyst's key name, and each API call that changed something.
    assert client.get("/audit", headers=review).status_code == 403
    client.app.state.trail.flush()  # type: ignore[attr-defined]
    r = client.get("/audit", params={"format": "jsonl"}, headers=admin)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in r.text.splitlines()]
    kinds = {(x["kind"], x["actor"]) for x in records}
    assert {("alert.decide", "A. Analyst"), ("portfolio.load", "ops"), ("monitor.run", "ops")} <= kinds, kinds
    calls = [(x["actor"], x["payload"]["endpoint"], x["payload"]["status"]) for x in records if x["kind"] == "api.call"]
    assert ("A. Analyst", "/alerts/{alert_id}/decision", 201) in calls and ("ops", "/monitor", 200) in calls
    assert ("screener", "/alerts", 403) in calls  # a refusal is recorded...
    assert not any(call[1:] == ("/alerts", 200) for call in calls)  # ...reads are not
    csv_text = client.get("/audit", params={"format": "csv", "since": "2000-01-01"}, headers=admin).text
    assert csv_text.startswith("seq,at,actor,kind,payload,prev_hash,hash")
    verified = client.get("/audit/verify", headers=admin).json()
    assert verified["ok"] is True and verified["records"] >= len(records)
    assert verified["state"]["decisions"] >= 1 and verified["checkpoints"]["stored"] >= 1 and verified["notes"]
    head = f"{verified['head']['seq']}:{verified['head']['hash']}"
    assert client.get("/audit/verify", params={"head": head}, headers=admin).json()["ok"] is True
    assert client.get("/audit/verify", params={"head": "x"}, headers=admin).status_code == 400

    md = client.get("/report", headers=review)
    assert md.status_code == 200 and md.text.startswith("# Screening report") and "data:image/png;base64," in md.text
    html = client.get("/report", params={"format": "html", "since": "2000-01-01"}, headers=review)
    assert html.headers["content-type"].startswith("text/html") and "<table>" in html.text
    assert client.get("/report", params={"format": "json"}, headers=review).json()["alerts_raised"] >= 1
    assert client.get("/report", params={"since": "2026-13-45"}, headers=review).status_code == 400
    # a period that ends before it starts is refused, not answered with "nothing happened"
    inverted = {"since": "2030-01-01", "until": "2020-01-01"}
    refused = client.get("/report", params=inverted, headers=review)
    assert refused.status_code == 400 and "not before" in refused.text
    assert client.get("/audit", params={"format": "csv", **inverted}, headers=admin).status_code == 400


def test_parquet_upload(setup: tuple[TestClient, dict[str, dict[str, str]], Store], tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    client, keys, _ = setup
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": ["p1"], "name": ["Parquet Person Example"]}), path)
    r = client.post("/portfolio?mode=partial", content=path.read_bytes(), headers=keys["admin"])
    assert r.status_code == 200 and r.json()["added"] == ["p1"], r.text
    assert client.post("/portfolio?mode=partial", content=b"", headers=keys["admin"]).status_code == 400
