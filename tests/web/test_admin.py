"""Administration in the web UI: the audit trail in words and its exports, API keys, portfolio uploads and
monitoring runs (issue 23, point 6)."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Iterator
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

from embargo.audit import AuditRecord, iter_records
from embargo.auth import KeyStore
from embargo.ingest import import_file
from embargo.monitor import Portfolio, list_alerts
from embargo.store import Store
from embargo.web.admin import MonitorJob
from embargo.web.audit_words import Words, in_words
from tests.conftest import FIXTURES
from tests.web.conftest import ADMIN, ANALYST, UiKeys, admin_client
from tests.web.test_pages import sign_in


@pytest.fixture(scope="module")
def setup(
    built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Store, UiKeys, str]]:
    with admin_client(built_store[0], tmp_path_factory.mktemp("ui-admin")) as (client, store, admin):
        yield client, store, built_store[1], admin


def test_the_audit_trail_says_what_happened_with_links(setup: tuple[TestClient, Store, UiKeys, str]) -> None:
    client, store, keys, _ = setup
    alert = list_alerts(store, status="open")[0]
    csrf = sign_in(client, keys.analyst)
    form = {"csrf": csrf, "decision": "false_positive", "note": "born 1990"}
    assert client.post(f"/ui/alerts/{alert.id}/decide", data=form, follow_redirects=False).status_code == 303
    sign_in(client, keys.approver)
    page = client.get("/ui/audit?kind=alert.decide").text
    said = f'{ANALYST} decided <a href="/ui/alerts/{alert.id}">alert {alert.id}</a> false positive: “born 1990”'
    assert said in page
    assert "<details" in page and f"alert_id</span> {alert.id}" in page  # the record as stored, one click away
    page = client.get("/ui/audit").text
    # list versions by their number within the list, linked to the list and to what changed
    assert (
        'embargo imported <a href="/ui/lists/uk_ofsi">uk_ofsi</a> <a href="/ui/lists/uk_ofsi/diff?from=1&amp;to=2">version 2</a> ('
        in page
    )
    eu_fsf = store.view().current_version("eu_fsf")
    assert eu_fsf is not None and eu_fsf.id != eu_fsf.seq  # store id 4 is version 1 of eu_fsf
    assert 'of <a href="/ui/lists/eu_fsf">eu_fsf</a> <a href="/ui/lists/eu_fsf">version 1</a>, score' in page
    assert "ops loaded (full) the portfolio: version 1, 5 customers (5 added, 0 changed, 0 removed)" in page
    assert "ops ran monitoring (run 1, full: asked for a full run): 5 customers screened" in page
    assert f"{ANALYST} signed in to the web UI" in page


@pytest.mark.parametrize(
    ("kind", "payload", "said"),
    [
        ("party.merge", {"entities": ["us-ofac-sdn-9797", "eu-fsf-1"], "reason": "same man"},
         "alice merged parties us-ofac-sdn-9797 and eu-fsf-1: “same man”"),
        ("case.decide", {"case_id": 7, "decision": "true_match", "note": "n", "decided": [3, 4], "waiting": []},
         'alice decided <a href="/ui/alerts/3">case 7</a> true match (2 alerts): “n”'),
        ("list.rollback", {"list": "x", "seq": 2, "from": 3, "reason": "bad"},
         'alice rolled <a href="/ui/lists/x">x</a> back from <a href="/ui/lists/x/diff?from=2&amp;to=3">version 3</a>'),
        ("list.update", {"source": "/srv/lists", "lists": {"un_sc": "imported", "eu_fsf": "held"}, "via": "ui"},
         'alice updated the lists from /srv/lists: <a href="/ui/lists/eu_fsf">eu_fsf</a> held, '
         '<a href="/ui/lists/un_sc">un_sc</a> imported'),
        ("something.new", {"a": 1, "b": [1, 2]}, "alice: something.new (a 1, b [1, 2])"),
        ("alert.decide", {"unexpected": "shape"}, "alice decided alert None"),
    ],
)  # fmt: skip
def test_each_kind_has_words_and_unknown_kinds_show_their_payload(
    kind: str, payload: dict[str, object], said: str
) -> None:
    record = AuditRecord(1, "2026-12-07T10:00:00", "alice", kind, payload, "0" * 64, "1" * 64)
    html = "".join(f'<a href="{p.href}">{p.text}</a>' if p.href else p.text for p in in_words(record, Words("/ui", {})))
    assert html.replace("&", "&amp;").startswith(said)


def test_the_filtered_trail_is_exported_as_csv_and_json_lines(setup: tuple[TestClient, Store, UiKeys, str]) -> None:
    client, store, keys, _ = setup
    sign_in(client, keys.approver)
    page = client.get("/ui/audit?kind=list.import").text
    assert (
        'href="/ui/audit/export.csv?kind=list.import"' in page
        and 'href="/ui/audit/export.jsonl?kind=list.import"' in page
    )
    r = client.get("/ui/audit/export.csv?kind=list.import")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    imports = list(iter_records(store, kind="list.import"))
    assert rows[0] == ["seq", "at", "actor", "kind", "payload", "prev_hash", "hash"]
    assert [int(row[0]) for row in rows[1:]] == [rec.seq for rec in imports] and len(imports) >= 3
    r = client.get("/ui/audit/export.jsonl?actor=ops")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert lines and {line["actor"] for line in lines} == {"ops"} and all("hash" in line for line in lines)
    everything = client.get("/ui/audit/export.jsonl").text.splitlines()
    assert len(everything) > len(lines)
    assert client.get("/ui/audit/export.csv?since=2026-12-01&until=2026-01-01").status_code == 400
    sign_in(client, keys.analyst)
    assert client.get("/ui/audit/export.csv").status_code == 403  # reviewers do not read the trail


def test_an_admin_creates_and_revokes_keys_and_a_reviewer_cannot(
    setup: tuple[TestClient, Store, UiKeys, str],
) -> None:
    client, store, keys, admin = setup
    csrf = sign_in(client, keys.analyst)
    assert client.get("/ui/admin/keys").status_code == 403
    assert client.post("/ui/admin/keys", data={"csrf": csrf, "role": "admin", "name": "Mallory"}).status_code == 403
    assert "/ui/admin" not in client.get("/ui/screen").text  # no Admin entry in the navigation
    csrf = sign_in(client, admin)
    assert 'href="/ui/admin"' in client.get("/ui/screen").text
    assert client.post("/ui/admin/keys", data={"role": "review", "name": "D. Analyst"}).status_code == 403  # no token
    r = client.post("/ui/admin/keys", data={"csrf": csrf, "role": "review", "name": "D. Analyst"})
    assert r.status_code == 201 and "is never shown again" in r.text
    made = next(k for k in KeyStore(store).list() if k.name == "D. Analyst")
    secret = r.text.split('id="new-key-value" class="secret" value="')[1].split('"')[0]
    assert secret.startswith("emb_") and KeyStore(store).verify(secret) == made
    assert secret not in client.get("/ui/admin/keys").text  # shown once
    r = client.post(f"/ui/admin/keys/{made.id}/revoke", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/admin/keys?notice=revoked"
    assert KeyStore(store).verify(secret) is None
    assert client.post(f"/ui/admin/keys/{made.id}/revoke", data={"csrf": csrf}).status_code == 409
    audit = client.get("/ui/audit?kind=key.create").text
    assert f"{ADMIN} created API key {made.id} (review) for D. Analyst" in audit
    assert f"{ADMIN} revoked API key {made.id} (review) of D. Analyst" in client.get("/ui/audit?kind=key.revoke").text
    bad = client.post("/ui/admin/keys", data={"csrf": csrf, "role": "root", "name": "x"})
    assert bad.status_code == 400


def test_an_admin_uploads_customers_and_runs_monitoring(setup: tuple[TestClient, Store, UiKeys, str]) -> None:
    client, store, keys, admin = setup
    before = Portfolio(store).current()
    assert before is not None
    csrf = sign_in(client, keys.approver)
    assert client.get("/ui/admin/portfolio").status_code == 403
    csrf = sign_in(client, admin)
    assert "No list version waits for a decision." in client.get("/ui/admin").text
    held = import_file(store, FIXTURES / "uk" / "ConList_2020.csv", "uk_ofsi", actor="ops")  # 2020 after 2024
    assert held.status == "held"
    overview = client.get("/ui/admin").text
    assert '<a href="/ui/lists/uk_ofsi">uk_ofsi</a>: 1 held version' in overview  # decided on the list's page
    for page in ("/ui/admin/keys", "/ui/admin/portfolio", "/ui/admin/monitor", "/ui/lists", "/ui/audit"):
        assert f'href="{page}"' in overview
    data = b"id,name,birth_date,nationality\nc6,Ali Khamenei,1939,ir\n"
    files = {"file": ("new.csv", data, "text/csv")}
    r = client.post("/ui/admin/portfolio", data={"csrf": csrf, "mode": "partial"}, files=files)
    assert r.status_code == 200, r.text
    now = Portfolio(store).current()
    assert now is not None and now.id == before.id + 1 and now.customers == before.customers + 1
    assert f"new.csv loaded as portfolio version {now.id}: 1 added" in r.text
    last = list(iter_records(store, kind="portfolio.load"))[-1]
    assert last.actor == ADMIN and last.payload["source"] == f"ui upload new.csv by {ADMIN}"
    bad = client.post(
        "/ui/admin/portfolio", data={"csrf": csrf, "mode": "partial"}, files={"file": ("x.csv", b"id\n1\n", "text/csv")}
    )
    assert bad.status_code == 400 and "x.csv" in bad.text and "nothing was stored" in bad.text

    r = client.post("/ui/admin/monitor", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/admin/monitor"
    deadline = time.monotonic() + 120
    status = client.get("/ui/admin/monitor/status").json()
    while status["running"] and time.monotonic() < deadline:
        time.sleep(0.2)
        status = client.get("/ui/admin/monitor/status").json()
    assert not status["running"] and status["error"] is None and status["actor"] == ADMIN
    result = status["result"]
    assert result["mode"] == "incremental" and result["screened"] >= 1
    page = client.get("/ui/admin/monitor").text
    assert f"Run {result['id']} finished" in page and f"{result['screened']} customer(s) screened" in page
    runs = list(iter_records(store, kind="monitor.run"))
    assert runs[-1].actor == ADMIN and runs[-1].payload["id"] == result["id"]


def test_a_run_under_way_shows_its_progress_and_refuses_a_second(
    setup: tuple[TestClient, Store, UiKeys, str],
) -> None:
    client, _, _, admin = setup
    mounts = [r for r in cast(FastAPI, client.app).routes if isinstance(r, Mount) and r.path == "/ui"]
    ui = cast(FastAPI, mounts[0].app)
    release = threading.Event()
    job = MonitorJob(actor=ADMIN, started_at="2026-12-07T10:00:00+00:00", done=200, total=1000)
    job.thread = threading.Thread(target=release.wait, daemon=True)
    job.thread.start()
    ui.state.monitor_job = job
    try:
        csrf = sign_in(client, admin)
        page = client.get("/ui/admin/monitor").text
        assert "Running since 2026-12-07T10:00:00 (started by C. Admin): 200 of 1000 customers screened." in page
        assert '<progress id="monitor-progress" max="1000" value="200"' in page
        assert client.get("/ui/admin/monitor/status").json()["running"] is True
        again = client.post("/ui/admin/monitor", data={"csrf": csrf})
        assert again.status_code == 409 and "still under way" in again.text
    finally:
        release.set()
        job.thread.join()
        del ui.state.monitor_job
