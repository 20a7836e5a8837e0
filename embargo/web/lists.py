"""Lists: each source with its versions, and what changed between two versions.

Administrators also decide which version a list serves here: accept a
version the import guard held, or roll back to an earlier one (a reason is
required; both are audited under the signed-in user's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from embargo.auth import Role, role_allows
from embargo.errors import QueryError
from embargo.ingest.promote import accept_version, rollback
from embargo.server.service import Service
from embargo.store.diff import KINDS, EntityChange, FieldChange, diff_versions, page_diff
from embargo.web.gate import checked_form, need
from embargo.web.highlight import ValueChange, pair_values
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["router"]

router = APIRouter()

_NAME = Path(max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")

#: Changed listings shown per page of a diff by default, and at most (a first import "adds" the whole list).
DIFF_ROWS = 50
DIFF_ROWS_MAX = 500


@dataclass(frozen=True, slots=True)
class _Field:
    """A changed field as the page shows it: the field, and its values paired old to new."""

    change: FieldChange
    values: list[ValueChange]


@dataclass(frozen=True, slots=True)
class _Row:
    change: EntityChange
    fields: list[_Field]


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
    old: str = Query("previous", alias="from", max_length=20),
    new: str = Query("current", alias="to", max_length=20),
    q: str = Query("", max_length=200),
    kind: str = Query("", pattern="^(|amended|added|removed)$"),
    offset: int = Query(0, ge=0, le=10_000_000),
    limit: int = Query(DIFF_ROWS, ge=1, le=DIFF_ROWS_MAX),
    session: Session = Depends(need(Role.REVIEW)),
) -> Response:
    """What changed from version ``from`` to version ``to``: amended, added and removed listings, a page at a time.

    The parameters are the API's (``GET /lists/{name}/diff``); ``old`` and ``new``, the
    names this page took before, still work.
    """
    service: Service = request.app.state.service
    view = service.store.view()
    params = request.query_params
    old = params.get("old", old) if "from" not in params else old
    new = params.get("new", new) if "to" not in params else new
    older, newer = view.version(name, old[:20]), view.version(name, new[:20])
    shown = page_diff(diff_versions(view, older, newer), q, kind or None, offset, limit)
    rows = [_Row(c, [_Field(f, pair_values(f.removed, f.added)) for f in c.changes]) for c in shown.rows]
    kept = {
        "from": older.seq,
        "to": newer.seq,
        "q": shown.q,
        "kind": kind,
        "limit": limit if limit != DIFF_ROWS else None,
    }

    def link(**change: object) -> str:
        query = {k: v for k, v in {**kept, **change}.items() if v not in ("", None)}
        return f"{request.scope.get('root_path', '')}/lists/{name}/diff?{urlencode(query)}"

    return page(
        request,
        "diff.html",
        f"{name}: version {older.seq} to {newer.seq}",
        session,
        list_name=name,
        diff=shown,
        rows=rows,
        kinds=KINDS,
        link=link,
        versions=list(reversed(view.versions(name))),
    )
