"""``POST /text``: an article's mentions and verdicts, as ``embargo text`` gives them, over HTTP."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from embargo.screening import Screener
from embargo.server import RequestRecord
from embargo.server.texts import TextScreeners
from embargo.store import Store
from tests.api.conftest import changed_limits
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "text"
EN = (ARTICLES / "en_crackdown.txt").read_text(encoding="utf-8")
PAGE = (ARTICLES / "page_crackdown.html").read_text(encoding="utf-8")


def _verdicts(body: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(m["text"], m["resolved"], m["verdict"]) for m in body["mentions"]]


def test_an_english_article_as_json(client: TestClient, audit_log: list[RequestRecord]) -> None:
    audit_log.clear()
    r = client.post("/text", json={"text": EN, "limit": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["language"] == "en" and body["characters"] == len(EN)
    found = _verdicts(body)
    assert found[:2] == [
        ("Alexander Lukashenko", "Alexander Lukashenko", "listed"),
        ("Lukashenko", "Alexander Lukashenko", "listed"),  # a surname back-reference takes the full name's verdict
    ]
    assert ("Pavel Lukashenko", "Pavel Lukashenko", "not_listed") in found
    first = body["mentions"][0]
    assert EN[first["start"] : first["end"]] == "Alexander Lukashenko"
    assert 1 <= len(first["hits"]) <= 2 and first["hits"][0]["score"] >= 0.85 and first["hits"][0]["designations"]
    # Attributed like /screen, with counts only: nothing of the text reaches the audit record.
    record = next(r for r in audit_log if r.endpoint == "/text")
    assert record.role == "screen" and record.status == 200 and record.detail is not None
    assert record.detail["mentions"] == len(found) and record.detail["listed"] >= 2 and record.detail["html"] is False
    assert "Lukashenko" not in repr(record.detail)


def test_a_raw_text_body_gives_the_same_answer(client: TestClient) -> None:
    sent = client.post("/text", json={"text": EN})
    raw = client.post("/text", content=EN.encode("utf-8"), headers={"Content-Type": "text/plain; charset=utf-8"})
    assert raw.status_code == 200, raw.text
    assert raw.json() == sent.json()


def test_a_saved_page(client: TestClient) -> None:
    r = client.post("/text?limit=1", content=PAGE.encode("utf-8"), headers={"Content-Type": "text/html"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["characters"] < len(PAGE)  # offsets are into the page's main text
    found = _verdicts(body)
    assert ("Siarhei Skryba", "Siarhei Skryba", "listed") in found
    assert ("Skryba", "Siarhei Skryba", "listed") in found
    # The cookie banner and the 'Read more' links name listed parties; they are not the article.
    assert not any(m["text"].startswith(("Sberbank", "Viktar")) for m in body["mentions"])
    assert all(len(m["hits"]) <= 1 for m in body["mentions"])
    for _ in range(3):  # the same page, again and again: the same answer (no paragraph is "seen before")
        assert client.post("/text", json={"text": PAGE, "html": True, "limit": 1}).json() == body


def test_bad_requests(client: TestClient) -> None:
    cases = [
        ({"json": {"text": "   "}}, 400),
        ({"json": {"text": "Alexander Lukashenko", "limit": 0}}, 400),
        ({"json": {"txt": "Alexander Lukashenko"}}, 400),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
        ({"content": b"", "headers": {"Content-Type": "text/plain"}}, 400),
        ({"content": b"text=Lukashenko", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 415),
        ({"content": b"Lukashenko", "headers": {"Content-Type": "text/plain; charset=klingon"}}, 400),
    ]
    for kwargs, status in cases:
        r = client.post("/text", **kwargs)  # type: ignore[arg-type]
        assert r.status_code == status, (kwargs, r.text)
        assert r.json()["detail"]


def test_size_limits(client: TestClient) -> None:
    with changed_limits(client, text=200):
        r = client.post("/text", json={"text": EN})
        assert r.status_code == 413 and "at most 200" in r.json()["detail"]
        # A page is judged by its main text, not its markup.
        assert client.post("/text", json={"text": PAGE[:3000], "html": True}).status_code in (200, 413)
    with changed_limits(client, body=1000):
        r = client.post("/text", content=EN.encode("utf-8") * 2, headers={"Content-Type": "text/plain"})
        assert r.status_code == 413


def test_a_key_is_required_and_a_screen_key_suffices(app_client: TestClient, keys: Any) -> None:
    app_client.headers.pop("Authorization", None)
    assert app_client.post("/text", json={"text": EN}).status_code == 401
    assert app_client.post("/text", json={"text": EN}, headers={"Authorization": "ApiKey emb_nope"}).status_code == 401
    r = app_client.post("/text", json={"text": "Alexander Lukashenko"}, headers={"Authorization": keys.screen})
    assert r.status_code == 200 and r.json()["mentions"][0]["verdict"] == "listed"


def test_the_text_screener_follows_the_served_snapshot(api_store: Store) -> None:
    old = Screener.open(api_store)
    texts = TextScreeners(api_store)
    texts.prepare(old)
    assert not texts.used  # nobody sent text yet: nothing is built
    first = texts.get(old)
    assert texts.get(old) is first and first.screener.indexes is old.indexes  # the served indexes, not a copy
    new = Screener(list(old.indexes))  # what Service.refresh swaps in after a list update
    texts.prepare(new)
    assert texts.get(new) is not first and texts.get(new).screener.indexes is new.indexes
