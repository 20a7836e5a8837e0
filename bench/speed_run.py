"""What the speed benchmarks (``speed.py``, ``synthetic.py``) share: flags, start, latency rows, output.

Both scripts take the same flags beside their own, check the peers, build or
reuse the benchmark store, time embargo's single queries in this process on
one core, turn latencies into table rows, and write (or print) their section.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import embargo_side
import peer_side
from listed import Listed
from metrics import percentile
from name_sets import QueryRow
from report import fmt, write_section
from screen_sets import benchmark_store

__all__ = ["PEER_LABELS", "SpeedRun", "embargo_latency", "finish", "latency_row", "speed_parser", "start"]

PEER_LABELS = {"nomenklatura": "nomenklatura blocker + logic-v2", "rapidfuzz": "rapidfuzz scan"}


def speed_parser(doc: str, peer_latency_queries: int) -> argparse.ArgumentParser:
    """A parser with the flags every speed benchmark takes (the script adds its own)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--peer-latency-queries", type=int, default=peer_latency_queries)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--reuse-store", action="store_true", help="keep bench/out/bench.db if it exists")
    parser.add_argument("--no-write", action="store_true", help="print instead of updating docs/benchmarks.md")
    parser.add_argument("--peers-only", action="store_true", help="leave embargo out even when it is importable")
    return parser


@dataclass
class SpeedRun:
    """A started benchmark: the store, its export, why embargo is left out (None if it is not)."""

    db: Path
    export: Path
    listed: list[Listed]
    reason: str | None
    started: float = field(default_factory=time.perf_counter)

    @property
    def embargo(self) -> bool:
        """Whether embargo is measured in this run."""
        return self.reason is None

    def took(self) -> str:
        """The context line with the run's wall time so far."""
        return f"took {time.perf_counter() - self.started:.0f} s"

    def left_out(self) -> list[str]:
        """The context line saying embargo was left out, if it was."""
        return [f"**embargo: {self.reason}** (peer numbers only)"] if self.reason else []


def start(args: argparse.Namespace, work: Path) -> SpeedRun:
    """Check the peers, make the work folder, build (or reuse) the benchmark store."""
    if not getattr(args, "skip_peers", False):
        peer_side.require_peers()
    reason = "left out (--peers-only)" if args.peers_only else embargo_side.unavailable()
    started = time.perf_counter()
    work.mkdir(parents=True, exist_ok=True)
    db, export, listed = benchmark_store(not args.reuse_store)
    return SpeedRun(db, export, listed, reason, started)


def embargo_latency(db: Path, queries: list[QueryRow], warmup: int) -> dict[str, Any]:
    """Open time and per-query latencies of embargo in this process, on one core."""
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        started = time.perf_counter()
        screener = embargo_side.open_screener(db)
        open_s = time.perf_counter() - started
        for row in queries[:warmup]:
            screener.screen(row)
        latencies = []
        for row in queries:
            t0 = time.perf_counter()
            screener.screen(row)
            latencies.append((time.perf_counter() - t0) * 1000)
    finally:
        os.sched_setaffinity(0, allowed)
    return {"open_s": open_s, "latencies_ms": latencies}


def latency_row(label: str, latencies: Sequence[float], note: str) -> list[str]:
    """One latency table row: engine, queries, p50, p99, mean (ms), note."""
    lat = list(latencies)
    return [
        label,
        fmt(len(lat)),
        fmt(percentile(lat, 50), 2),
        fmt(percentile(lat, 99), 2),
        fmt(statistics.fmean(lat), 2),
        note,
    ]


def finish(args: argparse.Namespace, heading: str, body: list[str]) -> None:
    """Write the section to docs/benchmarks.md, or print it with ``--no-write``."""
    if args.no_write:
        print("\n".join(body))
    else:
        write_section(heading, body)
