"""Downloads: conditional requests, retries, refusing partial files; update from an HTTP mirror."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import embargo.ingest.fetch as fetch
from embargo.errors import FetchError
from embargo.ingest import download, update
from embargo.store import Store
from tests.conftest import FIXTURES

UN = (FIXTURES / "un" / "consolidated.xml").read_bytes()


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "BACKOFF", 0.0)


def client(handler: httpx.MockTransport) -> httpx.Client:
    return httpx.Client(transport=handler)


def test_conditional_download(tmp_path: Path) -> None:
    seen: list[dict[str, str]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.headers))
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(
            200, content=UN, headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2026 00:00:00 GMT"}
        )

    target = tmp_path / "un" / "consolidated.xml"
    with client(httpx.MockTransport(handle)) as c:
        first = download("https://example.test/consolidated.xml", target, c)
        second = download("https://example.test/consolidated.xml", target, c)
    assert not first.not_modified
    assert second.not_modified
    assert target.read_bytes() == UN
    assert "if-none-match" not in seen[0]
    assert seen[1]["if-none-match"] == '"v1"'
    assert seen[1]["if-modified-since"] == "Wed, 01 Jan 2026 00:00:00 GMT"


def test_retries_transient_failures(tmp_path: Path) -> None:
    answers = iter([httpx.Response(503), httpx.ConnectError("refused"), httpx.Response(200, content=UN)])

    def handle(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    with client(httpx.MockTransport(handle)) as c:
        got = download("https://example.test/x.xml", tmp_path / "x.xml", c)
    assert got.path.read_bytes() == UN


def test_gives_up_with_the_reason(tmp_path: Path) -> None:
    with client(httpx.MockTransport(lambda r: httpx.Response(502))) as c, pytest.raises(FetchError, match="HTTP 502"):
        download("https://example.test/x.xml", tmp_path / "x.xml", c)
    with client(httpx.MockTransport(lambda r: httpx.Response(404))) as c, pytest.raises(FetchError, match="HTTP 404"):
        download("https://example.test/x.xml", tmp_path / "x.xml", c)
    with pytest.raises(FetchError, match="not an http"):
        download("file:///etc/passwd", tmp_path / "x.xml")


def test_short_body_never_replaces_the_cached_file(tmp_path: Path) -> None:
    target = tmp_path / "x.xml"
    target.write_bytes(b"old good copy")

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=UN[:100], headers={"Content-Length": str(len(UN))})

    with client(httpx.MockTransport(handle)) as c, pytest.raises(FetchError, match="closed after"):
        download("https://example.test/x.xml", target, c)
    assert target.read_bytes() == b"old good copy"
    assert not target.with_name("x.xml.part").exists()


class _Mirror(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "mirror"
    root.mkdir()
    (root / "consolidated.xml").write_bytes(UN)
    (root / "SDN.XML").write_bytes((FIXTURES / "ofac" / "SDN.XML").read_bytes())
    (root / "UK-Sanctions-List.xml").write_bytes(b"<html><body>Down for maintenance</body></html>")

    def handler(*args: object, **kwargs: object) -> _Mirror:
        return _Mirror(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_update_from_http_mirror(tmp_path: Path, mirror: str) -> None:
    store = Store(tmp_path / "store.db")
    lists = ["un_sc", "us_ofac_sdn", "gb_fcdo", "gb_ofsi"]
    outcomes = update(store, lists, mirror, cache_dir=tmp_path / "cache")
    status = {o.list: o.status for o in outcomes}
    assert status == {"un_sc": "imported", "us_ofac_sdn": "imported", "gb_fcdo": "failed", "gb_ofsi": "failed"}
    failed = {o.list: o.error or "" for o in outcomes}
    assert "HTML page" in failed["gb_fcdo"]
    assert "closed this list on 2026-01-28" in failed["gb_ofsi"] and "gb_fcdo" in failed["gb_ofsi"]
    # the mirror has no SDN_ADVANCED.XML: the classic SDN.XML is taken, and the outcome says so
    sdn = next(o for o in outcomes if o.list == "us_ofac_sdn")
    assert sdn.result is not None and sdn.result.files == ["SDN.XML"]
    assert sdn.note is not None and "took SDN.XML" in sdn.note and "SDN_ADVANCED.XML" in sdn.note
    again = update(store, ["un_sc"], mirror, cache_dir=tmp_path / "cache")
    assert again[0].status == "unchanged"
    assert json.dumps([o.to_dict() for o in again])
