"""Single-query CPU time of embargo in-process, for A/B runs of two checkouts (issue 19's speed target).

    PYTHONPATH=CHECKOUT .venv/bin/python bench/issue19_single.py --db STORE --input FILE.csv [--every 7]

Opens the store's screener once, warms it on 20 queries, then screens every ``--every``-th row of
``--input`` (columns ``name``, ``schema``, ``birth_date``) one query at a time and prints the CPU
milliseconds per query (``time.process_time``). Run it for two checkouts in turn, each with its own
copy of the store (their index formats may differ), and take the median of the paired ratios:
the machine's speed drifts between runs. Prints only.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from embargo.matching import Query
from embargo.screening.screener import Screener

WARM_UP = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--every", type=int, default=7, help="screen every N-th row")
    args = parser.parse_args()
    screener = Screener.open(args.db)
    rows = list(csv.DictReader(args.input.open(encoding="utf-8")))[:: args.every]
    queries = [
        Query.build(
            [r["name"]],
            schema=r.get("schema") or "Person",
            birth_dates=[r["birth_date"]] if r.get("birth_date") else [],
        )
        for r in rows
    ]
    for query in queries[:WARM_UP]:
        screener.screen(query)
    start = time.process_time()
    for query in queries:
        screener.screen(query)
    spent = time.process_time() - start
    print(f"{len(queries)} queries, {1000 * spent / len(queries):.2f} ms CPU per query")


if __name__ == "__main__":
    main()
