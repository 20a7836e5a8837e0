"""Score distribution of clean customers by script and name shape (issue 19, point 1).

    .venv/bin/python bench/issue19_scores.py [--db bench/out/bench.db]

Screens ``bench/sets/script_negatives_dev.csv`` (clean customers, none listed) with embargo's
batch screening at a low threshold (0.5), keeps each row's best score, and prints, per script
group and per name shape (words, or characters for a name in Chinese characters or Hangul
written without spaces), the share of rows whose best score reaches 0.6, 0.7 (the default
threshold) and 0.8, and the 99th percentile of the best score. The held-out set is never read.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
from collections import defaultdict
from pathlib import Path

from embargo.screening import screen_file
from embargo.store import Store

SETS = Path(__file__).resolve().parent / "sets"
CUTS = (0.6, 0.7, 0.8)


def _shape(name: str) -> str:
    words = name.split()
    if len(words) == 1 and not name.isascii():
        return f"{len(name)} characters"
    return f"{len(words)} words"


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path(__file__).resolve().parent / "out" / "bench.db")
    args = parser.parse_args()
    source = SETS / "script_negatives_dev.csv"
    rows = list(csv.DictReader(source.open(encoding="utf-8")))
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hits.jsonl"
        screen_file(Store(args.db), source, out, threshold=0.5, workers=1)
        for line in out.read_text("utf-8").splitlines():
            record = json.loads(line)
            best[record["query_id"]] = max(best.get(record["query_id"], 0.0), record["score"])
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in rows:
        score = best.get(r["id"], 0.0)
        groups[(r["group"], "all")].append(score)
        groups[(r["group"], _shape(r["name"]))].append(score)
    print("| group | shape | rows | " + " | ".join(f">= {c}" for c in CUTS) + " | 99th percentile |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in CUTS) + " | --- |")
    for (group, shape), scores in groups.items():
        if shape != "all" and len(scores) < 50:
            continue  # too few rows of this shape to say anything
        shares = " | ".join(f"{sum(s >= c for s in scores) / len(scores):.1%}" for c in CUTS)
        print(f"| {group} | {shape} | {len(scores)} | {shares} | {_quantile(scores, 0.99):.2f} |")


if __name__ == "__main__":
    main()
