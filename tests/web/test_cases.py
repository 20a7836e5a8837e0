"""Cases in the web UI: the queue grouped by case, the review page's case panel, a whole case decided.

In the UI tests' store (tests/web/conftest.py) the EU and OFAC list one Lukashenka, a party on two lists:
customer c1 has one case of two alerts; c2 and c3 have a case of one alert each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.monitor import Alert, FourEyes, assignees, get_alert, list_alerts, pending_requests, set_policy
from embargo.server import ApiConfig
from embargo.store import Store
from embargo.web import queue as queue_module
from tests.conftest import people
from tests.web.conftest import ANALYST, UiKeys, copy_store
from tests.web.test_pages import sign_in


def _client(built_store: tuple[Store, UiKeys], path: Path, four_eyes: bool) -> Iterator[tuple[TestClient, Store]]:
    store = copy_store(built_store[0], path)
    if four_eyes:
        set_policy(store, FourEyes(True, 0.9), people(store, "ops", role="admin")["ops"])
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        yield client, store


@pytest.fixture
def plain(built_store: tuple[Store, UiKeys], tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    """Four-eyes off: a decision is recorded at once."""
    yield from _client(built_store, tmp_path, four_eyes=False)


@pytest.fixture
def guarded(built_store: tuple[Store, UiKeys], tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    """Four-eyes on from 0.90: every fixture alert (all score 1.0) waits for an approver."""
    yield from _client(built_store, tmp_path, four_eyes=True)


def _c1(store: Store) -> list[Alert]:
    return sorted((a for a in list_alerts(store) if a.customer_id == "c1"), key=lambda a: a.id)


def _groups(html: str) -> dict[int, list[int]]:
    """Each case shown (by id) with the alert rows under it."""
    return {
        int(m.group(1)): [int(i) for i in re.findall(r'name="alert" value="(\d+)"', m.group(2))]
        for m in re.finditer(r'<tbody class="case" id="case-(\d+)">(.*?)</tbody>', html, re.S)
    }


def test_the_queue_shows_one_case_per_customer_and_party(
    plain: tuple[TestClient, Store], built_store: tuple[Store, UiKeys]
) -> None:
    client, store = plain
    sign_in(client, built_store[1].analyst)
    html = client.get("/ui/alerts").text
    assert "3 cases, 4 alerts" in html
    eu, ofac = _c1(store)
    assert eu.case_id == ofac.case_id is not None
    groups = _groups(html)
    assert sorted(groups[eu.case_id]) == [eu.id, ofac.id] and len(groups) == 3
    head = re.search(rf'<tbody class="case" id="case-{eu.case_id}">\s*<tr class="case-head">(.*?)</tr>', html, re.S)
    assert head is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", head.group(1)))
    assert f"Case {eu.case_id}" in text and eu.query_name in text and "(c1)" in text
    assert "eu_fsf, us_ofac_sdn" in text and "2 alerts" in text and "2 open" in text and "1.00" in text
    assert f'name="case" value="{eu.case_id}"' in head.group(1)
    # A filter keeps a case when one of its alerts passes, and shows the alerts it keeps.
    html = client.get("/ui/alerts?list=eu_fsf").text
    assert "1 case, 1 alert." in html and _groups(html) == {eu.case_id: [eu.id]}
    assert "1 alert of 2" in html
    assert _groups(client.get("/ui/alerts?program=BELARUS").text) == {eu.case_id: [ofac.id]}


def test_the_kept_alerts_of_a_case_agree_with_the_stores_count(
    plain: tuple[TestClient, Store], built_store: tuple[Store, UiKeys]
) -> None:
    """The queue's rows under a case (filtered in Python) are the alerts the store's case count keeps."""
    client, store = plain
    csrf = sign_in(client, built_store[1].analyst)
    eu, ofac = _c1(store)
    client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "assign_me", "alert": [ofac.id]})
    service = SimpleNamespace(store=store)
    for query in ("", "list=eu_fsf", "program=BELARUS", "assignee=me", "assignee=none", "status=all", "band=low"):
        flt = queue_module.QueueFilter.read(dict(p.split("=") for p in query.split("&") if p))
        base = queue_module.base_query(flt, ANALYST)
        found = queue_module.select_cases(service, flt, base, [], 50)  # type: ignore[arg-type]
        assert found.alerts == sum(len(g.alerts) for g in found.groups), query
        assert all(g.case.alerts == len(g.alerts) > 0 for g in found.groups), query
    assert eu.id not in assignees(store)
    assert _groups(client.get("/ui/alerts?assignee=me").text) == {eu.case_id: [ofac.id]}


def test_the_review_page_shows_the_case_and_decides_it_whole(
    plain: tuple[TestClient, Store], built_store: tuple[Store, UiKeys]
) -> None:
    client, store = plain
    csrf = sign_in(client, built_store[1].analyst)
    eu, ofac = _c1(store)
    page = client.get(f"/ui/alerts/{eu.id}?list=&band=high").text
    panel = re.search(r'<section aria-labelledby="case-h" class="card case-panel">(.*?)</section>', page, re.S)
    assert panel is not None and f"Case {eu.case_id}: 2 alerts" in panel.group(1)
    assert f'<a href="/ui/alerts/{ofac.id}?band=high">alert {ofac.id}</a>' in panel.group(1)
    assert "us_ofac_sdn" in panel.group(1) and ofac.entity_id in panel.group(1)
    assert 'name="scope" value="alert" checked' in page and 'name="scope" value="case"' in page
    assert "1 other undecided alert (us_ofac_sdn)" in page
    # A case of one alert has no panel and no choice.
    alone = next(a for a in list_alerts(store) if a.customer_id == "c2")
    page = client.get(f"/ui/alerts/{alone.id}").text
    assert "case-panel" not in page and 'name="scope"' not in page

    form = {"csrf": csrf, "decision": "true_match", "note": "same man: name and birth date", "scope": "case"}
    r = client.post(f"/ui/alerts/{eu.id}/decide", data=form, follow_redirects=False)
    assert r.status_code == 303
    following = r.headers["location"]
    assert following.startswith("/ui/alerts/") and f"/ui/alerts/{ofac.id}?" not in following  # past the case
    assert following.endswith(f"?notice=case&after={eu.id}")
    assert get_alert(store, eu.id).status == get_alert(store, ofac.id).status == "true_match"
    nxt = client.get(following).text
    assert f"Case {eu.case_id} ({eu.query_name} / {eu.caption}, 2 alerts): 2 true match." in nxt
    assert "This is the next alert of the queue." in nxt
    queue = client.get("/ui/alerts").text
    assert "2 cases, 2 alerts" in queue and eu.case_id not in _groups(queue)


def test_this_alert_only_leads_to_the_rest_of_its_case(
    plain: tuple[TestClient, Store], built_store: tuple[Store, UiKeys]
) -> None:
    client, store = plain
    csrf = sign_in(client, built_store[1].analyst)
    eu, ofac = _c1(store)
    form = {"csrf": csrf, "decision": "false_positive", "note": "other man", "scope": "alert"}
    r = client.post(f"/ui/alerts/{ofac.id}/decide", data=form, follow_redirects=False)
    assert r.headers["location"] == f"/ui/alerts/{eu.id}?notice=decided&after={ofac.id}"
    assert get_alert(store, eu.id).status == "open" and get_alert(store, ofac.id).status == "false_positive"
    page = client.get(f"/ui/alerts/{eu.id}").text
    assert 'name="scope"' not in page  # nothing else of the case left to decide
    assert re.search(r'<span class="badge false_positive">', page)


def test_bulk_acts_on_cases_with_four_eyes(
    guarded: tuple[TestClient, Store], built_store: tuple[Store, UiKeys]
) -> None:
    client, store = guarded
    csrf = sign_in(client, built_store[1].analyst)
    eu, ofac = _c1(store)
    case = eu.case_id
    # assigning a case assigns each of its alerts
    r = client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "assign_me", "case": [case]})
    assert r.status_code == 200 and "2 alert(s) assigned" in r.text
    assert assignees(store).get(eu.id) == assignees(store).get(ofac.id) == ANALYST
    r = client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "false_positive", "case": [case]})
    assert r.status_code == 400 and "needs a note" in r.text
    # the case's alerts wait for an approver (score 1.0 ≥ 0.90); an alert of it also selected is not asked twice
    data = {"csrf": csrf, "action": "false_positive", "case": [case], "alert": [eu.id], "note": "test data"}
    r = client.post("/ui/alerts/bulk", data=data)
    assert r.status_code == 200 and "2 decision(s) wait for a second user" in r.text
    assert set(pending_requests(store)) == {eu.id, ofac.id}
    r = client.post("/ui/alerts/bulk", data=data)
    assert "2 alert(s) left as they were" in r.text
    for bad in ("²", "1" * 23, "x"):
        r = client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "assign_me", "case": [bad]})
        assert r.status_code == 400 and "not a case number" in r.text
    r = client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "assign_me"})
    assert r.status_code == 400 and "select at least one case or alert" in r.text
    # the whole-case choice on the review page under four-eyes: the notice says what waits
    other = next(a for a in list_alerts(store) if a.customer_id == "c2")
    form = {"csrf": csrf, "decision": "escalated", "note": "ask the RM", "scope": "case"}
    r = client.post(f"/ui/alerts/{other.id}/decide", data=form, follow_redirects=False)
    assert get_alert(store, other.id).status == "escalated"  # escalating never waits
    third = next(a for a in list_alerts(store) if a.customer_id == "c3")  # c1's alerts wait: skipped
    assert r.headers["location"] == f"/ui/alerts/{third.id}?notice=case&after={other.id}"
    nxt = client.get(r.headers["location"]).text
    assert f"Case {other.case_id} ({other.query_name} / {other.caption}, 1 alert): 1 escalated." in nxt
