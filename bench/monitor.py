"""Ongoing monitoring at portfolio scale: full re-screen against incremental after a list update.

    .venv/bin/python bench/monitor.py [--count 1000000] [--sample 10000] [--workers 2] [--reuse-baseline]

A copy of the benchmark store (every real list) gets a portfolio of ``--count`` customers: the
synthetic names of ``bench/synthetic.py`` (``bench/out/synthetic/synthetic.csv``: name, schema,
birth date, nationality). A first, full monitoring run screens all of them (timed: that is the
cost of a full re-screen). Then the OFAC SDN list gets a new version with 50 changed
designations (20 new entries named after real EU-listed people, 10 existing entries given a new
alias taken from other real listed names, 5 a new birth date, 5 a new program, 10 removed),
written and indexed as an import would; ``embargo monitor`` runs incrementally (timed) and then
again with nothing changed. Equality with a full re-screen after the update is checked on
``--sample`` random customers plus up to ``--sample`` customers the changed entries' names
reached but that were not screened again (the ones an error would hit): each is screened afresh
and its hits compared with what monitoring holds (customer, entity, score). The same screening
also times a full re-screen on the random sample. ``--reuse-baseline`` starts again from the
store saved after the full run. Writes the "Monitoring" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import copy
import csv
import itertools
import json
import random
import resource
import shutil
import sqlite3
import time
from pathlib import Path

from report import context_lines, fmt, table, write_section
from screen_sets import OUT

from embargo.index import build_version_index, index_dir, prune_indexes
from embargo.matching import ALGORITHM, DEFAULT_THRESHOLD
from embargo.model import Designation, Entity
from embargo.monitor import Monitor, Portfolio, list_alerts
from embargo.monitor._pool import screen_customers
from embargo.monitor._rarity import freeze_rarity, load_rarity
from embargo.screening import Screener
from embargo.store import Store

HEADING = "Monitoring"
SOURCE_DB = OUT / "bench.db"
SYNTHETIC = OUT / "synthetic" / "synthetic.csv"
LIST = "us_ofac_sdn"


def _backup(src: Path, dst: Path) -> None:
    """Copy a store (SQLite online backup, so a WAL store copies whole) and its index folder."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    target = sqlite3.connect(dst)
    source.backup(target)
    source.close()
    target.close()
    folder = Path(str(dst) + ".index")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(Path(str(src) + ".index"), folder)


def _customers(source: Path, path: Path, count: int) -> int:
    with source.open(encoding="utf-8", newline="") as src, path.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        writer.writerow(next(reader))
        n = 0
        for row in itertools.islice(reader, count):
            writer.writerow(row)
            n += 1
    return n


def update_list(store: Store, seed: int = 7) -> dict[str, int]:
    """A new version of the SDN list with 50 changed designations; returns what changed."""
    view = store.view()
    current = view.current_version(LIST)
    donors_version = view.current_version("eu_oj_russia")
    assert current is not None
    assert donors_version is not None
    rng = random.Random(seed)
    entities = list(view.iter_entities(current.id))
    donors = [e for e in view.iter_entities(donors_version.id) if e.schema == "Person" and e.get("name")]
    people = [e for e in entities if e.schema == "Person" and e.get("name")]
    removed = {e.id for e in rng.sample(entities, 10)}
    amended = rng.sample([e for e in people if e.id not in removed], 20)
    picked = rng.sample(donors, 30)
    changed: dict[str, Entity] = {}
    for e, donor in zip(amended[:10], picked[20:], strict=True):
        e = copy.deepcopy(e)
        e.add("alias", donor.get("name")[0])
        changed[e.id] = e
    for e in amended[10:15]:
        e = copy.deepcopy(e)
        e.properties["birthDate"] = [f"19{rng.randint(40, 89)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"]
        changed[e.id] = e
    for e in amended[15:20]:
        e = copy.deepcopy(e)
        e.designations.append(
            Designation(f"{e.id}-russia-eo14024", LIST, "US OFAC", "RUSSIA-EO14024", ["asset_freeze"], source_id=e.id)
        )
        changed[e.id] = e
    added = []
    for i, donor in enumerate(picked[:20]):
        uid = str(9_000_000 + i)
        e = Entity(donor.schema, f"us-ofac-sdn-{uid}", LIST, uid)
        e.properties = copy.deepcopy(donor.properties)
        e.name_languages = dict(donor.name_languages)
        e.designations = [
            Designation(f"us-ofac-sdn-{uid}-russia-eo14024", LIST, "US OFAC", "RUSSIA-EO14024", ["asset_freeze"])
        ]
        added.append(e)
    with store.writer() as w:
        w.begin_version(
            LIST,
            title=LIST,
            authority="US OFAC",
            format=current.format,
            url=None,
            content_hash=f"bench-monitor-update-{seed}-{time.time()}",
            files=current.files,
        )
        for e in entities:
            if e.id not in removed:
                w.add(changed.get(e.id, e))
        for e in added:
            w.add(e)
        version = w.finish(current.published, [], 0)
    build_version_index(store, version)
    prune_indexes(store, {i.current.id for i in store.view().lists() if i.current is not None})
    return {"added": len(added), "amended": len(changed), "removed": len(removed)}


