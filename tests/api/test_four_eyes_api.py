"""Four-eyes through the API: the store's policy (``/four-eyes``), 202 for a decision that waits, principals not names."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.audit import iter_records
from embargo.auth import KeyStore, Role
from embargo.errors import ConfigError, QueryError
from embargo.ingest import import_file
from embargo.monitor import FourEyes, Monitor, Portfolio, current_policy, get_alert, list_alerts, set_policy
from embargo.server import ApiConfig
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


def _on(store: Store) -> None:
    """Four-eyes on, set through the API by an admin key, as an operator does."""
    admin = {"Authorization": f"ApiKey {KeyStore(store).create(Role.ADMIN, 'ops')[1]}"}
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config)) as client:
        r = client.put("/four-eyes", json={"enabled": True, "min_score": 0.9}, headers=admin)
        assert r.status_code == 200 and r.json() == {"enabled": True, "min_score": 0.9}
        assert client.get("/four-eyes", headers=admin).json()["enabled"] is True


def test_decision_waits_for_an_approver(tmp_path: Path) -> None:
    store = _monitored(tmp_path)
    _on(store)
    review = {"Authorization": f"ApiKey {KeyStore(store).create(Role.REVIEW, 'ana')[1]}"}
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    [alert] = list_alerts(store, "open")
    with TestClient(create_app(config)) as client:
        r = client.post(f"/alerts/{alert.id}/decision", json={"as": "true_match", "note": "same"}, headers=review)
        assert r.status_code == 202, r.text
        assert r.json()["status"] == "pending" and r.json()["requested_by"] == "ana"
        detail = client.get(f"/alerts/{alert.id}", headers=review).json()
        assert detail["status"] == "open" and detail["pending"]["decision"] == "true_match"
        again = client.post(f"/alerts/{alert.id}/decision", json={"as": "escalated", "note": "x"}, headers=review)
        assert again.status_code == 409 and "waiting for approval" in again.json()["detail"]
        # the requester cannot approve their own decision, whatever their role or key; a review key may not
        # approve at all; and no second principal can be made under a name that reads as theirs
        approver = {"Authorization": f"ApiKey {KeyStore(store).create(Role.APPROVE, 'ben')[1]}"}
        self_approver = {"Authorization": f"ApiKey {KeyStore(store).create(Role.APPROVE, principal='ana')[1]}"}
        for alike in ("ana", "ANA", "a\u200bna", "Ａna", "Аna"):
            with pytest.raises(QueryError, match=r"may not share|invisible"):
                KeyStore(store).create(Role.APPROVE, alike)
        yes = {"approve": True, "note": "checked"}
        assert client.post(f"/alerts/{alert.id}/approval", json=yes, headers=review).status_code == 403
        assert client.post(f"/alerts/{alert.id}/approval", json=yes, headers=self_approver).status_code == 403
        done = client.post(f"/alerts/{alert.id}/approval", json=yes, headers=approver)
        assert done.status_code == 200, done.text
        assert done.json()["decision"] == "true_match" and done.json()["decided_by"] == "ana"
        assert client.post(f"/alerts/{alert.id}/approval", json=yes, headers=approver).status_code == 404
    assert get_alert(store, alert.id).status == "true_match"


def test_a_rejected_decision_leaves_the_alert_open(tmp_path: Path) -> None:
    store = _monitored(tmp_path)
    _on(store)
    review = {"Authorization": f"ApiKey {KeyStore(store).create(Role.REVIEW, 'ana')[1]}"}
    approver = {"Authorization": f"ApiKey {KeyStore(store).create(Role.APPROVE, 'ben')[1]}"}
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    [alert] = list_alerts(store, "open")
    with TestClient(create_app(config)) as client:
        client.post(f"/alerts/{alert.id}/decision", json={"as": "true_match", "note": "same"}, headers=review)
        r = client.post(f"/alerts/{alert.id}/approval", json={"approve": False, "note": "not sure"}, headers=approver)
        assert r.status_code == 200 and r.json()["status"] == "rejected" and r.json()["reviewed_by"] == "ben"
        detail = client.get(f"/alerts/{alert.id}", headers=review).json()
        assert detail["status"] == "open" and detail.get("pending") is None


def test_the_policy_is_the_stores_and_only_an_admin_changes_it(tmp_path: Path) -> None:
    store = _monitored(tmp_path)
    approver = {"Authorization": f"ApiKey {KeyStore(store).create(Role.APPROVE, 'ben')[1]}"}
    admin = {"Authorization": f"ApiKey {KeyStore(store).create(Role.ADMIN, 'ops')[1]}"}
    with TestClient(create_app(ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0))) as client:
        on = {"enabled": True, "min_score": 0.5}
        assert client.put("/four-eyes", json=on, headers=approver).status_code == 403
        assert client.put("/four-eyes", json={"enabled": True, "min_score": 2}, headers=admin).status_code == 400
        assert client.put("/four-eyes", json=on, headers=admin).status_code == 200
    # another process (a new Store on the same file) obeys it: nothing to configure there
    assert current_policy(Store(store.path)) == FourEyes(True, 0.5)
    [change] = list(iter_records(store, kind="settings.four_eyes"))
    assert change.actor == "ops" and change.payload["before"]["enabled"] is False
    assert change.payload["after"] == {"enabled": True, "min_score": 0.5}


def test_the_old_environment_switch_is_not_silently_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _monitored(tmp_path)
    monkeypatch.setenv("EMBARGO_FOUR_EYES", "true")
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with pytest.raises(ConfigError, match="EMBARGO_FOUR_EYES is no longer read"):
        create_app(config)
    set_policy(store, FourEyes(True), KeyStore(store).create(Role.ADMIN, "ops")[0].principal_id or "")
    create_app(config)  # the store has it on: the variable agrees, and the server starts
