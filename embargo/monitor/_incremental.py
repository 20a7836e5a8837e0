"""Which customers a list update can affect, without screening the whole portfolio.

Monitoring's hit rule looks at one (customer, entity) pair at a time
(:meth:`Screener.screen_all`: no cut to the best few candidates, word
weights frozen at the last full run). What a pair gives changes only when
the customer changes, the entity changes, or a word the entity holds stops
or starts being held by it alone (the unique family name rule). So after a
list update only these pairs are looked at again:

- entities added or amended in what matching reads, and unchanged entities
  holding a word whose "held by one entity only" flag flipped: their names
  are looked up in the portfolio's name index the other way round
  (:func:`~embargo.index.reaching`: every key, no similarity check), which
  finds at least every customer whose words can retrieve them; each pair is
  checked against the retrieval floor with :class:`~embargo.index.PairRetrieval`
  (the same arithmetic as the full search, on the customer's names as the
  portfolio index holds them: the same analysis of the same names), and the
  pairs that pass are scored with the screening scorer and the customer's
  birth dates, countries and identifiers from the store. A customer with a
  hit there is screened again;
- every customer that had a hit on an entity removed, amended or whose flag
  flipped is screened again, and so is every customer whose id numbers meet an
  identifier of an added or amended entity that identifies its holder alone
  (a hit whatever the names say).

Screening again is :meth:`Screener.screen_all` in full, so those customers
get what a full re-screen gives them; every other customer's pairs are the
ones it had.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from embargo.index import Candidate, ListIndex, PairRetrieval, Rarity, build_index, reaching
from embargo.matching import QUERY_SCHEMATA
from embargo.model import Entity
from embargo.monitor.customers import Customer
from embargo.monitor.fingerprint import entity_snapshot
from embargo.names import AnalyzedName
from embargo.names.identifiers import identifies, query_keys
from embargo.screening import Screener, score_candidate
from embargo.store import View

__all__ = ["Plan", "plan_incremental"]

_CHUNK = 2000

#: (customer index, list indexes by name, frozen weights by list name, threshold, customers by id),
#: set before the workers fork.
_shared: (
    tuple[ListIndex, dict[str, ListIndex], dict[str, Rarity], float, Callable[[list[str]], Iterable[Customer]]] | None
) = None
#: a worker's pair retrieval per list (its caches live as long as the worker)
_retrievals: dict[str, PairRetrieval] = {}
#: Pairs to check: (list name, customer position, entity positions).
_Job = tuple[str, int, list[int]]


@dataclass(slots=True)
class Plan:
    """What an incremental run screens, and why."""

    customers: set[str] = field(default_factory=set)
    added: int = 0
    amended: int = 0
    removed: int = 0
    #: unchanged entities checked again because a word of theirs changed its unique flag
    rechecked: int = 0
    #: pairs the changed entities' names reached, pairs past the retrieval floor, customers with a hit among them
    reached: int = 0
    prescored: int = 0
    hits: int = 0
    lists: dict[str, tuple[int | None, int]] = field(default_factory=dict)
    #: positions in the portfolio's name index of every customer the changed entities' names reached
    #: (screened again or not), for checks
    reached_at: set[int] = field(default_factory=set)
    #: wall time of finding the changes, the customers reached, and checking the pairs
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {
            "customers": len(self.customers),
            "entities_added": self.added,
            "entities_amended": self.amended,
            "entities_removed": self.removed,
            "entities_rechecked": self.rechecked,
            "pairs_reached": self.reached,
            "pairs_past_floor": self.prescored,
            "customers_hit": self.hits,
            "lists": {k: {"from": a, "to": b} for k, (a, b) in self.lists.items()},
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
        }


def _query_schemata(listed_schema: str) -> frozenset[str]:
    """Customer schemata that can match a listed schema (screening's compatibility, reversed)."""
    return frozenset(q for q, listed in QUERY_SCHEMATA.items() if listed_schema in listed)


def _entity_ids(index: ListIndex) -> list[str]:
    return [index.entity_id(eid) for eid in range(index.entity_count)]


def _match_key(entity: Entity) -> tuple[object, ...]:
    """Everything of an entity its index entry is made of."""
    parts = tuple(entity.get(p) for p in ("firstName", "middleName", "fatherName", "lastName"))
    return (entity_snapshot(entity), sorted(entity.name_languages.items()), parts)


def _holders(index: ListIndex, text: str) -> set[int]:
    """Entities of ``index`` whose names are posted under the word ``text``."""
    wid = index.vocab.get(text)
    if wid is None:
        return set()
    arrays = index.arrays
    nids = arrays.post_names[arrays.post_start[wid] : arrays.post_start[wid + 1]]
    return set(arrays.name_entity[nids].tolist())


def _flipped(index: ListIndex, previous: ListIndex, changed: set[int]) -> set[int]:
    """Unchanged entities holding a word that is held by one entity only now and was not before, or the reverse.

    Args:
        previous: the changed entities as they were (amended and removed).
        changed: positions in ``index`` of the entities added or amended.
    """
    texts = set(previous.words)
    for eid in changed:
        for nid in index.entity_names(eid):
            texts.update(index.words[w] for w in index.name_words(nid))
    found: set[int] = set()
    for text in texts:
        now = _holders(index, text)
        before = len(now - changed) + len(_holders(previous, text))
        if (len(now) == 1) != (before == 1):
            found |= now - changed
    return found


def _check(jobs: list[_Job]) -> tuple[int, list[str]]:
    """How many pairs reach the retrieval floor, and the customers with a hit among them."""
    assert _shared is not None, "set before the workers fork"
    customers, indexes, rarity, threshold, load = _shared
    passed: dict[str, list[tuple[list[AnalyzedName], Candidate]]] = {}
    count = 0
    for key, c, eids in jobs:
        retrieval = _retrievals.get(key)
        if retrieval is None:
            retrieval = _retrievals[key] = PairRetrieval(indexes[key], rarity[key])
        # the customer's names as the portfolio index holds them: its query names, analyzed as screening does
        names = [customers.name(n) for n in customers.entity_names(c)]
        prepared = retrieval.prepare(names)
        for eid in eids:
            cand = retrieval.check(prepared, eid)
            if cand is not None:
                passed.setdefault(customers.entity_id(c), []).append((names, cand))
                count += 1
    customers.forget()  # a million customers' decoded names would not fit in memory
    hits: list[str] = []
    for customer in load(sorted(passed)):
        if any(score_candidate(customer.query, names, cand, threshold) for names, cand in passed[customer.id]):
            hits.append(customer.id)
    return count, hits


def _run_checks(jobs: list[_Job], workers: int) -> Iterator[tuple[int, list[str]]]:
    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    if workers > 1 and len(chunks) > 1 and os.name == "posix":
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap_unordered(_check, chunks)
    else:
        for chunk in chunks:
            yield _check(chunk)


def _changes(view: View, index: ListIndex, old_vid: int | None, plan: Plan) -> tuple[set[int], list[Entity]]:
    """Positions of the entities added or amended, and the entities removed or amended as they were."""
    new = view.version_hashes(index.version_id)
    old = view.version_hashes(old_vid) if old_vid is not None else {}
    position = {e: i for i, e in enumerate(_entity_ids(index))}
    gone = [view.record(old[e]) for e in sorted(old.keys() - new.keys())]
    plan.removed += len(gone)
    changed: set[int] = set()
    for entity_id, digest in new.items():
        was = old.get(entity_id)
        if was == digest:
            continue
        if was is not None:
            before = view.record(was)
            if _match_key(before) == _match_key(view.record(digest)):
                continue
            plan.amended += 1
            gone.append(before)
        else:
            plan.added += 1
        eid = position.get(entity_id)
        if eid is not None:  # else no usable name: screening cannot find it either
            changed.add(eid)
    return changed, gone


def _id_holders(customer_index: ListIndex, index: ListIndex, eid: int) -> set[str]:
    """Customers whose id numbers meet an identifier of entity ``eid`` that identifies on its own.

    Such a customer is a hit whatever its name (:data:`~embargo.matching.features.IDENTIFIER_FLOOR`),
    so it is screened again in full rather than reached through its names.
    """
    facts = index.facts(eid)
    found: set[str] = set()
    for value, kind in zip(facts.identifiers, facts.identifier_kinds, strict=True):
        if not identifies(kind, value):
            continue
        for key in query_keys(value):
            found.update(customer_index.entity_id(c) for c in customer_index.identifier_entities(key))
    return found


def plan_incremental(
    view: View,
    screener: Screener,
    customer_index: ListIndex,
    load_customers: Callable[[list[str]], Iterable[Customer]],
    before: dict[str, int],
    matched: dict[str, set[str]],
    threshold: float,
    rarity: dict[str, Rarity],
    workers: int | None = None,
) -> Plan:
    """The customers to screen again after the lists moved from versions ``before`` to the screener's.

    Args:
        load_customers: the portfolio's customers by id.
        matched: customer id to the entity ids of its hits at the last run.
        rarity: the frozen word weights the run screens with, by list name.
    """
    global _shared
    clock = time.perf_counter()
    plan = Plan()
    by_entity: dict[str, set[str]] = {}
    for cid, eids in matched.items():
        for e in eids:
            by_entity.setdefault(e, set()).add(cid)
    indexes = {i.list_name: i for i in screener.indexes}
    jobs: list[_Job] = []
    for index in screener.indexes:
        old_vid = before.get(index.list_name)
        if old_vid == index.version_id:
            continue
        plan.lists[index.list_name] = (old_vid, index.version_id)
        changed, gone = _changes(view, index, old_vid, plan)
        previous = build_index(index.list_name, -1, gone)
        flipped = _flipped(index, previous, changed)
        plan.rechecked += len(flipped)
        for entity_id in [e.id for e in gone] + [index.entity_id(eid) for eid in sorted(flipped)]:
            plan.customers |= by_entity.get(entity_id, set())
        found_c: list[npt.NDArray[np.int64]] = []
        found_e: list[npt.NDArray[np.int64]] = []
        for eid in sorted(changed):
            plan.customers |= _id_holders(customer_index, index, eid)
        for eid in sorted(changed | flipped):
            names = [index.name(nid) for nid in index.entity_names(eid)]
            allowed = customer_index.schema_codes(_query_schemata(index.schema(eid)))
            reached = reaching(customer_index, names, allowed)
            found_c.append(reached)
            found_e.append(np.full(len(reached), eid, dtype=np.int64))
        cs = np.concatenate(found_c) if found_c else np.empty(0, dtype=np.int64)
        if len(cs):  # (changed entities whose names reach no customer make no job)
            # the pairs grouped by customer: a customer's names are prepared once for all its entities
            es = np.concatenate(found_e)
            order = np.lexsort((es, cs))
            cs, es = cs[order], es[order]
            starts = np.flatnonzero(np.r_[True, cs[1:] != cs[:-1]]).tolist()
            ends = [*starts[1:], len(cs)]
            firsts, entities = cs[starts].tolist(), es.tolist()
            plan.reached += len(cs)
            plan.reached_at.update(firsts)
            jobs.extend((index.list_name, c, entities[a:b]) for c, a, b in zip(firsts, starts, ends, strict=True))
    plan.seconds["reach"] = time.perf_counter() - clock
    clock = time.perf_counter()
    _shared = (customer_index, indexes, rarity, threshold, load_customers)
    try:
        for count, hits in _run_checks(jobs, workers or os.cpu_count() or 1):
            plan.prescored += count
            plan.hits += len(hits)
            plan.customers.update(hits)
    finally:
        _shared = None
        _retrievals.clear()
        customer_index.forget()
    plan.seconds["check"] = time.perf_counter() - clock
    return plan
