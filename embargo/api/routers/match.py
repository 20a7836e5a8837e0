"""``POST /match/{dataset}``: yente's query-by-example matcher, answered by embargo's screener.

The hot path of the server, kept close to the screener's own cost: a single
query of short names is screened right on the event loop (no hop to a worker
thread and back, which costs CPU and, under the GIL, waiting), a batch or a
query of long names goes to the thread pool, so that it never holds the event
loop, and other requests, for long; the answer is built as plain
dicts in exactly the shape of :class:`~embargo.api.models.MatchResponse` (which
still documents it in OpenAPI, and which a test checks every answer against)
and written with orjson, skipping FastAPI's re-validation of the response.
"""

from __future__ import annotations

import time
from typing import Any

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from embargo.api.algorithms import resolve_algorithm
from embargo.api.deps import get_service
from embargo.api.entity_json import entity_json
from embargo.api.examples import query_from_example
from embargo.api.filters import TS_PATTERN, ResultFilter, measure_filter, parse_changed_since
from embargo.api.models import MatchRequest, MatchResponse
from embargo.auth import ApiKey
from embargo.budget import time_budget
from embargo.errors import QueryError
from embargo.matching import DEFAULT_THRESHOLD, Unreadable
from embargo.matching import Query as ScreenQuery
from embargo.screening import Hit
from embargo.server.records import ListedEntity, party_entity
from embargo.server.service import Loaded, Service
from embargo.settings import MAX_QUERIES

__all__ = ["INLINE_CHARACTERS", "INLINE_QUERIES", "MAX_BATCH", "MAX_LIMIT", "router", "served_party"]

router = APIRouter(tags=["Matching"])

#: Queries per request by default (``EMBARGO_MAX_QUERIES``), and results per query, at most (as yente).
MAX_BATCH = MAX_QUERIES
MAX_LIMIT = 500
#: Batches up to this many queries, whose names hold at most this many characters in all, are screened on
#: the event loop (a few milliseconds); longer work goes to the thread pool.
INLINE_QUERIES = 1
INLINE_CHARACTERS = 200


def explanations(hit: Hit) -> dict[str, dict[str, Any]]:
    """embargo's explanation as yente's ``explanations``: feature name to score and detail."""
    out: dict[str, dict[str, Any]] = {}
    for part in hit.explanation():
        name = str(part["feature"])
        key, n = name, 2
        while key in out:
            key, n = f"{name}_{n}", n + 1
        detail = part.get("detail")
        # Every field of FeatureExplanation, as its validation would have filled them in.
        out[key] = {
            "score": float(part["score"]),
            "detail": None if detail is None else str(detail),
            "query": hit.query_name if name == "name" else None,
            "candidate": hit.matched_name if name == "name" else None,
        }
    return out


def served_party(
    loaded: Loaded, entity_ids: tuple[str, ...], party_id: str, lists: frozenset[str] | None = None
) -> ListedEntity | None:
    """The served entity, or the party of several (its entities in this order, the first shown first).

    Args:
        lists: only the entities of these lists (a request's dataset scope) make the party's
            properties, designations and ``referents``; its id stays the party's.
    """
    members = [m for m in (loaded.lookup.get(e) for e in entity_ids) if m is not None]
    if lists is not None:
        members = [m for m in members if m.entity.list_name in lists]
    if not members:
        return None
    if len(entity_ids) == 1:
        return members[0]
    return party_entity(party_id, members)


def _excluded(loaded: Loaded, flt: ResultFilter, entity_ids: tuple[str, ...]) -> bool:
    """True when ``exclude_entity_ids`` names one of a party's entities (by embargo's or the publisher's id)."""
    if not flt.exclude_ids:
        return False
    for entity_id in entity_ids:
        member = loaded.lookup.get(entity_id)
        source = member.entity.source_id if member is not None else None
        if entity_id in flt.exclude_ids or (source is not None and source in flt.exclude_ids):
            return True
    return False


def _results(
    loaded: Loaded,
    query: ScreenQuery,
    lists: frozenset[str],
    flt: ResultFilter,
    threshold: float,
    cutoff: float,
    limit: int,
) -> tuple[list[dict[str, Any]], int]:
    fetch = limit + len(flt.exclude_ids) + (limit if flt.narrows else 0)
    hits = loaded.screener.screen(query, threshold=cutoff, limit=fetch, lists=set(lists))
    results: list[dict[str, Any]] = []
    matches = 0
    for hit in hits:
        score = round(min(1.0, max(0.0, hit.score)), 4)
        if score <= cutoff:
            continue
        listed = served_party(loaded, hit.entity_ids, hit.party_id, lists)
        if listed is None or not flt.keep(listed) or (hit.referents and _excluded(loaded, flt, hit.entity_ids)):
            continue
        is_match = score >= threshold
        matches += is_match
        results.append({**entity_json(listed), "score": score, "match": is_match, "explanations": explanations(hit)})
    results.sort(key=lambda r: -r["score"])
    return results[:limit], matches


