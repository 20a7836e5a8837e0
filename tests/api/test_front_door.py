"""The server's front door: / for browsers and clients, and API docs that need no CDN."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from embargo import __version__
from tests.api.conftest import ServerProcess


def test_a_browser_at_the_root_goes_to_the_ui(app_client: TestClient) -> None:
    page = app_client.get(
        "/", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}, follow_redirects=False
    )
    assert page.status_code == 307 and page.headers["location"] == "/ui/"


def test_a_client_at_the_root_gets_where_things_are(app_client: TestClient) -> None:
    found = app_client.get("/", headers={"Accept": "application/json"})
    assert found.status_code == 200
    assert found.json() == {
        "name": "embargo",
        "version": __version__,
        "ui": "/ui/",
        "docs": "/docs",
        "openapi": "/openapi.json",
    }


def test_the_docs_load_their_assets_from_the_server(app_client: TestClient) -> None:
    page = app_client.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "unpkg" not in page.text and "jsdelivr" not in page.text
    assert "/docs-assets/swagger-ui-bundle.js" in page.text
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert app_client.get(f"/docs-assets/{asset}").status_code == 200  # no key needed, like the docs
    redoc = app_client.get("/redoc")
    assert redoc.status_code == 200 and "/docs-assets/redoc.standalone.js" in redoc.text


def test_the_start_up_line_names_the_ui(server: str, server_process: ServerProcess) -> None:
    """The real server says where the analyst UI and the API docs are, and a browser reaches the UI from /."""
    log = server_process.log.read_text(errors="replace")
    assert "(analyst UI: /ui, API docs: /docs)" in log
    page = httpx.get(server + "/", headers={"Accept": "text/html"}, follow_redirects=False, timeout=10)
    assert page.status_code == 307 and page.headers["location"] == "/ui/"
