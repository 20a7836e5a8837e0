"""The queue's columns, regimes and pages; the review page's facts, Latin readings, decision box and next alert.

The fixture alerts (tests/web/conftest.py): two on customer c1 (Лукашенко) under Belarus, one by the EU
(``BLR``) and one by OFAC (``BELARUS``, matched on an alias), one on c2 under the UK's Russia regime, one on
c3 under OFAC's ``SDGT`` and ``SYRIA``. Four-eyes is off here: a decision is recorded at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.monitor import Alert, list_alerts
from embargo.server import ApiConfig
from embargo.store import Store
from embargo.web import queue as queue_module
from tests.web.conftest import ANALYST, UiKeys, copy_store
from tests.web.test_pages import sign_in


@pytest.fixture(scope="module")
def setup(
    built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Store, UiKeys]]:
    store = copy_store(built_store[0], tmp_path_factory.mktemp("ui-queue-review"))
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        yield client, store, built_store[1]


def _rows(html: str) -> dict[int, str]:
    """Each queue row's HTML by alert id."""
    return {
        int(m.group(1)): m.group(0)
        for m in re.finditer(r'<tr class="row" data-href="/ui/alerts/(\d+).*?</tr>', html, re.S)
    }


def _shown(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="alert" value="(\d+)"', html)]


def _alert(store: Store, customer: str, list_name: str) -> Alert:
    return next(a for a in list_alerts(store) if a.customer_id == customer and a.list == list_name)


def test_queue_columns_and_bulk_bar(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    sign_in(client, keys.analyst)
    html = client.get("/ui/alerts").text
    # The bulk actions come before the list, not after a long page of rows.
    assert html.index('class="bulk bulk-top"') < html.index('<table class="queue"')
    heads = re.findall(r'<th scope="col" class="fact-col">([^<]+)</th>', html)
    assert heads == ["Birth date", "Nationality", "Identifiers"]
    rows = _rows(html)
    ofac = _alert(store, "c1", "us_ofac_sdn")
    states = re.findall(r'<span class="fact-state (\w+)"[^>]*>([^<]+)</span>', rows[ofac.id])
    # as the review page reads them: same date, same country, no identifier on the customer's side
    assert states == [("agree", "agrees"), ("agree", "agrees"), ("unknown", "not given")]
    page = client.get(f"/ui/alerts/{ofac.id}").text
    assert "✓ agrees" in page and "not given" in page
    # The listed name that matched, when it is not the caption.
    assert ofac.matched_name != ofac.caption
    assert f"matched alias <bdi>{ofac.matched_name}</bdi>" in rows[ofac.id]
    petrov = _alert(store, "c2", "uk_ofsi")
    assert petrov.matched_name == petrov.caption and "matched-alias" not in rows[petrov.id]
    # programmes with their regime
    assert '<span title="Belarus">BELARUS</span>' in rows[ofac.id]


def test_programmes_grouped_by_regime(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    sign_in(client, keys.analyst)
    html = client.get("/ui/alerts").text
    belarus = re.search(r'<optgroup label="Belarus">(.*?)</optgroup>', html, re.S)
    assert belarus is not None
    options = re.findall(r'<option value="([^"]+)"', belarus.group(1))
    assert options == ["regime:belarus", "BELARUS", "BLR"]  # OFAC's and the EU's codes, one regime
    assert '<optgroup label="Russia (and Ukraine territorial integrity)">' in html
    c1 = {a.id for a in list_alerts(store) if a.customer_id == "c1"}
    assert len(c1) == 2
    both = client.get("/ui/alerts?program=regime:belarus").text
    assert set(_shown(both)) == c1 and "1 case, 2 alerts" in both  # EU and OFAC list one Lukashenka: one case
    assert 'value="regime:belarus" selected' in both
    # one publisher's code keeps that code's alerts only
    assert _shown(client.get("/ui/alerts?program=BLR").text) == [_alert(store, "c1", "eu_fsf").id]
    # an unknown regime keeps nothing (and is no error)
    assert _shown(client.get("/ui/alerts?program=regime:atlantis").text) == []


def test_queue_pages_keep_the_filters(setup: tuple[TestClient, Store, UiKeys], monkeypatch: pytest.MonkeyPatch) -> None:
    client, store, keys = setup
    sign_in(client, keys.analyst)
    monkeypatch.setattr(queue_module, "PAGE_SIZES", (1, 2, 50))
    # pages are pages of cases: c1's two alerts (one party on two lists) are one case, on one page
    every = sorted(list_alerts(store), key=lambda a: (-a.score, a.created_at, a.id))
    cases = list(dict.fromkeys(a.case_id for a in every))
    assert len(every) == 4 and len(cases) == 3
    shown = []
    for number in (1, 2, 3):
        html = client.get(f"/ui/alerts?band=high&size=1&page={number}").text
        assert f"(page {number} of 3), 1 a page" in html and "3 cases, 4 alerts" in html
        assert re.findall(r'name="case" value="(\d+)"', html) == [str(cases[number - 1])]
        shown += _shown(html)
        other = 3 if number == 2 else 2
        # page links keep the filters and the page size
        assert f'href="/ui/alerts?band=high&amp;size=1&amp;page={other}"' in html
        assert '<span class="current" aria-current="page">' + str(number) + "</span>" in html
        # and the alert links carry them to the review page
        assert f'href="/ui/alerts/{shown[-1]}?band=high&amp;size=1"' in html
    assert sorted(shown) == sorted(a.id for a in every)
    assert [a.id for a in every if a.case_id == cases[0]] == shown[:2]  # a case's alerts together, in order
    # a regime's union of codes is grouped by case too
    html = client.get("/ui/alerts?program=regime:belarus&size=1").text
    assert "1 case, 2 alerts" in html and "a page" not in html and len(_shown(html)) == 2
    # an unknown page size falls back to the default; the default is left out of links
    html = client.get("/ui/alerts?status=all&size=7").text
    assert "a page" not in html and len(_shown(html)) == len(list_alerts(store))
    assert queue_module.page_links(7, 20) == [1, None, 5, 6, 7, 8, 9, None, 20]
    assert queue_module.page_links(1, 1) == [1]


def test_review_page_side_by_side_with_latin_readings(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    sign_in(client, keys.analyst)
    eu = _alert(store, "c1", "eu_fsf")
    html = client.get(f"/ui/alerts/{eu.id}").text
    readings = re.findall(
        r'<span class="latin-reading"[^>]*><span class="visually-hidden">Latin reading: </span>([^<]+)', html
    )
    # under the customer's Cyrillic name, the listed Cyrillic name that matched, and every Cyrillic alias
    assert readings and all("Lukash" in r for r in readings)
    assert len(readings) >= 4
    petrov = _alert(store, "c2", "uk_ofsi")
    html = client.get(f"/ui/alerts/{petrov.id}").text
    assert "latin-reading" not in html  # Latin names only
    row = re.search(r'<th scope="row">Identifiers</th><td>[^<]*</td><td>([^<]*)</td>', html)
    assert row is not None and "passport number" in row.group(1)
    assert re.search(r'<th scope="row">Position</th><td>—</td><td>[^<]*Deputy Minister', html)
    assert '<th scope="row">Place of birth</th>' in html


def test_a_decision_leads_to_the_next_alert_and_shows_its_author(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    csrf = sign_in(client, keys.analyst)
    first, second = sorted((a for a in list_alerts(store) if a.customer_id == "c1"), key=lambda a: a.id)
    page = client.get(f"/ui/alerts/{first.id}?program=regime:belarus").text
    assert '<input type="hidden" name="program" value="regime:belarus">' in page
    assert 'href="/ui/alerts?program=regime%3Abelarus">Alert queue</a>' in page
    form = {"csrf": csrf, "decision": "false_positive", "note": "other man, other date", "program": "regime:belarus"}
    r = client.post(f"/ui/alerts/{first.id}/decide", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/ui/alerts/{second.id}?program=regime%3Abelarus&notice=decided&after={first.id}"
    nxt = client.get(r.headers["location"]).text
    assert f"Alert {first.id} (" in nxt and f"decided false positive by {ANALYST}." in nxt
    assert f'href="/ui/alerts/{first.id}?program=regime%3Abelarus">Back to alert {first.id}</a>' in nxt
    # The decided alert's box: the decision, its author, when, and the note (no form).
    done = client.get(f"/ui/alerts/{first.id}").text
    box = re.search(r'<p class="decided-by" id="decided-by">(.*?)</p>', done, re.S)
    assert box is not None and 'id="decide-form"' not in done
    assert re.search(
        rf"<strong>False positive</strong> by {ANALYST}, <time [^>]+>\d{{4}}-\d\d-\d\d \d\d:\d\d</time>", box.group(1)
    )
    assert "“other man, other date”" in box.group(1)
    # The last alert of that queue: back to the queue, saying so.
    form["decision"], form["note"] = "escalated", "ask the relationship manager"
    r = client.post(f"/ui/alerts/{second.id}/decide", data=form, follow_redirects=False)
    assert r.headers["location"] == f"/ui/alerts?program=regime%3Abelarus&after={second.id}&outcome=decided"
    queue = client.get(r.headers["location"]).text
    assert f"decided escalated by {ANALYST}." in queue and "No alert left to decide in this queue." in queue
    # An escalated alert is still to decide: the box says who escalated it, above the form.
    page = client.get(f"/ui/alerts/{second.id}").text
    assert 'id="decide-form"' in page and re.search(rf"<strong>Escalated</strong> by {ANALYST}", page)
    # Without filters, the next alert is the next one of the whole queue still to decide, in queue order...
    rest = sorted(list_alerts(store, "open"), key=lambda a: (-a.score, a.created_at, a.id))
    assert [a.customer_id for a in rest] == ["c2", "c3"]
    note = {"csrf": csrf, "decision": "true_match", "note": "same person"}
    r = client.post(f"/ui/alerts/{rest[0].id}/decide", data=note, follow_redirects=False)
    assert r.headers["location"] == f"/ui/alerts/{rest[1].id}?notice=decided&after={rest[0].id}"
    # ... and after the last one, the first from the top: the escalated alert, before them in order.
    r = client.post(f"/ui/alerts/{rest[1].id}/decide", data=note, follow_redirects=False)
    assert r.headers["location"] == f"/ui/alerts/{second.id}?notice=decided&after={rest[1].id}"


def test_a_regime_keeps_an_alert_under_two_of_its_codes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """OFAC lists many Russian parties under both UKRAINE-EO13662 and RUSSIA-EO14024: one alert, one row."""
    from types import SimpleNamespace

    from embargo.monitor import QueueQuery

    def alert(i: int, score: float) -> SimpleNamespace:
        return SimpleNamespace(id=i, score=score, created_at="2026-12-01T00:00:00+00:00")

    a, b, c = alert(1, 0.9), alert(2, 0.8), alert(3, 0.85)
    held = {"UKRAINE-EO13662": [a, b], "RUSSIA-EO14024": [a, c]}
    reads: list[int] = []

    def fake_page(store: object, query: QueueQuery, limit: int, offset: int = 0) -> tuple[list[object], int]:
        rows = held[query.program or ""]
        reads.append(limit)
        return rows[offset : offset + limit], len(rows)

    monkeypatch.setattr(queue_module, "queue_page", fake_page)
    queries = [QueueQuery(program=p) for p in held]
    service = SimpleNamespace(store=None)
    found, total, exact = queue_module._union_page(service, queries, 2, 0)  # type: ignore[arg-type]
    assert [x.id for x in found] == [1, 3] and (total, exact) == (3, True)
    found, total, exact = queue_module._union_page(service, queries, 2, 2)  # type: ignore[arg-type]
    assert [x.id for x in found] == [2] and (total, exact) == (3, True)
    # Past EXACT_UNION alerts, the count is the codes' counts added: at most that many.
    monkeypatch.setattr(queue_module, "EXACT_UNION", 0)
    found, total, exact = queue_module._union_page(service, queries, 1, 0)  # type: ignore[arg-type]
    assert [x.id for x in found] == [1] and (total, exact) == (4, False)
