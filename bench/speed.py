"""Speed benchmark with every real list loaded: single-query latency and batch throughput.

    .venv/bin/python bench/speed.py [--latency-queries 2000] [--batch-rows 10000] [--repeats 3]
        [--batch-only] [--skip-peers]

``--batch-only`` leaves out the latency section, ``--skip-peers`` the peers (nomenklatura's
batch alone takes about 160 s a run); either prints its tables instead of writing them.

Latency: queries drawn (seeded) half from the yente positives, half from the negatives. embargo
screens them in this process pinned to one core, after a warm-up; the peers time their own
single queries pinned to one core (nomenklatura's blocker runs one DuckDB pass per query). The
index open time is embargo's ``Screener.open``; the peers' "index" is their load + build.

Batch: one query file (the 1,366 UN positives plus negatives up to ``--batch-rows``) through
``embargo screen --input``, nomenklatura's blocker + logic-v2 and the rapidfuzz scan, each as a
whole command (embargo's steady-state rows/s, once its indexes are open, from its own summary),
in turns (embargo, nomenklatura, rapidfuzz, embargo, ...) so drift hits all
alike; wall time is the median of the repeats and the ratios are taken repeat by repeat. Each
engine's recall on the UN positives and hit rate on the negatives come from the same outputs,
so throughput can be compared at equal or better recall. Writes "Speed (every real list)".
"""

from __future__ import annotations

import argparse
import random
import statistics
from pathlib import Path
from typing import Any

import embargo_side
import peer_side
from listed import Listed
from name_sets import QueryRow, sample, write_queries
from report import context_lines, fmt, table
from screen_sets import OUT, ScreenSets, load_screen_sets, score_hits
from speed_run import PEER_LABELS, embargo_latency, finish, latency_row, speed_parser, start

WORK = OUT / "speed"
HEADING = "Speed (every real list)"


def latency_queries(sets: ScreenSets, count: int, seed: int) -> list[QueryRow]:
    """Half positives (UN treated/untreated), half negatives, seeded; warm-up rows come first."""
    positives = [q for q in sets.queries if q.id.startswith("yente_cgb_positives_un")]
    negatives = [q for q in sets.queries if q.id.startswith("yente_cgb_negatives")]
    rng = random.Random(seed)
    half = count // 2
    chosen = rng.sample(positives, min(half, len(positives))) + rng.sample(negatives, count - min(half, len(positives)))
    rng.shuffle(chosen)
    return chosen


def cold_start(db: Path, repeats: int) -> float | None:
    """Median wall time of ``embargo screen NAME`` as a fresh process (None if it fails)."""
    walls = []
    for _ in range(repeats):
        timed = peer_side.run_timed(embargo_side.screen_command(db, "Alexander Lukashenko"))
        if timed.returncode != 0:
            return None
        walls.append(timed.wall_s)
    return statistics.median(walls)


def prepare(db: Path) -> str:
    """Make what embargo keeps once per machine (rigour's person-name lexicon) before anything is timed."""
    wall = cold_start(db, 1)
    took = "failed" if wall is None else f"{wall:.1f} s"
    return f"untimed first query (makes rigour's person-name lexicon on a new machine): {took}"


def latency_rows(
    db: Path, export: Path, queries: list[QueryRow], args: argparse.Namespace, ok: bool
) -> list[list[str]]:
    """One row per engine: queries timed, p50, p99, mean, index open / build."""
    path = WORK / "latency_queries.csv"
    write_queries(path, queries)
    rows: list[list[str]] = []
    if args.batch_only:
        return rows
    if ok:
        result = embargo_latency(db, queries, args.warmup)
        cold = cold_start(db, 5)
        note = f"open {result['open_s']:.3f} s; cold CLI query {'–' if cold is None else f'{cold:.2f} s'}"
        rows.append(latency_row("embargo (in-process)", result["latencies_ms"], note))
    else:
        rows.append(["embargo (in-process)", "–", "–", "–", "–", "not measured (see note above)"])
    for peer in () if args.skip_peers else ("nomenklatura", "rapidfuzz"):
        _, stats = peer_side.run_peer(
            peer,
            export,
            path,
            WORK / f"{peer}.latency.jsonl",
            WORK / f"{peer}.latency.json",
            peer_side.LOGIC_V2_THRESHOLD,
            per_query=args.peer_latency_queries,
            one_core=True,
        )
        note = (
            f"load + build {stats['index_build_s'] + stats['load_s']:.1f} s"
            if peer == "nomenklatura"
            else f"load {stats['load_s']:.1f} s"
        )
        rows.append(latency_row(PEER_LABELS[peer], stats["latencies_ms"], note))
    return rows


