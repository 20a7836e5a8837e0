"""The entities blocked by ownership or control, as the screener sees them.

:mod:`embargo.ownership` computes who is blocked under each rule and stores the
results with the screening index of the blocked entities that are on no list
(:func:`embargo.ownership.graph.compute`). This module reads them back for a
:class:`~embargo.screening.Screener`: a screened party that is such an entity is
a hit of its own kind (``ownership``), carrying each rule's verdict and chain; a
listed party that is also blocked by ownership under another authority's rule
carries those verdicts on its list hit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embargo.errors import StoreError
from embargo.index import ListIndex, build_index, index_dir
from embargo.model import Designation, Entity
from embargo.store import Store
from embargo.store import ownership as stored

if TYPE_CHECKING:
    from embargo.screening.screener import Hit

__all__ = ["OWNERSHIP_LIST", "Owned", "load_owned", "owned_designations", "owned_index_path"]

#: The list name of the hits of entities blocked by ownership (``Hit.list_name``, a ``lists`` scope).
OWNERSHIP_LIST = "ownership"


@dataclass(frozen=True, slots=True)
class Owned:
    """The last computation's blocked entities: their screening index and each one's verdicts by rule.

    Attributes:
        index: the screening index of the blocked entities that are on no list.
        verdicts: node key (a party id, or ``dataset:id``) to its verdicts, one per rule that blocks it.
        entities: the entities of the index, by key (:meth:`~embargo.model.Entity.to_dict`'s form).
        generation: the computation's number (:func:`embargo.store.ownership.generation`).
    """

    index: ListIndex
    verdicts: dict[str, list[dict[str, Any]]]
    entities: dict[str, dict[str, Any]]
    generation: int


def owned_index_path(store: Store, generation: int) -> Path:
    """Where the screening index of a computation's blocked entities is kept (beside the lists' indexes)."""
    return index_dir(store) / f"ownership-{generation}.idx"


def load_owned(store: Store) -> Owned | None:
    """The store's last ownership computation (None: never computed, or nothing blocked)."""
    with store.reading("the ownership results") as conn:
        number = stored.generation(conn)
        rows = stored.results(conn) if number else []
    if not rows:
        return None
    verdicts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    entities: dict[str, dict[str, Any]] = {}
    for row in rows:
        verdicts[row.node].append(row.chain)
        if row.entity:
            entities[row.node] = row.entity
    try:
        index = ListIndex.load(owned_index_path(store, number))
    except StoreError:  # missing or from another version of embargo: made again from the stored results
        index = build_index(OWNERSHIP_LIST, number, (Entity.from_dict(e) for e in entities.values()))
    return Owned(index, dict(verdicts), entities, number)


def owned_designations(hit: Hit) -> list[Designation]:
    """An entity blocked by ownership as designations, one per rule: what filters on measures and the API's
    ``sanctions`` read.

    ``blocked`` has the asset freeze of the designations it follows; ``possibly blocked`` has no measure (a
    share not known well enough: a reviewer decides).
    """
    out = []
    for verdict in hit.ownership:
        blocked = verdict["status"] == "blocked"
        out.append(
            Designation(
                id=f"{hit.entity_id}-ownership-{verdict['rule']}",
                list=OWNERSHIP_LIST,
                authority=str(verdict.get("authority") or verdict["rule"]),
                program=f"{verdict['status']} by ownership or control ({verdict['rule']} rule)",
                measures=["asset_freeze"] if blocked else [],
                reason="; ".join(line.strip() for line in verdict["lines"]),
                source_id=str(hit.source_id) if hit.source_id else None,
            )
        )
    return out
