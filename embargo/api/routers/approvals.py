"""Four-eyes approvals (``approve`` role): confirm or reject a decision another user asked for.

With four-eyes on, ``POST /alerts/{id}/decision`` answers 202 with a waiting
request; a second principal confirms it here (or in the web UI). The store
refuses an approval by the principal who asked (compared by id: another key
of the same principal is the same person), whatever the key's role.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from embargo.api.deps import get_service, key_principal
from embargo.api.errors import WRITE_RESPONSES
from embargo.auth import ApiKey
from embargo.errors import NotFoundError
from embargo.monitor import approve, pending_requests, reject
from embargo.server.service import Service

__all__ = ["router"]

router = APIRouter(tags=["Alerts"])

_ID = Path(description="Alert id.", ge=1, le=2**62)


class ApprovalRequest(BaseModel):
    """The second user's answer to a waiting decision, with a note."""

    model_config = ConfigDict(extra="forbid")

    approve: bool = Field(..., description="true: the decision is made; false: it is rejected and the alert stays.")
    note: str = Field("", max_length=10_000, examples=["checked the passport scan"])


@router.post(
    "/alerts/{alert_id}/approval",
    summary="Approve or reject the decision waiting on an alert (four-eyes)",
    responses=WRITE_RESPONSES,
)
def approval(
    request: Request, body: ApprovalRequest, alert_id: int = _ID, service: Service = Depends(get_service)
) -> dict[str, Any]:
    """Confirm (`approve: true`: the decision is recorded, by the requester, approved by this key's principal) or
    reject (`approve: false`: nothing is decided, the alert stays open) the request waiting on the alert.

    404 when the alert has no waiting request; 403 when this key's principal is the requester.
    """
    key: ApiKey = request.state.api_key
    waiting = pending_requests(service.store).get(alert_id)
    if waiting is None:
        raise NotFoundError(f"alert {alert_id} has no decision waiting for approval")
    request.state.audit = {"alert": alert_id, "request": waiting.id, "approve": body.approve}
    if body.approve:
        return approve(service.store, waiting.id, key_principal(key), body.note).to_dict()
    return reject(service.store, waiting.id, key_principal(key), body.note).to_dict()
