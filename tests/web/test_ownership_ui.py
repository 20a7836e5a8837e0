"""Ownership in the analyst UI: the chain page and its SVG graph, and the quick screen's marks and links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.server import ApiConfig
from embargo.store import Store
from embargo.web.ownership import chain_svg
from tests.api.test_ownership_api import BELWOOD, BELWOOD_NAME, build_owned_store

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app on a store with ownership computed, signed in with a ``screen`` key (the lowest role)."""
    store: Store = build_owned_store(tmp_path_factory.mktemp("owned-ui"))
    _, secret = KeyStore(store).create(Role.SCREEN, "screening analyst")
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        r = client.post("/ui/login", data={"key": secret, "next": "/ui/screen"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        yield client


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of a page, parsed as XML (a page whose SVG is not well-formed fails here)."""
    return [ET.fromstring(found) for found in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def boxes(svg: ET.Element) -> list[str]:
    """The names in the graph's boxes (the first text of each ``g.node``)."""
    return [
        "".join(g.findall(f"{SVG}text")[0].itertext())
        for g in svg.iter(f"{SVG}g")
        if (g.get("class") or "").split()[0] == "node"
    ]


def test_the_page_draws_each_rules_chain(ui: TestClient) -> None:
    r = ui.get(f"/ui/ownership/{BELWOOD}")
    assert r.status_code == 200, r.text
    html = r.text
    assert "Belwood &lt;Export&gt; &amp; Co" in html and BELWOOD_NAME not in html  # escaped everywhere
    assert 'name="rule"' in html and '<option value="ofac"' in html and 'name="as_of" type="date"' in html
    graphs = svgs(html)
    assert len(graphs) == 3  # OFAC, EU, UK
    ofac = graphs[0]
    assert ofac.get("role") == "img" and "blocked under OFAC" in (ofac.get("aria-label") or "")
    title = ofac.find(f"{SVG}title")
    assert title is not None and (title.text or "").startswith(BELWOOD_NAME)
    names = boxes(ofac)
    assert len(names) == 3 and BELWOOD_NAME in names and "Zubr Timber Holdings LLC" in names
    labels = [
        "".join(t.itertext()) for g in ofac.iter(f"{SVG}g") if g.get("class") == "link" for t in g.iter(f"{SVG}text")
    ]
    assert sorted(labels) == ["60%", "75%"]
    # the lines under the graph, as text
    assert "Belwood &lt;Export&gt; &amp; Co [registry:belwood]: blocked under ofac" in html
    assert len(boxes(graphs[2])) == 1  # the UK: not blocked, the party alone


def test_rule_and_date(ui: TestClient) -> None:
    r = ui.get(f"/ui/ownership/{BELWOOD}", params={"rule": "ofac", "as_of": "2020-06-01"})
    assert r.status_code == 200
    (graph,) = svgs(r.text)
    assert "not blocked" in (graph.get("aria-label") or "") and len(boxes(graph)) == 1
    assert '<option value="ofac" selected>' in r.text and 'value="2020-06-01"' in r.text
    assert ui.get(f"/ui/ownership/{BELWOOD}", params={"rule": "fatf"}).status_code == 400
    assert ui.get(f"/ui/ownership/{BELWOOD}", params={"as_of": "someday"}).status_code == 400
    missing = ui.get("/ui/ownership/no-such-party")
    assert missing.status_code == 404 and "no party &#39;no-such-party&#39; in the ownership data" in missing.text


def test_the_quick_screen_marks_and_links_owned_hits(ui: TestClient) -> None:
    r = ui.get("/ui/screen", params={"q": "Belwood Export"})
    assert r.status_code == 200
    assert "blocked by ownership (OFAC)" in r.text and "blocked by ownership (EU)" in r.text
    assert 'href="/ui/ownership/registry%3Abelwood"' in r.text
    listed = ui.get("/ui/screen", params={"q": "Iran Aircraft Manufacturing Industrial Company"})
    assert "also blocked by ownership (EU)" in listed.text
    assert re.search(r'href="/ui/ownership/[^"]+">who owns or controls it', listed.text)
    plain = ui.get("/ui/screen", params={"q": "Hassan Nasrallah"})
    assert plain.status_code == 200 and "Blocked by ownership or control" not in plain.text


def test_signed_out_is_sent_to_sign_in(ui: TestClient) -> None:
    cookies = dict(ui.cookies)
    ui.cookies.clear()
    try:
        r = ui.get(f"/ui/ownership/{BELWOOD}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/ui/login?next=")
    finally:
        for name, value in cookies.items():
            ui.cookies.set(name, value)


HOSTILE = '<script>alert("x")</script> & \x01Sons'


def _verdict(**changes: Any) -> dict[str, Any]:
    """A verdict of FAQ 399's shape: two designated owners' holdings add up, one controls too."""
    holding = {"start": "2020-01-01", "end": None, "source": "test"}
    verdict: dict[str, Any] = {
        "rule": "ofac",
        "rule_version": "2014-08-13",
        "rule_title": "OFAC's 50 Percent Rule",
        "as_of": None,
        "status": "blocked",
        "share": {"low": 50.0, "high": 50.0, "text": "50%"},
        "steps": [
            {
                "depth": 0,
                "node": "d:c",
                "name": HOSTILE,
                "status": "blocked",
                "share": {"low": 50.0, "high": 50.0, "text": "50%, control"},
                "holdings": [
                    {"owner": "x", "owner_name": "X", "share": {"low": 25.0, "high": 25.0, "text": "25%"}, **holding},
                    {"owner": "y", "owner_name": "Y", "share": {"low": 25.0, "high": 25.0, "text": "25%"}, **holding},
                ],
                "controls": [{"controller": "y", "controller_name": "Y", "kind": "director", **holding}],
            },
            {"depth": 1, "node": "x", "name": "X", "status": "designated", "designations": [], "listed_as": []},
            {"depth": 1, "node": "y", "name": "Y", "status": "designated", "designations": [], "listed_as": []},
        ],
        "lines": ["C: blocked"],
    }
    verdict.update(changes)
    return verdict


def test_chain_svg_escapes_and_draws_one_box_per_party() -> None:
    markup = chain_svg(_verdict())
    assert "<script>" not in markup and "\x01" not in markup
    svg = ET.fromstring(markup)
    assert svg.get("role") == "img" and (svg.get("aria-label") or "").startswith(HOSTILE.replace("\x01", ""))
    names = boxes(svg)
    assert len(names) == 3 and {"X", "Y"} <= set(names)
    (hostile,) = [n for n in names if n not in ("X", "Y")]
    assert hostile.startswith('<script>alert("x")')  # as text, once parsed: it was escaped in the markup
    links = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "link"]
    assert len(links) == 3  # two holdings and a control
    labels = sorted("".join(t.itertext()) for g in links for t in g.iter(f"{SVG}text"))
    assert labels == ["25%", "25%", "controls (director)"]
    # the designated parties above the party they own
    ys: dict[str, float] = {}
    for g in svg.iter(f"{SVG}g"):
        rect = g.find(f"{SVG}rect")
        if rect is not None:
            ys["".join(g.findall(f"{SVG}text")[0].itertext())] = float(rect.get("y", "0"))
    assert ys["X"] == ys["Y"] < ys[hostile]


def test_chain_svg_of_a_party_alone() -> None:
    alone = _verdict(
        status="not blocked",
        steps=[{"depth": 0, "node": "d:c", "name": "C", "status": "not blocked", "holdings": [], "controls": []}],
    )
    svg = ET.fromstring(chain_svg(alone))
    assert boxes(svg) == ["C"] and not [g for g in svg.iter(f"{SVG}g") if g.get("class") == "link"]


def test_the_review_page_of_an_ownership_alert_draws_its_chain(tmp_path: Any) -> None:
    from embargo.monitor import Monitor, Portfolio
    from embargo.monitor.alerts import list_alerts
    from tests.monitor.conftest import write_customers

    store = build_owned_store(tmp_path)
    Portfolio(store).load(
        write_customers(tmp_path / "c.csv", [{"id": "c1", "name": BELWOOD_NAME, "schema": "Company"}])
    )
    Monitor(store, workers=1).run()
    (alert,) = list_alerts(store, list_name="ownership")
    _, secret = KeyStore(store).create(Role.REVIEW, "analyst")
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        r = client.post("/ui/login", data={"key": secret, "next": "/ui/alerts"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        page = client.get(f"/ui/alerts/{alert.id}")
    assert page.status_code == 200, page.text
    assert "Blocked by ownership or control" in page.text and f'href="/ui/ownership/{BELWOOD}"' in page.text
    graphs = svgs(page.text)  # a chain per rule that blocks it
    assert len(graphs) == len(alert.entity_data["ownership"]) >= 1
    assert all(BELWOOD_NAME in boxes(graph) for graph in graphs)
