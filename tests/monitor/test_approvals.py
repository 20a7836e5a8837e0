"""Four-eyes: decisions that wait for a second user, and alert assignment."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.audit import iter_records, verify
from embargo.errors import ConflictError, NotFoundError, PermissionDenied
from embargo.monitor import (
    Decision,
    DecisionRequest,
    FourEyes,
    approve,
    assign,
    assignees,
    decisions_for,
    get_alert,
    list_alerts,
    pending_requests,
    reject,
    request_decision,
    requests_for,
    set_policy,
)
from embargo.store import Store
from tests.conftest import people
from tests.monitor.conftest import monitored

ON = FourEyes(enabled=True, min_score=0.9)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("four-eyes")
    rows = [
        {"id": "c1", "name": "Александр Григорьевич Лукашенко", "birth_date": "1954-08-30"},
        {"id": "c2", "name": "Hassan Nasrallah", "birth_date": "1960-08-31"},
    ]
    s = monitored(Store(path / "store.db"), path, rows)
    people(s, "ana", "ben", "cy")
    set_policy(s, ON, "ana")
    return s


@pytest.mark.parametrize(
    ("policy", "decision", "score", "waits"),
    [
        (FourEyes(False), "true_match", 1.0, False),
        (ON, "true_match", 0.71, True),
        (ON, "false_positive", 0.95, True),
        (ON, "false_positive", 0.89, False),
        (ON, "escalated", 1.0, False),
        (FourEyes(True, 0.0), "false_positive", 0.1, True),
    ],
)
def test_policy(policy: FourEyes, decision: str, score: float, waits: bool) -> None:
    assert policy.needs_approval(decision, score) is waits


def test_a_pending_decision_needs_another_user(store: Store) -> None:
    alert = list_alerts(store, "open", customer_id="c1")[0]
    asked = request_decision(store, alert.id, "true_match", "same person", "ana")
    assert isinstance(asked, DecisionRequest) and asked.status == "pending"
    assert get_alert(store, alert.id).status == "open" and decisions_for(store, alert.id) == []
    assert pending_requests(store)[alert.id].id == asked.id
    with pytest.raises(ConflictError, match="already has a decision waiting"):
        request_decision(store, alert.id, "escalated", "again", "ben")
    with pytest.raises(PermissionDenied, match="cannot approve or reject their own"):
        approve(store, asked.id, "ana")
    with pytest.raises(PermissionDenied, match="cannot approve or reject their own"):
        reject(store, asked.id, " ana ")
    with pytest.raises(NotFoundError):
        approve(store, 999_999, "ben")

    made = approve(store, asked.id, "ben", "agreed")
    assert made.decision == "true_match" and made.decided_by == "ana" and made.note == "same person"
    assert get_alert(store, alert.id).status == "true_match" and alert.id not in pending_requests(store)
    [done] = requests_for(store, alert.id)
    assert (done.status, done.reviewed_by, done.review_note, done.decision_id) == ("approved", "ben", "agreed", made.id)
    with pytest.raises(ConflictError, match="already approved"):
        approve(store, asked.id, "cy")

    records = [r for r in iter_records(store) if r.payload.get("alert_id") == alert.id and r.kind != "alert.raise"]
    assert [(r.kind, r.actor) for r in records] == [
        ("alert.decision_requested", "ana"),
        ("alert.decide", "ana"),
        ("alert.decision_approved", "ben"),
    ]
    assert records[1].payload["approved_by"] == "ben" and verify(store).ok


def test_a_rejected_request_leaves_the_alert_open(store: Store) -> None:
    alert = list_alerts(store, "open", customer_id="c2")[0]
    asked = request_decision(store, alert.id, "false_positive", "other man", "ana")
    assert isinstance(asked, DecisionRequest)
    done = reject(store, asked.id, "ben", "same DOB: look again")
    assert done.status == "rejected" and get_alert(store, alert.id).status == "open"
    # Below the policy (escalating), the decision is made at once.
    made = request_decision(store, alert.id, "escalated", "need the passport", "ana")
    assert isinstance(made, Decision) and get_alert(store, alert.id).status == "escalated"


def test_assignment(store: Store, tmp_path: Path) -> None:
    ids = [a.id for a in list_alerts(store)]
    assert assign(store, ids, "ana", by="lead") == len(ids)
    assert assignees(store) == dict.fromkeys(ids, "ana")
    assign(store, ids[:1], "", by="lead")
    assert ids[0] not in assignees(store)
    with pytest.raises(NotFoundError):
        assign(store, [999_999], "ana", by="lead")
    assert [r.payload["assignee"] for r in iter_records(store, kind="alert.assign")] == ["ana", None]
    del tmp_path
