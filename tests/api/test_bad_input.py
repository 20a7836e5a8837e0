"""Bad input is a clear 4xx, never a 500 (issue 20): text that is not Unicode, documents with nothing in them."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

#: A JSON body whose name holds a lone surrogate: valid JSON, not Unicode text.
_LONE = "Ivan \ud800 Petrov"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/match/default", {"queries": {"q": {"schema": "Person", "properties": {"name": [_LONE]}}}}),
        ("/screen", {"name": _LONE}),
        ("/screen", {"name": "Ivan Petrov", "id_number": ["AB\udc00"]}),
        ("/screen/batch", {"queries": [{"name": _LONE}]}),
        ("/text", {"text": f"{_LONE} met the minister."}),
        # found by tests/api/test_fuzz_input.py: values that passed every check and broke the answer echoing them
        ("/screen", {"name": "Ivan Petrov", "birth_date": "\ud800"}),
        ("/screen", {"name": "Ivan Petrov", "nationality": ["ru", "\udfff"]}),
        (
            "/match/default",
            {"queries": {"q": {"schema": "Person", "properties": {"name": ["Ivan"], "birthDate": ["\ud800"]}}}},
        ),
        ("/match/default", {"queries": {"\ud800": {"schema": "Person", "properties": {"name": ["Ivan Petrov"]}}}}),
        ("/match/default", {"queries": {"q": {"schema": "Person", "id": "\ud800", "properties": {"name": ["Ivan"]}}}}),
    ],
)
def test_a_lone_surrogate_is_refused(client: TestClient, path: str, body: dict[str, object]) -> None:
    r = client.post(path, content=json.dumps(body).encode(), headers={"content-type": "application/json"})
    assert r.status_code == 400, (r.status_code, r.text)
    assert "not Unicode" in r.json()["detail"] or "Invalid JSON" in r.json()["detail"]
    # the connection still serves the next request
    assert client.post("/screen", json={"name": "Ivan Petrov"}).status_code == 200


@pytest.mark.parametrize("html", ["<!-- x -->", "<!DOCTYPE html>", "<!doctype html><!-- nothing -->"])
@pytest.mark.parametrize("as_json", [True, False])
def test_html_without_an_element_is_refused(client: TestClient, html: str, as_json: bool) -> None:
    if as_json:
        r = client.post("/text", json={"text": html, "html": True})
    else:
        r = client.post("/text", content=html.encode(), headers={"content-type": "text/html"})
    assert r.status_code == 400, (r.status_code, r.text)
    assert "no element" in r.json()["detail"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/match/default", {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 120_000]}}}}),
        ("/screen", {"name": "x" * 120_000}),
        ("/screen/batch", {"queries": [{"name": "Ivan Petrov"}, {"name": "x" * 5_000}]}),
    ],
)
def test_a_name_over_the_limit_is_refused_at_once(client: TestClient, path: str, body: dict[str, object]) -> None:
    """A 120 KB "name" took 11 s of a worker; now it is refused before any screening, with the limit."""
    r = client.post(path, json=body)
    assert r.status_code == 400, (r.status_code, r.text[:200])
    assert "over the limit of 1,000" in r.json()["detail"]
