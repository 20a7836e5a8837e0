"""The web UI in-process (FastAPI's TestClient): sign-in, sessions, CSRF, roles, decisions and four-eyes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.audit import iter_records
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.monitor import FourEyes, list_alerts, pending_requests, set_policy
from embargo.server import ApiConfig
from embargo.store import Store
from embargo.web import queue as queue_module
from tests.conftest import FIXTURES, people
from tests.web.conftest import ANALYST, APPROVER, UiKeys, copy_store


@pytest.fixture(scope="module")
def setup(
    built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Store, UiKeys]]:
    store = copy_store(built_store[0], tmp_path_factory.mktemp("ui-pages"))
    set_policy(store, FourEyes(True, 0.9), people(store, "ops", role="admin")["ops"])
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        yield client, store, built_store[1]


def sign_in(client: TestClient, key: str) -> str:
    """Sign in and return the session's CSRF token (from the queue or quick-screen page)."""
    client.cookies.clear()
    r = client.post("/ui/login", data={"key": key, "next": "/ui/screen"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/screen", r.text
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie and "Path=/ui" in cookie
    page = client.get("/ui/screen")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return found.group(1)


def test_signed_out_pages_redirect_and_bad_keys_are_refused(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, _, _ = setup
    client.cookies.clear()
    r = client.get("/ui/alerts?status=open", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/login?next=/ui/alerts?status=open"
    bad = client.post("/ui/login", data={"key": "emb_nope"}, follow_redirects=False)
    assert bad.status_code == 401 and "Unknown or revoked API key" in bad.text
    # The API's key guard does not apply to /ui, and the UI's cookie does not open the API.
    assert client.get("/ui/login").status_code == 200
    assert client.get("/alerts").status_code == 401


def test_security_headers_and_no_open_redirect(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, _, keys = setup
    client.cookies.clear()
    r = client.post("/ui/login", data={"key": keys.analyst, "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"] == "/ui/"
    page = client.get("/ui/alerts")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store" and page.headers["x-content-type-options"] == "nosniff"
    evil = client.post("/ui/login", data={"key": keys.analyst}, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and "embargo_session" not in evil.headers.get("set-cookie", "")
    same = client.post("/ui/login", data={"key": keys.analyst}, headers={"Origin": "https://testserver"})
    assert same.status_code == 200
    script = client.get("/ui/static/ui.js")
    assert script.status_code == 200 and "cache-control" not in script.headers and "etag" in script.headers


def test_roles_decide_what_is_shown_and_allowed(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, _, keys = setup
    sign_in(client, keys.screen)
    assert client.get("/ui/alerts").status_code == 403
    assert "Alert queue" not in client.get("/ui/screen").text  # not in the navigation either
    sign_in(client, keys.analyst)
    assert client.get("/ui/alerts").status_code == 200
    assert client.get("/ui/audit").status_code == 403  # the audit view is for approvers and administrators
    sign_in(client, keys.approver)
    assert client.get("/ui/audit").status_code == 200


def test_forms_need_the_session_csrf_token(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    csrf = sign_in(client, keys.analyst)
    alert = list_alerts(store, "open")[0]
    for token in ("", "wrong"):
        r = client.post(f"/ui/alerts/{alert.id}/decide", data={"csrf": token, "decision": "escalated", "note": "x"})
        assert r.status_code == 403 and "security token" in r.text
    r = client.post(f"/ui/alerts/{alert.id}/decide", data={"csrf": csrf, "decision": "escalated", "note": ""})
    assert r.status_code == 400 and "needs a note" in r.text
    assert list_alerts(store, "open")[0].id == alert.id  # nothing decided


def test_four_eyes_waits_for_another_approver(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    alert = next(a for a in list_alerts(store, "open") if a.customer_id == "c2")
    csrf = sign_in(client, keys.approver)
    r = client.post(f"/ui/alerts/{alert.id}/decide", data={"csrf": csrf, "decision": "true_match", "note": "same DOB"})
    assert r.status_code == 200 and "must confirm it" in r.text
    page = client.get(f"/ui/alerts/{alert.id}")
    request_id = int(re.search(r"/requests/(\d+)/approve", page.text).group(1)) if "/approve" in page.text else None
    assert request_id is None, "the requester must not be offered the approve button"
    assert "You asked for this decision" in page.text
    waiting = client.get("/ui/alerts?status=pending").text
    # the alert's link keeps the queue's filter, for the next alert after a decision
    assert f'/ui/alerts/{alert.id}?status=pending"' in waiting and "pending approval" in waiting

    # The same user cannot approve, even by posting the form by hand.
    pending = pending_requests(store)[alert.id]
    r = client.post(f"/ui/requests/{pending.id}/approve", data={"csrf": csrf})
    assert r.status_code == 403 and "cannot approve or reject their own" in r.text
    # An analyst without the approve role cannot either.
    csrf = sign_in(client, keys.analyst)
    assert client.post(f"/ui/requests/{pending.id}/approve", data={"csrf": csrf}).status_code == 403

    # An analyst's request, approved by the approver: decided under the analyst's name, approver named.
    csrf = sign_in(client, keys.approver)
    r = client.post(f"/ui/requests/{pending.id}/reject", data={"csrf": csrf, "note": "ask again"})
    assert r.status_code == 403  # still their own request
    csrf = sign_in(client, keys.analyst)
    other = next(a for a in list_alerts(store, "open") if a.customer_id == "c3")
    client.post(f"/ui/alerts/{other.id}/decide", data={"csrf": csrf, "decision": "false_positive", "note": "other man"})
    req = pending_requests(store)[other.id]
    assert req.requested_by == ANALYST
    csrf = sign_in(client, keys.approver)
    r = client.post(f"/ui/requests/{req.id}/approve", data={"csrf": csrf, "note": "agreed"})
    assert r.status_code == 200 and "Approved" in r.text
    decided = next(a for a in list_alerts(store) if a.id == other.id)
    assert decided.status == "false_positive"
    audit = client.get("/ui/audit?kind=alert.decision_approved").text
    assert APPROVER in audit and "Chain verified" in audit


def test_bulk_assign_and_false_positive(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    csrf = sign_in(client, keys.analyst)
    open_ids = [a.id for a in list_alerts(store, "open")]
    r = client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "assign_me", "alert": open_ids, "status": "open"})
    assert r.status_code == 200 and f"{len(open_ids)} alert(s) assigned" in r.text
    mine = client.get("/ui/alerts?assignee=me").text
    assert all(f'value="{i}"' in mine for i in open_ids)
    r = client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "false_positive", "alert": open_ids[:1]})
    assert r.status_code == 400 and "needs a note" in r.text
    waiting = set(pending_requests(store))
    free = [i for i in open_ids if i not in waiting]
    assert waiting and free
    r = client.post(
        "/ui/alerts/bulk", data={"csrf": csrf, "action": "false_positive", "alert": open_ids, "note": "test data"}
    )
    # Every fixture alert scores 1.0, above the four-eyes score: each waits; those already waiting are skipped.
    assert r.status_code == 200 and f"{len(free)} decision(s) wait for a second user" in r.text
    assert f"{len(waiting & set(open_ids))} alert(s) left as they were" in r.text
    # ids no store holds are a clear refusal, never a 500
    for bad in ("²", "1" * 23, "-3", "٣", " 7"):
        r = client.post("/ui/alerts/bulk", data={"csrf": csrf, "action": "assign_me", "alert": [bad]})
        assert r.status_code == 400 and "not an alert number" in r.text, (bad, r.status_code)


def test_sign_out_ends_the_session(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, _, keys = setup
    csrf = sign_in(client, keys.analyst)
    token = client.cookies.get("embargo_session")
    r = client.post("/ui/logout", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    client.cookies.set("embargo_session", token or "", path="/ui")
    assert client.get("/ui/alerts", follow_redirects=False).status_code == 303  # the old cookie is dead


def test_list_diff_shows_what_was_amended(setup: tuple[TestClient, Store, UiKeys], tmp_path: Path) -> None:
    client, store, keys = setup
    amended = tmp_path / "ConList.csv"
    text = (FIXTURES / "uk" / "ConList.csv").read_bytes().replace(b"PETROFF", b"PETROFFE")
    amended.write_bytes(text.replace(b"Last Updated,20/03/2024", b"Last Updated,21/03/2024"))  # a later file
    import_file(store, amended, "uk_ofsi")
    sign_in(client, keys.analyst)
    page = client.get("/ui/lists/uk_ofsi/diff")
    assert page.status_code == 200 and "version 2 → 3" in page.text
    assert '<span class="n">1</span> amended' in page.text and "Serguei PETROFF<ins>E</ins>" in page.text
    versions = client.get("/ui/lists/uk_ofsi").text
    assert 'href="/ui/lists/uk_ofsi/diff?from=2&amp;to=3"' in versions
    assert client.get("/ui/lists/uk_ofsi/diff?from=9").status_code == 404


def test_failed_sign_ins_are_slowed_and_audited(built_store: tuple[Store, UiKeys], tmp_path: Path) -> None:
    store = copy_store(built_store[0], tmp_path)
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        # the limiters' clock stands still: what is counted is the tries, not how fast a busy machine posts them
        ui = next(r.app for r in client.app.routes if getattr(r, "name", "") == "ui")  # type: ignore[attr-defined]
        for limiter in (ui.state.signin_limiter, ui.state.signin_address_limiter):
            limiter._clock = lambda: 1000.0
        # one mistyped key, again and again: slowed after ten tries
        statuses = [client.post("/ui/login", data={"key": "emb_mistyped"}).status_code for _ in range(11)]
        assert statuses == [401] * 10 + [429]
        # ... while another user behind the same address still signs in with the right key
        other = client.post("/ui/login", data={"key": built_store[1].analyst}, follow_redirects=False)
        assert other.status_code == 303
        client.cookies.clear()
        # guessing many keys: the address waits after sixty failures, whatever key it sends next
        guesses = [client.post("/ui/login", data={"key": f"emb_{i:08d}xyz"}).status_code for i in range(51)]
        assert guesses == [401] * 50 + [429]
        blocked = client.post("/ui/login", data={"key": built_store[1].analyst}, follow_redirects=False)
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
    kinds = [r[0] for r in store.read("SELECT kind FROM audit_log WHERE kind LIKE 'ui.%'")]
    assert kinds.count("ui.signin_failed") == 60


def test_queue_pages(setup: tuple[TestClient, Store, UiKeys], monkeypatch: pytest.MonkeyPatch) -> None:
    client, store, keys = setup
    sign_in(client, keys.analyst)
    every = sorted(list_alerts(store), key=lambda a: (-a.score, a.created_at, a.id))
    assert len(every) >= 3
    monkeypatch.setattr(queue_module, "PAGE_ROWS", 2)
    shown: list[str] = []
    pages = -(-len({a.case_id for a in every}) // 2)  # two cases a page
    for number in range(1, pages + 1):
        text = client.get(f"/ui/alerts?status=all&page={number}").text
        assert f"(page {number} of {pages})" in text
        assert ('rel="next"' in text) == (number < pages) and ('rel="prev"' in text) == (number > 1)
        shown += re.findall(r'name="alert" value="(\d+)"', text)
    # case by case, each case's alerts together (here, as the fixture's scores tie, in alert order)
    assert shown == [str(a.id) for c in dict.fromkeys(a.case_id for a in every) for a in every if a.case_id == c]
    assert client.get("/ui/alerts?page=0").status_code == 422


def test_an_admin_accepts_a_held_version_and_rolls_back(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client, store, keys = setup
    old = import_file(store, FIXTURES / "uk" / "ConList_2020.csv", "uk_ofsi", actor="ops")  # 2020 after 2024
    assert old.status == "held" and old.version is not None
    held = old.version.seq
    sign_in(client, keys.analyst)
    page = client.get("/ui/lists/uk_ofsi").text
    assert "held by the import guard" in page and "published on 2020-03-18" in page
    assert "Serve again" not in page and "/accept" not in page  # reviewers see, only admins decide
    admin = KeyStore(store).create(Role.ADMIN, "C. Admin")[1]
    csrf = sign_in(client, admin)
    page = client.get("/ui/lists/uk_ofsi").text
    assert f"/ui/lists/uk_ofsi/versions/{held}/accept" in page
    refused = client.post(f"/ui/lists/uk_ofsi/versions/{held}/accept", data={"csrf": csrf, "reason": " "})
    assert refused.status_code == 400 and "reason" in refused.text
    done = client.post(
        f"/ui/lists/uk_ofsi/versions/{held}/accept",
        data={"csrf": csrf, "reason": "the 2020 file is the one we must screen against"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/ui/lists/uk_ofsi?notice=accept"
    current = store.view().current_version("uk_ofsi")
    assert current is not None and current.seq == held
    assert "The held version is accepted and now served." in client.get(done.headers["location"]).text
    back = client.post(
        f"/ui/lists/uk_ofsi/versions/{held - 1}/rollback",
        data={"csrf": csrf, "reason": "wrong after all"},
        follow_redirects=False,
    )
    assert back.status_code == 303
    current = store.view().current_version("uk_ofsi")
    assert current is not None and current.seq == held - 1
    accepted, rolled = [r for r in iter_records(store) if r.kind in ("list.accept", "list.rollback")][-2:]
    assert (accepted.kind, accepted.actor, rolled.kind, rolled.actor) == (
        "list.accept",
        "C. Admin",
        "list.rollback",
        "C. Admin",
    )


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<b>x</b>"]
)
def test_a_list_url_is_linked_only_when_it_is_http(built_store: tuple[Store, UiKeys], tmp_path: Path, url: str) -> None:
    """A list file names its own source URL: one with another scheme is shown as text, never linked."""
    store = copy_store(built_store[0], tmp_path)
    conn = store.connect()
    conn.execute("UPDATE lists SET url = ? WHERE name = 'uk_ofsi'", (url,))
    conn.close()
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        sign_in(client, built_store[1].analyst)
        page = client.get("/ui/lists/uk_ofsi").text
    assert "official download" not in page
    assert 'href="javascript' not in page.lower() and 'href=" javascript' not in page.lower()
    assert 'href="data:' not in page


def test_link_url_keeps_http_and_https_only() -> None:
    from embargo.web.render import link_url

    assert link_url("https://www.gov.uk/sanctions") == "https://www.gov.uk/sanctions"
    assert link_url("HTTP://example.org/x") == "HTTP://example.org/x"
    for bad in ("javascript:alert(1)", "java\tscript:x", "vbscript:x", "//evil.example", "https:/x", "ftp://x", ""):
        assert link_url(bad) == "", bad


def test_no_alert_score_is_coloured_as_cleared() -> None:
    """Every alert's score is above the threshold: its lowest band is never the green that means cleared."""
    import re
    from pathlib import Path

    import embargo.web

    css = (Path(embargo.web.__file__).parent / "static" / "ui.css").read_text("utf-8")
    assert ".score.low { background: var(--score-low); }" in css
    found = re.search(r"--score-low: #([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2});", css)
    assert found is not None
    red, green, blue = (int(c, 16) for c in found.groups())
    assert green < max(red, blue)
