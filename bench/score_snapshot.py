"""Every hit of the benchmark's development queries, as one JSON line each: a fingerprint of the scores.

Two runs of this script with two versions of the code (a refactoring, before and after) must
write the same bytes: every score (``repr``, so every bit), every explanation and every hit's
rank. Run it from outside the project, with ``PYTHONPATH`` naming the version to test::

    cd /tmp && PYTHONPATH=/tmp/rbase python /work/main/bench/score_snapshot.py before.jsonl
    cd /tmp && PYTHONPATH=/work/main python /work/main/bench/score_snapshot.py after.jsonl
    cmp before.jsonl after.jsonl

Queries: every row of ``bench/sets/*_dev.csv`` and ``bench/hard_cases.csv``, screened at a low
threshold (:data:`THRESHOLD`) against the benchmark store ``bench/out/bench.db``; ``--every N``
keeps one row in N of the large sets (deterministic) when a full run is too slow. The script
runs itself with ``PYTHONHASHSEED=0``: with another seed, candidates tied at retrieval's cut may
come in another order (the same code gives other hits at the low threshold from run to run).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import embargo
from embargo.matching import read_query
from embargo.screening import Hit, Screener

BENCH = Path(__file__).resolve().parent
STORE = BENCH / "out" / "bench.db"
#: Low enough that near misses are compared too, not just hits.
THRESHOLD = 0.5
#: Hits kept per query.
LIMIT = 20
#: Sets at least this long are thinned by ``--every``.
LARGE = 1000


def _split(value: str) -> list[str]:
    return [v for v in (value or "").split(";") if v]


def queries(every: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(query id, fields) of every selected row, in a fixed order."""
    for path in sorted(BENCH.glob("sets/*_dev.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        step = every if len(rows) >= LARGE else 1
        for row in rows[::step]:
            yield (
                row["id"],
                {
                    "names": [row["name"]],
                    "schema": row.get("schema") or "Person",
                    "birth_dates": _split(row.get("birth_date", "")),
                    "nationalities": _split(row.get("nationality", "")),
                    "countries": _split(row.get("country", "")),
                    "id_numbers": _split(row.get("id_number", "")),
                },
            )
    with (BENCH / "hard_cases.csv").open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f)):
            yield (
                f"hard:{n}",
                {
                    "names": [row["query"]],
                    "schema": row.get("schema") or "Person",
                    "id_numbers": _split(row.get("id_number", "")),
                },
            )


def _line(qid: str, rank: int, hit: Hit) -> str:
    result = hit.result
    match = result.name
    record = {
        "query": qid,
        "rank": rank,
        "entity": hit.entity_id,
        "score": repr(hit.score),
        "name_score": repr(result.name_score),
        "probability": repr(result.probability),
        "matched_name": hit.matched_name,
        "query_name": hit.query_name,
        "algorithm": hit.algorithm,
        "features": [[f.name, repr(f.delta), f.detail, repr(f.floor)] for f in result.features],
        "pairs": None
        if match is None
        else [
            [
                None if p.query is None else p.query.original,
                None if p.listed is None else p.listed.original,
                repr(p.similarity),
                p.reason,
            ]
            for p in match.pairs
        ]
        + [repr(match.query_coverage), repr(match.listed_coverage)],
        "explanation": hit.explanation(),
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Retrieval keeps the best candidates of a query, and equal ones come in the order of sets of
        # strings, which Python's hash seed changes from run to run: fix it, or two runs of one
        # version may keep different candidates tied at the cut.
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the JSON lines file to write")
    parser.add_argument("--every", type=int, default=1, help="keep one row in N of the large sets")
    args = parser.parse_args()
    print(f"embargo from {Path(embargo.__file__).parent}", file=sys.stderr)
    screener = Screener.open(STORE)
    start = time.perf_counter()
    n_queries = n_hits = 0
    with args.out.open("w", encoding="utf-8") as out:
        for qid, fields in queries(args.every):
            query = read_query(fields.pop("names"), fields.pop("schema"), **fields, id=qid).query
            n_queries += 1
            for rank, hit in enumerate(screener.screen(query, threshold=THRESHOLD, limit=LIMIT)):
                out.write(_line(qid, rank, hit) + "\n")
                n_hits += 1
    took = time.perf_counter() - start
    print(f"{n_queries} queries, {n_hits} hits, screening took {took:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
