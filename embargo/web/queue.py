"""The alert queue: open alerts by score and age, filters, counts, assignment, bulk false positives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from embargo.auth import Role
from embargo.errors import ConflictError, QueryError
from embargo.monitor import (
    ALERT_STATUSES,
    Alert,
    Decision,
    QueueQuery,
    alert_programs,
    assign,
    assignees,
    pending_requests,
    queue_page,
    queue_programs,
    request_decision,
    status_counts,
)
from embargo.server.service import Service
from embargo.web.gate import checked_form, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["BANDS", "STATUSES", "QueueFilter", "router"]

router = APIRouter()

#: Status filter to the alert statuses it shows (``pending``: waiting for an approver).
STATUSES: dict[str, tuple[str, ...]] = {
    "active": ("open", "escalated"),
    "pending": ("open", "escalated"),
    **{s: (s,) for s in ALERT_STATUSES},
    "all": ALERT_STATUSES,
}
#: Score bands: label, [low, high).
BANDS: dict[str, tuple[str, float | None, float | None]] = {
    "": ("any score", None, None),
    "high": ("0.90 and above", 0.9, None),
    "medium": ("0.80 to 0.90", 0.8, 0.9),
    "low": ("below 0.80", None, 0.8),
}
#: Most rows one page shows.
PAGE_ROWS = 500


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """The queue's filters, as the query string gives them."""

    status: str = "active"
    list: str = ""
    program: str = ""
    band: str = ""
    assignee: str = ""

    def query(self, **extra: Any) -> str:
        """The filters as a query string (empty ones left out)."""
        values = {k: getattr(self, k) for k in ("status", "list", "program", "band", "assignee")}
        return urlencode({k: v for k, v in {**values, **extra}.items() if v})


def programs(alert: Alert) -> list[str]:
    """The programs of the listed entity as the alert saw it (``BELARUS`` of ``BELARUS: asset_freeze``)."""
    return alert_programs(alert.entity_data)


def select(
    service: Service, flt: QueueFilter, me: str, limit: int = PAGE_ROWS, offset: int = 0
) -> tuple[list[Alert], int, list[str]]:
    """One page of the alerts the filters keep (highest score first, then oldest), how many they keep in all, and
    every program among them before the program filter (the filter's choices)."""
    _, low, high = BANDS.get(flt.band, BANDS[""])
    assignee = {"me": me, "none": ""}.get(flt.assignee, flt.assignee) if flt.assignee else None
    query = QueueQuery(
        statuses=STATUSES.get(flt.status, STATUSES["active"]),
        list_name=flt.list or None,
        program=flt.program or None,
        min_score=low,
        max_score=high,
        pending_only=flt.status == "pending",
        assignee=assignee,
    )
    found, total = queue_page(service.store, query, limit, offset)
    return found, total, queue_programs(service.store, query)


@router.get("/alerts")
def queue(
    request: Request,
    status: str = Query("active", max_length=20),
    list_name: str = Query("", alias="list", max_length=100),
    program: str = Query("", max_length=200),
    band: str = Query("", max_length=10),
    assignee: str = Query("", max_length=200),
    decided: int = Query(0, ge=0),
    pending: int = Query(0, ge=0),
    assigned: int = Query(0, ge=0),
    skipped: int = Query(0, ge=0),
    page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    session: Session = Depends(need(Role.REVIEW)),
) -> Response:
    """The queue, a page of :data:`PAGE_ROWS` alerts at a time."""
    service: Service = request.app.state.service
    flt = QueueFilter(
        status if status in STATUSES else "active", list_name, program, band if band in BANDS else "", assignee
    )
    found, total, seen = select(service, flt, session.name, PAGE_ROWS, (page_no - 1) * PAGE_ROWS)
    owners = assignees(service.store)
    waiting = pending_requests(service.store)
    counts = status_counts(service.store)
    counts["pending"] = len(waiting)
    names = sorted({*owners.values(), session.name})
    return page(
        request,
        "queue.html",
        "Alert queue",
        session,
        alerts=found,
        total=total,
        first=(page_no - 1) * PAGE_ROWS,
        page_no=page_no,
        pages=max(1, -(-total // PAGE_ROWS)),
        flt=flt,
        counts=counts,
        statuses=list(STATUSES),
        bands=BANDS,
        lists=[i.name for i in service.store.view().lists()],
        programs=seen,
        owners=owners,
        waiting=waiting,
        people=names,
        program_of=programs,
        done={"decided": decided, "pending": pending, "assigned": assigned, "skipped": skipped},
    )


#: Largest alert number a store holds (a signed 64-bit integer, SQLite's and PostgreSQL's bigint).
MAX_ID = 2**63 - 1


def _ids(form: FormData) -> list[int]:
    """The alert numbers a form selected: ASCII digits within a store's range, or :class:`QueryError`."""
    ids = []
    for value in form.getlist("alert"):
        text = value if isinstance(value, str) else ""
        # str.isdigit() also accepts "²" and other digits int() refuses
        if not (text.isascii() and text.isdecimal()) or int(text) > MAX_ID:
            raise QueryError(f"not an alert number: {text[:30]!r}")
        ids.append(int(text))
    if not ids:
        raise QueryError("select at least one alert")
    return ids


@router.post("/alerts/bulk")
def bulk(request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.REVIEW))) -> Response:
    """Assign the selected alerts, or mark them false positives (four-eyes applies to each)."""
    session, form = checked
    service: Service = request.app.state.service
    action = str(form.get("action") or "")
    ids = _ids(form)
    done: dict[str, int] = {}
    if action in ("assign_me", "assign", "unassign"):
        who = {"assign_me": session.name, "unassign": ""}.get(action, str(form.get("assignee") or "").strip())
        if action == "assign" and not who:
            raise QueryError("name the analyst to assign the alerts to")
        done["assigned"] = assign(service.store, ids, who, session.name)
    elif action == "false_positive":
        note = str(form.get("note") or "").strip()
        if not note:
            raise QueryError("a decision needs a note: say why these alerts are false positives")
        for alert_id in ids:
            try:
                made = request_decision(service.store, alert_id, "false_positive", note, session.principal)
            except ConflictError:  # already waiting for an approver: left as it is, and counted
                done["skipped"] = done.get("skipped", 0) + 1
                continue
            key = "decided" if isinstance(made, Decision) else "pending"
            done[key] = done.get(key, 0) + 1
    else:
        raise QueryError(f"unknown action {action!r}")
    back = QueueFilter(**{k: str(form.get(k) or "") for k in ("status", "list", "program", "band", "assignee")})
    return RedirectResponse(f"{request.scope.get('root_path', '')}/alerts?{back.query(**done)}", status_code=303)
