"""``GET /entities/{id}/ownership``: an entity's standing under each ownership rule, with the chain that makes it.

The verdicts are :func:`embargo.ownership.graph.result_of`'s: the stored results of
the last computation, or, with ``as_of``, computed afresh from the links and
designations of that date. Both read the store, so the work runs in the thread pool.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from starlette.concurrency import run_in_threadpool

from embargo.api.deps import get_service
from embargo.api.models import ErrorResponse, OwnershipResponse
from embargo.ownership import RULES
from embargo.ownership.graph import result_of
from embargo.server.service import Service

__all__ = ["router"]

router = APIRouter(tags=["Search and entities"])

_RULES = ", ".join(RULES)


def _rule(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    name = value.strip().lower()
    if name not in RULES:
        raise HTTPException(400, f"rule: unknown rule {value!r} (use one of {_RULES})")
    return name


def _as_of(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise HTTPException(400, f"as_of: not a date: {value!r} (use YYYY-MM-DD)") from exc


@router.get(
    "/entities/{entity_id}/ownership",
    summary="Blocked by ownership or control? An entity's standing under each rule",
    response_model=OwnershipResponse,
    responses={400: {"model": ErrorResponse, "description": "An unknown rule, or an as-of that is not a date"}},
)
async def entity_ownership(
    entity_id: str = Path(
        description="A listed entity or party id, an ownership dataset's `dataset:id`, or a graph node key.",
        examples=["us-ofac-sdn-9760"],
    ),
    rule: str | None = Query(None, max_length=20, description=f"Only this rule: one of {_RULES} (default: each)."),
    as_of: str | None = Query(
        None,
        max_length=40,
        description="An ISO date: the links and designations of that date, computed now (default: the stored results).",
        examples=["2021-06-01"],
    ),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Whether designated parties own or control the entity, under OFAC's 50 Percent Rule, the EU's and the UK's.

    Each verdict gives the status (`designated`, `blocked`, `possibly blocked`, `not blocked`), the share
    held by designated or blocked owners in all, and the chain up to the designated parties, as data
    (`steps`) and in words (`lines`). 404 when the entity is no party of the ownership data.
    """
    name, when = _rule(rule), _as_of(as_of)
    verdicts = await run_in_threadpool(result_of, service.store, entity_id, name, when)
    steps = verdicts[0]["steps"] if verdicts else []
    node = str(steps[0]["node"]) if steps else entity_id
    return {"entity": entity_id, "node": node, "verdicts": verdicts}
