"""Lists: each source with its versions, and what changed between two versions.

Administrators also decide which version a list serves here: accept a
version the import guard held, or roll back to an earlier one (a reason is
required; both are audited under the signed-in user's name).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from embargo.auth import Role, role_allows
from embargo.errors import QueryError
from embargo.ingest.promote import accept_version, rollback
from embargo.server.service import Service
from embargo.store import diff_versions
from embargo.web.gate import checked_form, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["router"]

router = APIRouter()

_NAME = Path(max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")

#: Changed listings shown per section of a diff (a first import "adds" the whole list).
DIFF_ROWS = 1000


@router.get("/lists")
def all_lists(request: Request, session: Session = Depends(need(Role.REVIEW))) -> Response:
    """Every list with its current version and the one being served."""
    service: Service = request.app.state.service
    served = service.loaded.versions
    return page(request, "lists.html", "Lists", session, lists=service.store.view().lists(), served=served)


@router.get("/lists/{name}")
def one_list(request: Request, name: str = _NAME, session: Session = Depends(need(Role.REVIEW))) -> Response:
    """A list's versions, newest first, with a form to compare two of them."""
    service: Service = request.app.state.service
    view = service.store.view()
    info = view.list_info(name)
    versions = list(reversed(view.versions(name)))
    return page(
        request,
        "list.html",
        f"List {name}",
        session,
        info=info,
        versions=versions,
        admin=role_allows(session.role, Role.ADMIN),
        notice=request.query_params.get("notice"),
    )


@router.post("/lists/{name}/versions/{seq}/{action}")
def decide_version(
    request: Request,
    name: str = _NAME,
    seq: int = Path(ge=1, le=2**31),
    action: str = Path(pattern="^(accept|rollback)$"),
    checked: tuple[Session, FormData] = Depends(checked_form(Role.ADMIN)),
) -> Response:
    """Accept a held version, or serve an earlier one again; a reason is required."""
    session, form = checked
    service: Service = request.app.state.service
    reason = str(form.get("reason") or "").strip()
    if not reason:
        raise QueryError("say why: the reason is kept in the audit log")
    if action == "accept":
        accept_version(service.store, name, seq, reason, session.name)
    else:
        rollback(service.store, name, seq, reason, session.name)
    service.refresh()
    base = request.scope.get("root_path", "")
    return RedirectResponse(f"{base}/lists/{name}?notice={action}", status_code=303)


@router.get("/lists/{name}/diff")
def diff(
    request: Request,
    name: str = _NAME,
    old: str = Query("previous", max_length=20),
    new: str = Query("current", max_length=20),
    session: Session = Depends(need(Role.REVIEW)),
) -> Response:
    """What changed from version ``old`` to version ``new``: added, removed and amended listings."""
    service: Service = request.app.state.service
    view = service.store.view()
    changes = diff_versions(view, view.version(name, old), view.version(name, new))
    return page(
        request,
        "diff.html",
        f"{name}: version {changes.old.seq} to {changes.new.seq}",
        session,
        list_name=name,
        diff=changes,
        versions=list(reversed(view.versions(name))),
        rows=DIFF_ROWS,
    )
