"""Batch CPU time of embargo's batch command in-process, for A/B runs of two checkouts (issue 19's speed target).

    .venv/bin/python bench/issue19_batch.py make --out BATCH.csv [--seed 11]
    PYTHONPATH=CHECKOUT .venv/bin/python bench/issue19_batch.py run --db STORE --input BATCH.csv --out HITS.jsonl

    .venv/bin/python bench/issue19_batch.py count --checkout A --db STORE_A --checkout B --db STORE_B
        --input BATCH.csv [--every 6]

``make`` draws the batch from the development parts of bench/sets (seeded): 2,800 clean customers
of every script group, 500 clean company names, and every cross-list person (144) and organisation
(80), so that the rules of issue 19 (syllables, scripts, organisation structure) are all exercised.
``run`` screens it with ``embargo.screening.screen_file`` (the batch command's code, one worker,
limit 10) and prints the summary and the CPU seconds of the screening. Time two checkouts as whole
processes in turn, each with its own copy of the store (their index formats may differ), e.g.
``farm-bench -n 10 --warmup 1 --vs "<run of B>" -- <run of A>``, and quote the median of the paired
ratios: on a shared machine single runs drift by a fifth. ``count`` runs ``run`` of each checkout
under valgrind's cachegrind (no cache simulation) on every ``--every``-th row, and again on one row,
and prints the instructions of the screening alone (the difference) and their ratio: a count that
does not drift with the machine, for comparing the code of two commits (it leaves out memory
stalls, so quote it beside the CPU time, not instead of it); about 3 minutes per checkout.
Prints only.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
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


def instructions(checkout: Path, db: Path, batch: Path) -> int:
    """Instructions cachegrind counts for ``run`` of ``checkout`` on ``batch`` (the whole process)."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            str(Path(__file__).resolve()),
            "run",
            "--db",
            str(db),
            "--input",
            str(batch),
            "--out",
            str(Path(tmp) / "hits.jsonl"),
        ]
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count(checkouts: list[Path], dbs: list[Path], batch: Path, every: int) -> None:
    """Print the screening's instructions of each checkout (rows less one row) and their ratio to the first."""
    if shutil.which("valgrind") is None:
        raise SystemExit("count needs valgrind (apt-get install valgrind)")
    if len(checkouts) != len(dbs):
        raise SystemExit("give one --db per --checkout")
    with tempfile.TemporaryDirectory() as tmp:
        rows = list(csv.DictReader(batch.open(encoding="utf-8", newline="")))
        files = {}
        for name, chosen in (("sample", rows[::every]), ("one", rows[:1])):
            files[name] = Path(tmp) / f"{name}.csv"
            with files[name].open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, COLUMNS, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(chosen)
        first = None
        for checkout, db in zip(checkouts, dbs, strict=True):
            spent = instructions(checkout, db, files["sample"]) - instructions(checkout, db, files["one"])
            first = first or spent
            size = len(rows[::every]) - 1
            print(f"{checkout}: {spent / 1e9:.2f} G instructions for {size} rows, {spent / first:.3f} of the first")


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
    counted = sub.add_parser("count", help="instructions of the screening of two or more checkouts")
    counted.add_argument("--checkout", type=Path, action="append", required=True)
    counted.add_argument("--db", type=Path, action="append", required=True)
    counted.add_argument("--input", type=Path, required=True)
    counted.add_argument("--every", type=int, default=6)
    args = parser.parse_args()
    if args.command == "count":
        count(args.checkout, args.db, args.input, args.every)
        return
    if args.command == "make":
        print(f"{make(args.out, args.seed)} rows -> {args.out}")
        return
    start = time.process_time()
    summary = screen_file(Store(args.db), args.input, args.out, limit=10, workers=1)
    print(summary, f"{time.process_time() - start:.2f} s CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
