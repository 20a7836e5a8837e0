"""Alerts, decisions and four-eyes requests checked against the log: a row edited behind its back is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.audit import verify
from embargo.monitor import (
    DecisionRequest,
    FourEyes,
    decide,
    list_alerts,
    request_decision,
    set_policy,
)
from embargo.store import Store
from tests.conftest import people
from tests.monitor.conftest import monitored


@pytest.fixture
def store(db: str | Path, tmp_path: Path) -> Store:
    """Three alerts: one decided a true match, one a false positive, one waiting for four-eyes approval."""
    rows = [
        {"id": "c1", "name": "Александр Григорьевич Лукашенко", "birth_date": "1954-08-30"},
        {"id": "c2", "name": "Hassan Nasrallah", "birth_date": "1960-08-31"},
        {"id": "c3", "name": "Hasan Nasrallah"},
    ]
    s = monitored(Store(db), tmp_path, rows)
    people(s, "ana", "ben")
    alerts = list_alerts(s)
    assert len(alerts) == 3
    decide(s, alerts[0].id, "true_match", "same person: passport", by="ana")
    decide(s, alerts[1].id, "false_positive", "other man", by="ben")
    set_policy(s, FourEyes(enabled=True, min_score=0.0), "ana")
    assert isinstance(request_decision(s, alerts[2].id, "true_match", "looks like him", "ana"), DecisionRequest)
    return s


def _state(store: Store, *statements: str) -> list[tuple[int, str]]:
    conn = store.connect()
    for sql in statements:
        conn.execute(sql)
    conn.close()
    result = verify(store)
    return [(p.seq, p.detail) for p in result.problems if p.problem == "state"]


def _seq(store: Store, kind: str, key: str, value: int) -> int:
    rows = store.read("SELECT seq, payload FROM audit_log WHERE kind = ? ORDER BY seq", (kind,))
    return max(int(r[0]) for r in rows if json.loads(r[1])[key] == value)


def test_the_tables_agree_with_an_untouched_log(store: Store) -> None:
    result = verify(store)
    assert result.ok, result.problems
    assert result.state == {"alerts": 3, "decisions": 2, "requests": 1}


def test_an_edited_decision_is_found_and_named(store: Store) -> None:
    [(decision_id, alert_id)] = store.read("SELECT id, alert_id FROM decisions WHERE decision = 'true_match'")
    found = _state(store, f"UPDATE decisions SET decision = 'false_positive' WHERE id = {decision_id}")
    seq = _seq(store, "alert.decide", "id", decision_id)
    assert found == [
        (seq, f"decision {decision_id} on alert {alert_id}: decision says 'false_positive'; "
              f"the log says 'true_match' (seq {seq})"),
    ]  # fmt: skip


def test_an_edited_alert_status_is_found_and_named(store: Store) -> None:
    [(alert_id,)] = store.read("SELECT alert_id FROM decisions WHERE decision = 'false_positive'")
    found = _state(store, f"UPDATE alerts SET status = 'open' WHERE id = {alert_id}")
    seq = _seq(store, "alert.decide", "alert_id", alert_id)
    assert found == [(seq, f"alert {alert_id}: status says 'open'; the log says 'false_positive' (seq {seq})")]


def test_an_edited_alert_score_is_found(store: Store) -> None:
    [(alert_id,)] = store.read("SELECT MIN(id) FROM alerts")
    found = _state(store, f"UPDATE alerts SET score = 0.1 WHERE id = {alert_id}")
    [(seq, detail)] = found
    assert seq == _seq(store, "alert.raise", "alert_id", alert_id) and "score says 0.1" in detail


def test_a_decision_deleted_or_added_behind_the_log(store: Store) -> None:
    [(decision_id, alert_id)] = store.read("SELECT id, alert_id FROM decisions WHERE decision = 'false_positive'")
    found = _state(
        store,
        f"DELETE FROM decisions WHERE id = {decision_id}",
        "INSERT INTO decisions (id, alert_id, customer_id, entity_id, decision, note, decided_by, decided_at) "
        f"VALUES (9999, {alert_id}, 'c2', 'x', 'false_positive', 'quietly', 'eve', '2026-01-01T00:00:00+00:00')",
    )
    seq = _seq(store, "alert.decide", "id", decision_id)
    assert found == [
        (0, f"decision 9999 on alert {alert_id} is in the decisions table; the log never recorded it"),
        (seq, f"decision {decision_id} on alert {alert_id} was recorded (seq {seq}); it is not in the decisions table"),
    ]


def test_an_edited_four_eyes_request_is_found(store: Store) -> None:
    [(request_id, alert_id)] = store.read("SELECT id, alert_id FROM decision_requests")
    found = _state(store, f"UPDATE decision_requests SET status = 'approved' WHERE id = {request_id}")
    seq = _seq(store, "alert.decision_requested", "id", request_id)
    assert found == [
        (seq, f"decision request {request_id} on alert {alert_id}: status says 'approved'; "
              f"the log says 'pending' (seq {seq})"),
    ]  # fmt: skip
