"""The period report's reads, on both backends."""

from __future__ import annotations

from pathlib import Path

from embargo.store import Store, alerts, decisions, reports, runs
from tests.store.test_alerts import raise_alert
from tests.store.test_runs import _run


def test_the_figures_of_a_period(db: str | Path) -> None:
    store = Store(db)
    with store.reading() as conn:
        assert reports.last_threshold(conn) is None
        assert reports.customer_count(conn) == 0 and reports.open_alert_count(conn) == 0
        assert list(reports.runs_by_mode(conn, "2026", "2027")) == []
    run_id = _run(store, "full", "{}")
    with store.transaction() as conn:
        runs.finish_run(conn, run_id, "2026-01-01T00:00:01+00:00", 5, 1, 2, 1.0)
        a = raise_alert(conn, "c1", "e1", 0.8, "2026-01-01T00:00:00+00:00")
        raise_alert(conn, "c2", "e2", 0.9, "2026-01-02T00:00:00+00:00")
        raise_alert(conn, "c3", "e3", 0.9, "2025-12-31T00:00:00+00:00")
        decisions.insert(conn, a, "c1", "e1", "escalated", "n", "ana", "2026-01-01T02:00:00+00:00", None)
        decisions.insert(conn, a, "c1", "e1", "true_match", "n", "ana", "2026-01-01T03:00:00+00:00", None)
        alerts.set_status(conn, a, "true_match", "2026-01-01T03:00:00+00:00")
        conn.execute("INSERT INTO customers (id, data, fingerprint, version_id) VALUES ('c1', '{}', 'f', 1)")
    start, end = "2026-01-01", "2026-02-01"
    with store.reading() as conn:
        assert list(reports.runs_by_mode(conn, start, end)) == [("full", 1, 5)]
        assert reports.last_threshold(conn) == 0.7
        assert reports.customer_count(conn) == 1
        assert sorted(reports.alerts_created(conn, start, end)) == [
            ("2026-01-01T00:00:00+00:00", "true_match", 0.8),
            ("2026-01-02T00:00:00+00:00", "open", 0.9),
        ]
        assert sorted(reports.decision_counts(conn, start, end)) == [("escalated", 1), ("true_match", 1)]
        assert list(reports.first_decisions(conn, start, end)) == [
            ("2026-01-01T00:00:00+00:00", "2026-01-01T02:00:00+00:00")
        ]
        assert reports.open_alert_count(conn) == 2
