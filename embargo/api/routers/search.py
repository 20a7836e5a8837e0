"""``GET /search/{dataset}`` (text search) and ``GET /entities/{id}`` (one entity, designations nested)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import RedirectResponse
from followthemoney import model as ftm

from embargo.api.deps import get_service
from embargo.api.entity_json import entity_json
from embargo.api.examples import SCHEMA_ALIASES
from embargo.api.facets import FACETS, country_codes, facet_counts
from embargo.api.filters import TS_PATTERN, ResultFilter, measure_filter, parse_changed_since, schema_is_a
from embargo.api.models import EntityResponse, SearchResponse
from embargo.api.routers.match import owned_entity, served_party
from embargo.budget import check_budget, time_budget
from embargo.errors import NotFoundError, QueryError
from embargo.matching import QUERY_SCHEMATA
from embargo.matching import Query as ScreenQuery
from embargo.model import Entity
from embargo.server.records import ListedEntity
from embargo.server.service import Loaded, Service

__all__ = ["MAX_OFFSET", "SEARCH_THRESHOLD", "router"]

router = APIRouter(tags=["Search and entities"])

#: A text search returns names scoring at least this (looser than screening: a person is looking).
SEARCH_THRESHOLD = 0.5
#: Results a search counts at most, and the deepest page (as yente).
MAX_RESULTS = 10_000
MAX_OFFSET = MAX_RESULTS - 500
_GENERIC = ("LegalEntity", "Vessel", "Airplane")


def _query_schemata(schema: str) -> tuple[str, ...]:
    name = SCHEMA_ALIASES.get(schema, schema) if schema != "Thing" else "Thing"
    if name in QUERY_SCHEMATA:
        return (name,)
    return _GENERIC


def _text_hits(loaded: Loaded, q: str, schema: str, lists: frozenset[str]) -> list[ListedEntity]:
    found: dict[str, tuple[float, ListedEntity | None]] = {}
    for query_schema in _query_schemata(schema):
        query = ScreenQuery.build([q], schema=query_schema)
        hits = loaded.screener.screen(query, threshold=SEARCH_THRESHOLD, limit=500, lists=set(lists))
        for hit in hits:  # one per party: a party of several lists is one result
            party = hit.party_id or hit.entity_id
            if hit.score <= found.get(party, (-1.0, None))[0]:
                continue
            listed = served_party(loaded, hit.entity_ids, party, lists)
            if listed is not None:
                found[party] = (hit.score, listed)
    ranked = sorted(((s, x) for s, x in found.values() if x is not None), key=lambda p: (-p[0], p[1].entity.id))
    return [listed for _, listed in ranked]


def _browse(loaded: Loaded, service: Service, lists: frozenset[str]) -> Iterator[Entity]:
    view = service.store.view()
    for name in sorted(lists):
        info = loaded.catalog.lists[name]
        if info.current is not None:
            yield from view.iter_entities(info.current.id)


def _matches_filters(entity: Entity, countries: set[str], props: list[tuple[str, str]]) -> bool:
    if countries and not countries & country_codes(entity):
        return False
    return all(value.lower() in (v.lower() for v in entity.get(prop)) for prop, value in props)


def _property_filters(filters: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in filters:
        field, sep, value = item.partition(":")
        if not sep:
            raise QueryError(f"Invalid filter: {item!r} (use property:value, e.g. birthDate:1954-08-30)")
        out.append((field.removeprefix("properties."), value))
    return out


@router.get("/search/{dataset}", summary="Simple entity search", response_model=SearchResponse)
def search(
    dataset: str = Path(description="A list, or a collection of lists (`default`: all).", examples=["default"]),
    q: str = Query("", max_length=1000, description="A name, in any script. Empty: browse."),
    schema: str = Query("Thing", max_length=100, description="Only entities of this FtM schema."),
    include_dataset: list[str] = Query([]),
    exclude_dataset: list[str] = Query([]),
    datasets: list[str] = Query([], description="Only these lists (any of them)."),
    exclude_schema: list[str] = Query([]),
    countries: list[str] = Query([], description="Only entities with one of these country codes."),
    topics: list[str] = Query([]),
    measures: list[str] = Query([], description="Only entities designated with one of these measures."),
    filter: list[str] = Query([], description="`property:value`, e.g. `birthDate:1954-08-30`."),
    changed_since: str | None = Query(None, pattern=TS_PATTERN),
    facets: list[str] = Query(["countries", "topics", "datasets"], description=f"Any of: {', '.join(FACETS)}."),
    limit: int = Query(10, ge=0, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Find listed entities by name, for a search box. To screen a party, use `/match`."""
    started = time.monotonic()
    loaded = service.screening
    lists = loaded.catalog.scope(dataset, include_dataset, exclude_dataset)
    if datasets:
        lists &= loaded.catalog.expand(datasets)
    if ftm.get(schema) is None:
        raise QueryError(f"Invalid schema: {schema!r}")
    flt = ResultFilter(
        exclude_schema=frozenset(exclude_schema),
        topics=frozenset(topics),
        changed_since=parse_changed_since(changed_since),
        measures=measure_filter(measures),
    )
    wanted_countries = {c.lower() for c in countries}
    props = _property_filters(filter)
    kept: list[ListedEntity] = []
    complete = True
    with time_budget(service.config.limits.seconds, started):
        if q.strip():
            candidates: Iterator[ListedEntity] = iter(_text_hits(loaded, q, schema, lists))
        else:
            candidates = (ListedEntity(e, True, None, None, None) for e in _browse(loaded, service, lists))
        for listed in candidates:
            check_budget()  # browsing with a filter nothing matches reads every listed entity
            entity = listed.entity
            if not schema_is_a(entity.schema, schema) or not _matches_filters(entity, wanted_countries, props):
                continue
            if flt.changed_since is not None and listed.last_change is None:
                listed = loaded.lookup.get(entity.id) or listed
            if not flt.keep(listed):
                continue
            if len(kept) >= MAX_RESULTS:
                complete = False
                break
            kept.append(listed)
    page = [loaded.lookup.get(x.entity.id) or x for x in kept[offset : offset + limit]]
    return {
        "results": [entity_json(listed) for listed in page],
        "facets": facet_counts(kept, facets, loaded.catalog),
        "total": {"value": len(kept), "relation": "eq" if complete else "gte"},
        "limit": limit,
        "offset": offset,
    }


