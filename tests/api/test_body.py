"""Bodies are read with a limit, before sign-in: the web UI once read 61 MB before anyone signed in."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope

from embargo.server.body import lone_surrogate, read_body
from embargo.server.service import Service


def _chunks(sizes: list[int], received: list[int]) -> Receive:
    async def receive() -> Message:
        size = sizes[len(received)]
        received.append(size)
        return {"type": "http.request", "body": b"x" * size, "more_body": len(received) < len(sizes)}

    return receive


def test_a_declared_length_over_the_limit_is_refused_before_a_byte_is_read() -> None:
    received: list[int] = []
    scope: Scope = {"method": "POST", "headers": [(b"content-length", b"61000000")]}
    assert asyncio.run(read_body(scope, _chunks([1000] * 5, received), 1000)) is None
    assert received == []


def test_a_chunked_body_is_refused_once_it_passes_the_limit() -> None:
    received: list[int] = []
    scope: Scope = {"method": "POST", "headers": []}
    assert asyncio.run(read_body(scope, _chunks([400] * 100, received), 1000)) is None
    assert len(received) == 3  # 1,200 bytes read of 40,000
    received.clear()
    body = asyncio.run(read_body(scope, _chunks([400, 400], received), 1000))
    assert body == b"x" * 800


def test_the_ui_refuses_a_large_body_before_sign_in(app_client: TestClient) -> None:
    service = app_client.app.state.service  # type: ignore[attr-defined]
    assert isinstance(service, Service)
    ui = TestClient(app_client.app, base_url="https://testserver")
    large = {"key": "emb_" + "x" * 2_000_000}  # over the default 1 MiB
    r = ui.post("/ui/login", data=large, follow_redirects=False)
    assert r.status_code == 413, r.text[:200]
    assert r.text == "Request body larger than 1048576 bytes, the limit (EMBARGO_UI_MAX_BODY)."
    assert "set-cookie" not in r.headers
    saved = service.config
    service.config = dataclasses.replace(saved, limits=dataclasses.replace(saved.limits, ui_body=100))
    try:

        def chunks() -> Iterator[bytes]:  # no Content-Length
            yield b"key=emb_"
            yield b"x" * 200

        r = ui.post("/ui/login", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
        assert r.status_code == 413 and "EMBARGO_UI_MAX_BODY" in r.text
        r = ui.post("/ui/login", data={"key": "emb_nope"}, follow_redirects=False)
        assert r.status_code == 401  # a small body goes on to the sign-in, which refuses the key
    finally:
        service.config = saved


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (json.dumps({"name": "Ivan Petrov"}).encode(), None),
        (json.dumps({"name": "Лукашенко 😀"}).encode(), None),  # escapes, and a pair: text
        (rb'{"a": "\\ud800"}', None),  # a backslash, then the letters ud800: text
        (rb'{"a": "\ud800', None),  # not JSON: left to the route, which says so
        (
            json.dumps({"name": "Ivan \ud800"}).encode(),
            "name: not Unicode text (a lone surrogate, U+D800, at character 6)",
        ),
        (rb'{"a": ["x", "\uDFFF"]}', "a[1]: not Unicode text (a lone surrogate, U+DFFF, at character 1)"),
        (json.dumps({"q": {"\ud800": 1}}).encode(), "q.\\ud800: not Unicode text (a lone surrogate in a name)"),
    ],
)
def test_a_lone_surrogate_is_found_and_named(body: bytes, found: str | None) -> None:
    assert lone_surrogate(body) == found
