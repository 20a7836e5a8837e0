"""``POST /alerts/{id}/decision`` with four-eyes on: a decision that must be confirmed answers 202, pending."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from embargo.api import ApiConfig, create_app
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.monitor import FourEyes, Monitor, Portfolio, get_alert, list_alerts
from embargo.store import Store
from tests.api.conftest import LUKASHENKA_RU
from tests.conftest import FIXTURES


def _monitored(tmp_path: Path) -> Store:
    """A store with one open alert: Lukashenka on the OFAC fixture, from one customer."""
    store = Store(tmp_path / "store.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    customers = tmp_path / "c.csv"
    customers.write_text(f"id,name,birth_date\nc1,{LUKASHENKA_RU},1954-08-30\n", encoding="utf-8")
    Portfolio(store).load(customers)
    Monitor(store, workers=1).run(full=True)
    return store


def test_decision_waits_for_an_approver(tmp_path: Path) -> None:
    store = _monitored(tmp_path)
    review = {"Authorization": f"ApiKey {KeyStore(store).create(Role.REVIEW, 'ana')[1]}"}
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0, four_eyes=FourEyes(True, 0.9))
    [alert] = list_alerts(store, "open")
    with TestClient(create_app(config)) as client:
        r = client.post(f"/alerts/{alert.id}/decision", json={"as": "true_match", "note": "same"}, headers=review)
        assert r.status_code == 202, r.text
        assert r.json()["status"] == "pending" and r.json()["requested_by"] == "ana"
        detail = client.get(f"/alerts/{alert.id}", headers=review).json()
        assert detail["status"] == "open" and detail["pending"]["decision"] == "true_match"
        again = client.post(f"/alerts/{alert.id}/decision", json={"as": "escalated", "note": "x"}, headers=review)
        assert again.status_code == 400 and "waiting for approval" in again.json()["detail"]
        # the requester cannot approve their own decision, whatever their role; a review key may not approve at all
        approver = {"Authorization": f"ApiKey {KeyStore(store).create(Role.APPROVE, 'ben')[1]}"}
        self_approver = {"Authorization": f"ApiKey {KeyStore(store).create(Role.APPROVE, 'ana')[1]}"}
        yes = {"approve": True, "note": "checked"}
        assert client.post(f"/alerts/{alert.id}/approval", json=yes, headers=review).status_code == 403
        assert client.post(f"/alerts/{alert.id}/approval", json=yes, headers=self_approver).status_code == 400
        done = client.post(f"/alerts/{alert.id}/approval", json=yes, headers=approver)
        assert done.status_code == 200, done.text
        assert done.json()["decision"] == "true_match" and done.json()["decided_by"] == "ana"
        assert client.post(f"/alerts/{alert.id}/approval", json=yes, headers=approver).status_code == 404
    assert get_alert(store, alert.id).status == "true_match"


def test_a_rejected_decision_leaves_the_alert_open(tmp_path: Path) -> None:
    store = _monitored(tmp_path)
    review = {"Authorization": f"ApiKey {KeyStore(store).create(Role.REVIEW, 'ana')[1]}"}
    approver = {"Authorization": f"ApiKey {KeyStore(store).create(Role.APPROVE, 'ben')[1]}"}
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0, four_eyes=FourEyes(True, 0.9))
    [alert] = list_alerts(store, "open")
    with TestClient(create_app(config)) as client:
        client.post(f"/alerts/{alert.id}/decision", json={"as": "true_match", "note": "same"}, headers=review)
        r = client.post(f"/alerts/{alert.id}/approval", json={"approve": False, "note": "not sure"}, headers=approver)
        assert r.status_code == 200 and r.json()["status"] == "rejected" and r.json()["reviewed_by"] == "ben"
        detail = client.get(f"/alerts/{alert.id}", headers=review).json()
        assert detail["status"] == "open" and detail.get("pending") is None
