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
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from embargo.audit import append
from embargo.errors import NotFoundError
from embargo.index import Rarity
from embargo.matching import ALGORITHM, DEFAULT_THRESHOLD
from embargo.model import Entity
from embargo.monitor._incremental import Plan, plan_incremental
from embargo.monitor._pool import screen_customers
from embargo.monitor._rarity import freeze_rarity, load_rarity
from embargo.monitor._runlock import run_lock
from embargo.monitor._tx import default_actor, now, read, write
from embargo.monitor.customers import Customer
from embargo.monitor.decisions import raise_reason
from embargo.monitor.fingerprint import entity_snapshot, snapshot_fingerprint
from embargo.monitor.portfolio import Portfolio
from embargo.monitor.queue import record_programs
from embargo.screening import Screener
from embargo.store import Store

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
        with read(self.store) as conn:
            row = conn.execute("SELECT * FROM monitor_runs ORDER BY id DESC LIMIT 1").fetchone()
            return dict(row) if row else None

    def _epoch(self) -> dict[str, int] | None:
        """The list versions of the last full run (whose word weights later runs use)."""
        with read(self.store) as conn:
            row = conn.execute(
                "SELECT list_versions FROM monitor_runs WHERE mode = 'full' ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return None if row is None else {str(k): int(v) for k, v in json.loads(row[0]).items()}

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
        return self._commit(
            hits, customers, mode, reason, lists, version.id, started, clock, actor or default_actor(), plan
        )

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
        with read(self.store) as conn:
            found: dict[str, set[str]] = {}
            for cid, eid in conn.execute("SELECT customer_id, entity_id FROM matches"):
                found.setdefault(cid, set()).add(eid)
            return found

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
    ) -> RunResult:
        by_id = {c.id: c for c in customers}
        lists_json = json.dumps(lists, sort_keys=True)
        with write(self.store) as conn:
            cur = conn.execute(
                "INSERT INTO monitor_runs (started_at, finished_at, actor, mode, reason, portfolio_version, "
                "list_versions, threshold, hit_limit, algorithm, screened, hits, alerts, seconds) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0) RETURNING id",
                (started, started, actor, mode, reason, portfolio_version, lists_json, self.threshold, _EVERY_HIT,
                 ALGORITHM),
            )  # fmt: skip
            run_id = int(cur.fetchone()[0])
            if mode == "full":
                conn.execute("DELETE FROM matches")
            else:
                conn.executemany("DELETE FROM matches WHERE customer_id = ?", [(cid,) for cid in hits])
                conn.execute("DELETE FROM matches WHERE customer_id NOT IN (SELECT id FROM customers)")
            entities = _entities(conn, lists, {h["entity_id"] for found in hits.values() for h in found})
            raised: list[int] = []
            total = 0
            for cid in sorted(hits):
                customer = by_id[cid]
                cdata, cfp = customer.to_dict(), customer.fingerprint
                for hit in hits[cid]:
                    total += 1
                    conn.execute(
                        "INSERT INTO matches (customer_id, entity_id, list, score, run_id) VALUES (?, ?, ?, ?, ?)",
                        (cid, hit["entity_id"], hit["list"], hit["score"], run_id),
                    )
                    snap = entities[hit["entity_id"]]
                    efp = snapshot_fingerprint(snap)
                    why = raise_reason(conn, cid, hit["entity_id"], cfp, efp, cdata, snap)
                    if why is not None:
                        shown = _with_unreadable(hit, customer)
                        raised.append(_raise(conn, run_id, actor, shown, lists, cdata, cfp, snap, efp, why))
            seconds = time.perf_counter() - clock
            finished = now()
            conn.execute(
                "UPDATE monitor_runs SET finished_at = ?, screened = ?, hits = ?, alerts = ?, seconds = ? WHERE id = ?",
                (finished, len(hits), total, len(raised), seconds, run_id),
            )
            result = RunResult(
                run_id, mode, reason, len(hits), total, raised, seconds, lists, portfolio_version,
                plan.to_dict() if plan is not None else {},
            )  # fmt: skip
            payload = {k: v for k, v in result.to_dict().items() if k not in ("alert_ids", "seconds")}
            append(conn, actor, "monitor.run", {**payload, "threshold": self.threshold, "algorithm": ALGORITHM})
        return result


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


def _entities(conn: sqlite3.Connection, lists: dict[str, int], entity_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Match snapshots of the hit entities, from the current versions the run screened against."""
    found: dict[str, dict[str, Any]] = {}
    wanted = sorted(entity_ids)
    versions = ",".join(str(int(v)) for v in lists.values())
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            "SELECT ve.entity_id, r.data FROM version_entities ve JOIN records r ON r.hash = ve.record_hash "
            f"WHERE ve.version_id IN ({versions}) AND ve.entity_id IN ({marks})",
            part,
        )
        for eid, data in rows:
            found[eid] = entity_snapshot(Entity.from_dict(json.loads(data)))
    return found


def _raise(
    conn: sqlite3.Connection,
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
    cur = conn.execute(
        "INSERT INTO alerts (run_id, created_at, customer_id, entity_id, list, list_version, list_versions, score, "
        "caption, schema, matched_name, query_name, algorithm, explanation, reason, customer_fingerprint, "
        "entity_fingerprint, customer_data, entity_data, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING id",
        (
            run_id, at, cdata["id"], hit["entity_id"], hit["list"], lists[hit["list"]],
            json.dumps(lists, sort_keys=True), hit["score"], hit["caption"], hit["schema"], hit["matched_name"],
            hit["query_name"], hit["algorithm"], json.dumps(hit["explanation"], ensure_ascii=False), reason, cfp, efp,
            json.dumps(cdata, ensure_ascii=False, sort_keys=True), json.dumps(snap, ensure_ascii=False, sort_keys=True),
        ),
    )  # fmt: skip
    alert_id = int(cur.fetchone()[0])
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
