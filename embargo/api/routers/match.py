"""``POST /match/{dataset}``: yente's query-by-example matcher, answered by embargo's screener.

The hot path of the server, kept close to the screener's own cost: a single
query of short names is screened right on the event loop (no hop to a worker
thread and back, which costs CPU and, under the GIL, waiting), a batch or a
query of long names goes to the thread pool, so that it never holds the event
loop, and other requests, for long; the answer is built as plain
dicts in exactly the shape of :class:`~embargo.api.models.MatchResponse` (which
still documents it in OpenAPI, and which a test checks every answer against)
and written with orjson, skipping FastAPI's re-validation of the response.

Entities on no list that designated parties own or control (:mod:`embargo.ownership`) are
results too when a query reaches every list (``/match/default``): in the dataset
``ownership``, with OpenSanctions' topic for them, ``sanction.linked``, not a ``target``,
an ``ownership`` explanation (the first rule's verdict in a line) and the verdicts
themselves under ``ownership``. A query scoped to some lists reaches none of them.
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
from embargo.model import Entity
from embargo.ownership import RULES
from embargo.screening import Hit
from embargo.screening.owned import OWNERSHIP_LIST, owned_designations
from embargo.server.records import ListedEntity, party_entity
from embargo.server.service import Loaded, Service
from embargo.settings import MAX_QUERIES

__all__ = [
    "INLINE_CHARACTERS",
    "INLINE_QUERIES",
    "LINKED_TOPIC",
    "MAX_BATCH",
    "MAX_LIMIT",
    "in_rule_order",
    "owned_entity",
    "reach",
    "router",
    "served_party",
    "verdict_line",
]

router = APIRouter(tags=["Matching"])

#: Queries per request by default (``EMBARGO_MAX_QUERIES``), and results per query, at most (as yente).
MAX_BATCH = MAX_QUERIES
MAX_LIMIT = 500
#: Batches up to this many queries, whose names hold at most this many characters in all, are screened on
#: the event loop (a few milliseconds); longer work goes to the thread pool.
INLINE_QUERIES = 1
INLINE_CHARACTERS = 200
#: OpenSanctions' topic for an entity linked to sanctioned ones ("sanction-linked entity"), not designated itself.
LINKED_TOPIC = "sanction.linked"


def verdict_line(verdict: dict[str, Any]) -> str:
    """A verdict in one line: ``blocked by ownership under OFAC's ...: X holds 75% (in all 75%); designated: Y``."""
    steps: list[dict[str, Any]] = verdict.get("steps") or []
    first = steps[0] if steps else {}
    why = [f"{h['owner_name']} holds {h['share']['text']}" for h in first.get("holdings", [])]
    why += [f"{c['controller_name']} controls it ({c['kind']})" for c in first.get("controls", [])]
    line = f"{verdict['status']} by ownership or control under {verdict['rule_title']}"
    if why:
        line += ": " + ", ".join(why) + f" (in all {verdict['share']['text']})"
    top = [str(s["name"]) for s in steps if s.get("status") == "designated"]
    if top and first.get("status") != "designated":
        line += "; designated: " + ", ".join(top)
    return line


def in_rule_order(verdicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Verdicts in the rules' order (OFAC's, the EU's, the UK's), whatever order they were stored in."""
    order = {name: n for n, name in enumerate(RULES)}
    return sorted(verdicts, key=lambda v: order.get(str(v.get("rule")), len(order)))


def owned_entity(loaded: Loaded, entity_id: str, hit: Hit | None = None) -> ListedEntity | None:
    """An entity on no list blocked by ownership or control, as a result (None: not in the served results).

    Args:
        hit: its screening hit: its verdicts become its designations (one per rule, an asset freeze when
            blocked: :func:`~embargo.screening.owned.owned_designations`), so that ``measures`` filters it.
    """
    owned = loaded.screener.owned
    data = owned.entities.get(entity_id) if owned is not None else None
    if data is None:
        return None
    entity = Entity.from_dict(data)
    if hit is not None:
        entity.designations = owned_designations(hit)
    found = entity.properties.setdefault("topics", [])
    if LINKED_TOPIC not in found:
        found.append(LINKED_TOPIC)
    return ListedEntity(entity, False, None, None, None, datasets=(OWNERSHIP_LIST,))


def reach(loaded: Loaded, dataset: str, lists: frozenset[str], exclude: list[str]) -> frozenset[str]:
    """The lists a query screens, with ``ownership`` when it reaches every served list through a collection.

    The entities blocked by ownership or control are screened with ``default`` (and a collection that is
    every list); a single list, or a scope narrowed by ``include_dataset``/``exclude_dataset``, reaches
    only its lists (``exclude_dataset=ownership`` leaves them out of ``default``).
    """
    every = loaded.catalog.get("default").lists
    if lists and lists == every and loaded.catalog.get(dataset).collection and OWNERSHIP_LIST not in exclude:
        return lists | {OWNERSHIP_LIST}
    return lists


def explanations(hit: Hit) -> dict[str, dict[str, Any]]:
    """embargo's explanation as yente's ``explanations``: feature name to score and detail.

    A hit blocked by ownership or control has one more, ``ownership`` (score 0: it is no evidence
    of the match), the first rule's verdict in a line.
    """
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
    if hit.ownership:
        first = in_rule_order(hit.ownership)[0]
        out["ownership"] = {"score": 0.0, "detail": verdict_line(first), "query": None, "candidate": None}
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
        if hit.kind == OWNERSHIP_LIST:
            listed = owned_entity(loaded, hit.entity_id, hit)
        else:
            listed = served_party(loaded, hit.entity_ids, hit.party_id, lists)
        if listed is None or not flt.keep(listed) or (hit.referents and _excluded(loaded, flt, hit.entity_ids)):
            continue
        is_match = score >= threshold
        matches += is_match
        result = {**entity_json(listed), "score": score, "match": is_match, "explanations": explanations(hit)}
        if hit.ownership:
            result["ownership"] = in_rule_order(hit.ownership)
        results.append(result)
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
    lists = reach(loaded, dataset, loaded.catalog.scope(dataset, include_dataset, exclude_dataset), exclude_dataset)
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
