"""embargo alone on issue 19's development sets: a quick check between two full baseline runs.

    .venv/bin/python bench/issue19_quick.py [--db bench/out/bench.db] [--probe SEED]

Screens ``bench/sets/{company_negatives,org_crosslist,people_crosslist,script_negatives}_dev.csv``
with embargo's batch screening (one worker, default threshold) against the benchmark store that
``bench/issue19_baseline.py`` builds, and prints the rows with a hit per group (negatives) and
the recall of the expected OFAC entity (organisations and people across lists, by script). No
peer runs: ratios against logic-v2 come from ``bench/issue19_baseline.py``. The held-out sets are never read here;
``--probe N`` screens the fresh clean names ``bench/script_negatives.py probe --seed N`` wrote instead.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
from pathlib import Path

from embargo.screening import screen_file
from embargo.store import Store

SETS = Path(__file__).resolve().parent / "sets"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path(__file__).resolve().parent / "out" / "bench.db")
    parser.add_argument(
        "--probe", type=int, help="screen the fresh names of `script_negatives.py probe --seed N` instead"
    )
    args = parser.parse_args()
    store = Store(args.db)
    names = ("company_negatives_dev", "org_crosslist_dev", "people_crosslist_dev", "script_negatives_dev")
    sources = [SETS / f"{name}.csv" for name in names]
    if args.probe is not None:
        sources = [
            SETS.parent / "out" / f"{stem}_probe{args.probe}.csv" for stem in ("company_negatives", "script_negatives")
        ]
    missing = [str(source) for source in sources if not source.exists()]
    if missing:
        raise SystemExit(f"no such set: {', '.join(missing)} (probes: bench/script_negatives.py probe --seed N)")
    for source in sources:
        name = source.stem
        rows = list(csv.DictReader(source.open(encoding="utf-8")))
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "hits.jsonl"
            screen_file(store, source, out, workers=1)
            hits: dict[str, list[str]] = {}
            for line in out.read_text("utf-8").splitlines():
                record = json.loads(line)
                hits.setdefault(record["query_id"], []).append(record["entity_id"])
        if "crosslist" in name:
            by_group: dict[str, list[int]] = {}
            for r in rows:
                counts = by_group.setdefault(r["group"], [0, 0])
                counts[0] += bool(set(r["expected"].split(";")) & set(hits.get(r["id"], [])))
                counts[1] += 1
            found = sum(c[0] for c in by_group.values())
            print(f"{name}: recall {found}/{len(rows)} = {found / len(rows):.3f}")
            for group, (hit, n) in sorted(by_group.items()):
                print(f"  {group}: {hit}/{n}")
            continue
        groups: dict[str, list[int]] = {}
        for r in rows:
            counts = groups.setdefault(r["group"], [0, 0])
            counts[0] += r["id"] in hits
            counts[1] += 1
        total = sum(c[0] for c in groups.values())
        print(f"{name}: rows with a hit {total}/{len(rows)} = {total / len(rows):.2%}")
        for group, (hit, n) in groups.items():
            print(f"  {group}: {hit}/{n} = {hit / n:.1%}")


if __name__ == "__main__":
    main()
