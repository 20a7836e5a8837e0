"""Hostile input is a 4xx, never a 500 (issue 20): Hypothesis sends what a schema-driven fuzzer does not.

Lone surrogates (a JSON ``\\ud800`` escape, or its bytes percent-encoded in a form or a URL), control
characters and NUL, numbers far outside any range (and NaN, infinities, negatives), empty and
truncated bodies, values of the wrong JSON type, strings around and over the size limits. Each
endpoint gets a bounded run (``EXAMPLES`` examples), part of the default suite and of CI (marker
``fuzz``). Screening is fuzzed on the session's store (read-only); the portfolio, the web UI's bulk
actions and everything that writes, on a store of the module's own.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_from_bytes

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.server import ApiConfig
from embargo.store import Store
from tests.api.conftest import Keys

pytestmark = pytest.mark.fuzz

#: Examples per endpoint: a few seconds each, the whole module well under a minute
#: (``EMBARGO_FUZZ_EXAMPLES=1000`` for a deeper run by hand).
EXAMPLES = int(os.environ.get("EMBARGO_FUZZ_EXAMPLES", "40"))

SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from(["\x7f", "\x85", "\u2028", "\ufeff", "\uffff"])
ODD = SURROGATE | CONTROL | st.just("\x00") | st.characters()
#: Strings: short odd ones, some near the name limit (1,000 characters), repeated odd pieces, a few plain names.
TEXT = st.one_of(
    st.text(ODD, max_size=20),
    st.text(st.characters(codec="utf-8"), min_size=990, max_size=1010),
    st.builds(lambda piece, n: piece * n, st.text(ODD, min_size=1, max_size=3), st.integers(100, 1500)),
    st.sampled_from(["", " ", "Alexander Lukashenko", "Лукашенко", "\ud800", "a\x00b", "1954-13-45"]),
)
NUMBER = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**31, 2**63, 2**64, -(2**63) - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALAR = st.none() | st.booleans() | NUMBER | TEXT
JSON = st.recursive(
    SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8
)
#: Where strings belong: one, or a list of them (as many as 60 short ones, over the limit of 50 values; or a few
#: of any length: fifty names of 1,000 characters take seconds to screen, too long for a fuzzing example).
STRINGS = TEXT | st.lists(st.text(ODD, max_size=20), max_size=60) | st.lists(TEXT, max_size=3)
RAW = st.one_of(
    st.just(b""),
    st.binary(max_size=80),
    st.sampled_from([b"null", b"[]", b"{}", b'"x"', b"0", b"{", b'{"queries":', b"\xff\xfe", b"\x00"]),
)
SCHEMA = st.sampled_from(["Person", "Organization", "Company", "Vessel", "LegalEntity"]) | TEXT
#: A name that screens (so that the odd values beside it reach the code past the name's checks), or any text.
NAME = st.one_of(
    st.sampled_from(["Alexander Lukashenko", "Лукашенко Александр", "Ivan Petrov", "佐藤 桃子", "Bank Melli"]),
    st.from_regex(r"[A-Z][a-z]{1,12}( [A-Z][a-z'-]{1,12}){0,3}", fullmatch=True),
    TEXT,
)
NAMES = NAME | st.lists(NAME, min_size=1, max_size=3)
SHARE = st.floats(0, 1) | NUMBER
COUNT = st.integers(1, 20) | NUMBER


def _dump(value: Any) -> bytes:
    """JSON as a client may send it: lone surrogates as ``\\ud800`` escapes, NaN and infinities as bare words."""
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode("ascii")


def _bodies(shape: st.SearchStrategy[Any]) -> st.SearchStrategy[bytes]:
    """Mostly bodies of the right shape with odd values; else raw bytes, any JSON, or a body cut in half."""
    right = shape.map(_dump)
    return st.one_of(right, right, right, RAW, JSON.map(_dump), right.map(lambda b: b[: len(b) // 2]))


def _url(text: str) -> str:
    """Percent-encoded, lone surrogates included (as the bytes a broken client would send)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def _screen(name: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"name": name},
        optional={
            "schema": SCHEMA,
            "birth_date": STRINGS,
            "nationality": STRINGS,
            "country": STRINGS,
            "id_number": STRINGS,
            "gender": TEXT,
            "id": TEXT,
            "threshold": SHARE,
            "limit": COUNT,
            "lists": st.lists(TEXT, max_size=3),
            "measures": st.lists(TEXT, max_size=3),
        },
    )


