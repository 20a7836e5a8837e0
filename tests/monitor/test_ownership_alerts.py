"""Monitoring sees ownership: a customer blocked by ownership is an alert; a new owner designation or a changed link raises one."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio
from embargo.monitor.alerts import list_alerts
from embargo.monitor.decisions import decide
from embargo.ownership.graph import compute
from embargo.ownership.stored import import_file as import_ownership
from embargo.store import Store
from tests.conftest import people
from tests.monitor.conftest import write_customers
from tests.ownership.test_graph import LIST_HEADER, SHARES, US_LIST, _holdings, _write

CUSTOMERS = [
    {"id": "c1", "name": "Gamma Logistics LLC", "schema": "Company"},
    {"id": "c2", "name": "Epsilon Foods Ltd", "schema": "Company"},
    {"id": "c3", "name": "Maria Unrelated", "schema": "Person"},
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "s.db")
    import_file(made, _write(tmp_path / "us.csv", LIST_HEADER, US_LIST), "us_test", authority="US OFAC")
    import_ownership(made, _holdings(tmp_path / "register.csv", SHARES))
    compute(made)
    Portfolio(made).load(write_customers(tmp_path / "c.csv", CUSTOMERS))
    people(made, "ana")
    return made


def _ownership_alerts(store: Store) -> list[tuple[str, str, str]]:
    return [(a.customer_id, a.entity_id, a.reason) for a in list_alerts(store, list_name="ownership")]


def test_a_customer_blocked_by_ownership_is_an_alert_with_its_chain(store: Store) -> None:
    Monitor(store, workers=1).run()
    assert _ownership_alerts(store) == [("c1", "register:g", "new match")]
    (alert,) = list_alerts(store, list_name="ownership")
    (verdict,) = alert.entity_data["ownership"]
    assert (verdict["rule"], verdict["status"], verdict["share"]) == ("ofac", "blocked", "50%")
    assert [step["node"] for step in verdict["chain"]] == ["register:g", "register:b", "us-test-1"]
    assert alert.entity_data["designations"] == ["blocked by ownership (OFAC)"]
    assert Monitor(store, workers=1).run().alerts == []  # nothing changed: nothing raised


def test_a_changed_link_raises_a_decided_alert_again(store: Store, tmp_path: Path) -> None:
    Monitor(store, workers=1).run()
    (alert,) = list_alerts(store, list_name="ownership")
    decide(store, alert.id, "true_match", "Gamma is Beta's, Beta is Petrov's", by="ana")
    import_ownership(store, _holdings(tmp_path / "register.csv", ["60", "70", "25-75", "100"]))
    compute(store)
    result = Monitor(store, workers=1).run()
    (again,) = [a for a in list_alerts(store, list_name="ownership") if a.id in result.alerts]
    assert again.customer_id == "c1" and again.reason.startswith(f"raised again (alert {alert.id}")
    assert "ownership chain under ofac: +register:b 70%" in again.reason


def test_a_new_designation_of_an_owner_raises_an_alert(store: Store, tmp_path: Path) -> None:
    Monitor(store, workers=1).run()
    listed = [*US_LIST, {"ID": "2", "Name": "Xavier NOBODY", "Schema": "Person"}]
    import_file(store, _write(tmp_path / "us.csv", LIST_HEADER, listed), "us_test", authority="US OFAC")
    result = Monitor(store, workers=1).run()
    assert result.mode == "incremental"
    raised = [(a.customer_id, a.entity_id) for a in list_alerts(store, list_name="ownership") if a.id in result.alerts]
    assert raised == [("c2", "register:e")]  # Epsilon is Xavier's: blocked the day he is designated
