"""Batch CPU time of embargo's batch command in-process, for A/B runs of two checkouts (issue 19's speed target).

    .venv/bin/python bench/issue19_batch.py make --out BATCH.csv [--seed 11]
    PYTHONPATH=CHECKOUT .venv/bin/python bench/issue19_batch.py run --db STORE --input BATCH.csv --out HITS.jsonl

``make`` draws the batch from the development parts of bench/sets (seeded): 2,800 clean customers
of every script group, 500 clean company names, and every cross-list person (144) and organisation
(80), so that the rules of issue 19 (syllables, scripts, organisation structure) are all exercised.
``run`` screens it with ``embargo.screening.screen_file`` (the batch command's code, one worker,
limit 10) and prints the summary and the CPU seconds of the screening. Time two checkouts as whole
processes in turn, each with its own copy of the store (their index formats may differ), e.g.
``farm-bench -n 10 --warmup 1 --vs "<run of B>" -- <run of A>``, and quote the median of the paired
ratios: on a shared machine single runs drift by a fifth. Prints only.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

from embargo.screening.batch import screen_file
from embargo.store import Store

SETS = Path(__file__).resolve().parent / "sets"
COLUMNS = ("id", "name", "birth_date", "nationality", "country", "id_number", "schema")
#: (set, rows drawn; None: every row)
DRAW = (
    ("script_negatives_dev", 2800),
    ("company_negatives_dev", 500),
    ("people_crosslist_dev", None),
    ("org_crosslist_dev", None),
)


def make(out: Path, seed: int) -> int:
    """Write the batch; return its number of rows."""
    rng = random.Random(seed)
    chosen: list[dict[str, str]] = []
    for name, count in DRAW:
        with (SETS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        chosen += rows if count is None else rng.sample(rows, count)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(chosen)
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    made = sub.add_parser("make", help="draw the batch from the development sets")
    made.add_argument("--out", type=Path, required=True)
    made.add_argument("--seed", type=int, default=11)
    ran = sub.add_parser("run", help="screen the batch, one worker")
    ran.add_argument("--db", type=Path, required=True)
    ran.add_argument("--input", type=Path, required=True)
    ran.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "make":
        print(f"{make(args.out, args.seed)} rows -> {args.out}")
        return
    start = time.process_time()
    summary = screen_file(Store(args.db), args.input, args.out, limit=10, workers=1)
    print(summary, f"{time.process_time() - start:.2f} s CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