#: A /screen query: a name and odd strings where strings belong, or any JSON as the name.
SCREEN = _screen(NAMES) | _screen(NAMES) | _screen(STRINGS | JSON)
PROPERTY = st.sampled_from(["name", "firstName", "lastName", "birthDate", "nationality", "idNumber", "imoNumber"])
PROPERTIES = st.builds(
    lambda name, more: {"name": name, **more}, NAMES, st.dictionaries(PROPERTY | TEXT, STRINGS, max_size=3)
)
EXAMPLE = st.fixed_dictionaries(
    {"schema": SCHEMA, "properties": PROPERTIES | PROPERTIES | st.dictionaries(TEXT, JSON)}, optional={"id": TEXT}
)
MATCH = st.fixed_dictionaries({"queries": st.dictionaries(st.just("q") | TEXT, EXAMPLE, min_size=1, max_size=3)})
BATCH = st.fixed_dictionaries({"queries": st.lists(SCREEN, max_size=4)}, optional={"threshold": SHARE, "limit": COUNT})
TEXT_BODY = st.fixed_dictionaries({"text": TEXT}, optional={"html": st.booleans() | JSON, "limit": COUNT})
#: A query parameter or a path segment (short: a URL has at most 64 KB, httpx refuses longer ones itself).
PARAM = st.integers(0, 20).map(str) | NUMBER.map(str) | st.text(ODD, max_size=40) | TEXT.map(lambda t: t[:1010])

