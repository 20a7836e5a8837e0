"""A held payment message in the analyst UI: its review page (message, hits, released hits, raw message),
its Release / Reject / Escalate buttons through the same decision form and four-eyes, the queue's payment
badge and released / rejected filters, and the audit view's words for it.

The store is the payment tests' (tests/payments/conftest.py): the OFAC and UN fixtures and a list with a
bank's BIC; the messages are held by embargo's own code (:func:`embargo.payments.review.hold`).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.audit import iter_records
from embargo.auth import KeyStore, Role
from embargo.monitor import get_alert
from embargo.payments.iso20022 import read_iso20022
from embargo.payments.review import held_message, hold
from embargo.payments.screen import PaymentScreener
from embargo.payments.verdict import Verdict, message_digest
from embargo.server import ApiConfig
from embargo.store import Store
from embargo.web.audit_words import Words, in_words
from tests.conftest import copy_store
from tests.payments.conftest import pacs008, pay_store  # noqa: F401  (the session's payment store)
from tests.web.test_pages import sign_in

ANALYST = "P. Analyst"
APPROVER = "Q. Approver"

#: A listed creditor (a name hit) paid through a listed bank (an exact BIC hit).
LISTED = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_agent="KDBKKPPYXXX", msg_id="UI-1")


def held(store: Store, data: bytes, actor: str = "payments robot") -> tuple[Verdict, int]:
    """Screen ``data`` and hold it as the CLI and the API do; the alert's id."""
    screener = PaymentScreener.open(store)
    verdict = screener.screen(read_iso20022(data, "ui-test.xml"))
    assert verdict.held
    versions = {i.list_name: i.version_id for i in screener.screener.indexes}
    alert_id, _ = hold(store, verdict, data, message_digest(data), actor, versions)
    return verdict, alert_id


@pytest.fixture
def setup(pay_store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, Store, dict[str, str]]]:  # noqa: F811
    store = copy_store(pay_store, tmp_path / "ui-payments")
    ks = KeyStore(store)
    keys = {"analyst": ks.create(Role.REVIEW, ANALYST)[1], "approver": ks.create(Role.APPROVE, APPROVER)[1]}
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        yield client, store, keys


def _buttons(page: str) -> list[str]:
    return re.findall(r'<button type="submit" name="decision" value="([^"]+)"', page)


def test_the_review_page_shows_the_message_every_hit_and_the_raw_message(
    setup: tuple[TestClient, Store, dict[str, str]],
) -> None:
    client, store, keys = setup
    verdict, alert_id = held(store, LISTED)
    sign_in(client, keys["analyst"])
    r = client.get(f"/ui/alerts/{alert_id}")
    assert r.status_code == 200, r.text
    page = r.text
    assert "Held payment message" in page and '<span class="badge payment">payment</span>' in page
    m = verdict.message
    assert m.type in page and "UI-1" in page and "ui-test.xml" in page
    assert "EUR 1250.00" in page or "1250.00" in page  # the amount
    # every hit: its element, kind, value, score, what it met and its detail
    rows = re.findall(r'<tr class="payment-hit (\w+)">(.*?)</tr>', page, re.S)
    assert len(rows) == len(verdict.hits) >= 2
    for hit, (kind, row) in zip(verdict.hits, rows, strict=True):
        assert kind == hit.kind
        assert f"<code>{html_lib.escape(hit.path)}</code>" in row
        assert html_lib.escape(hit.detail, quote=False) in html_lib.unescape(row) or hit.detail in html_lib.unescape(
            row
        )
        assert f"{hit.score:.2f}" in row
        if hit.caption:
            assert html_lib.escape(hit.caption, quote=False) in row
    bic = next(h for h in verdict.hits if h.kind == "bic")
    assert bic.path.endswith("CdtrAgt") and "KDBKKPPYXXX" in page
    # the designations of what was met (authority and program)
    for d in (d for h in verdict.hits for d in h.designations if d.get("authority")):
        assert html_lib.escape(str(d["authority"]), quote=False) in page
    # the raw message, escaped, in a <pre>
    pre = re.search(r'<pre class="[^"]*raw-message">(.*?)</pre>', page, re.S)
    assert pre is not None
    assert "&lt;Document" in pre.group(1) and "<Document" not in pre.group(1)
    assert html_lib.unescape(pre.group(1)) == LISTED.decode()
    # Release / Reject / Escalate, not the customer alert's choices; no customer side-by-side table
    assert _buttons(page) == ["release", "reject", "escalated"]
    assert ">Release <kbd>r</kbd><" in page and ">Reject <kbd>b</kbd><" in page and "True match" not in page
    assert 'id="side-by-side"' not in page


