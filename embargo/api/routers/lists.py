"""The lists in the store (``admin`` role): each list, its versions, which one is served, and diffs.

An administrator also decides which version a list serves: accepting a
version the import guard held, or rolling back to an earlier one (each with
a reason, audited under the key's name).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from embargo.api.deps import get_service
from embargo.api.embargo_models import DiffModel
from embargo.api.models import ListModel, VersionModel
from embargo.auth import ApiKey
from embargo.ingest.promote import accept_version, rollback
from embargo.server.service import Service
from embargo.store.diff import diff_versions, page_diff

__all__ = ["router"]

router = APIRouter(tags=["Lists"])

#: Rows of a diff returned by default, and at most.
DIFF_LIMIT = 100
DIFF_LIMIT_MAX = 1000

_NAME = Path(description="List name.", examples=["us_ofac_sdn"], max_length=100)


def _with_served(info: dict[str, Any], served: dict[str, int], seqs: dict[int, int]) -> dict[str, Any]:
    current = info.get("current") or {}
    served_id = served.get(info["name"])
    info["served_seq"] = seqs.get(served_id) if served_id is not None else None
    info["served_version_id"] = served_id
    info["served_version"] = served_id  # deprecated: the version id, kept for clients written before served_seq
    info["served_is_current"] = current.get("id") is not None and current.get("id") == served_id
    return info


@router.get("/lists", summary="Lists in the store", response_model=list[ListModel])
def lists(service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every list with its current version (as stored now) and the version this server serves (`served_seq`)."""
    served = service.loaded.versions
    view = service.store.view()
    seqs = view.version_seqs()
    return [_with_served(info.to_dict(), served, seqs) for info in view.lists()]


@router.get("/lists/{name}", summary="One list", response_model=ListModel)
def one_list(name: str = _NAME, service: Service = Depends(get_service)) -> dict[str, Any]:
    """A list with its current version and the version this server serves (`served_seq`)."""
    view = service.store.view()
    return _with_served(view.list_info(name).to_dict(), service.loaded.versions, view.version_seqs())


@router.get("/lists/{name}/versions", summary="Versions of a list", response_model=list[VersionModel])
def versions(name: str = _NAME, service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every imported version of a list, oldest first."""
    return [v.to_dict() for v in service.store.view().versions(name)]


_VERSION = "A version number (1, 2, 3... as `/lists/{name}/versions` gives `seq`), `previous` or `current`."


@router.get("/lists/{name}/diff", summary="What changed between two versions of a list", response_model=DiffModel)
def diff(
    request: Request,
    name: str = _NAME,
    old: str = Query("previous", alias="from", max_length=20, description=_VERSION),
    new: str = Query("current", alias="to", max_length=20, description=_VERSION),
    q: str = Query(
        "",
        max_length=200,
        description="Only rows whose entity name, id, record id, programme or changed value has this.",
    ),
    kind: Literal["amended", "added", "removed"] | None = Query(None, description="Only rows of this kind."),
    offset: int = Query(0, ge=0, le=10_000_000, description="Rows skipped (amended first, then added, then removed)."),
    limit: int = Query(DIFF_LIMIT, ge=1, le=DIFF_LIMIT_MAX, description="Rows returned at most."),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Entities amended (field by field, designations included), added and removed from one version to another.

    A page at a time: `summary` counts every change, `matched` those that match `q`, `total` the
    rows over all pages; `amended`, `added` and `removed` hold this page's rows. `old` and `new`
    are accepted for `from` and `to` (the names the web UI used).
    """
    view = service.store.view()
    params = request.query_params
    old = params.get("old", old)[:20] if "from" not in params else old
    new = params.get("new", new)[:20] if "to" not in params else new
    changes = diff_versions(view, view.version(name, old), view.version(name, new))
    return page_diff(changes, q, kind, offset, limit).to_dict()


class VersionDecision(BaseModel):
    """Why a version is made current by hand (kept in the audit log)."""

    reason: str = Field(..., min_length=1, max_length=2000, examples=["OFAC removed the Syria programme today"])


class RollbackRequest(VersionDecision):
    """The version to serve again (default: the accepted version before the current one), and why."""

    version: int | None = Field(None, ge=1, le=2**31 - 1, examples=[3])


@router.post(
    "/lists/{name}/versions/{seq}/accept",
    summary="Accept a held version",
    response_model=VersionModel,
)
async def accept(
    request: Request,
    body: VersionDecision,
    name: str = _NAME,
    seq: int = Path(..., ge=1, le=2**31 - 1, description="The held version's number."),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Make a version that the import guard held (shrunken, below its floor, stale) current; audited.

    ```json
    {"reason": "OFAC delisted the programme today; checked against the press release"}
    ```
    """
    key: ApiKey = request.state.api_key
    made = await run_in_threadpool(accept_version, service.store, name, seq, body.reason, key.name)
    request.state.audit = {"list": name, "version": made.seq, "action": "accept"}
    await run_in_threadpool(service.refresh)
    return made.to_dict()


@router.post("/lists/{name}/rollback", summary="Serve an earlier version again", response_model=VersionModel)
async def roll_back(
    request: Request, body: RollbackRequest, name: str = _NAME, service: Service = Depends(get_service)
) -> dict[str, Any]:
    """Serve an earlier version of a list again without re-importing it; the later ones are withdrawn; audited.

    ```json
    {"version": 3, "reason": "version 4 came from a broken mirror"}
    ```
    """
    key: ApiKey = request.state.api_key
    made = await run_in_threadpool(rollback, service.store, name, body.version, body.reason, key.name)
    request.state.audit = {"list": name, "version": made.seq, "action": "rollback"}
    await run_in_threadpool(service.refresh)
    return made.to_dict()