@router.get(
    "/entities/{entity_id}",
    summary="One entity, with its designations",
    response_model=EntityResponse,
    responses={308: {"description": "The entity is one of a party's: the party's address."}},
)
def fetch_entity(
    request: Request,
    entity_id: str = Path(description="embargo's id, or the publisher's record id.", examples=["us-ofac-sdn-9760"]),
    nested: bool = Query(True, description="Nest the designations as `Sanction` entities under `sanctions`."),
    service: Service = Depends(get_service),
) -> Any:
    """An entity from any list the server serves, in FollowTheMoney form, or a party of several.

    Its designations are nested as `Sanction` entities under `properties.sanctions`. An entity
    that has left its list is still returned, without the `sanction` topic. A party (an id
    `party-...`: the entities of several lists that are one party) is returned as one entity with
    every list's designations and its entities' ids as `referents`; an entity of such a party
    redirects (308) to the party, as yente does for a merged entity. An entity on no list that
    ownership or control blocks (a `/match` result of the dataset `ownership`) is returned too;
    `/entities/{id}/ownership` gives its chain.
    """
    loaded = service.screening
    if loaded.parties.is_party(entity_id):
        found = served_party(loaded, loaded.parties.referents(entity_id), entity_id)
        if found is None:
            raise NotFoundError(f"No such entity: {entity_id!r}")
        return entity_json(found, nested=nested)
    for record in service.store.view().find(entity_id):
        party_id = loaded.parties.party_of(record.entity.id)
        if party_id != record.entity.id:
            target = request.url.replace(path=request.url.path.rsplit("/", 1)[0] + "/" + quote(party_id, safe=""))
            return RedirectResponse(str(target), status_code=308)
        listed = loaded.lookup.get(record.entity.id)
        if listed is None:
            listed = ListedEntity(record.entity, False, None, None, None)
        return entity_json(listed, nested=nested)
    owned = owned_entity(loaded, entity_id)
    if owned is not None:
        return entity_json(owned, nested=nested)
    raise NotFoundError(f"No such entity: {entity_id!r}")