#: Text that is odd for sure: a lone surrogate, a control character or NUL among letters.
ODD_TEXT = st.builds(
    lambda left, odd, right: left + odd + right,
    st.text("Ivan Petrov", max_size=6),
    st.text(SURROGATE | CONTROL | st.just("\x00"), min_size=1, max_size=3),
    st.text("Ivan Petrov", max_size=6),
)
#: What one field of a sound request is replaced with.
ODD_VALUE = ODD_TEXT | st.lists(ODD_TEXT, min_size=1, max_size=2) | NUMBER | JSON
#: The name of a field in a sound request: ``KEY`` stands for the key itself (renamed to odd text).
KEY = object()


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    """``document`` with the field at ``path`` set to ``value`` (or, at a ``KEY``, its key renamed to ``value``)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if rest == (KEY,):
        renamed = value if isinstance(value, str) else str(value)
        return {(renamed if k == head else k): v for k, v in document.items()}
    return {**document, head: _replace(document.get(head), rest, value)}


def _one_odd(sound: dict[str, Any], paths: list[tuple[Any, ...]]) -> st.SearchStrategy[dict[str, Any]]:
    """A sound request with one field (or one key) replaced by an odd value: each odd value reaches the code
    behind the checks the rest of the request passes (a random document seldom gets that far)."""
    return st.builds(lambda path, value: _replace(sound, path, value), st.sampled_from(paths), ODD_VALUE)


_SOUND_SCREEN = {"name": "Ivan Petrov", "schema": "Person", "birth_date": "1970", "limit": 3}
_SCREEN_FIELDS = ["name", "schema", "birth_date", "nationality", "country", "id_number", "gender", "id"]
ODD_SCREEN = _one_odd(_SOUND_SCREEN, [(f,) for f in [*_SCREEN_FIELDS, "threshold", "limit", "lists", "measures"]])
ODD_BATCH = _one_odd(
    {"queries": [_SOUND_SCREEN], "limit": 3}, [("queries",), ("limit",), ("threshold",), ("lists",)]
) | st.lists(ODD_SCREEN, min_size=1, max_size=2).map(lambda queries: {"queries": queries})
_SOUND_MATCH = {"queries": {"q": {"schema": "Person", "id": "c1", "properties": {"name": ["Ivan Petrov"]}}}}
_PROPS = ("queries", "q", "properties")
ODD_MATCH = _one_odd(
    _SOUND_MATCH,
    [
        ("queries", "q", KEY),
        ("queries", "q", "schema"),
        ("queries", "q", "id"),
        (*_PROPS, "name"),
        (*_PROPS, "name", KEY),
        *[(*_PROPS, prop) for prop in ("birthDate", "nationality", "country", "idNumber", "imoNumber", "gender")],
    ],
)
ODD_TEXT_BODY = _one_odd(
    {"text": "President Alexander Lukashenko met Ivan Petrov.", "limit": 2}, [("text",), ("html",), ("limit",)]
)


def _fuzz(strategy: st.SearchStrategy[Any]) -> Callable[[Callable[[Any], None]], None]:
    """Run ``check`` on ``EXAMPLES`` examples of ``strategy`` (fixtures stay outside Hypothesis)."""

    def run(check: Callable[[Any], None]) -> None:
        @given(strategy)
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def each(example: Any) -> None:
            check(example)

        each()

    return run


def _no_500(r: Any, what: object) -> None:
    assert r.status_code < 500, (what, r.status_code, r.text[:300])


@pytest.fixture
def api(app_client: TestClient, keys: Keys) -> TestClient:
    app_client.headers["Authorization"] = f"ApiKey {keys.screen}"
    return app_client


@pytest.mark.parametrize(
    ("path", "odd"),
    [("/screen", ODD_SCREEN), ("/screen/batch", ODD_BATCH), ("/text", ODD_TEXT_BODY), ("/match/default", ODD_MATCH)],
)
def test_one_odd_field(api: TestClient, path: str, odd: st.SearchStrategy[dict[str, Any]]) -> None:
    """A sound request with one value or key replaced: a lone surrogate in a birth date passed every check
    and broke the answer that reported it unreadable (a 500)."""

    def check(example: dict[str, Any]) -> None:
        body = _dump(example)
        _no_500(api.post(path, content=body, headers={"content-type": "application/json"}), (path, body[:300]))

    _fuzz(odd)(check)


@pytest.mark.parametrize(
    ("path", "shape"), [("/screen", SCREEN), ("/screen/batch", BATCH), ("/text", TEXT_BODY), ("/match/default", MATCH)]
)
def test_screening_bodies(api: TestClient, path: str, shape: st.SearchStrategy[Any]) -> None:
    def check(example: tuple[bytes, str]) -> None:
        body, kind = example
        r = api.post(path, content=body, headers={"content-type": kind} if kind else {})
        _no_500(r, (path, body[:200], kind))

    kinds = st.sampled_from(["application/json", "", "text/plain", "text/html; charset=klingon", "text/html"])
    _fuzz(st.tuples(_bodies(shape), kinds))(check)


def test_screening_parameters(api: TestClient) -> None:
    def check(example: tuple[str, str, str, str]) -> None:
        dataset, limit, threshold, q = example
        body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Ivan Petrov"]}}}}
        query = f"limit={_url(limit)}&threshold={_url(threshold)}&cutoff={_url(threshold)}"
        r = api.post(f"/match/{_url(dataset)}?{query}", json=body)
        _no_500(r, (dataset, limit, threshold))
        r = api.get(f"/search/{_url(dataset)}?q={_url(q)}&limit={_url(limit)}&offset={_url(threshold)}")
        _no_500(r, (dataset, q, limit))
        r = api.post(f"/text?limit={_url(limit)}&html={_url(q)}", content=q.encode("utf-8", "surrogatepass"))
        _no_500(r, ("/text", q, limit))
        _no_500(api.get(f"/entities/{_url(q)}"), ("/entities", q))

    dataset = st.sampled_from(["default", "us_ofac_sdn"]) | PARAM
    _fuzz(st.tuples(dataset, PARAM, PARAM, PARAM))(check)


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str], str]]:
    """An app over a store of its own (no list: nothing to screen), an admin key, and a signed-in UI with its token."""
    store = Store(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    ks = KeyStore(store)
    admin = {"Authorization": f"ApiKey {ks.create(Role.ADMIN, 'fuzz admin')[1]}"}
    with TestClient(
        create_app(ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)), base_url="https://testserver"
    ) as client:
        r = client.post("/ui/login", data={"key": ks.create(Role.APPROVE, "fuzz analyst")[1]}, follow_redirects=False)
        assert r.status_code == 303, r.text
        found = re.search(r'name="csrf" value="([^"]+)"', client.get("/ui/screen").text)
        assert found is not None
        yield client, admin, found.group(1)


CELL = TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=40)


def _csv(header: list[bytes], rows: list[list[bytes]]) -> bytes:
    return b"\n".join(b",".join(cells) for cells in [header, *rows]) + b"\n"


UPLOAD = st.one_of(
    RAW,
    st.builds(
        _csv,
        st.sampled_from(
            [[b"id", b"name"], [b"id", b"name", b"birth_date", b"id_number"], [b"name"], [b"\xef\xbb\xbfid", b"name"]]
        ),
        st.lists(st.lists(CELL, max_size=5), max_size=4),
    ),
    st.builds(lambda b: b"PAR1" + b, st.binary(max_size=60)),
)


def test_portfolio_uploads(own: tuple[TestClient, dict[str, str], str]) -> None:
    client, admin, _ = own

    def check(example: tuple[bytes, str, str]) -> None:
        body, kind, mode = example
        r = client.post(f"/portfolio?mode={_url(mode)}", content=body, headers={**admin, "content-type": kind})
        _no_500(r, (body[:200], kind, mode))

    kinds = st.sampled_from(
        ["text/csv", "application/octet-stream", "multipart/form-data; boundary=x", "multipart/form-data", ""]
    )
    _fuzz(st.tuples(UPLOAD, kinds, st.sampled_from(["full", "partial"]) | TEXT))(check)


def test_ids_and_periods(own: tuple[TestClient, dict[str, str], str]) -> None:
    client, admin, _ = own

    def check(example: tuple[str, str, str]) -> None:
        ident, since, until = example
        for path in (f"/alerts/{_url(ident)}", f"/keys/{_url(ident)}", f"/lists/{_url(ident)}/versions"):
            method = "DELETE" if path.startswith("/keys") else "GET"
            _no_500(client.request(method, path, headers=admin), (method, path))
        period = f"since={_url(since)}&until={_url(until)}"
        for path in (f"/report?{period}", f"/audit?{period}", f"/alerts?min_score={_url(since)}&offset={_url(until)}"):
            _no_500(client.get(path, headers=admin), path)
        _no_500(client.get(f"/ui/alerts/{_url(ident)}"), ("/ui/alerts", ident))

    dates = st.sampled_from(["2026-12-01", "2026-11-01", "2026-02-30", "9999-99-99", "0000-01-01"]) | PARAM
    _fuzz(st.tuples(PARAM, dates, dates))(check)


def test_ui_forms(own: tuple[TestClient, dict[str, str], str]) -> None:
    """The bulk actions, decisions and four-eyes reviews of the web UI, sent as raw form bodies."""
    client, _, csrf = own

    def check(example: tuple[str, list[tuple[str, bytes]], str]) -> None:
        path, fields, ident = example
        body = "&".join(f"{name}={quote_from_bytes(value)}" for name, value in [("csrf", csrf.encode()), *fields])
        url = path.replace("{id}", _url(ident))
        r = client.post(url, content=body.encode(), headers={"content-type": "application/x-www-form-urlencoded"})
        _no_500(r, (url, body[:200]))

    names = st.sampled_from(["alert", "action", "note", "assignee", "decision", "status", "list", "band"])
    values = CELL | st.sampled_from([b"assign_me", b"assign", b"unassign", b"false_positive", b"true_match", b"1"])
    paths = st.sampled_from(
        ["/ui/alerts/bulk", "/ui/alerts/{id}/decide", "/ui/requests/{id}/approve", "/ui/requests/{id}/reject"]
    )
    _fuzz(st.tuples(paths, st.lists(st.tuples(names, values), max_size=6), PARAM))(check)


def test_fuzz_module_is_collected_by_default() -> None:
    """No marker expression of the project's pytest settings deselects these runs."""
    config = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert "-m " not in config.read_text(encoding="utf-8").split("[tool.pytest.ini_options]")[1].split("\n[")[0]
