"""Limits over HTTP (issue 20): each refusal names its limit and setting, long work stops at its time budget,
and a request that runs long holds back no other request."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embargo.matching import Query
from embargo.screening import Hit, Screener
from tests.api.conftest import Keys, changed_limits, person


def _batch(n: int) -> dict[str, Any]:
    return {"queries": [{"name": f"Ivan Petrov {i}"} for i in range(n)]}


def _match_batch(n: int) -> dict[str, Any]:
    return {"queries": {f"q{i}": person(f"Ivan Petrov {i}") for i in range(n)}}


@pytest.mark.parametrize(("path", "body"), [("/screen/batch", _batch), ("/match/default", _match_batch)])
def test_queries_per_request(client: TestClient, path: str, body: Any) -> None:
    r = client.post(path, json=body(101))
    assert r.status_code == 400, r.text
    assert "over the limit of 100 (EMBARGO_MAX_QUERIES)" in r.json()["detail"]
    with changed_limits(client, queries=2):
        assert client.post(path, json=body(2)).status_code == 200
        r = client.post(path, json=body(3))
        assert r.status_code == 400 and "over the limit of 2 (EMBARGO_MAX_QUERIES)" in r.json()["detail"]


def test_a_body_over_the_limit_names_the_limit_and_setting(client: TestClient) -> None:
    big = {"name": "Ivan Petrov", "id": "x" * 150}
    with changed_limits(client, body=100):
        r = client.post("/screen", json=big)
        assert r.status_code == 413 and r.json()["detail"] == (
            "Request body larger than 100 bytes, the limit (EMBARGO_API_MAX_BODY)."
        )

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"name": "Ivan Petrov", '
            yield b'"id": "' + b"x" * 150 + b'"}'

        r = client.post("/screen", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and "EMBARGO_API_MAX_BODY" in r.json()["detail"]


def test_an_upload_over_the_limit_names_its_setting(app_client: TestClient, keys: Keys) -> None:
    admin = {"Authorization": f"ApiKey {keys.admin}"}
    with changed_limits(app_client, upload=1000):
        r = app_client.post("/portfolio?mode=partial", content=b"id,name\n" + b"1,Ivan Petrov\n" * 100, headers=admin)
        assert r.status_code == 413, r.text
        assert r.json()["detail"] == "Request body larger than 1000 bytes, the limit (EMBARGO_API_MAX_UPLOAD)."


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("x" * 20_000, "upload.csv, line 3: field 'name' holds 20,000 characters, over the limit of 10,000"),
        # a 3 MB name was stored, and made the portfolio's index and every later monitoring run hang
        ("x" * 3_000_000, "upload.csv, line 3: field 'name' holds more than 1,000,299 characters"),
    ],
)
def test_a_customer_field_over_the_limit_is_refused_and_nothing_stored(
    app_client: TestClient, keys: Keys, cell: str, message: str
) -> None:
    admin = {"Authorization": f"ApiKey {keys.admin}"}
    before = app_client.get("/portfolio", headers=admin).json()
    upload = f"id,name\n1,Ivan Petrov\n2,{cell}\n".encode()
    r = app_client.post("/portfolio?mode=full", content=upload, headers=admin)
    assert r.status_code == 400, r.text[:300]
    assert message in r.json()["detail"] and "(EMBARGO_MAX_FIELD)" in r.json()["detail"]
    assert app_client.get("/portfolio", headers=admin).json() == before


BUDGET = re.compile(r"time budget of 1e-09 seconds \(EMBARGO_REQUEST_SECONDS\)")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/screen", {"name": "Alexander Lukashenko"}),
        ("POST", "/screen/batch", _batch(3)),
        ("POST", "/match/default", {"queries": {"q": person("Alexander Lukashenko")}}),  # on the event loop
        ("POST", "/match/default", _match_batch(3)),  # in a worker thread
        ("POST", "/text", {"text": "President Alexander Lukashenko met Ivan Petrov in Minsk."}),
        ("GET", "/search/default?q=Alexander+Lukashenko", None),
    ],
)
def test_screening_stops_at_its_time_budget(client: TestClient, method: str, path: str, body: Any) -> None:
    with changed_limits(client, seconds=1e-9):
        r = client.request(method, path, json=body)
    assert r.status_code == 503, r.text[:300]
    assert BUDGET.search(r.json()["detail"]), r.json()
    assert client.request(method, path, json=body).status_code == 200  # the budget was the request's alone


def test_the_ui_quick_screen_stops_at_its_time_budget(app_client: TestClient, keys: Keys) -> None:
    ui = TestClient(app_client.app, base_url="https://testserver")
    r = ui.post("/ui/login", data={"key": keys.screen, "next": "/ui/screen"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    with changed_limits(app_client, seconds=1e-9):
        r = ui.get("/ui/screen", params={"q": "Alexander Lukashenko"})
    assert r.status_code == 503 and "EMBARGO_REQUEST_SECONDS" in r.text
    assert ui.get("/ui/screen", params={"q": "Alexander Lukashenko"}).status_code == 200


def test_a_long_screening_holds_back_no_small_match(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 120 KB name once held the screening lock for 11 s while every /match waited. Now a request stuck
    in the screener (here: blocked on an event) holds no lock: a /match meanwhile is answered at once."""
    entered, release = threading.Event(), threading.Event()
    original = Screener.screen

    def screen(
        self: Screener,
        query: Query,
        threshold: float | None = None,
        limit: int = 10,
        lists: set[str] | None = None,
        keep: Callable[[Hit], bool] | None = None,
    ) -> list[Hit]:
        if "Slowpoke" in query.names[0]:
            entered.set()
            release.wait(60)
        return original(self, query, threshold=threshold, limit=limit, lists=lists, keep=keep)

    monkeypatch.setattr(Screener, "screen", screen)
    answers: list[int] = []
    slow = threading.Thread(
        target=lambda: answers.append(
            client.post("/screen/batch", json={"queries": [{"name": "Slowpoke"}]}).status_code
        )
    )
    slow.start()
    try:
        assert entered.wait(60)
        small = client.post("/match/default", json={"queries": {"q": person("Alexander Lukashenko")}})
        assert small.status_code == 200 and small.json()["responses"]["q"]["results"]
        batch = client.post("/match/default", json=_match_batch(2))  # the thread pool's way
        assert batch.status_code == 200
        assert client.post("/screen", json={"name": "Alexander Lukashenko"}).status_code == 200
        assert not release.is_set() and slow.is_alive()  # all answered while the slow one still waits
    finally:
        release.set()
        slow.join(60)
    assert answers == [200]
