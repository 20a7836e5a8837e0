"""Ongoing monitoring: screen the portfolio again after the lists or the customers change.

The first run (or ``full=True``, or a run with another threshold, matching
algorithm or set of lists than the last full run) screens every customer.
Later runs are incremental (:mod:`._incremental`): only customers added or
changed since the last run, and customers a new, amended or removed
designation can touch. Their hits replace their previous ones in
``matches``; a hit becomes an alert only when
:func:`~embargo.monitor.decisions.raise_reason` says so, so running again
with nothing changed raises nothing. Everything a run writes (matches,
alerts, the run, their audit records) is one transaction.

Every hit at or above the threshold is kept (no cut to the best few per
customer), and words weigh what they weighed at the last full run
(:mod:`._rarity`): whether a pair is a hit depends on that customer and that
entity only, so an incremental run gives exactly what a full re-screen
after it would (until the next full run refreshes the weights).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from embargo.audit import append
from embargo.errors import NotFoundError
from embargo.index import Rarity
from embargo.matching import ALGORITHM, DEFAULT_THRESHOLD
from embargo.model import Entity
from embargo.monitor._clock import default_actor, now
from embargo.monitor._incremental import Plan, plan_incremental
from embargo.monitor._pool import screen_customers
from embargo.monitor._rarity import freeze_rarity, load_rarity
from embargo.monitor._runlock import run_lock
from embargo.monitor.customers import Customer
from embargo.monitor.decisions import raise_reason
from embargo.monitor.fingerprint import entity_snapshot, snapshot_fingerprint
from embargo.monitor.owned import MONITORED_KEY, monitored_generation, owned_snapshot, screen_owned
from embargo.monitor.portfolio import Portfolio
from embargo.monitor.queue import record_programs
from embargo.screening import Screener
from embargo.screening.owned import OWNERSHIP_LIST
from embargo.store import Store, alerts, cases, entities, meta, runs
from embargo.store.connection import Connection

__all__ = ["DEFAULT_LIMIT", "Monitor", "RunResult"]

#: Kept for callers that still pass a hit limit: monitoring keeps every hit at or above the threshold.
DEFAULT_LIMIT = 10
#: What ``monitor_runs.hit_limit`` records: 0, every hit (runs of older versions recorded a cut).
_EVERY_HIT = 0


@dataclass(slots=True)
class RunResult:
    """What one monitoring run did."""

    id: int
    mode: str
    reason: str
    screened: int
    hits: int
    alerts: list[int]
    seconds: float
    list_versions: dict[str, int]
    portfolio_version: int
    plan: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "id": self.id,
            "mode": self.mode,
            "reason": self.reason,
            "screened": self.screened,
            "hits": self.hits,
            "alerts_raised": len(self.alerts),
            "alert_ids": self.alerts[:1000],
            "seconds": round(self.seconds, 3),
            "list_versions": self.list_versions,
            "portfolio_version": self.portfolio_version,
            "plan": self.plan,
        }


class Monitor:
    """Screens a store's portfolio against its current lists and raises alerts.

    Args:
        store: the store holding lists and portfolio.
        threshold: hit threshold (default: the algorithm's).
        limit: ignored (every hit at or above the threshold is kept: a cut to
            the best few would make one pair's verdict depend on other
            entities); accepted so older callers keep working.
        workers: screening processes (default: one per core).
    """

    def __init__(
        self, store: Store, threshold: float | None = None, limit: int = DEFAULT_LIMIT, workers: int | None = None
    ) -> None:
        del limit
        self.store = store
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self.workers = workers
        self.portfolio = Portfolio(store)
        #: what the last incremental run of this object planned (None after a full run)
        self.last_plan: Plan | None = None

    def last_run(self) -> dict[str, Any] | None:
        """The latest run's row, or None."""
        with self.store.reading("monitoring runs") as conn:
            return runs.last_run(conn)

    def _epoch(self) -> dict[str, int] | None:
        """The list versions of the last full run (whose word weights later runs use)."""
        with self.store.reading("monitoring runs") as conn:
            return runs.last_full_versions(conn)

    def _mode(
        self, full: bool, last: dict[str, Any] | None, epoch: dict[str, int] | None, lists: dict[str, int]
    ) -> tuple[str, str]:
        if full:
            return "full", "asked for a full run"
        if last is None or epoch is None:
            return "full", "first run"
        if last["algorithm"] != ALGORITHM:
            return "full", f"the matching algorithm changed ({last['algorithm']} to {ALGORITHM})"
        if abs(last["threshold"] - self.threshold) > 1e-9:
            return "full", "the threshold changed"
        if last["hit_limit"] != _EVERY_HIT:
            return "full", "the last run kept only the best hits per customer; every hit is kept now"
        if set(epoch) != set(lists):
            return "full", "a list was added or removed since the last full run"
        return "incremental", "lists or customers changed since run " + str(last["id"])

    def run(
        self,
        *,
        full: bool = False,
        actor: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> RunResult:
        """Screen what needs screening and raise alerts for what is new.

        Raises:
            NotFoundError: the portfolio is empty or no list has been imported.
            LockedError: another monitoring run is in progress on this store (refused at once), or
                another process is writing to the store.
        """
        with run_lock(self.store):
            return self._run(full, actor, progress)

    def _run(self, full: bool, actor: str | None, progress: Callable[[int, int], None] | None) -> RunResult:
        started, clock = now(), time.perf_counter()
        version = self.portfolio.current()
        if version is None:
            raise NotFoundError("the portfolio is empty: load customers first (embargo portfolio load FILE)")
        screener = Screener.open(self.store)
        if not screener.indexes:
            raise NotFoundError("no list imported yet: run embargo update first")
        lists = {i.list_name: i.version_id for i in screener.indexes}
        last = self.last_run()
        epoch = self._epoch()
        mode, reason = self._mode(full, last, epoch, lists)
        plan: Plan | None = None
        self.last_plan = None
        if mode == "full" or last is None or epoch is None:
            rarity = freeze_rarity(self.store, screener.indexes)
            customers = list(self.portfolio.customers())
        else:
            rarity = load_rarity(self.store, epoch, screener.indexes)
            before = json.loads(last["list_versions"])
            if all(before.get(name) == vid for name, vid in lists.items()):
                plan = Plan()  # no list moved: only changed customers, no need for the portfolio's name index
            else:
                plan = plan_incremental(
                    self.store.view(),
                    screener,
                    self.portfolio.index(),
                    self.portfolio.customers,
                    before,
                    self._matched(),
                    self.threshold,
                    rarity,
                    self.workers,
                )
            changed = self.portfolio.changed_since(int(last["portfolio_version"]))
            plan.customers |= changed
            if not plan.lists and not changed and version.id == last["portfolio_version"]:
                reason = f"nothing changed since run {last['id']}"
            customers = list(self.portfolio.customers(sorted(plan.customers)))
            self.last_plan = plan
        hits = screen_customers(screener, customers, self.threshold, rarity, self.workers, progress)
        owned = self._owned_pass(screener, mode, customers)
        return self._commit(
            hits, customers, mode, reason, lists, version.id, started, clock, actor or default_actor(), plan, owned
        )

    def _owned_pass(self, screener: Screener, mode: str, customers: list[Customer]) -> _OwnedPass:
        """The ownership pass (:mod:`.owned`): every customer when the computation moved, else those screened."""
        number = screener.owned.generation if screener.owned is not None else 0
        with self.store.reading("monitoring runs") as conn:
            moved = monitored_generation(conn) != number
        scope = list(self.portfolio.customers()) if moved and mode != "full" else customers
        found = screen_owned(screener, scope, self.threshold)
        owned = screener.owned
        snaps = {
            eid: owned_snapshot(owned.entities[eid], owned.verdicts(eid))
            for eid in {h["entity_id"] for hs in found.values() for h in hs}
            if owned is not None
        }
        return _OwnedPass(number, found, {c.id: c for c in scope}, snaps)

    def screen_afresh(self, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Hits of customers (every customer if ``ids`` is None) screened from scratch, writing nothing.

        The rule and the word weights a run now would apply (those of the last
        full run, or the current lists' if there is none): what an
        incremental run must equal.
        """
        screener = Screener.open(self.store)
        epoch = self._epoch()
        if epoch is None:
            rarity = {i.list_name: Rarity.of(i) for i in screener.indexes}
        else:
            rarity = load_rarity(self.store, epoch, screener.indexes)
        customers = list(self.portfolio.customers(None if ids is None else sorted(ids)))
        return screen_customers(screener, customers, self.threshold, rarity, self.workers)

    def _matched(self) -> dict[str, set[str]]:
        with self.store.reading("monitoring matches") as conn:
            return runs.matched(conn)

    def _commit(
        self,
        hits: dict[str, list[dict[str, Any]]],
        customers: list[Any],
        mode: str,
        reason: str,
        lists: dict[str, int],
        portfolio_version: int,
        started: str,
        clock: float,
        actor: str,
        plan: Plan | None,
        owned: _OwnedPass | None = None,
    ) -> RunResult:
        by_id = {c.id: c for c in customers}
        owned = owned or _OwnedPass()
        by_id.update(owned.customers)
        lists_json = json.dumps(lists, sort_keys=True)
        with self.store.transaction() as conn:
            run_id = runs.insert_run(
                conn,
                started_at=started,
                actor=actor,
                mode=mode,
                reason=reason,
                portfolio_version=portfolio_version,
                list_versions=lists_json,
                threshold=self.threshold,
                hit_limit=_EVERY_HIT,
                algorithm=ALGORITHM,
            )
            if mode == "full":
                runs.clear_matches(conn)
            else:
                runs.delete_matches(conn, hits)
                runs.delete_orphan_matches(conn)
            # the ownership pass's customers not screened against the lists lose only their ownership hits
            runs.delete_list_matches(conn, set(owned.hits) - set(hits), OWNERSHIP_LIST)
            entities = _entities(conn, lists, {h["entity_id"] for found in hits.values() for h in found})
            entities.update(owned.snapshots)
            versions = {**lists, OWNERSHIP_LIST: owned.generation}
            raised: list[int] = []
            total = 0
            for cid in sorted(set(hits) | set(owned.hits)):
                customer = by_id[cid]
                cdata, cfp = customer.to_dict(), customer.fingerprint
                for hit in [*hits.get(cid, ()), *owned.hits.get(cid, ())]:
                    total += 1
                    runs.insert_match(conn, cid, hit["entity_id"], hit["list"], hit["score"], run_id)
                    snap = entities[hit["entity_id"]]
                    efp = snapshot_fingerprint(snap)
                    why = raise_reason(conn, cid, hit["entity_id"], cfp, efp, cdata, snap)
                    if why is not None:
                        shown = _with_unreadable(hit, customer)
                        at = (
                            versions if hit["list"] == OWNERSHIP_LIST else lists
                        )  # an ownership alert names its computation
                        raised.append(_raise(conn, run_id, actor, shown, at, cdata, cfp, snap, efp, why))
            meta.put(conn, MONITORED_KEY, str(owned.generation))
            seconds = time.perf_counter() - clock
            finished = now()
            runs.finish_run(conn, run_id, finished, len(hits), total, len(raised), seconds)
            result = RunResult(
                run_id, mode, reason, len(hits), total, raised, seconds, lists, portfolio_version,
                plan.to_dict() if plan is not None else {},
            )  # fmt: skip
            payload = {k: v for k, v in result.to_dict().items() if k not in ("alert_ids", "seconds")}
            append(conn, actor, "monitor.run", {**payload, "threshold": self.threshold, "algorithm": ALGORITHM})
        return result


@dataclass(slots=True)
class _OwnedPass:
    """What the ownership pass found: the computation screened, hits by customer, the customers, the snapshots."""

    generation: int = 0
    hits: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    customers: dict[str, Customer] = field(default_factory=dict)
    snapshots: dict[str, dict[str, Any]] = field(default_factory=dict)


def _with_unreadable(hit: dict[str, Any], customer: Customer) -> dict[str, Any]:
    """The hit, its explanation saying which of the customer's values could not be read (scored without them)."""
    if not customer.unreadable:
        return hit
    notes = [
        {
            "feature": "unreadable",
            "score": 0.0,
            "detail": f"customer {u.field} {u.value!r}: {u.reason}; scored without it",
        }
        for u in customer.unreadable
    ]
    return {**hit, "explanation": [*hit["explanation"], *notes]}


def _entities(conn: Connection, lists: dict[str, int], entity_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Match snapshots of the hit entities, from the current versions the run screened against."""
    found: dict[str, dict[str, Any]] = {}
    for eid, data in entities.entity_data(conn, lists.values(), entity_ids):
        found[eid] = entity_snapshot(Entity.from_dict(json.loads(data)))
    return found


def _raise(
    conn: Connection,
    run_id: int,
    actor: str,
    hit: dict[str, Any],
    lists: dict[str, int],
    cdata: dict[str, Any],
    cfp: str,
    snap: dict[str, Any],
    efp: str,
    reason: str,
) -> int:
    at = now()
    alert_id = alerts.insert(
        conn,
        run_id=run_id,
        created_at=at,
        customer_id=cdata["id"],
        entity_id=hit["entity_id"],
        list_name=hit["list"],
        list_version=lists[hit["list"]],
        list_versions=json.dumps(lists, sort_keys=True),
        score=hit["score"],
        caption=hit["caption"],
        schema=hit["schema"],
        matched_name=hit["matched_name"],
        query_name=hit["query_name"],
        algorithm=hit["algorithm"],
        explanation=json.dumps(hit["explanation"], ensure_ascii=False),
        reason=reason,
        customer_fingerprint=cfp,
        entity_fingerprint=efp,
        customer_data=json.dumps(cdata, ensure_ascii=False, sort_keys=True),
        entity_data=json.dumps(snap, ensure_ascii=False, sort_keys=True),
        case_id=cases.case_for(conn, cdata["id"], hit["entity_id"], at),
    )
    record_programs(conn, alert_id, snap)
    append(
        conn,
        actor,
        "alert.raise",
        {
            "alert_id": alert_id,
            "run_id": run_id,
            "customer_id": cdata["id"],
            "entity_id": hit["entity_id"],
            "list": hit["list"],
            "list_version": lists[hit["list"]],
            "score": hit["score"],
            "algorithm": hit["algorithm"],
            "reason": reason,
            "customer_fingerprint": cfp,
            "entity_fingerprint": efp,
        },
        at=at,
    )
    return alert_id
