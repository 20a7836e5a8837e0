"""Decisions and decision requests, on both backends."""

from __future__ import annotations

from pathlib import Path

from embargo.store import Store, decisions
from tests.store.test_alerts import raise_alert


def test_decisions(db: str | Path) -> None:
    store = Store(db)
    with store.transaction() as conn:
        alert_id = raise_alert(conn, "c1", "e1", 0.8)
        first = decisions.insert(conn, alert_id, "c1", "e1", "escalated", "look", "ana", "2026-01-02", None)
        second = decisions.insert(conn, alert_id, "c1", "e1", "false_positive", "no", "ben", "2026-01-03", "p-ben")
    with store.reading() as conn:
        found = decisions.for_alert(conn, alert_id)
    assert [d.id for d in found] == [first, second]
    assert found[1].to_dict() == {
        "id": second,
        "alert_id": alert_id,
        "customer_id": "c1",
        "entity_id": "e1",
        "decision": "false_positive",
        "note": "no",
        "decided_by": "ben",
        "decided_at": "2026-01-03",
        "decided_by_id": "p-ben",
    }


def test_requests(db: str | Path) -> None:
    store = Store(db)
    with store.transaction() as conn:
        a = raise_alert(conn, "c1", "e1", 0.95)
        b = raise_alert(conn, "c2", "e2", 0.95)
        ra = decisions.insert_request(conn, a, "true_match", "yes", "ana", "2026-01-02", "p-ana")
        rb = decisions.insert_request(conn, b, "false_positive", "no", "ana", "2026-01-02", "p-ana")
    with store.reading() as conn:
        assert decisions.pending_request(conn, a) == (ra, "ana")
        assert [r.id for r in decisions.pending_requests(conn)] == [ra, rb]
        assert decisions.get_request(conn, rb + 1) is None
    with store.transaction() as conn:
        made = decisions.insert(conn, a, "c1", "e1", "true_match", "yes", "ana", "2026-01-03", "p-ana")
        decisions.approve_request(conn, ra, "ben", "2026-01-03", "ok", made, "p-ben")
        decisions.reject_request(conn, rb, "ben", "2026-01-03", "no way", "p-ben")
    with store.reading() as conn:
        assert decisions.pending_request(conn, a) is None and decisions.pending_requests(conn) == []
        approved, rejected = decisions.get_request(conn, ra), decisions.get_request(conn, rb)
        assert [r.id for r in decisions.requests_for(conn, b)] == [rb]
    assert approved is not None and rejected is not None
    assert approved.to_dict() == {
        "id": ra,
        "alert_id": a,
        "decision": "true_match",
        "note": "yes",
        "requested_by": "ana",
        "requested_at": "2026-01-02",
        "status": "approved",
        "reviewed_by": "ben",
        "reviewed_at": "2026-01-03",
        "review_note": "ok",
        "decision_id": made,
        "requested_by_id": "p-ana",
        "reviewed_by_id": "p-ben",
    }
    assert (rejected.status, rejected.decision_id, rejected.review_note) == ("rejected", None, "no way")