def _record_empty_baseline(store: Store) -> None:
    """A first run that found no hits, without screening (``--no-full-run``), its word weights frozen as a run's."""
    lists = {i.name: i.current.id for i in store.view().lists() if i.current is not None}
    portfolio = Portfolio(store).current()
    assert portfolio is not None
    freeze_rarity(store, Screener.open(store).indexes)
    conn = store.connect()
    try:
        conn.execute("DELETE FROM monitor_runs")  # a baseline saved by an older embargo recorded another rule
        conn.execute(
            "INSERT INTO monitor_runs (started_at, finished_at, actor, mode, reason, portfolio_version, list_versions, "
            "threshold, hit_limit, algorithm, screened, hits, alerts, seconds) "
            "VALUES ('', '', 'bench', 'full', 'bench baseline without screening', ?, ?, ?, ?, ?, 0, 0, 0, 0)",
            (portfolio.id, json.dumps(lists, sort_keys=True), DEFAULT_THRESHOLD, 0, ALGORITHM),
        )
    finally:
        conn.close()


def _cpu() -> float:
    """CPU seconds of this process and its finished workers (the machine is shared: wall time is noisy)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _last_full(store: Store) -> str:
    """The list versions of the last full run (the word weights monitoring screens with)."""
    conn = store.connect()
    try:
        row = conn.execute("SELECT list_versions FROM monitor_runs WHERE mode = 'full' ORDER BY id DESC").fetchone()
    finally:
        conn.close()
    return str(row[0])


def _matches(store: Store, ids: set[str]) -> set[tuple[str, str, float]]:
    conn = store.connect()
    try:
        rows = conn.execute("SELECT customer_id, entity_id, score FROM matches").fetchall()
    finally:
        conn.close()
    return {(r[0], r[1], round(r[2], 4)) for r in rows if r[0] in ids}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="customers in the portfolio")
    parser.add_argument("--sample", type=int, default=10_000, help="customers of each equality sample")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=OUT / "monitor")
    parser.add_argument("--source-db", type=Path, default=SOURCE_DB, help="store with every real list (copied)")
    parser.add_argument("--synthetic", type=Path, default=SYNTHETIC, help="customer names (bench/synthetic.py)")
    parser.add_argument("--reuse-baseline", action="store_true", help="start from the store saved after the full run")
    parser.add_argument("--baseline-only", action="store_true", help="stop after saving the full run's store")
    parser.add_argument(
        "--no-full-run",
        action="store_true",
        help="record a baseline run with no hits instead of screening everyone (when the full run is too long); "
        "the full re-screen is then extrapolated from the random sample",
    )
    parser.add_argument("--heading", default=HEADING, help="section of docs/benchmarks.md to write")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    db, baseline, state_file = work / "monitor.db", work / "baseline.db", work / "baseline.json"
    if args.reuse_baseline:
        state = json.loads(state_file.read_text())
        _backup(baseline, db)
        shutil.copytree(Path(str(baseline) + ".index"), index_dir(Store(db)), dirs_exist_ok=True)
        if state["full"] is None:
            _record_empty_baseline(Store(db))
    else:
        state = {}
        _backup(args.source_db, db)
        store = Store(db)
        state["customers"] = _customers(args.synthetic, work / "customers.csv", args.count)
        t = time.perf_counter()
        Portfolio(store).load(work / "customers.csv", actor="bench")
        state["load_s"] = time.perf_counter() - t
        if args.no_full_run:
            _record_empty_baseline(store)
            state["full_s"] = None
            state["full"] = None
        else:
            t, cpu = time.perf_counter(), _cpu()
            full = Monitor(store, workers=args.workers).run(actor="bench")
            state["full_s"], state["full_cpu"] = time.perf_counter() - t, _cpu() - cpu
            state["full"] = {k: v for k, v in full.to_dict().items() if k != "alert_ids"}
        _backup(db, baseline)
        shutil.copytree(index_dir(store), Path(str(baseline) + ".index"), dirs_exist_ok=True)
        state_file.write_text(json.dumps(state, indent=2))
        print("baseline", json.dumps(state), flush=True)
        if args.baseline_only:
            return
    store = Store(db)
    t = time.perf_counter()
    changes = update_list(store)
    update_s = time.perf_counter() - t
    monitor = Monitor(store, workers=args.workers)
    t, cpu = time.perf_counter(), _cpu()
    inc = monitor.run(actor="bench")
    inc_s, inc_cpu = time.perf_counter() - t, _cpu() - cpu
    plan = monitor.last_plan
    t, cpu = time.perf_counter(), _cpu()
    again = monitor.run(actor="bench")
    again_s, again_cpu = time.perf_counter() - t, _cpu() - cpu
    print("incremental", inc_s, json.dumps(inc.plan), "again", again_s, again.screened, len(again.alerts))
    # a full re-screen of a random sample, timed (and, after a real full run, compared)
    rng = random.Random(11)
    portfolio = Portfolio(store)
    all_ids = sorted(portfolio.fingerprints())
    random_ids = set(rng.sample(all_ids, min(args.sample, len(all_ids))))
    screener = Screener.open(store)
    epoch = {str(k): int(v) for k, v in json.loads(_last_full(store)).items()}
    rarity = load_rarity(store, epoch, screener.indexes)
    customers = list(portfolio.customers(sorted(random_ids)))
    t, cpu = time.perf_counter(), _cpu()
    fresh = screen_customers(screener, customers, monitor.threshold, rarity, args.workers)
    sample_s, sample_cpu = time.perf_counter() - t, _cpu() - cpu
    n = state["customers"]
    sample_rate = len(customers) / sample_s
    cpu_rate = len(customers) / sample_cpu
    full_s = state["full_s"]
    lines = []
    if state["full"] is not None:
        at = sorted(plan.reached_at) if plan is not None else []
        pindex = portfolio.index()
        drawn = {pindex.entity_id(c) for c in rng.sample(at, min(len(at), 2 * args.sample))}
        reached = sorted(drawn - (plan.customers if plan is not None else set()))
        reached_ids = set(rng.sample(reached, min(args.sample, len(reached))))
        more = screen_customers(
            screener, list(portfolio.customers(sorted(reached_ids))), monitor.threshold, rarity, args.workers
        )
        fresh.update(more)
        expected = {(cid, h["entity_id"], round(h["score"], 4)) for cid, hits in fresh.items() for h in hits}
        sampled = random_ids | reached_ids
        held = _matches(store, sampled)
        differ = sorted(expected ^ held)
        # alerts: what a full re-screen would raise (pairs new since the baseline) against what the run raised
        before = _matches(Store(baseline), sampled)
        would_raise = {(c, e) for c, e, _ in expected} - {(c, e) for c, e, _ in before}
        raised = {
            (a.customer_id, a.entity_id) for a in list_alerts(store) if a.run_id == inc.id and a.customer_id in sampled
        }
        alert_differ = sorted(would_raise ^ raised)
        print("equality", len(expected), len(held), differ[:20], "alerts", len(would_raise), len(raised), alert_differ)
        lines = [
            f"- speed-up of the incremental run over the measured full run: **{full_s / inc_s:,.0f}x** wall "
            f"({full_s:,.0f} s / {inc_s:,.1f} s), **{state['full_cpu'] / inc_cpu:,.0f}x** CPU "
            f"({state['full_cpu']:,.0f} s / {inc_cpu:,.1f} s)",
            f"- equality with a full re-screen after the update: {len(random_ids):,} random customers and "
            f"{len(reached_ids):,} customers the changed names reached but the run did not screen again "
            f"(of {len(at):,} reached in all): {len(expected):,} hits expected, {len(held):,} held, "
            f"**{len(differ)} differences**" + (f" ({differ[:6]})" if differ else ""),
            f"- alerts on those customers: a full re-screen would raise {len(would_raise):,} (hits new since the "
            f"baseline), the incremental run raised {len(raised):,}: **{len(alert_differ)} differences**"
            + (f" ({alert_differ[:5]})" if alert_differ else ""),
        ]
    else:
        lines = ["- no full run (`--no-full-run`): the baseline is a recorded run with no hits, so the rules for "
                 "customers with hits screen no one; no equality check"]  # fmt: skip
    full_row = (
        ["full run (first monitoring run)", fmt(state["full"]["screened"]), fmt(full_s, 1),
         fmt(state["full_cpu"], 1), fmt(state["full"]["alerts_raised"])]
        if state["full"] is not None
        else ["full run", "not run", "–", "–", "–"]
    )  # fmt: skip
    body = [
        *context_lines(
            [
                f"portfolio: {n:,} synthetic customers (`bench/out/synthetic/synthetic.csv`), every real list",
                f"update: {LIST} new version with {changes['added']} new entries, {changes['amended']} amended "
                f"(10 new alias, 5 new birth date, 5 new program), {changes['removed']} removed",
                f"screening workers: {args.workers}; threshold {monitor.threshold}, every hit at or above it kept; "
                "the machine is shared with other jobs (wall times are noisy: CPU seconds, this process and its "
                "workers, are given too)",
            ]
        ),
        "",
        *table(
            ["step", "customers screened", "wall s", "CPU s", "alerts raised"],
            [
                ["portfolio load (store + name index)", fmt(n), fmt(state["load_s"], 1), "–", "–"],
                full_row,
                ["list update (store + index)", "–", fmt(update_s, 1), "–", "–"],
                [
                    "incremental run after the update",
                    fmt(inc.screened),
                    fmt(inc_s, 1),
                    fmt(inc_cpu, 1),
                    fmt(len(inc.alerts)),
                ],
                [
                    "incremental run, nothing changed",
                    fmt(again.screened),
                    fmt(again_s, 1),
                    fmt(again_cpu, 1),
                    fmt(len(again.alerts)),
                ],
                [
                    f"full re-screen of a random sample of {len(customers):,}",
                    fmt(len(customers)),
                    fmt(sample_s, 1),
                    fmt(sample_cpu, 1),
                    "–",
                ],
            ],
        ),
        "",
        f"- full re-screen extrapolated from the random sample, measured just after the incremental run: "
        f"{sample_rate:,.0f} customers/s, {n / sample_rate:,.0f} s for {n:,}; incremental speed-up over it: "
        f"**{n / sample_rate / inc_s:,.0f}x** wall; in CPU seconds {cpu_rate:,.0f} customers/s, "
        f"{n / cpu_rate:,.0f} s for {n:,}, speed-up **{n / cpu_rate / inc_cpu:,.0f}x**",
        *lines,
        "- the fresh screen applies monitoring's rule (every hit at or above the threshold, word weights frozen at "
        "the last full run), the rule the full and the incremental runs apply",
        f"- incremental plan: {json.dumps({k: v for k, v in inc.plan.items() if k != 'lists'})}",
    ]
    if args.no_write:
        print("\n".join(body))
    else:
        write_section(args.heading, body)


if __name__ == "__main__":
    main()
