"""``POST /screen`` and ``POST /screen/batch``: embargo's own screening, with its full explanations.

The query is the row of a customer file (``name``, ``birth_date``,
``nationality``, ``country``, ``id_number``, ``schema``, ``gender``); each
hit comes with embargo's explanation (the names aligned token by token, each
piece of evidence and what it added) and the entity's designations
(authority, program, measures). ``/match`` answers the same questions in
yente's shape.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from embargo.api.deps import get_service
from embargo.api.embargo_models import BatchScreenRequest, BatchScreenResponse, ScreenQuery, ScreenRequest, ScreenResult
from embargo.api.filters import measure_filter
from embargo.auth import ApiKey
from embargo.budget import time_budget
from embargo.errors import NotFoundError, QueryError
from embargo.matching import ReadQuery, read_query
from embargo.model.measures import has_measures
from embargo.screening import ANY_SCHEMATA, Hit
from embargo.server.service import Loaded, Service

__all__ = ["ANY_SCHEMATA", "router"]

router = APIRouter(tags=["Screening"])


def _values(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _query(q: ScreenQuery) -> ReadQuery:
    return read_query(
        names=_values(q.name),
        schema=q.schema_ or None,  # none given: screened as every kind of party
        birth_dates=_values(q.birth_date),
        nationalities=_values(q.nationality),
        countries=_values(q.country),
        id_numbers=_values(q.id_number),
        gender=q.gender,
        id=q.id,
    )


def _hit(loaded: Loaded, hit: Hit) -> dict[str, Any]:
    return {**hit.to_dict(), "designations": [d.to_dict() for d in loaded.screener.designations(hit)]}


def _screen(
    loaded: Loaded,
    q: ScreenQuery,
    threshold: float | None,
    limit: int,
    lists: set[str] | None,
    measures: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    read = _query(q)
    used = read.query
    hits = loaded.screener.screen(
        used,
        threshold=threshold,
        limit=limit,
        lists=lists,
        keep=(lambda h: _carries(loaded, h, measures)) if measures else None,
    )
    echo = {
        "name": list(used.names),
        "schema": q.schema_,
        "birth_date": list(used.birth_dates),
        "nationality": list(used.nationalities),
        "country": list(used.countries),
        "id_number": list(used.id_numbers),
        "gender": used.gender,
    }
    unreadable = [u.to_dict() for u in read.unreadable]
    return {"id": q.id, "query": echo, "unreadable": unreadable, "hits": [_hit(loaded, h) for h in hits]}


def _carries(loaded: Loaded, hit: Hit, measures: frozenset[str]) -> bool:
    return has_measures(loaded.screener.designations(hit), measures)


def _lists(loaded: Loaded, names: list[str] | None) -> set[str] | None:
    if names is None:
        return None
    unknown = [n for n in names if n not in loaded.catalog.lists]
    if unknown:
        raise NotFoundError(f"no list named {unknown[0]!r} is served (see GET /catalog)")
    return set(names)


def _note(request: Request, results: list[dict[str, Any]]) -> None:
    request.state.audit = {
        "queries": len(results),
        "hits": sum(len(r["hits"]) for r in results),
        "queries_with_hits": sum(1 for r in results if r["hits"]),
    }


@router.post("/screen", summary="Screen one party, with explanations", response_model=ScreenResult)
def screen(request: Request, body: ScreenRequest, service: Service = Depends(get_service)) -> dict[str, Any]:
    """Screen one party against every served list (or ``lists``).

    ```json
    {"name": "Александр Лукашенко", "birth_date": "1954", "schema": "Person", "threshold": 0.7, "limit": 5}
    ```
    """
    started = time.monotonic()
    loaded = service.screening
    lists, measures = _lists(loaded, body.lists), measure_filter(body.measures)
    with time_budget(service.config.limits.seconds, started):
        result = _screen(loaded, body, body.threshold, body.limit, lists, measures)
    _note(request, [result])
    return result


@router.post("/screen/batch", summary="Screen up to 100 parties", response_model=BatchScreenResponse)
def screen_batch(request: Request, body: BatchScreenRequest, service: Service = Depends(get_service)) -> dict[str, Any]:
    """Screen each query as ``POST /screen`` would; results in the order sent. Counts one call per query."""
    started = time.monotonic()
    most = service.config.limits.queries
    if len(body.queries) > most:
        raise QueryError(
            f"Too many queries in one batch: {len(body.queries)}, over the limit of {most} (EMBARGO_MAX_QUERIES)"
        )
    key: ApiKey = request.state.api_key
    wait = service.limiter.take(key.id, len(body.queries) - 1, key.rate_per_minute) if len(body.queries) > 1 else 0
    if wait:
        raise HTTPException(429, "Rate limit exceeded for this API key.", headers={"Retry-After": str(int(wait))})
    loaded = service.screening
    lists, measures = _lists(loaded, body.lists), measure_filter(body.measures)
    results = []
    with time_budget(service.config.limits.seconds, started):
        for i, q in enumerate(body.queries):
            try:
                results.append(_screen(loaded, q, body.threshold, body.limit, lists, measures))
            except QueryError as exc:
                raise QueryError(f"queries[{i}]: {exc}") from exc
    _note(request, results)
    return {"results": results}
