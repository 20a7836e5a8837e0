"""Alerts, their programs and assignees, and the queue's query, on both backends."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from embargo.store import Store, alerts
from embargo.store.alerts import AlertFilter
from embargo.store.connection import Connection


def raise_alert(
    conn: Connection, customer: str, entity: str, score: float, created: str = "2026-01-01T00:00:00+00:00"
) -> int:
    return alerts.insert(
        conn,
        run_id=1,
        created_at=created,
        customer_id=customer,
        entity_id=entity,
        list_name="un",
        list_version=1,
        list_versions='{"un": 1}',
        score=score,
        caption=entity.upper(),
        schema="Person",
        matched_name="M",
        query_name="Q",
        algorithm="test-1",
        explanation='[{"feature": "name", "score": 1.0}]',
        reason="new match",
        customer_fingerprint="cf",
        entity_fingerprint="ef",
        customer_data=json.dumps({"id": customer}),
        entity_data=json.dumps({"id": entity, "designations": ["BELARUS"]}),
    )


def test_an_alert_reads_back_as_its_dict(db: str | Path) -> None:
    store = Store(db)
    with store.transaction() as conn:
        alert_id = raise_alert(conn, "c1", "e1", 0.912345)
    with store.reading() as conn:
        found = alerts.get(conn, alert_id)
        assert alerts.get(conn, alert_id + 1) is None
        assert alerts.exists(conn, alert_id) and not alerts.exists(conn, alert_id + 1)
        assert alerts.score(conn, alert_id) == 0.912345 and alerts.score(conn, alert_id + 1) is None
        assert alerts.decision_target(conn, alert_id) == ("c1", "e1", "open")
    assert found is not None
    expected = {
        "id": alert_id,
        "run_id": 1,
        "created_at": "2026-01-01T00:00:00+00:00",
        "customer_id": "c1",
        "entity_id": "e1",
        "list": "un",
        "list_version": 1,
        "list_versions": {"un": 1},
        "score": 0.9123,
        "caption": "E1",
        "schema": "Person",
        "matched_name": "M",
        "query_name": "Q",
        "algorithm": "test-1",
        "explanation": [{"feature": "name", "score": 1.0}],
        "reason": "new match",
        "customer": {"id": "c1"},
        "entity": {"id": "e1", "designations": ["BELARUS"]},
        "customer_fingerprint": "cf",
        "entity_fingerprint": "ef",
        "status": "open",
        "decided_at": None,
        "case_id": None,
    }
    assert found.to_dict() == expected and list(found.to_dict()) == list(expected)  # the API's key order


def test_filters_pairs_and_the_good_guy_list(db: str | Path) -> None:
    store = Store(db)
    with store.transaction() as conn:
        a = raise_alert(conn, "c1", "e1", 0.8, "2026-01-01T00:00:00+00:00")
        b = raise_alert(conn, "c1", "e2", 0.95, "2026-01-02T00:00:00+00:00")
        c = raise_alert(conn, "c2", "e1", 0.7, "2026-01-03T00:00:00+00:00")
        alerts.set_status(conn, a, "false_positive", "2026-01-04T00:00:00+00:00")
        alerts.set_status(conn, c, "false_positive", "2026-01-04T00:00:00+00:00")
        d = raise_alert(conn, "c2", "e1", 0.7, "2026-01-05T00:00:00+00:00")
    with store.reading() as conn:
        assert [x.id for x in alerts.select(conn, AlertFilter())] == [d, c, b, a]
        assert [x.id for x in alerts.select(conn, AlertFilter(customer_id="c1"))] == [b, a]
        assert [x.id for x in alerts.select(conn, AlertFilter(min_score=0.75, max_score=0.95))] == [a]
        assert [x.id for x in alerts.select(conn, AlertFilter(since="2026-01-02", until="2026-01-04"))] == [c, b]
        assert [x.id for x in alerts.select(conn, AlertFilter(), limit=2, offset=1)] == [c, b]
        assert alerts.count(conn, AlertFilter(status="false_positive")) == 2
        assert alerts.count_by_status(conn) == {"open": 2, "false_positive": 2}
        pair = alerts.latest_for_pair(conn, "c2", "e1")
        assert pair is not None and pair.id == d and pair.status == "open"
        assert json.loads(pair.customer_data) == {"id": "c2"}
        assert alerts.latest_for_pair(conn, "c9", "e1") is None
        # c2/e1 was raised again after its false positive: only c1/e1 is on the list
        [good] = alerts.false_positives(conn)
        assert good["id"] == a and good["customer_id"] == "c1" and good["entity_id"] == "e1"
        assert list(good) == [
            "id", "customer_id", "entity_id", "caption", "decided_at", "customer_fingerprint", "entity_fingerprint",
        ]  # fmt: skip


@dataclass(frozen=True)
class Queue:
    statuses: tuple[str, ...] = ("open", "escalated")
    list_name: str | None = None
    program: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    pending_only: bool = False
    assignee: str | None = None


def test_queue_programs_and_assignees(db: str | Path) -> None:
    store = Store(db)
    with store.transaction() as conn:
        a = raise_alert(conn, "c1", "e1", 0.8, "2026-01-01T00:00:00+00:00")
        b = raise_alert(conn, "c2", "e2", 0.95, "2026-01-02T00:00:00+00:00")
        c = raise_alert(conn, "c3", "e3", 0.8, "2026-01-03T00:00:00+00:00")
        alerts.insert_programs(conn, a, ["BELARUS", "RUSSIA"])
        alerts.insert_programs(conn, b, ["IRAN"])
        alerts.assign(conn, a, "ana", "boss", "2026-01-04T00:00:00+00:00")
        alerts.assign(conn, a, "ben", "boss", "2026-01-04T00:00:00+00:00")
        alerts.assign(conn, c, "ana", "boss", "2026-01-04T00:00:00+00:00")
        alerts.unassign(conn, c)
    with store.reading() as conn:
        assert alerts.assignees(conn) == {a: "ben"}
        assert [x.id for x in alerts.queue_page(conn, Queue(), 10)] == [b, a, c]
        assert [x.id for x in alerts.queue_page(conn, Queue(), 1, 1)] == [a]
        assert alerts.queue_count(conn, Queue()) == 3
        assert [x.id for x in alerts.queue_page(conn, Queue(program="RUSSIA"), 10)] == [a]
        assert [x.id for x in alerts.queue_page(conn, Queue(assignee=""), 10)] == [b, c]
        assert [x.id for x in alerts.queue_page(conn, Queue(assignee="ben"), 10)] == [a]
        assert alerts.queue_count(conn, Queue(pending_only=True)) == 0
        assert alerts.queue_count(conn, Queue(statuses=("true_match",))) == 0
        assert alerts.queue_programs(conn, Queue(program="IRAN")) == ["BELARUS", "IRAN", "RUSSIA"]
        assert alerts.queue_programs(conn, Queue(max_score=0.9)) == ["BELARUS", "RUSSIA"]
