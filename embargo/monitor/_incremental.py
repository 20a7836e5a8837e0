"""Which customers a list update can affect, without screening the whole portfolio.

For every listed entity that is new, amended in what matching reads, or
removed since the last run, each of its names is looked up in the
portfolio's name index (the retrieval of screening run the other way round:
the entity's name as the query, the customers' names as the index, with no
floor). That finds every customer sharing a word, a spelling, a sound or a
typo with it. Each customer found is pre-scored against the entity with the
screening scorer itself (:func:`score_entity`, on the entity names that
reached it, which hold every name a full screen could score, the entity's
facts and its list's word rarity), and is screened again when:

- the pre-score reaches ``threshold - MARGIN`` (it may now be a hit); or
- it has hits and its pre-score against the entity as it is, or as it was
  before an amendment or removal, reaches ``DISPLACE`` (a near candidate
  coming or going may move one of its hits out of or into its candidates);
  or
- it had a hit on an amended or removed entity.

Screening again is the full :meth:`Screener.screen`, so those customers get
exactly what a full re-screen gives them. What this cannot see: the rarity
weights of a list move a little with every change, which can move a
candidate of an untouched customer across the retrieval floor; a periodic
``embargo monitor --full`` absorbs that (see docs/operations.md).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from embargo.index import ListIndex, build_index, find_candidates
from embargo.matching import QUERY_SCHEMATA, Query, score_entity
from embargo.model import Entity
from embargo.monitor.customers import Customer
from embargo.monitor.fingerprint import entity_snapshot
from embargo.names import AnalyzedName
from embargo.screening import Screener
from embargo.store import View

__all__ = ["DISPLACE", "MARGIN", "Plan", "plan_incremental"]

#: How far below the threshold a pre-score still sends a customer to a full screen.
MARGIN = 0.1
#: Pre-score from which a customer that has hits is screened again (the entity may displace one).
DISPLACE = 0.3
_CHUNK = 2000

#: (customer index, list indexes by name), set before the pre-scoring workers fork.
_shared: tuple[ListIndex, dict[str, ListIndex]] | None = None
#: A pair to pre-score: (index key, entity position, listed name ids, the entity as it was before the change).
_Pair = tuple[str, int, list[int], bool]
#: One customer's pairs: (customer position, query, pairs).
_Job = tuple[int, Query, list[_Pair]]


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
    #: every customer the changed entities' names reached (screened again or not), for checks
    reached_ids: set[str] = field(default_factory=set)
    #: wall time of finding the customers reached, and of pre-scoring them
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {
            "customers": len(self.customers),
            "entities_added": self.added,
            "entities_amended": self.amended,
            "entities_removed": self.removed,
            "pairs_reached": self.reached,
            "pairs_prescored": self.prescored,
            "lists": {k: {"from": a, "to": b} for k, (a, b) in self.lists.items()},
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
        }


def _query_schemata(listed_schema: str) -> frozenset[str]:
    """Customer schemata that can match a listed schema (screening's compatibility, reversed)."""
    return frozenset(q for q, listed in QUERY_SCHEMATA.items() if listed_schema in listed)


def _entity_ids(index: ListIndex) -> list[str]:
    return [index.entity_id(eid) for eid in range(index.entity_count)]


def _name_ids(index: ListIndex, eid: int) -> range:
    return index.entity_names(eid)


def _match_key(entity: Entity) -> tuple[object, ...]:
    """Everything of an entity its index entry is made of."""
    parts = tuple(entity.get(p) for p in ("firstName", "middleName", "fatherName", "lastName"))
    return (entity_snapshot(entity), sorted(entity.name_languages.items()), parts)


def _reach(customers: ListIndex, names: Iterable[AnalyzedName], schema: str) -> Iterator[tuple[int, AnalyzedName]]:
    """(customer position, name) for every customer each name reaches."""
    schemata = _query_schemata(schema)
    everyone = customers.entity_count
    for name in names:
        for cand in find_candidates([customers], [name], schemata, limit=everyone, floor=0.0):
            yield cand.entity, name


def _pairs(
    customers: ListIndex,
    index: ListIndex,
    key: str,
    eid: int,
    was: bool,
    pending: dict[int, list[_Pair]],
    only: set[int] | None = None,
) -> int:
    """Add a pair for every customer an entity's names reach (of ``only``, if given); returns how many."""
    reached: dict[int, list[int]] = {}
    for nid in _name_ids(index, eid):
        for c, _ in _reach(customers, [index.name(nid)], index.facts(eid).schema):
            if only is None or c in only:
                reached.setdefault(c, []).append(nid)
    for c, nids in reached.items():
        pending.setdefault(c, []).append((key, eid, nids, was))
    return len(reached)


def _prescore(jobs: list[_Job]) -> list[tuple[int, float, float]]:
    """Best pre-score of each customer against the entities as they are now, and as they were."""
    assert _shared is not None, "set before the workers fork"
    customers, indexes = _shared
    out: list[tuple[int, float, float]] = []
    for c, query, pairs in jobs:
        names = [customers.name(n) for n in _name_ids(customers, c)]
        best = [0.0, 0.0]
        for key, eid, nids, was in pairs:
            index = indexes[key]
            listed = [index.name(n) for n in nids]
            score = score_entity(query, names, listed, index.facts(eid), index.unique_word).score
            best[was] = max(best[was], score)
        out.append((c, best[0], best[1]))
    return out


def _run_prescore(jobs: list[_Job], workers: int) -> Iterator[tuple[int, float, float]]:
    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    if workers > 1 and len(chunks) > 1 and os.name == "posix":
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part in pool.imap_unordered(_prescore, chunks):
                yield from part
    else:
        for chunk in chunks:
            yield from _prescore(chunk)


def plan_incremental(
    view: View,
    screener: Screener,
    customer_index: ListIndex,
    load_customers: Callable[[list[str]], Iterable[Customer]],
    before: dict[str, int],
    matched: dict[str, set[str]],
    threshold: float,
    workers: int | None = None,
) -> Plan:
    """The customers to screen again after the lists moved from versions ``before`` to the screener's.

    Args:
        load_customers: the portfolio's customers by id.
        matched: customer id to the entity ids of its hits at the last run.
    """
    global _shared
    clock = time.perf_counter()
    plan = Plan()
    by_entity: dict[str, set[str]] = {}
    for cid, eids in matched.items():
        for e in eids:
            by_entity.setdefault(e, set()).add(cid)
    ids = _entity_ids(customer_index)
    position_of = {cid: c for c, cid in enumerate(ids)}
    # only customers with hits can lose one to a candidate that leaves
    with_hits = {position_of[cid] for cid in matched if cid in position_of}
    pending: dict[int, list[_Pair]] = {}
    indexes = {i.list_name: i for i in screener.indexes}
    for index in screener.indexes:
        old_vid = before.get(index.list_name)
        if old_vid == index.version_id:
            continue
        plan.lists[index.list_name] = (old_vid, index.version_id)
        new = view.version_hashes(index.version_id)
        old = view.version_hashes(old_vid) if old_vid is not None else {}
        position = {e: i for i, e in enumerate(_entity_ids(index))}
        gone = [view.record(old[e]) for e in old.keys() - new.keys()]
        plan.removed += len(gone)
        for entity_id, digest in new.items():
            was = old.get(entity_id)
            if was == digest:
                continue
            if was is not None:
                before_entity = view.record(was)
                if _match_key(before_entity) == _match_key(view.record(digest)):
                    continue
                plan.amended += 1
                gone.append(before_entity)
            else:
                plan.added += 1
            eid = position.get(entity_id)
            if eid is not None:  # else no usable name: screening cannot find it either
                plan.reached += _pairs(customer_index, index, index.list_name, eid, False, pending)
        # the entities as they were: a customer with hits that they came near may see its candidates move
        previous = build_index(index.list_name, -1, gone)
        key = index.list_name + "#before"
        indexes[key] = previous
        for eid, entity_id in enumerate(_entity_ids(previous)):
            plan.customers |= by_entity.get(entity_id, set())
            _pairs(customer_index, previous, key, eid, True, pending, with_hits)
    plan.seconds["reach"] = time.perf_counter() - clock
    clock = time.perf_counter()
    todo = {ids[c]: c for c in pending if ids[c] not in plan.customers}
    jobs: list[_Job] = [(todo[cu.id], cu.query, pending[todo[cu.id]]) for cu in load_customers(list(todo))]
    plan.prescored = sum(len(j[2]) for j in jobs)
    plan.reached_ids = {ids[c] for c in pending}
    _shared = (customer_index, indexes)
    cut = threshold - MARGIN
    try:
        for c, now, before_change in _run_prescore(jobs, workers or os.cpu_count() or 1):
            if now >= cut or (ids[c] in matched and max(now, before_change) >= DISPLACE):
                plan.customers.add(ids[c])
    finally:
        _shared = None
    plan.seconds["prescore"] = time.perf_counter() - clock
    return plan
