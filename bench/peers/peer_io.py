"""Input and output shared by the peer scripts (run in ``bench/.venv-peers``, not embargo's venv).

A peer reads the query file the harness wrote (``embargo screen --input`` layout), writes its
hits as JSON lines ``{"query_id", "entity_id", "score", "matched_name"}`` like embargo's batch
output, and its timings as one JSON object (``--stats``). Only the standard library here, so
the peer venv needs nothing of embargo's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["QUERY_NAME_PROPS", "one_core", "peak_rss_mib", "read_queries", "write_hits", "write_stats"]

QUERY_NAME_PROPS = ("name", "alias", "weakAlias", "previousName")


def read_queries(path: Path) -> list[dict[str, str]]:
    """Rows of a query file: id, name, birth_date, nationality, country, id_number, schema."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_hits(path: Path, hits: Iterable[dict[str, Any]]) -> int:
    """Write hits as JSON lines; returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for hit in hits:
            fh.write(json.dumps(hit, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_stats(path: Path | None, stats: dict[str, Any]) -> None:
    """Write the run's timings (or print them when no path is given)."""
    text = json.dumps(stats)
    if path is None:
        print(text)
    else:
        path.write_text(text, encoding="utf-8")


def one_core() -> None:
    """Keep this process (and DuckDB's threads) on the first allowed core, for latency runs."""
    allowed = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {allowed[0]})


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def screen_args(description: str, yente_options: bool = False) -> argparse.Namespace:
    """Command-line arguments shared by the peer screening scripts (same contract as ``embargo screen --input``).

    With ``yente_options``, also ``--max-candidates`` and ``--prebuilt`` (nomenklatura's pipeline).
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--entities", type=Path, required=True, help="FtM JSON lines export")
    parser.add_argument("--input", type=Path, required=True, help="query CSV (embargo screen --input layout)")
    parser.add_argument("--output", type=Path, required=True, help="hits, JSON lines")
    parser.add_argument("--stats", type=Path, help="timings, JSON")
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--per-query", type=int, default=0, help="time the first N queries one by one")
    parser.add_argument("--one-core", action="store_true", help="pin to one core")
    if yente_options:
        parser.add_argument("--max-candidates", type=int, default=75, help="blocker candidates per query")
        parser.add_argument("--prebuilt", action="store_true", help="build every listed entity once, in memory")
    args = parser.parse_args()
    if args.one_core:
        one_core()
    return args
