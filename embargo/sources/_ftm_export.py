"""Writing embargo entities as FollowTheMoney entity JSON objects.

Each entity becomes one FtM object of its schema, followed by one
``Sanction`` object per designation, which is how OpenSanctions and yente
express a listing. What FtM has no place for travels in one extra top-level
key, :data:`EXTENSION`, that FtM readers keep as context and ignore, and that
:mod:`embargo.sources.ftm` reads back, so export then import gives the same
entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from embargo.model import MEASURES, Designation, Entity

__all__ = ["EXTENSION", "export_entities"]

#: Top-level key for what FtM cannot say: ``source_id`` (when it is not the
#: id), ``name_languages`` (FtM has no per-value language) and
#: ``added_topics`` (the ``sanction`` topic the export adds to a designated
#: entity, removed again on import).
EXTENSION = "embargo"

_SANCTION_TOPIC = "sanction"


def _entity_object(entity: Entity) -> dict[str, Any]:
    properties = {prop: list(values) for prop, values in sorted(entity.properties.items()) if values}
    extension: dict[str, Any] = {}
    if entity.designations:
        topics = properties.get("topics", [])
        if _SANCTION_TOPIC not in topics:
            properties["topics"] = [*topics, _SANCTION_TOPIC]
            extension["added_topics"] = [_SANCTION_TOPIC]
    if entity.source_id != entity.id:
        extension["source_id"] = entity.source_id
    if entity.name_languages:
        extension["name_languages"] = dict(sorted(entity.name_languages.items()))
    data: dict[str, Any] = {
        "id": entity.id,
        "schema": entity.schema,
        "caption": entity.caption,
        "properties": properties,
        "datasets": [entity.list_name] if entity.list_name else [],
        "target": bool(entity.designations),
    }
    if extension:
        data[EXTENSION] = extension
    return data


def _sanction_object(entity: Entity, designation: Designation) -> dict[str, Any]:
    fields: dict[str, str | None] = {
        "authority": designation.authority,
        "program": designation.program,
        "listingDate": designation.listing_date,
        "endDate": designation.end_date,
        "reason": designation.reason,
        "authorityId": designation.source_id,
        "sourceUrl": designation.url,
    }
    properties: dict[str, list[str]] = {"entity": [entity.id]}
    for prop, value in fields.items():
        if value is not None and value.strip():
            properties[prop] = [value]
    if designation.measures:
        properties["provisions"] = [MEASURES.get(m, m) for m in designation.measures]
    return {
        "id": designation.id,
        "schema": "Sanction",
        "caption": designation.program or "Sanction",
        "properties": dict(sorted(properties.items())),
        "datasets": [designation.list] if designation.list else [],
        "target": False,
    }


def export_entities(entities: Iterable[Entity]) -> Iterator[dict[str, Any]]:
    """FtM entity objects for ``entities``, one JSON line each when dumped.

    Args:
        entities: embargo entities, e.g. one list version from the store.

    Yields:
        For each entity its own object (``id``, ``schema``, ``caption``,
        ``properties`` with list values, ``datasets`` = [list name],
        ``target`` = designated, ``topics`` with ``sanction`` when
        designated), then one ``Sanction`` object per designation (id = the
        designation's id; ``provisions`` = the human labels of its measures).
    """
    for entity in entities:
        yield _entity_object(entity)
        for designation in entity.designations:
            yield _sanction_object(entity, designation)
