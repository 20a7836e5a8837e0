"""Which customers a list update can affect, without screening the whole portfolio.

For every listed entity that is new, amended in what matching reads, or
removed since the last run, its names are looked up in the portfolio's name
index (the same retrieval as screening, run the other way round: the
entity's names as the query, the customers' names as the index, with no
floor), which gives every customer sharing a word, a spelling, a sound or a
typo with it. A customer found that way is screened again when:

- it scores at least ``threshold - MARGIN`` against the new or amended
  entity with the screening scorer itself (:func:`score_entity`, over all of
  the entity's names, the entity's facts and its list's word rarity); or
- it already has hits: the change may push one out of its candidates or
  below its hit limit; or
- it had a hit on an amended or removed entity.

Screening again means the full :meth:`Screener.screen`, so what is found
equals a full re-screen for those customers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from embargo.index import ListIndex, find_candidates
from embargo.matching import QUERY_SCHEMATA, score_entity
from embargo.model import Entity
from embargo.monitor.customers import Customer
from embargo.monitor.fingerprint import entity_snapshot
from embargo.names import AnalyzedName, analyze_name
from embargo.screening import Screener
from embargo.store import View

__all__ = ["MARGIN", "Plan", "plan_incremental"]

#: How far below the threshold a pre-score still sends a customer to a full screen: the pre-score
#: uses all of an entity's names where screening uses the few retrieval ranks best.
MARGIN = 0.1


@dataclass(slots=True)
class Plan:
    """What an incremental run screens, and why."""

    customers: set[str] = field(default_factory=set)
    added: int = 0
    amended: int = 0
    removed: int = 0
    reached: int = 0
    prescored: int = 0
    lists: dict[str, tuple[int | None, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {
            "customers": len(self.customers),
            "entities_added": self.added,
            "entities_amended": self.amended,
            "entities_removed": self.removed,
            "customers_reached": self.reached,
            "pairs_prescored": self.prescored,
            "lists": {k: {"from": a, "to": b} for k, (a, b) in self.lists.items()},
        }


def _query_schemata(listed_schema: str) -> frozenset[str]:
    """Customer schemata that can match a listed schema (screening's compatibility, reversed)."""
    return frozenset(q for q, listed in QUERY_SCHEMATA.items() if listed_schema in listed)


def _entity_names(index: ListIndex, eid: int) -> list[AnalyzedName]:
    start = index.entity_name_start[eid]
    end = index.entity_name_start[eid + 1] if eid + 1 < len(index.entity_ids) else index.name_count
    return [index.name(nid) for nid in range(start, end)]


def _analyzed(entity: Entity) -> list[AnalyzedName]:
    names = [analyze_name(v, entity.schema, entity.name_languages.get(v)) for _, v in entity.names()]
    return [n for n in names if n.tokens]


def _match_key(entity: Entity) -> tuple[object, ...]:
    """Everything of an entity its index entry is made of."""
    parts = tuple(entity.get(p) for p in ("firstName", "middleName", "fatherName", "lastName"))
    return (entity_snapshot(entity), sorted(entity.name_languages.items()), parts)


def _reach(customers: ListIndex, names: list[AnalyzedName], schema: str) -> Iterable[int]:
    if not names:
        return []
    found = find_candidates([customers], names, _query_schemata(schema), limit=len(customers.entity_ids), floor=0.0)
    return [c.entity for c in found]


def plan_incremental(
    view: View,
    screener: Screener,
    customer_index: ListIndex,
    load_customers: Callable[[list[str]], Iterable[Customer]],
    before: dict[str, int],
    matched: dict[str, set[str]],
    threshold: float,
) -> Plan:
    """The customers to screen again after the lists moved from versions ``before`` to the screener's.

    Args:
        load_customers: callable taking customer ids, yielding :class:`Customer` (the portfolio's).
        matched: customer id to the entity ids of its hits at the last run.
    """
    plan = Plan()
    with_hits = set(matched)
    by_entity: dict[str, set[str]] = {}
    for cid, eids in matched.items():
        for e in eids:
            by_entity.setdefault(e, set()).add(cid)
    ids = customer_index.entity_ids
    pending: dict[int, list[tuple[ListIndex, int]]] = {}
    for index in screener.indexes:
        old_vid = before.get(index.list_name)
        if old_vid == index.version_id:
            continue
        plan.lists[index.list_name] = (old_vid, index.version_id)
        new = view.version_hashes(index.version_id)
        old = view.version_hashes(old_vid) if old_vid is not None else {}
        position = {e: i for i, e in enumerate(index.entity_ids)}
        for entity_id, digest in new.items():
            was = old.get(entity_id)
            if was == digest:
                continue
            if was is not None:
                before_entity, after_entity = view.record(was), view.record(digest)
                if _match_key(before_entity) == _match_key(after_entity):
                    continue
                plan.amended += 1
                plan.customers |= by_entity.get(entity_id, set())
                for c in _reach(customer_index, _analyzed(before_entity), before_entity.schema):
                    if ids[c] in with_hits:
                        plan.customers.add(ids[c])
            else:
                plan.added += 1
            eid = position.get(entity_id)
            if eid is None:  # not indexed (no usable name): screening cannot find it either
                continue
            for c in _reach(customer_index, _entity_names(index, eid), index.facts[eid].schema):
                cid = ids[c]
                plan.reached += 1
                if cid in with_hits:
                    plan.customers.add(cid)
                elif cid not in plan.customers:
                    pending.setdefault(c, []).append((index, eid))
        for entity_id in old.keys() - new.keys():
            plan.removed += 1
            plan.customers |= by_entity.get(entity_id, set())
            gone = view.record(old[entity_id])
            for c in _reach(customer_index, _analyzed(gone), gone.schema):
                if ids[c] in with_hits:
                    plan.customers.add(ids[c])
    todo = {ids[c]: pairs for c, pairs in pending.items() if ids[c] not in plan.customers}
    customers = load_customers(list(todo))
    cut = threshold - MARGIN
    for customer in customers:
        query = customer.query
        names = [analyze_name(n, query.schema) for n in query.names]
        for index, eid in todo[customer.id]:
            plan.prescored += 1
            result = score_entity(query, names, _entity_names(index, eid), index.facts[eid], index.unique_word)
            if result.score >= cut:
                plan.customers.add(customer.id)
                break
    return plan
