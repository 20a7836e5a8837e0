"""Fit the map from embargo's raw score to a probability of "same party", on pairs from the real lists.

    .venv/bin/python bench/calibrate.py --db STORE [--queries 3000] [--seed 7] [--write] [--no-doc]

Not fitted on any benchmark. Pairs come from the lists themselves (a store with every real list):

* positives: a listed entity's name, scored against the entity's *other* names (aliases, other
  scripts and spellings; names with the same normalized key are left out, so a pair is never a
  name against itself);
* hard negatives: the other entities *of the same list* that the screener retrieves for that name
  (scored as screening would, at any score). Another list may hold the same party, so only the
  query's own list gives sure negatives.

Class balance: each query gives one positive and up to 20 retrieved negatives, as a screener
meets them: the probability reads "this candidate is the party, given its score, among what the
screener retrieved for a listed name". Scores are binned by 0.05, each bin's observed match rate
is made monotone (pool adjacent violators, weighted by the bin's pairs) and nudged to be strictly
increasing, so that ``raw >= t`` and ``probability >= probability(t)`` select the same hits.
``--write`` rewrites the table in ``embargo/matching/calibration.py``; the reliability table on
nomenklatura's name_bench (predicted vs observed match rate per bin) is printed, or written to
docs/benchmarks.md as "Calibration".
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from report import ROOT, context_lines, fmt, table, write_section

BIN = 0.05
CANDIDATES = 20
_QUERY_SCHEMA = {"Person": "Person", "Vessel": "Vessel", "Airplane": "Airplane", "LegalEntity": "LegalEntity"}
TABLE_FILE = ROOT / "embargo" / "matching" / "calibration.py"
NAME_BENCH = "names/nomenklatura_name_bench_cases.csv"


def _pairs(db: Path, queries: int, seed: int) -> list[tuple[float, bool]]:
    from embargo.matching import Query
    from embargo.matching.algorithm import best_name_match
    from embargo.names import analyze_name
    from embargo.screening import Screener
    from embargo.store import Store

    entities = []
    for entity in Store(db).view().iter_current():
        names = list(dict.fromkeys(value for _, value in entity.names()))
        if len(names) >= 2:
            entities.append((entity.id, entity.list_name, entity.schema, names))
    rng = random.Random(seed)
    rng.shuffle(entities)
    screener = Screener.open(db)
    pairs: list[tuple[float, bool]] = []
    done = 0
    for entity_id, list_name, schema, names in entities:
        if done >= queries:
            break
        query_name = rng.choice(names)
        analyzed = [analyze_name(n, schema) for n in names]
        query = analyze_name(query_name, schema)
        others = [a for a in analyzed if a.key() != query.key()]
        if not others:
            continue
        done += 1
        positive = best_name_match([query], others)
        pairs.append((positive.score if positive is not None else 0.0, True))
        built = Query.build([query_name], schema=_QUERY_SCHEMA.get(schema, "Organization"))
        for hit in screener.screen(built, threshold=0.0, limit=CANDIDATES):
            if hit.entity_id != entity_id and hit.list_name == list_name:
                pairs.append((hit.score, False))
    return pairs


def fit(pairs: Sequence[tuple[float, bool]]) -> list[tuple[float, float, int]]:
    """(bin centre, monotone match rate, pairs) per non-empty bin of raw score."""
    bins: dict[int, list[int]] = {}
    for score, label in pairs:
        k = min(int(score / BIN), int(1 / BIN) - 1)
        counts = bins.setdefault(k, [0, 0])
        counts[0] += 1
        counts[1] += int(label)
    blocks = [[b[1] / b[0], float(b[0]), [k]] for k, b in sorted(bins.items())]
    # Pool adjacent violators: merge neighbours until the rates never decrease.
    merged: list[list[Any]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and merged[-2][0] > merged[-1][0]:
            b2, b1 = merged.pop(), merged.pop()
            w = b1[1] + b2[1]
            merged.append([(b1[0] * b1[1] + b2[0] * b2[1]) / w, w, b1[2] + b2[2]])
    out = []
    for rate, _, ks in merged:
        for k in ks:
            out.append(((k + 0.5) * BIN, rate, bins[k][0]))
    # Strictly increasing (ties would merge scores on both sides of a threshold).
    strict = []
    last = -1.0
    for centre, rate, n in out:
        rate = max(rate, last + 0.001)
        strict.append((round(centre, 3), round(min(rate, 0.999), 4), n))
        last = rate
    return strict


def _write_table(knots: list[tuple[float, float, int]], provenance: str) -> None:
    text = TABLE_FILE.read_text(encoding="utf-8")
    body = "".join(f"    ({c}, {p}),  # {n} pairs\n" for c, p, n in knots)
    new = re.sub(
        r"(# BEGIN TABLE.*?\n).*?(    # END TABLE)",
        lambda m: m.group(1) + f"    # {provenance}\n" + body + m.group(2),
        text,
        flags=re.S,
    )
    TABLE_FILE.write_text(new, encoding="utf-8")


def _shift(p: float, base: float, fitted_base: float) -> float:
    """``p`` with its odds moved from the fitting set's base rate to another set's."""
    p = min(max(p, 1e-6), 1 - 1e-6)
    odds = p / (1 - p) * (base / (1 - base)) / (fitted_base / (1 - fitted_base))
    return odds / (1 + odds)


def _reliability(data_dir: Path, fitted_base: float) -> tuple[list[list[str]], str]:
    from embargo.matching import DEFAULT_THRESHOLD, compare_names
    from embargo.matching.calibration import probability

    rows = list(csv.DictReader((data_dir / NAME_BENCH).open(encoding="utf-8")))
    scored = [(probability(compare_names(r["schema"], r["name1"], r["name2"])), r["is_match"] == "true") for r in rows]
    base = sum(1 for _, y in scored if y) / len(scored)
    edges = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]
    out = []
    for lo, hi in pairwise(edges):
        sel = [(p, y) for p, y in scored if lo <= p < hi]
        if sel:
            predicted = sum(p for p, _ in sel) / len(sel)
            shifted = sum(_shift(p, base, fitted_base) for p, _ in sel) / len(sel)
            observed = sum(1 for _, y in sel if y) / len(sel)
            out.append([f"[{lo:.2f}, {min(hi, 1.0):.2f})", str(len(sel)), fmt(predicted), fmt(shifted), fmt(observed)])
    cut = probability(DEFAULT_THRESHOLD)
    tp = sum(1 for p, y in scored if p >= cut and y)
    fp = sum(1 for p, y in scored if p >= cut and not y)
    fn = sum(1 for p, y in scored if p < cut and y)
    prec, rec = tp / (tp + fp), tp / (tp + fn)
    brier = sum((p - y) ** 2 for p, y in scored) / len(scored)
    brier_shifted = sum((_shift(p, base, fitted_base) - y) ** 2 for p, y in scored) / len(scored)
    summary = (
        f"name_bench at probability >= {cut:.3f} (raw {DEFAULT_THRESHOLD}): P {prec:.3f} R {rec:.3f} "
        f"F1 {2 * prec * rec / (prec + rec):.3f}; base rate {base:.2f} (fitting set {fitted_base:.2f}); "
        f"Brier score {brier:.3f} as fitted, {brier_shifted:.3f} with the odds moved to name_bench's base rate"
    )
    return out, summary


def main() -> None:
    import embargo_side

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store with every real list imported")
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="rewrite the table in embargo/matching/calibration.py")
    parser.add_argument("--no-doc", action="store_true", help="print instead of updating docs/benchmarks.md")
    args = parser.parse_args()
    pairs = _pairs(args.db, args.queries, args.seed)
    knots = fit(pairs)
    positives = sum(1 for _, y in pairs if y)
    provenance = (
        f"bench/calibrate.py --queries {args.queries} --seed {args.seed}: {positives} positives, "
        f"{len(pairs) - positives} same-list negatives"
    )
    if args.write:
        _write_table(knots, provenance)
    fitted = [[f"{c:.3f}", fmt(p, 4), str(n)] for c, p, n in knots]
    rows, summary = _reliability(embargo_side.shared_data_dir(), positives / len(pairs))
    body = [
        *context_lines([provenance]),
        "",
        "Fitted map (bin centre of raw score -> probability of same party, pairs in the bin):",
        "",
        *table(["raw", "probability", "pairs"], fitted),
        "",
        "Reliability on nomenklatura's name_bench (not used for fitting; its base rate differs):",
        "",
        *table(["predicted", "pairs", "mean predicted", "base-rate adjusted", "observed match rate"], rows),
        "",
        summary,
    ]
    if args.no_doc:
        print("\n".join(body))
    else:
        write_section("Calibration", body)


if __name__ == "__main__":
    main()
