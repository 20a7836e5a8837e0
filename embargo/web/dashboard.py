"""Dashboard: alerts raised and decided, time to decision, scores by outcome, listings added per list."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from embargo.auth import Role
from embargo.report import PeriodReport, gather
from embargo.report.charts import alerts_over_time, score_distribution
from embargo.server.service import Service
from embargo.web.charts import designations_added, time_to_decision
from embargo.web.gate import need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["CHARTS", "router"]

router = APIRouter()

#: Chart name to how it is drawn and what it shows (its alt text).
CHARTS: dict[str, tuple[Callable[[PeriodReport], bytes], str]] = {
    "alerts": (alerts_over_time, "Alerts raised per day, by what became of them"),
    "scores": (score_distribution, "Scores of alerts by outcome: true matches against false positives"),
    "decision-time": (time_to_decision, "Hours from alert to first decision"),
    "listings": (designations_added, "Listings added per list at each import"),
}

#: A report is reused for this long: the page and its four charts are one look at the figures.
_FRESH_SECONDS = 30.0
_cache: dict[tuple[str, int], tuple[float, PeriodReport]] = {}
_lock = threading.Lock()


def _report(service: Service, days: int) -> PeriodReport:
    key = (str(service.store.path), days)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and time.monotonic() - hit[0] < _FRESH_SECONDS:
            return hit[1]
    since = (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()
    report = gather(service.store, since=since)
    with _lock:
        _cache[key] = (time.monotonic(), report)
    return report


@router.get("/dashboard")
def dashboard(
    request: Request, days: int = Query(30, ge=1, le=3660), session: Session = Depends(need(Role.REVIEW))
) -> Response:
    """The figures of the last ``days`` days, with charts."""
    service: Service = request.app.state.service
    report = _report(service, days)
    charts = [(name, alt) for name, (_, alt) in CHARTS.items()]
    return page(
        request,
        "dashboard.html",
        "Dashboard",
        session,
        report=report,
        days=days,
        charts=charts,
        ttd=report.time_to_decision(),
    )


@router.get("/charts/{name}.png")
def chart(
    request: Request,
    name: str = Path(pattern="^[a-z-]+$", max_length=30),
    days: int = Query(30, ge=1, le=3660),
    session: Session = Depends(need(Role.REVIEW)),
) -> Response:
    """One chart as a PNG."""
    if name not in CHARTS:
        return Response("no such chart", status_code=404, media_type="text/plain")
    draw, _ = CHARTS[name]
    return Response(draw(_report(request.app.state.service, days)), media_type="image/png")
