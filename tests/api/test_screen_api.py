"""``/screen`` with embargo's explanations, lists with the served version, diffs, and what the audit log keeps."""

from __future__ import annotations

from fastapi.testclient import TestClient

from embargo.api.trail import AuditTrail
from embargo.audit import iter_records
from embargo.store import Store
from tests.api.conftest import LUKASHENKA, LUKASHENKA_RU, Keys, ids_of


def _trail(client: TestClient) -> AuditTrail:
    trail = client.app.state.trail  # type: ignore[attr-defined]
    assert isinstance(trail, AuditTrail)
    return trail


def test_screen_one_party_with_explanations(client: TestClient) -> None:
    r = client.post("/screen", json={"name": LUKASHENKA_RU, "birth_date": "1954-08-30", "schema": "Person"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"]["birth_date"] == ["1954-08-30"]
    # his OFAC and EU entries are one party: one hit, led by either, with both lists' designations
    top = next(h for h in body["hits"] if LUKASHENKA in h["referents"])
    assert top["party_id"].startswith("party-") and top["score"] >= 0.9
    name = top["explanation"][0]
    assert name["feature"] == "name" and name["tokens"] and "similarity" in name["tokens"][0]
    assert {d["list"] for d in top["designations"]} == {"us_ofac_sdn", "eu_fsf"}


def test_screen_without_schema_and_in_batch(client: TestClient) -> None:
    r = client.post("/screen", json={"name": "Lukashenko Alexander", "limit": 3})
    assert r.status_code == 200 and LUKASHENKA in ids_of(r.json()["hits"])
    batch = {"queries": [{"id": "a", "name": LUKASHENKA_RU}, {"id": "b", "name": "Nobody Inparticular Zzyzx"}]}
    r = client.post("/screen/batch", json={**batch, "lists": ["us_ofac_sdn"]})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["id"] for x in results] == ["a", "b"] and results[0]["hits"] and not results[1]["hits"]


def test_screen_bad_input(client: TestClient) -> None:
    # a value that cannot be read is left out, and said so: the party is still screened
    partly = {"queries": [{"name": "x y"}, {"name": "Alexander Lukashenko", "birth_date": "1954-13-45"}]}
    r = client.post("/screen/batch", json=partly)
    assert r.status_code == 200, r.text
    first, second = r.json()["results"]
    assert first["unreadable"] == []
    assert second["unreadable"] == [{"field": "birth_date", "value": "1954-13-45", "reason": "not a date"}]
    assert second["hits"] and second["query"]["birth_date"] == []
    # a query with nothing to screen on is refused, naming it
    r = client.post("/screen/batch", json={"queries": [{"name": "x y"}, {"name": "  "}]})
    assert r.status_code == 400 and r.json()["detail"].startswith("queries[1]:")
    assert client.post("/screen", json={"name": "x", "lists": ["nope"]}).status_code == 404
    assert client.post("/screen", json={"name": ""}).status_code == 400
    assert client.post("/screen/batch", json={"queries": [{"name": "a b"}] * 101}).status_code == 400
    assert client.post("/screen", json={"name": "a", "unknown": 1}).status_code == 400


def test_lists_say_which_version_is_served_and_diff(app_client: TestClient, keys: Keys) -> None:
    admin = {"Authorization": keys.admin}
    lists = {x["name"]: x for x in app_client.get("/lists", headers=admin).json()}
    sdn = lists["us_ofac_sdn"]
    assert sdn["served_version"] == sdn["current"]["id"] and sdn["served_is_current"] is True
    assert app_client.get("/lists/us_ofac_sdn", headers=admin).json()["name"] == "us_ofac_sdn"
    same = app_client.get("/lists/us_ofac_sdn/diff", params={"from": 1, "to": "current"}, headers=admin)
    assert same.status_code == 200 and same.json()["summary"] == {"added": 0, "removed": 0, "amended": 0}
    r = app_client.get("/lists/us_ofac_sdn/diff", headers=admin)  # from=previous: there is none
    assert r.status_code == 404 and "no version before the current one" in r.json()["detail"]


def test_screening_calls_are_attributed_without_names(app_client: TestClient, keys: Keys, api_store: Store) -> None:
    trail = _trail(app_client)
    trail.flush()
    before = max((r.seq for r in iter_records(api_store)), default=0)
    screen = {"Authorization": keys.screen}
    app_client.post(
        "/match/default",
        json={"queries": {"q": {"schema": "Person", "properties": {"name": LUKASHENKA_RU}}}},
        headers=screen,
    )
    app_client.post("/screen", json={"name": LUKASHENKA_RU}, headers=screen)
    app_client.get("/catalog", headers=screen)  # a read: not recorded
    app_client.get("/healthz")
    app_client.get("/audit/verify", headers=screen)  # refused for lack of role: recorded
    trail.flush()  # the background thread may have written some already
    new = [r for r in iter_records(api_store) if r.seq > before]
    assert [(r.kind, r.actor, r.payload["endpoint"], r.payload["status"]) for r in new] == [
        ("api.call", "tests (screen)", "/match/{dataset}", 200),
        ("api.call", "tests (screen)", "/screen", 200),
        ("api.call", "tests (screen)", "/audit/verify", 403),
    ]
    assert new[0].payload["queries"] == 1 and new[0].payload["matches"] >= 1 and new[0].payload["role"] == "screen"
    assert new[1].payload["hits"] >= 1
    text = str([r.payload for r in new])
    assert "Лукашенко" not in text and "Lukash" not in text


def test_screening_filters_on_measures(client: TestClient) -> None:
    name = {"name": "Alexander Lukashenko", "schema": "Person"}
    every = client.post("/screen", json=name).json()["hits"]
    assert every
    frozen = client.post("/screen", json={**name, "measures": ["asset_freeze"]}).json()["hits"]
    assert frozen and all(any("asset_freeze" in d.get("measures", []) for d in h["designations"]) for h in frozen)
    assert client.post("/screen", json={**name, "measures": ["deflagging"]}).json()["hits"] == []
    bad = client.post("/screen", json={**name, "measures": ["freeze everything"]})
    assert bad.status_code == 400 and "unknown measure" in bad.json()["detail"]
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Alexander Lukashenko"]}}}}
    matched = client.post("/match/default", params={"measures": "deflagging"}, json=body).json()
    assert matched["responses"]["q"]["results"] == []
    assert client.post("/match/default", params={"measures": "asset freeze"}, json=body).json()["responses"]["q"][
        "results"
    ]
