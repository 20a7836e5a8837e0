"""What happened in a period: list updates, screening runs, alerts and decisions, gathered from the store."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from embargo.audit.log import check_period
from embargo.store import Store, diff_versions, reports

__all__ = ["ListUpdate", "PeriodReport", "gather"]


@dataclass(slots=True)
class ListUpdate:
    """One list version imported in the period, against the version before it."""

    list: str
    seq: int
    imported_at: str
    entities: int
    added: int
    removed: int
    amended: int


@dataclass(slots=True)
class PeriodReport:
    """The figures of a report."""

    since: str
    until: str
    threshold: float | None
    updates: list[ListUpdate] = field(default_factory=list)
    runs: dict[str, int] = field(default_factory=dict)
    customers_screened: int = 0
    portfolio_size: int = 0
    alerts_raised: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    open_now: int = 0
    hours_to_decision: list[float] = field(default_factory=list)
    alerts_by_day: dict[str, dict[str, int]] = field(default_factory=dict)
    scores: dict[str, list[float]] = field(default_factory=dict)

    def time_to_decision(self) -> dict[str, float | None]:
        """Median, 90th percentile and mean hours from alert to first decision."""
        h = sorted(self.hours_to_decision)
        if not h:
            return {"median": None, "p90": None, "mean": None}
        return {
            "median": statistics.median(h),
            "p90": h[min(len(h) - 1, int(0.9 * len(h)))],
            "mean": statistics.fmean(h),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "since": self.since,
            "until": self.until,
            "threshold": self.threshold,
            "list_updates": [_update(u) for u in self.updates],
            "runs": self.runs,
            "customers_screened": self.customers_screened,
            "portfolio_size": self.portfolio_size,
            "alerts_raised": self.alerts_raised,
            "decisions": self.decisions,
            "open_now": self.open_now,
            "hours_to_decision": self.time_to_decision(),
            "alerts_by_day": self.alerts_by_day,
        }


def _update(u: ListUpdate) -> dict[str, Any]:
    return {
        "list": u.list,
        "seq": u.seq,
        "imported_at": u.imported_at,
        "entities": u.entities,
        "added": u.added,
        "removed": u.removed,
        "amended": u.amended,
    }


def _hours(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 3600


def gather(store: Store, since: str | None = None, until: str | None = None) -> PeriodReport:
    """Figures for ``[since, until)`` (ISO dates or times; default: the last 30 days).

    Raises:
        QueryError: ``since`` is not before ``until``.
    """
    check_period(since, until)
    # times are stored to the second: the default period ends after the current second, so what
    # happened in it (an alert raised just now) is in the report
    end = until or (datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)).isoformat()
    start = since or (datetime.fromisoformat(end) - timedelta(days=30)).isoformat()
    report = PeriodReport(start, end, None)
    view = store.view()
    for info in view.lists():
        versions = view.versions(info.name)
        for prev, version in zip([None, *versions], versions, strict=False):
            if not (start <= version.imported_at < end):
                continue
            if prev is None:
                report.updates.append(
                    ListUpdate(info.name, version.seq, version.imported_at, version.entities, version.entities, 0, 0)
                )
                continue
            d = diff_versions(view, prev, version)
            report.updates.append(
                ListUpdate(
                    info.name, version.seq, version.imported_at, version.entities,
                    len(d.added), len(d.removed), len(d.amended),
                )
            )  # fmt: skip
    report.updates.sort(key=lambda u: u.imported_at)
    with store.reading("the report's figures") as conn:
        for mode, count, screened in reports.runs_by_mode(conn, start, end):
            report.runs[mode] = count
            report.customers_screened += screened or 0
        report.threshold = reports.last_threshold(conn)
        report.portfolio_size = reports.customer_count(conn)
        for created, status, score in reports.alerts_created(conn, start, end):
            report.alerts_raised += 1
            day = report.alerts_by_day.setdefault(created[:10], {})
            day[status] = day.get(status, 0) + 1
            report.scores.setdefault(status, []).append(score)
        for decision, count in reports.decision_counts(conn, start, end):
            report.decisions[decision] = count
        for created, first in reports.first_decisions(conn, start, end):
            report.hours_to_decision.append(_hours(created, first))
        report.open_now = reports.open_alert_count(conn)
    return report
