"""Listed entities as the server shows them, with when each was first seen and last changed.

The screener serves one version of each list (the current one when the
server started). Entity records are read from that same version, so a
result's properties always agree with the index that scored it, even while
a newer version is being imported beside it.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from embargo.model import Entity
from embargo.store import Store
from embargo.store.history import entity_history, record_data

__all__ = ["EntityLookup", "ListedEntity", "party_entity"]

#: Entities kept decoded in memory per server process.
CACHE_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class ListedEntity:
    """An entity with its history.

    Attributes:
        entity: the record in the newest served version that has it.
        current: True when that version is the one being served (the entity is listed now).
        first_seen: import time of the first version with it.
        last_seen: import time of the newest served version with it.
        last_change: import time of the version where its record last changed.
        referents: for a party of several entities (:func:`party_entity`), their ids.
        datasets: the lists its entities are on (empty: the entity's own list).
    """

    entity: Entity
    current: bool
    first_seen: datetime | None
    last_seen: datetime | None
    last_change: datetime | None
    referents: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()


def _earliest(times: list[datetime | None]) -> datetime | None:
    known = [t for t in times if t is not None]
    return min(known) if known else None


def _latest(times: list[datetime | None]) -> datetime | None:
    known = [t for t in times if t is not None]
    return max(known) if known else None


def party_entity(party_id: str, members: list[ListedEntity]) -> ListedEntity:
    """A party of several listed entities as one entity, as yente gives a merged one.

    Its id is the party's, its ``referents`` the entities' ids; its schema,
    caption, list and record id are the first member's (the one that
    matched best); every other property holds every member's values (the
    first member's first), and its designations are all of theirs. Listed
    now when one of them is; first seen when the first was, last changed
    when the last changed.

    Args:
        members: the entities, the one to show first first (at least one).
    """
    first = members[0].entity
    merged = Entity(first.schema, party_id, first.list_name, first.source_id)
    for member in members:
        entity = member.entity
        for prop, values in entity.properties.items():
            kept = merged.properties.setdefault(prop, [])
            kept.extend(v for v in values if v not in kept)
        merged.designations.extend(entity.designations)
        for name, lang in entity.name_languages.items():
            merged.name_languages.setdefault(name, lang)
        merged.links.extend(entity.links)
    lists = [m.entity.list_name for m in members if m.entity.list_name]
    return ListedEntity(
        entity=merged,
        current=any(m.current for m in members),
        first_seen=_earliest([m.first_seen for m in members]),
        last_seen=_latest([m.last_seen for m in members]),
        last_change=_latest([m.last_change for m in members]),
        referents=tuple(m.entity.id for m in members),
        datasets=tuple(dict.fromkeys(lists)),
    )


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


class EntityLookup:
    """Reads entities of the served versions, with a bounded cache.

    Args:
        store: the store.
        served: list name to the version sequence number being served.
    """

    def __init__(self, store: Store, served: dict[str, int]) -> None:
        self.store = store
        self.served = served
        self._cache: OrderedDict[str, ListedEntity | None] = OrderedDict()
        self._lock = threading.Lock()

    def entity(self, entity_id: str) -> Entity | None:
        """The served entity with this id (its designations included), or None."""
        listed = self.get(entity_id)
        return listed.entity if listed is not None else None

    def get(self, entity_id: str) -> ListedEntity | None:
        """The entity with this embargo id in a served list, or None."""
        with self._lock:
            if entity_id in self._cache:
                self._cache.move_to_end(entity_id)
                return self._cache[entity_id]
        found = self._read(entity_id)
        with self._lock:
            self._cache[entity_id] = found
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return found

    def _read(self, entity_id: str) -> ListedEntity | None:
        with self.store.reading(f"entity {entity_id}") as conn:
            rows = [
                h for h in entity_history(conn, entity_id) if h.list in self.served and h.seq <= self.served[h.list]
            ]
            if not rows:
                return None
            last = rows[-1]
            data = record_data(conn, last.record_hash)
        if data is None:
            return None
        changed = len(rows) - 1
        while changed > 0 and rows[changed - 1].record_hash == last.record_hash:
            if rows[changed - 1].seq != rows[changed].seq - 1:
                break  # off the list in between: coming back is a change
            changed -= 1
        return ListedEntity(
            entity=Entity.from_dict(json.loads(data)),
            current=last.seq == self.served[last.list],
            first_seen=_time(rows[0].imported_at),
            last_seen=_time(last.imported_at),
            last_change=_time(rows[changed].imported_at),
        )