def test_a_release_posted_from_the_page_decides_it_and_a_customer_decision_is_refused(
    setup: tuple[TestClient, Store, dict[str, str]],
) -> None:
    client, store, keys = setup
    _, alert_id = held(store, pacs008(creditor="Viktor Ivanovich Petrenko", msg_id="UI-R1"))
    csrf = sign_in(client, keys["analyst"])
    refused = client.post(
        f"/ui/alerts/{alert_id}/decide",
        data={"csrf": csrf, "decision": "true_match", "note": "the listed man"},
        follow_redirects=False,
    )
    assert refused.status_code == 400
    assert "holds a payment message" in refused.text and get_alert(store, alert_id).status == "open"
    r = client.post(
        f"/ui/alerts/{alert_id}/decide",
        data={"csrf": csrf, "decision": "release", "note": "a namesake: other birth date"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"].startswith("/ui/alerts?")  # no other alert left in the queue
    assert get_alert(store, alert_id).status == "released"
    queue = client.get(r.headers["location"]).text
    assert f"Alert {alert_id} (" in queue and f"released by {ANALYST}" in queue
    page = client.get(f"/ui/alerts/{alert_id}").text
    assert 'id="decide-form"' not in page
    assert re.search(r"<strong>Released</strong> by " + re.escape(ANALYST), page)
    # the same creditor paid again through a listed bank: held on the bank, not on the released creditor,
    # and its page shows the creditor's hit released before
    again = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_agent="KDBKKPPYXXX", msg_id="UI-2")
    verdict, second = held(store, again)
    assert verdict.released and second != alert_id
    kept = held_message(store, second)
    assert kept is not None and kept.verdict.get("released")
    page = client.get(f"/ui/alerts/{second}").text
    assert "Released before (" in page and f"released in alert {alert_id}" in page


def test_escalate_then_reject_with_four_eyes(setup: tuple[TestClient, Store, dict[str, str]]) -> None:
    from embargo.monitor.four_eyes import FourEyes, set_policy
    from tests.conftest import people

    client, store, keys = setup
    set_policy(store, FourEyes(True, 0.9), people(store, "admin", role="admin")["admin"])
    _, alert_id = held(store, LISTED)
    csrf = sign_in(client, keys["analyst"])
    r = client.post(
        f"/ui/alerts/{alert_id}/decide",
        data={"csrf": csrf, "decision": "escalated", "note": "ask compliance"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and get_alert(store, alert_id).status == "escalated"
    page = client.get(f"/ui/alerts/{alert_id}").text
    assert "Four-eyes is on: a rejection, or a release at score 0.90 or above" in page
    assert _buttons(page) == ["release", "reject", "escalated"]
    r = client.post(
        f"/ui/alerts/{alert_id}/decide",
        data={"csrf": csrf, "decision": "reject", "note": "the listed bank"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and get_alert(store, alert_id).status == "escalated"  # waits for an approver
    page = client.get(f"/ui/alerts/{alert_id}").text
    assert "Waiting for a second user." in page and "<strong>reject</strong>" in page
    assert _buttons(page) == []
    sign_in(client, keys["approver"])
    page = client.get(f"/ui/alerts/{alert_id}").text
    waiting = re.search(r'action="/ui/requests/(\d+)/approve"', page)
    assert waiting is not None
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    done = client.post(
        f"/ui/requests/{waiting.group(1)}/approve", data={"csrf": token.group(1), "note": ""}, follow_redirects=False
    )
    assert done.status_code == 303 and get_alert(store, alert_id).status == "rejected"


def test_the_queue_lists_payments_with_a_badge_and_filters_released_and_rejected(
    setup: tuple[TestClient, Store, dict[str, str]],
) -> None:
    client, store, keys = setup
    _, released = held(store, LISTED)
    _, rejected = held(store, pacs008(creditor_country="IR", msg_id="UI-IRAN"))
    _, still = held(store, pacs008(debtor="Aliaksandr LUKASHENKA", msg_id="UI-OPEN"))
    csrf = sign_in(client, keys["analyst"])
    page = client.get("/ui/alerts").text
    rows = dict(re.findall(r'<tr class="row" data-href="/ui/alerts/(\d+)[^"]*">(.*?)</tr>', page, re.S))
    assert {str(released), str(rejected), str(still)} <= set(rows)
    for alert_id in (released, rejected, still):
        row = rows[str(alert_id)]
        assert '<span class="badge payment">payment</span>' in row
        assert get_alert(store, alert_id).query_name in row  # the message's type and id
        assert "held payment message" in row
    assert "UI-IRAN" in rows[str(rejected)]
    for alert_id, decision in ((released, "release"), (rejected, "reject")):
        r = client.post(
            f"/ui/alerts/{alert_id}/decide",
            data={"csrf": csrf, "decision": decision, "note": "decided in the UI test"},
            follow_redirects=False,
        )
        assert r.status_code == 303
    assert get_alert(store, released).status == "released" and get_alert(store, rejected).status == "rejected"

    def shown(query: str) -> set[int]:
        text = client.get(f"/ui/alerts?{query}").text
        return {int(i) for i in re.findall(r'name="alert" value="(\d+)"', text)}

    assert shown("status=released") == {released}
    assert shown("status=rejected") == {rejected}
    assert shown("") == {still}
    assert {released, rejected, still} <= shown("status=all")
    page = client.get("/ui/alerts").text
    assert '<option value="released">released</option>' in page and '<option value="rejected">rejected</option>' in page
    counts = {w: n for n, w in re.findall(r'<span class="n">(\d+)</span> (\w+)</a>', page)}
    assert counts["released"] == "1" and counts["rejected"] == "1"


def test_a_held_message_is_in_a_case(setup: tuple[TestClient, Store, dict[str, str]]) -> None:
    client, store, keys = setup
    _, alert_id = held(store, LISTED)
    sign_in(client, keys["analyst"])
    assert f'name="alert" value="{alert_id}"' in client.get("/ui/alerts").text


def test_the_audit_view_says_what_was_held_and_released(setup: tuple[TestClient, Store, dict[str, str]]) -> None:
    client, store, keys = setup
    verdict, alert_id = held(store, LISTED)
    csrf = sign_in(client, keys["analyst"])
    client.post(
        f"/ui/alerts/{alert_id}/decide",
        data={"csrf": csrf, "decision": "release", "note": "not him"},
        follow_redirects=False,
    )
    words = Words("/ui", {})
    records = {r.kind: r for r in iter_records(store) if r.payload.get("alert_id") == alert_id}
    raised = "".join(p.text for p in in_words(records["alert.raise"], words))
    assert raised.startswith(f"payments robot held payment message {verdict.message.type} UI-1 as alert {alert_id}")
    assert "(from ui-test.xml)" in raised and f"{len(verdict.hits)} hits (" in raised
    assert "CdtrAgt bic" in raised
    decided = "".join(p.text for p in in_words(records["alert.decide"], words))
    assert decided.startswith(f"{ANALYST} released the payment held in alert {alert_id}")
    assert "remembered as released" in decided and "“not him”" in decided
    sign_in(client, keys["approver"])
    page = client.get("/ui/audit").text
    assert html_lib.escape(f"held payment message {verdict.message.type} UI-1", quote=False) in page
    assert "released the payment held in" in page
