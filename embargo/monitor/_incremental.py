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
- it has hits and the pre-score reaches ``DISPLACE`` (a near candidate may
  push one of them out of its candidates or below its hit limit); or
- it had a hit on an amended or removed entity, or shares a word with an
  amended or removed name while having hits.

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

from embargo.index import ListIndex, find_candidates
from embargo.matching import QUERY_SCHEMATA, Query, score_entity
from embargo.model import Entity
from embargo.monitor.customers import Customer
from embargo.monitor.fingerprint import entity_snapshot
from embargo.names import AnalyzedName, analyze_name
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
#: One customer's pairs: (customer position, query, [(list, entity position, listed name ids)]).
_Job = tuple[int, Query, list[tuple[str, int, list[int]]]]


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


def _name_ids(index: ListIndex, eid: int) -> range:
    start = index.entity_name_start[eid]
    end = index.entity_name_start[eid + 1] if eid + 1 < len(index.entity_ids) else index.name_count
    return range(start, end)


def _match_key(entity: Entity) -> tuple[object, ...]:
    """Everything of an entity its index entry is made of."""
    parts = tuple(entity.get(p) for p in ("firstName", "middleName", "fatherName", "lastName"))
    return (entity_snapshot(entity), sorted(entity.name_languages.items()), parts)


def _reach(customers: ListIndex, names: Iterable[AnalyzedName], schema: str) -> Iterator[tuple[int, AnalyzedName]]:
    """(customer position, name) for every customer each name reaches."""
    schemata = _query_schemata(schema)
    everyone = len(customers.entity_ids)
    for name in names:
        for cand in find_candidates([customers], [name], schemata, limit=everyone, floor=0.0):
            yield cand.entity, name


def _old_names(entity: Entity) -> list[AnalyzedName]:
    names = [analyze_name(v, entity.schema, entity.name_languages.get(v)) for _, v in entity.names()]
    return [n for n in names if n.tokens]


def _prescore(jobs: list[_Job]) -> list[tuple[int, float]]:
    """Best pre-score of each customer over its pairs."""
    assert _shared is not None, "set before the workers fork"
    customers, lists = _shared
    out: list[tuple[int, float]] = []
    for c, query, pairs in jobs:
        names = [customers.name(n) for n in _name_ids(customers, c)]
        best = 0.0
        for list_name, eid, nids in pairs:
            index = lists[list_name]
            listed = [index.name(n) for n in nids]
            best = max(best, score_entity(query, names, listed, index.facts[eid], index.unique_word).score)
        out.append((c, best))
    return out


def _run_prescore(jobs: list[_Job], workers: int) -> Iterator[tuple[int, float]]:
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
    ids = customer_index.entity_ids
    pending: dict[int, list[tuple[str, int, list[int]]]] = {}
    lists = {i.list_name: i for i in screener.indexes}
    for index in screener.indexes:
        old_vid = before.get(index.list_name)
        if old_vid == index.version_id:
            continue
        plan.lists[index.list_name] = (old_vid, index.version_id)
        new = view.version_hashes(index.version_id)
        old = view.version_hashes(old_vid) if old_vid is not None else {}
        position = {e: i for i, e in enumerate(index.entity_ids)}
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
            if eid is None:  # not indexed (no usable name): screening cannot find it either
                continue
            reached: dict[int, list[int]] = {}
            for nid in _name_ids(index, eid):
                for c, _ in _reach(customer_index, [index.name(nid)], index.facts[eid].schema):
                    reached.setdefault(c, []).append(nid)
            for c, nids in reached.items():
                plan.reached += 1
                plan.reached_ids.add(ids[c])
                pending.setdefault(c, []).append((index.list_name, eid, nids))
        for entity in gone:  # removed, or the version before an amendment
            plan.customers |= by_entity.get(entity.id, set())
            for c, _ in _reach(customer_index, _old_names(entity), entity.schema):
                if ids[c] in matched:
                    plan.customers.add(ids[c])
    plan.seconds["reach"] = time.perf_counter() - clock
    clock = time.perf_counter()
    todo = {ids[c]: c for c in pending if ids[c] not in plan.customers}
    jobs: list[_Job] = [(todo[cu.id], cu.query, pending[todo[cu.id]]) for cu in load_customers(list(todo))]
    plan.prescored = sum(len(j[2]) for j in jobs)
    _shared = (customer_index, lists)
    cut = threshold - MARGIN
    try:
        for c, score in _run_prescore(jobs, workers or os.cpu_count() or 1):
            if score >= cut or (score >= DISPLACE and ids[c] in matched):
                plan.customers.add(ids[c])
    finally:
        _shared = None
    plan.seconds["prescore"] = time.perf_counter() - clock
    return plan
