"""``POST /payments/screen`` and ``GET /payments/held/{id}``: a message in (ISO 20022 XML or SWIFT MT), a verdict
out, a held message raised as an alert decided ``release`` / ``reject`` through ``POST /alerts/{id}/decision``.

The store is the payment tests' (tests/payments/conftest.py): the OFAC and UN fixtures and a list with a
bank's BIC, a listed person and a vessel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.monitor import count_alerts, get_alert
from embargo.server import ApiConfig
from embargo.store import Store
from tests.conftest import FIXTURES, copy_store
from tests.payments.conftest import pacs008, pay_store  # noqa: F401  (the session's payment store)

MT103 = (FIXTURES / "payments" / "mt" / "mt103_50f_59f_crlf.fin").read_bytes()
#: Two MT103s in one body (the second with its own reference).
TWO_MT103 = MT103 + b"\r\n" + MT103.replace(b":20:EMB103F0001", b":20:EMB103F0002")
#: A listed creditor paid through a listed bank.
HELD = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_agent="KDBKKPPYXXX", msg_id="API-HELD")
CLEAN = pacs008(msg_id="API-CLEAN")
XML = {"Content-Type": "application/xml"}


@dataclass(frozen=True)
class Setup:
    client: TestClient
    store: Store
    screen: dict[str, str]
    review: dict[str, str]


@pytest.fixture(scope="module")
def api(pay_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:  # noqa: F811
    store = copy_store(pay_store, tmp_path_factory.mktemp("api-payments"))
    ks = KeyStore(store)
    screen = {"Authorization": f"ApiKey {ks.create(Role.SCREEN, 'payments gateway')[1]}"}
    review = {"Authorization": f"ApiKey {ks.create(Role.REVIEW, 'payments analyst')[1]}"}
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config)) as client:
        yield Setup(client, store, screen, review)


def screen(api: Setup, body: bytes, media: str = "application/xml", **params: str) -> dict:  # type: ignore[type-arg]
    r = api.client.post("/payments/screen", content=body, headers={**api.screen, "Content-Type": media}, params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_a_held_pacs008_answers_hold_with_every_hit_and_its_alert(api: Setup) -> None:
    answer = screen(api, HELD)
    assert answer["service_messages_skipped"] == 0 and answer["policy"]
    [verdict] = answer["verdicts"]
    assert verdict["verdict"] == "hold"
    assert verdict["message"]["type"].startswith("pacs.008") and verdict["message"]["id"] == "API-HELD"
    hits = verdict["hits"]
    assert hits and all(h["path"] and h["kind"] and h["detail"] for h in hits)
    kinds = {(h["path"].rsplit("/", 1)[-1], h["kind"]) for h in hits}
    assert ("CdtrAgt", "bic") in kinds and ("Cdtr", "name") in kinds
    bic = next(h for h in hits if h["kind"] == "bic")
    assert bic["value"] == "KDBKKPPYXXX" and bic["score"] == 1.0 and bic["list"] and bic["caption"]
    alert_id = verdict["alert_id"]
    alert = get_alert(api.store, alert_id)
    assert alert.status == "open" and alert.query_name == f"{verdict['message']['type']} API-HELD"
    # the same bytes again while the alert is open: the same alert
    assert screen(api, HELD)["verdicts"][0]["alert_id"] == alert_id
    # text/xml with a charset is a message too
    assert screen(api, HELD, "text/xml; charset=utf-8")["verdicts"][0]["alert_id"] == alert_id


def test_a_dry_run_raises_no_alert(api: Setup) -> None:
    body = pacs008(creditor="Viktor Ivanovich Petrenko", msg_id="API-DRY")
    before = count_alerts(api.store)
    [verdict] = screen(api, body, alerts="false")["verdicts"]
    assert verdict["verdict"] == "hold" and "alert_id" not in verdict
    assert count_alerts(api.store) == before


def test_a_clean_message_passes(api: Setup) -> None:
    [verdict] = screen(api, CLEAN)["verdicts"]
    assert verdict["verdict"] == "pass" and verdict["hits"] == [] and "alert_id" not in verdict
    assert verdict["screened"] >= 5


def test_an_mt_body_of_two_messages_answers_a_verdict_each(api: Setup) -> None:
    answer = screen(api, TWO_MT103, "text/plain", alerts="false")
    verdicts = answer["verdicts"]
    assert [v["message"]["id"] for v in verdicts] == ["EMB103F0001", "EMB103F0002"]
    assert all(v["message"]["type"] == "MT103" for v in verdicts)
    # an Iranian ordering customer, bank and beneficiary: both held, on field 50F among others
    assert all(v["verdict"] == "hold" for v in verdicts)
    assert all(any(h["path"].startswith("50F") for h in v["hits"]) for v in verdicts)
    # raised, each its own alert (the messages' bytes differ)
    raised = screen(api, TWO_MT103, "text/plain")["verdicts"]
    assert len({v["alert_id"] for v in raised}) == 2


def test_a_malformed_message_is_a_400_naming_the_element(api: Setup) -> None:
    bad = CLEAN.replace(b"<BICFI>BETADEFFXXX</BICFI>", b"<BICFI>12345678</BICFI>")
    r = api.client.post("/payments/screen", content=bad, headers={**api.screen, **XML})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert "CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI" in detail and "12345678" in detail
    r = api.client.post("/payments/screen", content=b"hello", headers={**api.screen, "Content-Type": "text/plain"})
    assert r.status_code == 400 and "neither ISO 20022 XML" in r.json()["detail"]
    r = api.client.post("/payments/screen", content=b"", headers={**api.screen, **XML})
    assert r.status_code == 400


def test_a_wrong_media_type_is_a_415(api: Setup) -> None:
    r = api.client.post(
        "/payments/screen", content=b'{"message": "x"}', headers={**api.screen, "Content-Type": "application/json"}
    )
    assert r.status_code == 415
    assert "application/xml" in r.json()["detail"]


def test_without_a_key_or_with_a_screening_key_it_is_refused(api: Setup) -> None:
    assert api.client.post("/payments/screen", content=CLEAN, headers=XML).status_code == 401
    assert api.client.get("/payments/held/1").status_code == 401
    # a screening key does not read held messages (the review role does)
    assert api.client.get("/payments/held/1", headers=api.screen).status_code == 403


def test_a_held_message_is_read_back_with_its_raw_bytes_and_verdict(api: Setup) -> None:
    body = pacs008(creditor_agent="KDBKKPPYXXX", msg_id="API-READ")
    [verdict] = screen(api, body)["verdicts"]
    r = api.client.get(f"/payments/held/{verdict['alert_id']}", headers=api.review)
    assert r.status_code == 200
    held = r.json()
    assert held["raw"] == body.decode() and held["message_id"] == "API-READ"
    assert held["alert_id"] == verdict["alert_id"] and held["type"] == verdict["message"]["type"]
    assert held["verdict"]["verdict"] == "hold"
    assert [h["path"] for h in held["verdict"]["hits"]] == [h["path"] for h in verdict["hits"]]
    assert len(held["digest"]) == 64
    missing = api.client.get("/payments/held/999999", headers=api.review)
    assert missing.status_code == 404 and "holds no payment message" in missing.json()["detail"]


def test_a_payment_alert_is_released_not_matched(api: Setup) -> None:
    body = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_town="Odesa", creditor_country="UA", msg_id="API-D")
    [verdict] = screen(api, body)["verdicts"]
    alert_id = verdict["alert_id"]
    path = f"/alerts/{alert_id}/decision"
    wrong = api.client.post(path, json={"as": "true_match", "note": "the listed man"}, headers=api.review)
    assert wrong.status_code == 400
    assert "holds a payment message: decide one of release, reject, escalated" in wrong.json()["detail"]
    assert get_alert(api.store, alert_id).status == "open"
    r = api.client.post(path, json={"as": "release", "note": "a namesake: other birth date"}, headers=api.review)
    assert r.status_code == 201, r.text
    assert r.json()["decision"] == "release" and r.json()["decided_by"] == "payments analyst"
    assert get_alert(api.store, alert_id).status == "released"
    # the same creditor paid again passes on the release
    again = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_town="Odesa", creditor_country="UA", msg_id="D2")
    [second] = screen(api, again)["verdicts"]
    assert second["verdict"] == "pass" and second["released"]
    assert f"released in alert {alert_id}" in second["released"][0]["detail"]


def test_a_payment_alert_is_rejected(api: Setup) -> None:
    [verdict] = screen(api, pacs008(creditor_country="IR", msg_id="API-R"))["verdicts"]
    alert_id = verdict["alert_id"]
    r = api.client.post(
        f"/alerts/{alert_id}/decision", json={"as": "reject", "note": "an Iranian creditor"}, headers=api.review
    )
    assert r.status_code == 201 and get_alert(api.store, alert_id).status == "rejected"
    detail = api.client.get(f"/alerts/{alert_id}", headers=api.review)
    assert detail.status_code == 200 and detail.json()["status"] == "rejected"


def test_an_alert_id_out_of_range_is_a_client_error(api: Setup) -> None:
    for bad in ("0", "-1", str(2**63), "99999999999999999999999", "x"):
        r = api.client.get(f"/payments/held/{bad}", headers=api.review)
        assert r.status_code in (400, 404, 422), (bad, r.status_code)  # never a 500
