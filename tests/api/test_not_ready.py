"""A server never answers "no hits" from a store without lists; a value it cannot read is said, not dropped."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file, set_policy
from embargo.server import ApiConfig
from embargo.store import Store
from tests.api.conftest import LUKASHENKA_RU, person
from tests.conftest import FIXTURES, republished


def test_an_empty_store_is_not_ready_and_screens_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "empty.db")
    _, secret = KeyStore(store).create(Role.ADMIN, "ops")
    app = create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))
    with TestClient(app) as client:
        client.headers["Authorization"] = secret
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "holds no list" in ready.json()["detail"]
        assert client.get("/healthz").status_code == 200
        calls = [
            ("POST", "/match/default", {"queries": {"q": person("Kim Jong Un")}}),
            ("POST", "/screen", {"name": "Kim Jong Un"}),
            ("POST", "/screen/batch", {"queries": [{"name": "Kim Jong Un"}]}),
            ("GET", "/search/default?q=Kim", None),
            ("POST", "/text", {"text": "Kim Jong Un met the press."}),
        ]
        for method, path, body in calls:
            r = client.request(method, path, json=body)
            assert r.status_code == 503, (path, r.status_code, r.text)
            assert "embargo update" in r.json()["detail"] and r.headers["Retry-After"] == "60", path
        # once a list is imported the same server answers, without a restart
        import_file(store, FIXTURES / "un" / "consolidated.xml", "un_sc")
        assert client.post("/screen", json={"name": "Kim Jong Un"}).status_code == 200
        assert client.get("/readyz").status_code == 200


def test_a_store_with_only_held_versions_is_not_ready(tmp_path: Path) -> None:
    store = Store(tmp_path / "held.db")
    set_policy(store, "internal", None, 10_000, "ops")  # a floor no file reaches: every import is held
    assert import_file(store, FIXTURES / "un" / "consolidated.xml", "internal").status == "held"
    assert store.view().current_version("internal") is None
    app = create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))
    with TestClient(app) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "only held versions" in ready.json()["detail"]
        assert "embargo accept" in ready.json()["detail"]


def test_match_says_which_values_it_could_not_read(client: TestClient) -> None:
    query = person(LUKASHENKA_RU)
    query["properties"]["birthDate"] = ["1954-13-45", "1954"]
    query["properties"]["nationality"] = ["Narnia"]
    r = client.post("/match/default", json={"queries": {"q": query}})
    assert r.status_code == 200, r.text
    answer = r.json()["responses"]["q"]
    assert answer["results"] and answer["query"]["properties"]["birthDate"] == ["1954"]
    assert answer["unreadable"] == [
        {"field": "birthDate", "value": "1954-13-45", "reason": "not a date; screened without it"},
        {"field": "nationality", "value": "Narnia", "reason": "not a country; screened without it"},
    ]
    clean = client.post("/match/default", json={"queries": {"q": person(LUKASHENKA_RU)}}).json()
    assert clean["responses"]["q"]["unreadable"] == []


def test_a_held_version_is_not_served_until_an_admin_accepts_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    un = FIXTURES / "un" / "consolidated.xml"
    import_file(store, un, "un_sc")
    _, admin = KeyStore(store).create(Role.ADMIN, "ops")
    app = create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))
    text = un.read_text("utf-8")
    first = re.search(r"<INDIVIDUAL>.*?</INDIVIDUAL>", text, flags=re.S)
    assert first is not None
    dataid = re.search(r"<DATAID>(\d+)</DATAID>", first[0])
    assert dataid is not None
    small = tmp_path / "small.xml"
    small.write_text(republished(text.replace(first[0], "", 1)), "utf-8")
    with TestClient(app) as client:
        client.headers["Authorization"] = admin
        assert client.get("/readyz").json()["lists"] == {"un_sc": 1}
        # the fixture is small: one of four entries removed is more than 10%, so the import is held
        assert import_file(store, small, "un_sc").status == "held"
        assert client.app.state.service.refresh() is False  # type: ignore[attr-defined]
        assert client.get("/readyz").json()["lists"] == {"un_sc": 1}
        removed = f"un-sc-{dataid[1]}"
        assert client.get(f"/entities/{removed}").status_code == 200
        versions = client.get("/lists/un_sc/versions").json()
        assert [(v["seq"], v["state"], v["current"]) for v in versions] == [(1, "accepted", True), (2, "held", False)]
        refused = client.post("/lists/un_sc/versions/2/accept", json={"reason": ""})
        assert refused.status_code == 400
        made = client.post("/lists/un_sc/versions/2/accept", json={"reason": "the UN delisted the entry"})
        assert made.status_code == 200 and made.json()["current"] is True
        assert client.get("/readyz").json()["lists"] == {"un_sc": 2}
        back = client.post("/lists/un_sc/rollback", json={"reason": "wrong after all"})
        assert back.status_code == 200 and back.json()["seq"] == 1
        assert client.get("/readyz").json()["lists"] == {"un_sc": 1}
