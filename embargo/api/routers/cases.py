"""Cases (``review`` role): the alerts of one customer on one listed party, decided together."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from embargo.api.deps import get_service, key_principal
from embargo.api.embargo_models import CaseDecisionModel, CaseDecisionRequest, CaseDetail, CasePage
from embargo.api.errors import WRITE_RESPONSES
from embargo.auth import ApiKey
from embargo.monitor import ALERT_STATUSES, QueueQuery, case_queue, decide_case, get_case
from embargo.server.service import Service
from embargo.store.view import number_versions

__all__ = ["router"]

router = APIRouter(tags=["Alerts"])

_ID = Path(description="Case id.", ge=1, le=2**62)


@router.get("/cases", summary="Cases, best score first", response_model=CasePage)
def cases(
    status: list[str] = Query(
        ["open", "escalated"], description=f"Cases with alerts of these statuses ({', '.join(ALERT_STATUSES)})."
    ),
    list_name: str | None = Query(None, alias="list", max_length=100, description="Alerts on this list."),
    min_score: float | None = Query(None, ge=0.0, le=1.0, description="Alerts scoring at least this."),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Cases whose alerts match every filter, a page at a time: `total` counts the cases, `alerts` their alerts.

    A case is one customer and one listed party: the alerts on every list's entity of that party
    (OFAC's, the EU's and the UN's record of one person are one party, see `GET /entities/{id}`).
    """
    query = QueueQuery(statuses=tuple(status), list_name=list_name, min_score=min_score)
    page, total, alerts = case_queue(service.store, query, limit, offset)
    return {"cases": [c.to_dict() for c in page], "total": total, "alerts": alerts, "limit": limit, "offset": offset}


@router.get("/cases/{case_id}", summary="One case, with its alerts", response_model=CaseDetail)
def case(case_id: int = _ID, service: Service = Depends(get_service)) -> dict[str, Any]:
    """The case and every one of its alerts (best score first), each as `GET /alerts/{id}` gives it."""
    found, alerts = get_case(service.store, case_id)
    seqs = service.store.view().version_seqs()
    return {**found.to_dict(), "alert_list": [number_versions(a.to_dict(), seqs) for a in alerts]}


@router.post(
    "/cases/{case_id}/decision",
    summary="Decide a case",
    response_model=CaseDecisionModel,
    status_code=201,
    responses={**WRITE_RESPONSES, 202: {"description": "Four-eyes: some decisions wait for an approver"}},
)
def decision(
    request: Request, body: CaseDecisionRequest, case_id: int = _ID, service: Service = Depends(get_service)
) -> dict[str, Any] | JSONResponse:
    """Decide every undecided alert of the case as `as`, with the note; `overrides` decides some alerts otherwise.

    Each alert gets its own decision and audit record (a false positive is remembered per customer
    and listed entity, as for `POST /alerts/{id}/decision`). With four-eyes on, decisions that must
    be confirmed wait for an approver (listed under `waiting`; the answer is then 202); an alert that
    already has a decision waiting is left as it is (`skipped`).
    """
    key: ApiKey = request.state.api_key
    own = {alert_id: (d.as_, d.note) for alert_id, d in body.overrides.items()}
    made = decide_case(service.store, case_id, body.as_, body.note, key_principal(key), own)
    request.state.audit = {"case": case_id, "decision": body.as_, "decided": len(made.decided)}
    if made.waiting:
        return JSONResponse(made.to_dict(), status_code=202)
    return made.to_dict()
