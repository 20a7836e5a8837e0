"""The analysts' queue in SQL: every filter, the order and the paging agree with the alerts as read one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import QueryError
from embargo.ingest import import_file
from embargo.monitor import (
    ALERT_STATUSES,
    Alert,
    FourEyes,
    Monitor,
    Portfolio,
    QueueQuery,
    alert_programs,
    assign,
    assignees,
    list_alerts,
    pending_requests,
    queue_page,
    queue_programs,
    request_decision,
    set_policy,
    status_counts,
)
from embargo.store import Store
from tests.conftest import BACKENDS, FIXTURES, UNDO_0006, new_location, people
from tests.monitor.conftest import write_customers


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("queue")
    s = Store(new_location(request, request.param, folder))
    import_file(s, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(s, FIXTURES / "un" / "consolidated.xml", "un_sc")
    names = [e.caption for e in s.view().iter_current()]
    # two customers per listed name: twice the alerts, with equal scores to test the order's ties
    rows = [{"id": f"c{i}-{copy}", "name": name} for i, name in enumerate(names) for copy in (1, 2)]
    Portfolio(s).load(write_customers(folder / "c.csv", rows))
    Monitor(s, workers=1).run(full=True)
    alerts = list_alerts(s)
    assert len(alerts) >= 8
    people(s, "ana")
    request_decision(s, alerts[0].id, "false_positive", "other person", "ana")
    request_decision(s, alerts[1].id, "escalated", "unsure", "ana")
    set_policy(s, FourEyes(enabled=True), "ana")
    request_decision(s, alerts[2].id, "true_match", "same person", "ana")
    set_policy(s, FourEyes(enabled=False), "ana")
    assign(s, [alerts[3].id, alerts[4].id], "bob", "ana")
    assign(s, [alerts[5].id], "cy", "ana")
    return s


def oracle(store: Store, q: QueueQuery) -> list[Alert]:
    """The same filters applied in Python to every alert."""
    owners, waiting = assignees(store), pending_requests(store)
    kept = [
        a
        for a in list_alerts(store)
        if a.status in q.statuses
        and (not q.list_name or a.list == q.list_name)
        and (not q.program or q.program in alert_programs(a.entity_data))
        and (q.min_score is None or a.score >= q.min_score)
        and (q.max_score is None or a.score < q.max_score)
        and (not q.pending_only or a.id in waiting)
        and (q.assignee is None or owners.get(a.id, "") == q.assignee)
    ]
    return sorted(kept, key=lambda a: (-a.score, a.created_at, a.id))


QUERIES = [
    QueueQuery(),
    QueueQuery(statuses=ALERT_STATUSES),
    QueueQuery(statuses=("false_positive",)),
    QueueQuery(statuses=("escalated",)),
    QueueQuery(list_name="un_sc"),
    QueueQuery(list_name="us_ofac_sdn", min_score=0.9),
    QueueQuery(max_score=0.95),
    QueueQuery(pending_only=True),
    QueueQuery(assignee="bob"),
    QueueQuery(assignee=""),
    QueueQuery(statuses=ALERT_STATUSES, assignee="nobody"),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q)[10:70])
def test_queue_matches_the_filters_applied_one_by_one(store: Store, query: QueueQuery) -> None:
    expected = oracle(store, query)
    page, total = queue_page(store, query, limit=1000)
    assert [a.id for a in page] == [a.id for a in expected] and total == len(expected)
    first, _ = queue_page(store, query, limit=2)
    rest, again = queue_page(store, query, limit=1000, offset=2)
    assert [a.id for a in first + rest] == [a.id for a in expected] and again == total


def test_programs_filter_and_choices(store: Store) -> None:
    everything = QueueQuery(statuses=ALERT_STATUSES)
    choices = queue_programs(store, everything)
    assert choices == sorted({p for a in list_alerts(store) for p in alert_programs(a.entity_data)})
    assert len(choices) >= 2
    for program in choices:
        query = QueueQuery(statuses=ALERT_STATUSES, program=program)
        page, total = queue_page(store, query, limit=1000)
        assert total >= 1 and [a.id for a in page] == [a.id for a in oracle(store, query)]
    assert queue_programs(store, QueueQuery(statuses=("false_positive",))) == sorted(
        {p for a in list_alerts(store, "false_positive") for p in alert_programs(a.entity_data)}
    )


def test_counts_and_bad_status(store: Store) -> None:
    counts = status_counts(store)
    assert counts == {s: len(list_alerts(store, s)) for s in ALERT_STATUSES}
    with pytest.raises(QueryError, match="unknown alert status 'closed'"):
        queue_page(store, QueueQuery(statuses=("closed",)), limit=10)


@pytest.mark.parametrize(
    ("designations", "programs"),
    [
        ([], []),
        (["BELARUS: asset_freeze, travel_ban"], ["BELARUS"]),
        (["SDGT", "IRGC: asset_freeze", "SDGT: asset_freeze"], ["SDGT", "IRGC"]),
        ([" : x", "UKRAINE-EO13660"], ["UKRAINE-EO13660"]),
    ],
)
def test_alert_programs(designations: list[str], programs: list[str]) -> None:
    assert alert_programs({"designations": designations}) == programs


def test_migration_fills_programs_of_older_alerts(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    s = Store(path)
    import_file(s, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    names = [e.caption for e in s.view().iter_current()][:6]
    Portfolio(s).load(write_customers(tmp_path / "c.csv", [{"id": f"c{i}", "name": n} for i, n in enumerate(names)]))
    Monitor(s, workers=1).run(full=True)
    before = sorted(tuple(r) for r in s.read("SELECT alert_id, program FROM alert_programs"))
    assert before
    conn = s.connect()
    conn.execute("DROP INDEX alerts_queue")
    conn.execute("DROP TABLE alert_programs")
    for later in (  # what revisions after 0003 added
        *UNDO_0006,
        "DROP TABLE list_policies",
        "ALTER TABLE lists DROP COLUMN current_version",
        "ALTER TABLE versions DROP COLUMN hold_reason",
        "ALTER TABLE versions DROP COLUMN state",
    ):
        conn.execute(later)
    conn.execute("UPDATE alembic_version SET version_num = '0002'")
    conn.commit()
    conn.close()
    again = Store(path)
    assert sorted(tuple(r) for r in again.read("SELECT alert_id, program FROM alert_programs")) == before