@router.post("/match/{dataset}", summary="Query by example matcher", response_model=MatchResponse)
async def match(
    request: Request,
    body: MatchRequest,
    dataset: str = Path(description="A list, or a collection of lists (`default`: all).", examples=["default"]),
    limit: int = Query(5, ge=1, le=MAX_LIMIT, description="Results per query."),
    threshold: float = Query(DEFAULT_THRESHOLD, ge=0.0, le=1.0, description="`match` is `score >= threshold`."),
    cutoff: float = Query(
        DEFAULT_THRESHOLD,
        ge=0.0,
        le=1.0,
        deprecated=True,
        description="Results scoring at or below min(cutoff, threshold) are left out.",
    ),
    algorithm: str = Query("best", max_length=100, description="`best`; yente's names are aliases of it."),
    topics: list[str] = Query([], description="Only entities with one of these topics (`sanction`)."),
    measures: list[str] = Query(
        [], description="Only entities designated with one of these measures (`asset_freeze`, `travel_ban`...)."
    ),
    include_dataset: list[str] = Query([], description="Only these lists or collections (within `dataset`)."),
    exclude_dataset: list[str] = Query([], description="Never these lists or collections."),
    exclude_schema: list[str] = Query([], description="Leave out these schemata."),
    exclude_entity_ids: list[str] = Query([], max_length=50, description="Leave out these entities."),
    changed_since: str | None = Query(None, pattern=TS_PATTERN, description="Only entities changed since."),
    service: Service = Depends(get_service),
) -> Response:
    """Screen a batch of parties, each written as a FollowTheMoney entity.

    ```json
    {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Александр Лукашенко"], "birthDate": ["1954"]}}}}
    ```
    Each key comes back under `responses` with its results, best first. Property values may be a
    list or one string. Useful properties: `name` (or `firstName`/`lastName`), `birthDate`,
    `nationality`, `country`, `idNumber`, `passportNumber`, `registrationNumber`, `imoNumber`.
    """
    started = time.monotonic()
    loaded = service.screening
    lists = loaded.catalog.scope(dataset, include_dataset, exclude_dataset)
    resolve_algorithm(algorithm)
    if not body.queries:
        raise QueryError("No queries provided.")
    most = service.config.limits.queries
    if len(body.queries) > most:
        raise QueryError(
            f"Too many queries in one batch: {len(body.queries)}, over the limit of {most} (EMBARGO_MAX_QUERIES)"
        )
    key: ApiKey = request.state.api_key
    wait = service.limiter.take(key.id, len(body.queries) - 1, key.rate_per_minute) if len(body.queries) > 1 else 0
    if wait:
        raise HTTPException(429, "Rate limit exceeded for this API key.", headers={"Retry-After": str(int(wait))})
    flt = ResultFilter(
        exclude_schema=frozenset(exclude_schema),
        exclude_ids=frozenset(exclude_entity_ids),
        topics=frozenset(topics),
        changed_since=parse_changed_since(changed_since),
        measures=measure_filter(measures),
    )
    built = {
        name: query_from_example(example.schema_, example.properties, name, example.id)
        for name, example in body.queries.items()
    }
    answer = _Answer(loaded, body, built, lists, flt, threshold, min(cutoff, threshold), limit)
    budget = service.config.limits.seconds
    size = sum(len(n) for query, _, _ in built.values() for n in query.names)
    if len(built) <= INLINE_QUERIES and size <= INLINE_CHARACTERS:
        payload = answer.run(budget, started)
    else:
        payload = await run_in_threadpool(answer.run, budget, started)
    # What the audit log keeps of a screening call: counts, never the names screened (docs/api.md).
    request.state.audit = {"dataset": dataset, **answer.counts}
    return Response(orjson.dumps(payload, option=orjson.OPT_UTC_Z), media_type="application/json")


class _Answer:
    """One request's screening, runnable on the event loop or in a worker thread."""

    def __init__(
        self,
        loaded: Loaded,
        body: MatchRequest,
        built: dict[str, tuple[ScreenQuery, dict[str, Any], tuple[Unreadable, ...]]],
        lists: frozenset[str],
        flt: ResultFilter,
        threshold: float,
        floor: float,
        limit: int,
    ) -> None:
        self.loaded, self.body, self.built, self.lists, self.flt = loaded, body, built, lists, flt
        self.threshold, self.floor, self.limit = threshold, floor, limit
        self.counts: dict[str, int] = {}

    def run(self, budget: float, started: float) -> dict[str, Any]:
        """The response, in MatchResponse's shape, within ``budget`` seconds of ``started`` (:mod:`embargo.budget`)."""
        with time_budget(budget, started):
            return self._run()

    def _run(self) -> dict[str, Any]:
        responses: dict[str, Any] = {}
        found = matched = 0
        for name, (query, used, unreadable) in self.built.items():
            results, matches = _results(
                self.loaded, query, self.lists, self.flt, self.threshold, self.floor, self.limit
            )
            found, matched = found + len(results), matched + matches
            example = self.body.queries[name]
            responses[name] = {
                "status": 200,
                "results": results,
                "total": {"value": matches, "relation": "eq"},
                "query": {"id": example.id, "schema": example.schema_, "properties": used},
                "unreadable": [u.to_dict() for u in unreadable],
            }
        self.counts = {"queries": len(self.built), "results": found, "matches": matched}
        return {"responses": responses, "limit": self.limit}
