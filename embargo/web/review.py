"""One alert reviewed: customer and listed entity side by side, the designations, the decision and its approval."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from embargo.auth import Role, role_allows
from embargo.errors import QueryError
from embargo.model import Entity
from embargo.monitor import (
    Decision,
    approve,
    assignees,
    decisions_for,
    get_alert,
    list_alerts,
    pending_requests,
    reject,
    request_decision,
    requests_for,
)
from embargo.monitor.four_eyes import current_policy
from embargo.server.service import Service
from embargo.web.compare import fact_rows, marked, name_tokens, names_by_script
from embargo.web.gate import checked_form, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["router"]

router = APIRouter()

_ID = Path(ge=1, le=2**62)

#: The decision buttons: value, label, keyboard shortcut.
CHOICES = (("true_match", "True match", "t"), ("false_positive", "False positive", "f"), ("escalated", "Escalate", "e"))


def _entity(service: Service, entity_id: str) -> tuple[Entity | None, bool]:
    """The listed entity as served now (True), else as last stored (False), else None."""
    listed = service.loaded.lookup.get(entity_id)
    if listed is not None:
        return listed.entity, listed.current
    found = service.store.view().find(entity_id)
    return (found[0].entity, found[0].current) if found else (None, False)


@router.get("/alerts/{alert_id}")
def alert_page(
    request: Request, alert_id: int = _ID, notice: str = "", session: Session = Depends(need(Role.REVIEW))
) -> Response:
    """The review page."""
    service: Service = request.app.state.service
    alert = get_alert(service.store, alert_id)
    entity, listed_now = _entity(service, alert.entity_id)
    tokens = name_tokens(alert.explanation)
    earlier = [
        a
        for a in list_alerts(service.store, customer_id=alert.customer_id, entity_id=alert.entity_id)
        if a.id != alert.id
    ]
    waiting = pending_requests(service.store).get(alert.id)
    return page(
        request,
        "alert.html",
        f"Alert {alert.id}: {alert.caption}",
        session,
        alert=alert,
        entity=entity,
        listed_now=listed_now,
        query_marked=marked(alert.query_name, [t["query"] for t in tokens if t.get("listed") and t.get("query")]),
        listed_marked=marked(alert.matched_name, [t["listed"] for t in tokens if t.get("query") and t.get("listed")]),
        tokens=tokens,
        facts=fact_rows(alert.customer_data, alert.entity_data, alert.explanation),
        scripts=names_by_script(entity, alert.entity_data.get("names") or {}),
        features=[p for p in alert.explanation if p.get("feature") != "name"],
        decisions=decisions_for(service.store, alert.id),
        requests=requests_for(service.store, alert.id),
        earlier=earlier,
        waiting=waiting,
        may_approve=waiting is not None
        and role_allows(session.role, Role.APPROVE)
        and waiting.requested_by_id != session.principal_id,
        assignee=assignees(service.store).get(alert.id),
        choices=CHOICES,
        four_eyes=current_policy(service.store),
        notice=notice,
    )


def _back(request: Request, alert_id: int, notice: str) -> Response:
    return RedirectResponse(f"{request.scope.get('root_path', '')}/alerts/{alert_id}?notice={notice}", status_code=303)


@router.post("/alerts/{alert_id}/decide")
def decide(
    request: Request, alert_id: int = _ID, checked: tuple[Session, FormData] = Depends(checked_form(Role.REVIEW))
) -> Response:
    """Decide the alert (or ask for approval, with four-eyes on); a note is required."""
    session, form = checked
    service: Service = request.app.state.service
    note = str(form.get("note") or "").strip()
    if not note:
        raise QueryError("a decision needs a note: say why")
    made = request_decision(service.store, alert_id, str(form.get("decision") or ""), note, session.principal)
    return _back(request, alert_id, "decided" if isinstance(made, Decision) else "pending")


@router.post("/requests/{request_id}/{verdict}")
def review_request(
    request: Request,
    request_id: int = Path(ge=1, le=2**62),
    verdict: str = Path(pattern="^(approve|reject)$"),
    checked: tuple[Session, FormData] = Depends(checked_form(Role.APPROVE)),
) -> Response:
    """Approve or reject a decision waiting for a second user."""
    session, form = checked
    service: Service = request.app.state.service
    note = str(form.get("note") or "").strip()
    if verdict == "approve":
        made = approve(service.store, request_id, session.principal, note)
        return _back(request, made.alert_id, "approved")
    done = reject(service.store, request_id, session.principal, note)
    return _back(request, done.alert_id, "rejected")
