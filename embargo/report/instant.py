"""The instant-payments check an auditor asks for: the whole customer base screened every day, and at once
after every new designation (EU Regulation 2024/886, Article 5d).

Under the instant-payments regulation a payment service provider need not
screen each euro instant payment against the EU's targeted financial
sanctions; it must instead verify whether its customers are designated at
least once every calendar day and immediately after a new designation enters
into force. With embargo that is ``embargo monitor --full`` once a day and
``embargo update && embargo monitor`` whenever a list changes (the run after
an update screens the whole portfolio against what changed). This report
reads the monitoring runs and the list versions of a period back and says,
day by day and version by version, whether that held:

* a day is *covered* when a full run finished on it (UTC);
* a list version imported in the period is *screened* by the first run that
  finished after its import with that version in its list versions; the
  delay is from the import to that run's end, and a delay over ``max_delay``
  (or a version no run has screened yet) is a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from embargo.audit.log import check_period
from embargo.store import Store, reports

__all__ = ["DEFAULT_MAX_DELAY", "InstantReport", "instant_report"]

#: What "immediately" is taken to mean when nothing else is said: an hour from a list's import to its screening.
DEFAULT_MAX_DELAY = timedelta(hours=1)


@dataclass(slots=True)
class InstantReport:
    """Day by day and version by version: was the customer base screened as the regulation asks?

    Attributes:
        days: each calendar day of the period, its full runs (id, finished, customers screened).
        versions: each list version imported in the period: the run that first screened it and the delay.
        findings: what falls short, one line each (a day without a full run, a version screened late or not at all).
    """

    since: str
    until: str
    max_delay: timedelta
    portfolio_size: int = 0
    days: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    runs: list[dict[str, Any]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every day covered and every version screened in time."""
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "since": self.since,
            "until": self.until,
            "max_delay_minutes": self.max_delay.total_seconds() / 60,
            "portfolio_size": self.portfolio_size,
            "ok": self.ok,
            "findings": self.findings,
            "days": self.days,
            "list_versions": self.versions,
            "runs": self.runs,
        }

    def lines(self) -> list[str]:
        """The report as Markdown."""
        out = [
            f"# Customer-base screening, {self.since[:10]} to {self.until[:10]} (EU Regulation 2024/886, Art. 5d)",
            "",
            f"Portfolio: {self.portfolio_size:,} customers now. A day is covered by a full run finished on it; "
            f"a new list version must be screened within {self.max_delay.total_seconds() / 60:.0f} minutes "
            "of its import.",
            "",
            "## Verdict",
            "",
            "every day covered and every list version screened in time" if self.ok else "findings:",
        ]
        out += [f"- {line}" for line in self.findings]
        out += [
            "",
            "## Days",
            "",
            "| day (UTC) | full runs | customers screened | covered |",
            "| --- | --- | --- | --- |",
        ]
        for day in self.days:
            runs = ", ".join(f"#{r['id']} {r['finished_at'][11:16]}" for r in day["full_runs"]) or "none"
            screened = ", ".join(f"{r['screened']:,}" for r in day["full_runs"]) or "0"
            out.append(f"| {day['day']} | {runs} | {screened} | {'yes' if day['covered'] else '**no**'} |")
        out += ["", "## List versions", ""]
        if not self.versions:
            out.append("No list version was imported in the period.")
        else:
            out += [
                "| list | version | imported | screened by | delay | in time |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for v in self.versions:
                run = f"run #{v['run_id']} ({v['run_mode']}), {v['screened_at']}" if v["run_id"] else "not yet"
                delay = f"{v['delay_minutes']:.0f} min" if v["delay_minutes"] is not None else "—"
                out.append(
                    f"| {v['list']} | {v['seq']} | {v['imported_at']} | {run} | {delay} | "
                    f"{'yes' if v['in_time'] else '**no**'} |"
                )
        return out


def instant_report(
    store: Store, since: str | None = None, until: str | None = None, max_delay: timedelta = DEFAULT_MAX_DELAY
) -> InstantReport:
    """The check for ``[since, until)`` (ISO dates or times; default: the last 7 days, to now).

    Raises:
        QueryError: ``since`` is not before ``until``.
    """
    check_period(since, until)
    end = until or (datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)).isoformat()
    start = since or (datetime.fromisoformat(end) - timedelta(days=7)).isoformat()
    report = InstantReport(start, end, max_delay)
    with store.reading("the monitoring runs") as conn:
        runs = reports.runs_in_period(conn, start, end)
        report.portfolio_size = reports.customer_count(conn)
    report.runs = [{k: v for k, v in r.items() if k != "list_versions"} for r in runs if r["finished_at"] >= start]
    now = datetime.now(UTC)
    for day in _days(start, end):
        full = [r for r in runs if r["mode"] == "full" and r["finished_at"][:10] == day.isoformat()]
        covered = bool(full)
        report.days.append(
            {
                "day": day.isoformat(),
                "full_runs": [
                    {"id": r["id"], "finished_at": r["finished_at"], "screened": r["screened"]} for r in full
                ],
                "covered": covered,
            }
        )
        if not covered and datetime.combine(day, datetime.min.time(), UTC) < now:
            what = "so far today" if day == now.date() else "on that day"
            report.findings.append(f"{day.isoformat()}: no full run of the customer base {what}")
    view = store.view()
    for info in view.lists():
        for version in view.versions(info.name):
            if not (start <= version.imported_at < end):
                continue
            first = next(
                (
                    r
                    for r in runs
                    if r["finished_at"] >= version.imported_at and r["list_versions"].get(info.name) == version.id
                ),
                None,
            )
            delay = None
            if first is not None:
                delay = datetime.fromisoformat(first["finished_at"]) - datetime.fromisoformat(version.imported_at)
            in_time = delay is not None and delay <= max_delay
            report.versions.append(
                {
                    "list": info.name,
                    "seq": version.seq,
                    "version_id": version.id,
                    "imported_at": version.imported_at,
                    "run_id": first["id"] if first else None,
                    "run_mode": first["mode"] if first else None,
                    "screened_at": first["finished_at"] if first else None,
                    "delay_minutes": None if delay is None else delay.total_seconds() / 60,
                    "in_time": in_time,
                }
            )
            if first is None:
                report.findings.append(f"{info.name} version {version.seq} (imported {version.imported_at}): no run "
                                       "has screened the customers against it yet")  # fmt: skip
            elif not in_time:
                report.findings.append(
                    f"{info.name} version {version.seq}: screened by run {first['id']} "
                    f"{delay.total_seconds() / 60:.0f} minutes after its import"  # type: ignore[union-attr]
                )
    report.versions.sort(key=lambda v: (v["imported_at"], v["list"]))
    return report


def _days(start: str, end: str) -> list[date]:
    first = datetime.fromisoformat(start).date()
    last = (datetime.fromisoformat(end) - timedelta(seconds=1)).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
