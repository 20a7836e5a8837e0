"""The "Screen a text" page (embargo/web/texts.py): a pasted or uploaded article, shown annotated."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.server import ApiConfig
from embargo.server.hooks import RequestRecord
from embargo.settings import Limits
from embargo.store import Store
from embargo.web import texts as texts_module
from tests.web.conftest import UiKeys, copy_store

ARTICLE = "President Alexander Lukashenko spoke in Minsk on Tuesday. Pavel Lukashenko, a cousin, did not."


class _Setup:
    def __init__(self, client: TestClient, keys: UiKeys, records: list[RequestRecord]) -> None:
        self.client, self.keys, self.records = client, keys, records


@pytest.fixture(scope="module")
def setup(built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Setup]:
    store = copy_store(built_store[0], tmp_path_factory.mktemp("ui-texts"))
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0, limits=Limits(text=2000))
    records: list[RequestRecord] = []
    with TestClient(create_app(config, audit=records.append), base_url="https://testserver") as client:
        yield _Setup(client, built_store[1], records)


def _sign_in(client: TestClient, key: str) -> str:
    client.cookies.clear()
    r = client.post("/ui/login", data={"key": key, "next": "/ui/text"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/text", r.text
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/ui/text").text)
    assert found is not None
    return found.group(1)


class _Marks(HTMLParser):
    """Each ``mark``'s class and its own text (before the superscript number)."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            self._in = dict(attrs).get("class") or ""
            self.marks.append((self._in, ""))
        elif tag == "sup":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            cls, text = self.marks[-1]
            self.marks[-1] = (cls, text + data)


def _marks(page: str) -> list[tuple[str, str]]:
    parser = _Marks()
    parser.feed(page)
    return parser.marks


def test_the_page_is_in_the_nav_for_the_screen_role(setup: _Setup) -> None:
    client = setup.client
    csrf = _sign_in(client, setup.keys.screen)
    page = client.get("/ui/text")
    assert page.status_code == 200 and "<h1>Screen a text</h1>" in page.text
    assert 'href="/ui/text" aria-current="page">Screen a text</a>' in page.text
    assert f'name="csrf" value="{csrf}"' in page.text and 'enctype="multipart/form-data"' in page.text
    assert '<link rel="stylesheet" href="/ui/text.css">' in page.text
    style = client.get("/ui/text.css")
    assert (
        style.status_code == 200 and style.headers["content-type"].startswith("text/css") and ".ea-listed" in style.text
    )
    client.cookies.clear()
    assert client.get("/ui/text", follow_redirects=False).status_code == 303


def test_a_pasted_text_shows_the_listed_name_highlighted(setup: _Setup) -> None:
    client = setup.client
    csrf = _sign_in(client, setup.keys.screen)
    r = client.post("/ui/text", data={"csrf": csrf, "text": ARTICLE, "format": "auto"})
    assert r.status_code == 200, r.text
    marks = _marks(r.text)
    assert ("ea-m ea-listed", "Alexander Lukashenko") in marks
    assert ("ea-m ea-not_listed", "Pavel Lukashenko") in marks
    assert "no-store" in r.headers["cache-control"] and "style-src 'self'" in r.headers["content-security-policy"]
    assert ' style="' not in r.text and "<style" not in r.text  # the UI's policy allows no inline style
    assert f">{ARTICLE}</textarea>" in r.text  # the text stays in the box for another try
    record = setup.records[-1]
    assert (record.endpoint, record.method, record.status, record.key_name) == ("/text", "POST", 200, "screening robot")
    assert record.detail is not None and record.detail["via"] == "ui" and record.detail["listed"] >= 1
    assert "text" not in record.detail  # counts only, never the text


def test_an_uploaded_page_is_reduced_to_its_article(setup: _Setup) -> None:
    client = setup.client
    csrf = _sign_in(client, setup.keys.screen)
    page = (
        "<html><head><title>News</title></head><body><nav>Home | Sberbank | About</nav><article><h1>Talks</h1>"
        f"<p>{ARTICLE}</p><p>More was said later in the afternoon by officials in the capital.</p></article>"
        "</body></html>"
    ).encode()
    r = client.post(
        "/ui/text", data={"csrf": csrf, "format": "html"}, files={"page": ("saved page.html", page, "text/html")}
    )
    assert r.status_code == 200, r.text
    assert ("ea-m ea-listed", "Alexander Lukashenko") in _marks(r.text)
    assert "<dd>saved page.html</dd>" in r.text


def test_hostile_input_is_inert_and_errors_are_said(setup: _Setup) -> None:
    client = setup.client
    csrf = _sign_in(client, setup.keys.screen)
    hostile = '<script>alert("x")</script> Alexander Lukashenko <img src=x onerror=alert(1)>'
    r = client.post("/ui/text", data={"csrf": csrf, "text": hostile, "format": "text"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert ("ea-m ea-listed", "Alexander Lukashenko") in _marks(r.text)
    crlf = client.post("/ui/text", data={"csrf": csrf, "text": "Alexander Lukashenko spoke.\r\n\r\nHe left."})
    assert "(37 characters screened)" in crlf.text  # LF line breaks, as the CLI counts them
    empty = client.post("/ui/text", data={"csrf": csrf, "text": "  ", "format": "auto"})
    assert empty.status_code == 400 and "The text is empty." in empty.text
    long = client.post("/ui/text", data={"csrf": csrf, "text": "word " * 600, "format": "text"})
    assert long.status_code == 413 and "at most 2000 are screened at once (EMBARGO_API_MAX_TEXT)" in long.text
    bad = client.post("/ui/text", data={"csrf": csrf, "text": ARTICLE, "format": "pdf"})
    assert bad.status_code == 400
    forged = client.post("/ui/text", data={"csrf": "nope", "text": ARTICLE})
    assert forged.status_code == 403


def test_without_the_text_extra_the_page_names_it(setup: _Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    client = setup.client
    csrf = _sign_in(client, setup.keys.screen)
    monkeypatch.setattr(texts_module, "missing", lambda extra: ["spacy", "natasha"])
    page = client.get("/ui/text")
    assert "pip install &#39;embargo[text]&#39;" in page.text and "<textarea" not in page.text
    r = client.post("/ui/text", data={"csrf": csrf, "text": ARTICLE})
    assert r.status_code == 501 and "the &#39;text&#39; extra (spacy, natasha not installed)" in r.text
