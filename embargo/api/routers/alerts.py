"""Alerts and decisions (``review`` role): the analysts' queue, one alert explained, deciding it.

A decision is recorded under the name of the API key that made it: give
each analyst their own key (``embargo keys create --role review --name
"A. Analyst"``) and the audit log says who decided what.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from embargo.api.deps import get_service, key_principal
from embargo.api.embargo_models import AlertDetail, AlertPage, DecisionModel, DecisionRequest
from embargo.api.errors import WRITE_RESPONSES
from embargo.auth import ApiKey
from embargo.monitor import (
    ALERT_STATUSES,
    Decision,
    count_alerts,
    decisions_for,
    get_alert,
    list_alerts,
    pending_requests,
    request_decision,
)
from embargo.server.service import Service
from embargo.store.view import number_versions

__all__ = ["router"]

router = APIRouter(tags=["Alerts"])

_ID = Path(description="Alert id.", ge=1, le=2**62)


@router.get("/alerts", summary="Alerts, newest first", response_model=AlertPage)
def alerts(
    status: str | None = Query(None, description=f"One of: {', '.join(ALERT_STATUSES)}.", max_length=20),
    list_name: str | None = Query(None, alias="list", max_length=100, description="The listed entity's list."),
    customer: str | None = Query(None, max_length=200, description="A customer id."),
    min_score: float | None = Query(None, ge=0.0, le=1.0, description="Score at least this."),
    max_score: float | None = Query(None, ge=0.0, le=1.0, description="Score below this."),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """The alerts matching every filter given, a page at a time; `total` counts them all."""
    filters: dict[str, Any] = {"list_name": list_name, "min_score": min_score, "max_score": max_score}
    page = list_alerts(service.store, status, customer, limit=limit, offset=offset, **filters)
    total = count_alerts(service.store, status, customer, **filters)
    seqs = service.store.view().version_seqs()  # list_seq: the version number people read beside the kept id
    shown = [number_versions(a.to_dict(), seqs) for a in page]
    return {"alerts": shown, "total": total, "limit": limit, "offset": offset}


@router.get("/alerts/{alert_id}", summary="One alert, explained, with its history", response_model=AlertDetail)
def alert(alert_id: int = _ID, service: Service = Depends(get_service)) -> dict[str, Any]:
    """The alert (score, explanation, list versions, customer and entity as they were, why it was raised),
    every decision on it, and the earlier alerts of the same customer and entity."""
    found = get_alert(service.store, alert_id)
    earlier = [
        {"id": a.id, "created_at": a.created_at, "score": round(a.score, 4), "status": a.status, "reason": a.reason}
        for a in list_alerts(service.store, customer_id=found.customer_id, entity_id=found.entity_id)
        if a.id < found.id
    ]
    decisions = [d.to_dict() for d in decisions_for(service.store, alert_id)]
    waiting = pending_requests(service.store).get(alert_id)
    pending = waiting.to_dict() if waiting is not None else None
    shown = number_versions(found.to_dict(), service.store.view().version_seqs())
    return {**shown, "decisions": decisions, "earlier_alerts": earlier, "pending": pending}


@router.post(
    "/alerts/{alert_id}/decision",
    summary="Decide an alert",
    response_model=DecisionModel,
    status_code=201,
    responses={**WRITE_RESPONSES, 202: {"description": "Four-eyes: the decision waits for an approver"}},
)
def decision(
    request: Request, body: DecisionRequest, alert_id: int = _ID, service: Service = Depends(get_service)
) -> dict[str, Any] | JSONResponse:
    """Mark the alert `true_match`, `false_positive` or `escalated`, with a note; the analyst is the key's principal.

    A false positive is not raised again while the customer's data and the entity's stay the same.
    With four-eyes on (the store's policy, `GET /four-eyes`), a decision that must be confirmed answers 202
    with the waiting request (`status: pending`); another principal with the `approve` role confirms it
    (`POST /alerts/{id}/approval`, or the web UI).
    """
    key: ApiKey = request.state.api_key
    made = request_decision(service.store, alert_id, body.as_, body.note, key_principal(key))
    request.state.audit = {"alert": alert_id, "decision": made.decision}
    if not isinstance(made, Decision):
        request.state.audit["pending"] = made.id
        return JSONResponse(made.to_dict(), status_code=202)
    return made.to_dict()
