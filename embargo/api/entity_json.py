"""Listed entities in the JSON shape yente gives them.

Each designation becomes a nested FollowTheMoney ``Sanction`` entity under
``properties.sanctions`` (as yente nests adjacent entities), and an entity
listed now with a designation carries the ``sanction`` topic, which is what
clients filter and flag on.
"""

from __future__ import annotations

from typing import Any

from embargo.model import MEASURES, Designation, Entity
from embargo.server.records import ListedEntity

__all__ = ["SANCTION_TOPIC", "entity_json", "sanction_json", "topics"]

SANCTION_TOPIC = "sanction"


def topics(listed: ListedEntity) -> list[str]:
    """The entity's topics, with ``sanction`` while it is designated on a served list."""
    found = list(listed.entity.get("topics"))
    if listed.current and listed.entity.designations and SANCTION_TOPIC not in found:
        found.append(SANCTION_TOPIC)
    return found


def sanction_json(entity: Entity, designation: Designation) -> dict[str, Any]:
    """One designation as a FtM ``Sanction`` entity."""
    fields = {
        "authority": designation.authority,
        "program": designation.program,
        "listingDate": designation.listing_date,
        "startDate": designation.listing_date,
        "endDate": designation.end_date,
        "reason": designation.reason,
        "authorityId": designation.source_id,
        "sourceUrl": designation.url,
    }
    properties: dict[str, list[Any]] = {k: [v] for k, v in fields.items() if v is not None and v.strip()}
    if designation.measures:
        properties["provisions"] = [MEASURES.get(m, m) for m in designation.measures]
    return {
        "id": designation.id,
        "caption": designation.program or designation.authority or "Sanction",
        "schema": "Sanction",
        "properties": properties,
        "datasets": [designation.list] if designation.list else [],
        "referents": [],
        "target": False,
    }


def entity_json(listed: ListedEntity, nested: bool = False) -> dict[str, Any]:
    """An entity as yente's ``EntityResponse``: FtM properties (every value a list), datasets, times.

    A party of entities of several lists (:func:`embargo.server.records.party_entity`) comes
    with its own id, every list as ``datasets`` and its entities' ids as ``referents``.

    Args:
        listed: the entity and its history.
        nested: add the designations as ``Sanction`` entities under ``properties.sanctions``.
    """
    entity = listed.entity
    properties: dict[str, list[Any]] = {k: list(v) for k, v in entity.properties.items() if v}
    found = topics(listed)
    if found:
        properties["topics"] = found
    if nested and entity.designations:
        properties["sanctions"] = [sanction_json(entity, d) for d in entity.designations]
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema,
        "properties": properties,
        "datasets": list(listed.datasets) or ([entity.list_name] if entity.list_name else []),
        "referents": list(listed.referents),
        "target": SANCTION_TOPIC in found,
        "first_seen": listed.first_seen,
        "last_seen": listed.last_seen,
        "last_change": listed.last_change,
    }
