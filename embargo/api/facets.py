"""Facet counts for ``/search``: how many results per country, topic, list, schema or gender."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from followthemoney import model as ftm
from followthemoney.types import registry

from embargo.api.entity_json import topics
from embargo.model import Entity
from embargo.server.datasets import Catalog
from embargo.server.records import ListedEntity

__all__ = ["FACETS", "country_codes", "facet_counts"]

#: Facets yente offers that embargo can count.
FACETS = ("countries", "topics", "datasets", "schema", "genders")


def country_codes(entity: Entity) -> set[str]:
    """Every country code in a country-typed property of the entity."""
    schema = ftm.get(entity.schema)
    codes: set[str] = set()
    if schema is None:
        return codes
    for prop, values in entity.properties.items():
        p = schema.get(prop)
        if p is not None and p.type == registry.country:
            codes.update(values)
    return codes


def _values(listed: ListedEntity, facet: str) -> Iterable[str]:
    entity = listed.entity
    if facet == "countries":
        return country_codes(entity)
    if facet == "topics":
        return topics(listed)
    if facet == "datasets":
        return [entity.list_name]
    if facet == "schema":
        return [entity.schema]
    return entity.get("gender")


def _label(facet: str, value: str, catalog: Catalog) -> str:
    if facet == "countries":
        return str(registry.country.names.get(value, value))
    if facet == "topics":
        return str(registry.topic.names.get(value, value))
    if facet == "datasets" and value in catalog.datasets:
        return catalog.datasets[value].title
    if facet == "schema":
        found = ftm.get(value)
        return str(found.label) if found is not None else value
    return value


def facet_counts(entities: Iterable[ListedEntity], wanted: Iterable[str], catalog: Catalog) -> dict[str, Any]:
    """yente's ``facets``: for each wanted facet, its values with labels and counts, most frequent first."""
    names = [f for f in dict.fromkeys(wanted) if f in FACETS]
    counters: dict[str, Counter[str]] = {f: Counter() for f in names}
    for listed in entities:
        for facet in names:
            counters[facet].update(set(_values(listed, facet)))
    return {
        facet: {
            "label": facet.capitalize(),
            "values": [
                {"name": v, "label": _label(facet, v, catalog), "count": n} for v, n in counters[facet].most_common(50)
            ],
        }
        for facet in names
    }
