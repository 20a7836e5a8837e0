"""Period reports: the figures add up, the charts are PNGs, both formats are written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from embargo.monitor import Monitor, Portfolio, decide, get_alert, list_alerts
from embargo.report import gather, write_report
from embargo.store import Store
from tests.monitor.conftest import customer_rows, write_customers


def test_report_of_a_period(
    un_store: Store, un_files: tuple[Path, Path, dict[str, str]], tmp_path: Path, shared_data: Path
) -> None:
    from embargo.ingest import import_file

    Portfolio(un_store).load(write_customers(tmp_path / "c.csv", customer_rows(shared_data, 30, 30)))
    Monitor(un_store, workers=1).run()
    import_file(un_store, un_files[1], "un_sc")
    Monitor(un_store, workers=1).run()
    alerts = list_alerts(un_store)
    raised = datetime.fromisoformat(get_alert(un_store, alerts[0].id).created_at)
    decide(
        un_store, alerts[0].id, "false_positive", "other person", "ana", at=(raised + timedelta(hours=2)).isoformat()
    )
    decide(un_store, alerts[1].id, "true_match", "same person", "ana", at=(raised + timedelta(hours=4)).isoformat())
    decide(un_store, alerts[1].id, "escalated", "unsure", "ben", at=(raised + timedelta(hours=5)).isoformat())
    end = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    report = gather(un_store, until=end)
    assert [(u.list, u.seq) for u in report.updates] == [("un_sc", 1), ("un_sc", 2)]
    assert (report.updates[1].added, report.updates[1].removed, report.updates[1].amended) == (1, 1, 1)
    assert report.runs == {"full": 1, "incremental": 1}
    assert report.customers_screened >= 62
    assert report.alerts_raised == len(alerts)
    assert report.decisions == {"false_positive": 1, "true_match": 1, "escalated": 1}
    ttd = report.time_to_decision()
    assert ttd["median"] is not None and 1.9 < ttd["median"] < 4.1  # first decisions only: 2 h and 4 h
    assert report.open_now == len(alerts) - 1  # the escalated one is still pending
    assert report.threshold == 0.7
    assert sum(len(v) for v in report.scores.values()) == len(alerts)
    md = write_report(report, tmp_path / "out" / "report.md")
    assert [p.name for p in md] == ["report.md", "report-alerts.png", "report-scores.png"]
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in md[1:])
    text = md[0].read_text("utf-8")
    assert "| un_sc | 2 |" in text and "| decisions | 1 escalated, 1 false_positive, 1 true_match |" in text
    [page] = write_report(report, tmp_path / "out" / "report.html")
    html = page.read_text("utf-8")
    assert html.count("data:image/png;base64,") == 2 and "<table>" in html
    empty = gather(un_store, since="2000-01-01", until="2000-02-01")
    assert empty.alerts_raised == 0 and empty.updates == []
    write_report(empty, tmp_path / "empty.md")  # charts of nothing still render
