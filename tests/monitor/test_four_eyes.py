"""Four-eyes is the store's setting, enforced by the store on principal ids, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.audit import iter_records
from embargo.auth import KeyStore, Role
from embargo.errors import ConflictError, PermissionDenied, QueryError
from embargo.monitor import (
    Decision,
    DecisionRequest,
    FourEyes,
    approve,
    current_policy,
    decide,
    get_alert,
    list_alerts,
    reject,
    request_decision,
    set_policy,
)
from embargo.store import Store
from tests.conftest import people
from tests.monitor.conftest import monitored


@pytest.fixture
def store(db: str | Path, tmp_path: Path) -> Store:
    s = monitored(
        Store(db), tmp_path, [{"id": "c1", "name": "Александр Григорьевич Лукашенко", "birth_date": "1954-08-30"}]
    )
    people(s, "ops", role="admin")
    people(s, "A-analyst", "ben")
    return s


def test_every_process_obeys_the_stored_policy(store: Store, db: str | Path) -> None:
    alert = list_alerts(store, "open")[0]
    assert current_policy(store) == FourEyes(False)
    set_policy(store, FourEyes(True, 0.9), "ops")
    elsewhere = Store(db)  # another process: nothing in its environment says four-eyes
    with pytest.raises(QueryError, match="four-eyes is on"):
        decide(elsewhere, alert.id, "true_match", "same person", "A-analyst")
    asked = request_decision(elsewhere, alert.id, "true_match", "same person", "A-analyst")
    assert isinstance(asked, DecisionRequest) and get_alert(store, alert.id).status == "open"
    # escalating never waits, and is refused only because a request is waiting
    with pytest.raises(ConflictError, match="already has a decision waiting"):
        request_decision(elsewhere, alert.id, "escalated", "unsure", "ben")
    [change] = list(iter_records(store, kind="settings.four_eyes"))
    assert change.actor == "ops" and change.payload["after"] == {"enabled": True, "min_score": 0.9}
    with pytest.raises(PermissionDenied):
        set_policy(store, FourEyes(False), "nobody")
    with pytest.raises(QueryError, match="between 0 and 1"):
        set_policy(store, FourEyes(True, 1.5), "ops")


@pytest.mark.parametrize(
    "spelling", ["A-analyst", "a-analyst", "A ANALYST", "a\u200b-analyst", "Ａ-Analyst", "А-analyst", "Á-analyst"]
)
def test_nobody_approves_their_own_however_spelt(store: Store, spelling: str) -> None:
    set_policy(store, FourEyes(True, 0.0), "ops")
    alert = list_alerts(store, "open")[0]
    asked = request_decision(store, alert.id, "false_positive", "other man", "A-analyst")
    assert isinstance(asked, DecisionRequest) and asked.requested_by_id is not None
    with pytest.raises(PermissionDenied, match="cannot approve or reject their own"):
        approve(store, asked.id, spelling)
    with pytest.raises(PermissionDenied, match="cannot approve or reject their own"):
        reject(store, asked.id, spelling)
    made = approve(store, asked.id, "ben", "agreed")
    assert isinstance(made, Decision) and made.decided_by == "A-analyst" and made.decided_by_id == asked.requested_by_id


def test_a_second_key_of_the_requester_is_the_requester(store: Store) -> None:
    set_policy(store, FourEyes(True), "ops")
    keys = KeyStore(store)
    review, _ = keys.create(Role.REVIEW, "carla")
    own_approver, _ = keys.create(Role.APPROVE, principal="Carla")
    alert = list_alerts(store, "open")[0]
    asked = request_decision(store, alert.id, "true_match", "same DOB", review.principal_id or "")
    assert isinstance(asked, DecisionRequest)
    with pytest.raises(PermissionDenied, match="their own"):
        approve(store, asked.id, own_approver.principal_id or "")


def test_requests_made_before_principals_are_compared_by_name(store: Store) -> None:
    set_policy(store, FourEyes(True), "ops")
    alert = list_alerts(store, "open")[0]
    asked = request_decision(store, alert.id, "true_match", "same", "A-analyst")
    assert isinstance(asked, DecisionRequest)
    with store.transaction() as conn:  # what schema 0006 leaves on a request whose name matched no key
        conn.execute("UPDATE decision_requests SET requested_by_id = NULL, requested_by = 'a-ANALYST'")
    with pytest.raises(PermissionDenied, match="their own"):
        approve(store, asked.id, "A-analyst")
    assert approve(store, asked.id, "ben").decided_by == "A-analyst"