def batch(
    db: Path, export: Path, sets: ScreenSets, args: argparse.Namespace, ok: bool
) -> tuple[list[list[str]], list[str]]:
    """Whole-command batch runs in turns; table rows and notes."""
    positives = [q for q in sets.queries if q.id.startswith("yente_cgb_positives_un")]
    negatives = [q for q in sets.queries if q.id.startswith("yente_cgb_negatives")]
    rows_in = positives + sample(negatives, max(0, args.batch_rows - len(positives)), args.seed)
    path = WORK / "batch_queries.csv"
    n = write_queries(path, rows_in)
    batch_sets = ScreenSets()
    chosen = {q.id for q in rows_in}
    for name, ids in sets.members.items():
        keep = [i for i in ids if i in chosen]
        if keep:
            batch_sets.members[name] = keep
    batch_sets.expected, batch_sets.recall_sets = sets.expected, sets.recall_sets
    engines = (["embargo"] if ok else []) + ([] if args.skip_peers else ["nomenklatura", "rapidfuzz"])
    walls: dict[str, list[float]] = {e: [] for e in engines}
    rss: dict[str, float] = {}
    extra: dict[str, dict[str, Any]] = {}
    steady: list[float] = []
    for _ in range(args.repeats):
        for engine in engines:
            output = WORK / f"{engine}.batch.jsonl"
            if engine == "embargo":
                summary = WORK / "embargo.batch.json"
                timed = peer_side.run_timed(embargo_side.batch_command(db, path, output, summary))
                if timed.returncode != 0:
                    raise SystemExit(f"embargo screen --input failed:\n{timed.stderr}")
                steady.append(float(embargo_side.read_batch_summary(summary)["screening_rows_per_second"]))
            else:
                timed, extra[engine] = peer_side.run_peer(
                    engine, export, path, output, WORK / f"{engine}.batch.json", peer_side.LOGIC_V2_THRESHOLD
                )
            walls[engine].append(timed.wall_s)
            rss[engine] = max(rss.get(engine, 0.0), timed.peak_rss_mib)
    table_rows = []
    for engine in engines:
        output = WORK / f"{engine}.batch.jsonl"
        hits = list(embargo_side.read_batch_hits(output)) if engine == "embargo" else peer_side.read_hits(output)
        scored = score_hits(batch_sets, hits)
        wall = statistics.median(walls[engine])
        ratio = "–"
        if "embargo" in walls and engine != "embargo":
            ratio = f"{statistics.median(p / e for e, p in zip(walls['embargo'], walls[engine], strict=True)):.1f}x"
        match_only = "–"
        if engine in extra:
            match_only = fmt(n / extra[engine]["match_s"], 0)
        elif engine == "embargo" and steady:
            match_only = fmt(statistics.median(steady), 0)
        rates = [r.value for name, r in scored.items() if name.startswith("negatives") and r.value == r.value]
        negative_rate = statistics.fmean(rates) if rates else float("nan")
        table_rows.append(
            [
                "embargo screen --input" if engine == "embargo" else PEER_LABELS[engine],
                fmt(wall, 1),
                fmt(n / wall, 0),
                match_only,
                f"{rss[engine]:,.0f}",
                fmt(scored["UN untreated"].value),
                fmt(scored["UN treated (typos)"].value),
                fmt(negative_rate),
                ratio,
            ]
        )
    notes = [
        f"{n:,} query rows ({len(positives):,} UN positives, the rest sampled negatives); {args.repeats} runs each"
    ]
    return table_rows, notes


def main() -> None:
    parser = speed_parser(__doc__, peer_latency_queries=300)
    parser.add_argument("--latency-queries", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--batch-rows", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-only", action="store_true", help="leave out the latency section")
    parser.add_argument(
        "--skip-peers",
        action="store_true",
        help="embargo alone (compare with the peers' last published times); prints, never writes",
    )
    args = parser.parse_args()
    if args.batch_only or args.skip_peers:
        args.no_write = True  # a partial run must not replace the published section
    run = start(args, WORK)
    sets = load_screen_sets(embargo_side.shared_data_dir() / "names", run.listed, {"yente"}, 25_000, args.seed)
    queries = latency_queries(sets, args.latency_queries, args.seed)
    prepared = prepare(run.db) if run.embargo else "embargo left out"
    lat_rows = latency_rows(run.db, run.export, queries, args, run.embargo)
    batch_rows, notes = batch(run.db, run.export, sets, args, run.embargo)
    body = [
        *context_lines(
            [
                f"store: {_store_summary(run.listed)}",
                "peers: left out (--skip-peers)"
                if args.skip_peers
                else f"peers: {peer_side.peer_versions()}; logic-v2 and rapidfuzz at {peer_side.LOGIC_V2_THRESHOLD}",
                prepared,
                run.took(),
                *run.left_out(),
            ]
        ),
        "",
        "### Single-query latency (one core, ms)",
        "",
        *table(["engine", "queries", "p50", "p99", "mean", "index"], lat_rows),
        "",
        "### Batch throughput (whole command, same input file)",
        "",
        *[f"- {note}" for note in notes],
        "- rows/s (match only): excluding the peer's own load and index build (its stats); for embargo,"
        " excluding start-up (reading the file, opening the indexes: its --json summary)",
        "- peer / embargo: how many times longer the peer's whole command took, median of the runs",
        "",
        *table(
            [
                "engine",
                "wall s",
                "rows/s",
                "rows/s (match only)",
                "peak RSS MiB",
                "recall UN untreated",
                "recall UN treated",
                "negatives with a hit",
                "peer / embargo",
            ],
            batch_rows,
        ),
        "",
    ]
    finish(args, HEADING, body)


def _store_summary(listed: list[Listed]) -> str:
    lists = sorted({d for party in listed for d in party.datasets})
    names = sum(len(party.names) for party in listed)
    return f"{len(listed):,} listed parties, {names:,} names, lists: {', '.join(lists)}"


if __name__ == "__main__":
    main()
