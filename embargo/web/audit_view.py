"""The audit trail: records filtered by kind, actor and period, newest first, and whether the chain holds."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response

from embargo.audit import iter_records, verify
from embargo.auth import Role
from embargo.server.service import Service
from embargo.store.audit import audit_kinds
from embargo.web.gate import need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["router"]

router = APIRouter()

#: Records shown at most (the newest that match).
ROWS = 300


@router.get("/audit")
def audit(
    request: Request,
    kind: str = Query("", max_length=60),
    actor: str = Query("", max_length=200),
    since: str = Query("", max_length=40),
    until: str = Query("", max_length=40),
    session: Session = Depends(need(Role.APPROVE)),
) -> Response:
    """The trail and the verification of its hash chain."""
    service: Service = request.app.state.service
    found = [
        r
        for r in iter_records(service.store, since=since or None, until=until or None, kind=kind or None)
        if not actor or r.actor == actor
    ]
    shown = list(reversed(found[-ROWS:]))
    with service.store.reading("the audit log") as conn:
        kinds = audit_kinds(conn)
    return page(
        request,
        "audit.html",
        "Audit trail",
        session,
        records=shown,
        total=len(found),
        kinds=kinds,
        kind=kind,
        actor=actor,
        since=since,
        until=until,
        check=verify(service.store),
    )
