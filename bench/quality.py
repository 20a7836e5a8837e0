"""Quality benchmark: embargo beside nomenklatura's logic-v2 on the labelled name sets.

    .venv/bin/python bench/quality.py [--only name_bench|watchman|ofac|yente|putin] [--sample 5000]

Pairwise sets (name only, each engine at its default threshold): nomenklatura's name_bench
(precision / recall / F1, overall and per case_group), Watchman's cross-script pairs (recall),
the OFAC fixtures (Spearman correlation with OFAC's own score). Screening sets (see
``screen_sets.py``) are screened against a store with every real list: embargo in-process,
nomenklatura's blocker + logic-v2 and the rapidfuzz scan as peer subprocesses on the FtM export
of the same store. Writes the "Quality" section of docs/benchmarks.md (``--no-write``: print).
"""

from __future__ import annotations

import argparse
import math
import time

import embargo_side
import peer_side
from metrics import Confusion, spearman
from name_sets import NamePair, read_name_bench, read_ofac_fixtures, read_watchman, write_queries
from report import context_lines, fmt, table, write_section
from screen_sets import OUT, SetResult, benchmark_store, load_screen_sets, score_hits

SETS = ("name_bench", "watchman", "ofac", "yente", "putin")


def _prf(c: Confusion | None) -> list[str]:
    if c is None:
        return ["–", "–", "–", "–"]
    return [fmt(c.precision), fmt(c.recall), fmt(c.f1), f"{c.tp}/{c.fp}/{c.tn}/{c.fn}"]


def name_bench_section(
    pairs: list[NamePair], scores: dict[str, list[float] | None], thresholds: dict[str, float]
) -> list[str]:
    """Overall and per-case_group confusion of each engine."""
    groups = sorted({p.group for p in pairs})
    # Rules are written looking at misses of the even rows; the odd rows are the held-out half
    # that says whether a rule holds for names not looked at.
    halves = {"even rows (dev half)": 0, "odd rows (held-out half)": 1}
    rows = []
    for group in [None, *groups, *halves]:
        members = [
            i
            for i, p in enumerate(pairs)
            if group is None or group == p.group or (group in halves and i % 2 == halves[group])
        ]
        cells = [group or "**all**", fmt(len(members))]
        for engine, engine_scores in scores.items():
            confusion = None
            if engine_scores is not None:
                confusion = Confusion()
                for i in members:
                    confusion.add(pairs[i].is_match, engine_scores[i] >= thresholds[engine])
            cells += _prf(confusion)
        rows.append(cells)
    header = ["case_group", "pairs"]
    for engine in scores:
        header += [f"{engine} P", f"{engine} R", f"{engine} F1", f"{engine} TP/FP/TN/FN"]
    return ["### nomenklatura name_bench (826 labelled pairs, name only)", "", *table(header, rows), ""]


def watchman_section(
    pairs: list[NamePair], scores: dict[str, list[float] | None], thresholds: dict[str, float]
) -> list[str]:
    """Recall of each engine on the cross-script positives, with the pairs each one misses."""
    rows = []
    for engine, engine_scores in scores.items():
        if engine_scores is None:
            rows.append([engine, "–", "–"])
            continue
        missed = [f"{p.a} / {p.b}" for p, s in zip(pairs, engine_scores, strict=True) if s < thresholds[engine]]
        found = len(pairs) - len(missed)
        rows.append([engine, f"{found}/{len(pairs)} = {fmt(found / len(pairs))}", "; ".join(missed) or "none"])
    return ["### Watchman cross-script pairs (positives)", "", *table(["engine", "recall", "missed"], rows), ""]


def ofac_section(pairs: list[NamePair], scores: dict[str, list[float] | None]) -> list[str]:
    """Spearman correlation with OFAC's score (pairs OFAC returned, score > 0)."""
    kept = [i for i, p in enumerate(pairs) if p.reference > 0]
    rows = []
    for engine, engine_scores in scores.items():
        rho = (
            math.nan
            if engine_scores is None
            else spearman([pairs[i].reference for i in kept], [engine_scores[i] for i in kept])
        )
        rows.append([engine, fmt(len(kept)), fmt(rho)])
    head = "### OFAC Sanctions List Search fixtures: rank correlation with OFAC's score"
    note = f"{len(pairs) - len(kept)} pairs OFAC did not return (score -1) are left out; both sides as LegalEntity."
    return [head, "", note, "", *table(["engine", "pairs", "Spearman rho"], rows), ""]


def pairwise(only: set[str], data: dict[str, list[NamePair]], embargo_ok: bool) -> list[str]:
    """Score every pairwise set with logic-v2 (and embargo when importable)."""
    lines: list[str] = []
    work = OUT / "quality"
    thresholds = {"logic-v2": peer_side.LOGIC_V2_THRESHOLD}
    if embargo_ok:
        thresholds["embargo"] = embargo_side.default_threshold()
    for name in (s for s in ("name_bench", "watchman", "ofac") if s in only):
        pairs = data[name]
        scores: dict[str, list[float] | None] = {"embargo": None}
        if embargo_ok:
            scores["embargo"] = [embargo_side.compare_names(p.schema, p.a, p.b) for p in pairs]
        scores["logic-v2"] = peer_side.score_pairs(pairs, work / name)
        if name == "name_bench":
            lines += name_bench_section(pairs, scores, thresholds)
        elif name == "watchman":
            lines += watchman_section(pairs, scores, thresholds)
        else:
            lines += ofac_section(pairs, scores)
    return lines


def screening(
    only: set[str], sample_size: int | None, seed: int, embargo_ok: bool, rebuild: bool, reuse_peers: bool = False
) -> list[str]:
    """Screen the yente / Putin sets with every engine; a table of recall and hit rates."""
    db, export, listed = benchmark_store(rebuild)
    sets = load_screen_sets(embargo_side.shared_data_dir() / "names", listed, only, sample_size, seed)
    queries = OUT / "quality" / "queries.csv"
    write_queries(queries, sets.queries)
    results: dict[str, dict[str, SetResult]] = {}
    seconds: dict[str, float] = {}
    if embargo_ok:
        started = time.perf_counter()
        screener = embargo_side.open_screener(db)
        hits = [hit for row in sets.queries for hit in screener.screen(row, threshold=None, limit=10)]
        seconds["embargo"] = time.perf_counter() - started
        results["embargo"] = score_hits(sets, hits)
    reused = []
    for peer in ("nomenklatura", "rapidfuzz"):
        output, stats = OUT / "quality" / f"{peer}.hits.jsonl", OUT / "quality" / f"{peer}.stats.json"
        if reuse_peers:
            seconds[peer], again = peer_side.run_peer_reusing(
                peer, export, queries, output, stats, peer_side.LOGIC_V2_THRESHOLD
            )
            reused += [peer] if again else []
        else:
            timed, _ = peer_side.run_peer(peer, export, queries, output, stats, peer_side.LOGIC_V2_THRESHOLD)
            seconds[peer] = timed.wall_s
        results[peer] = score_hits(sets, peer_side.read_hits(output))
    engines = ["embargo", "nomenklatura", "rapidfuzz"]
    rows = []
    for name in sets.members:
        first = next(iter(results.values()))[name]
        cells = [name, fmt(first.denominator), first.measure]
        cells += [fmt(results[e][name].value) if e in results else "–" for e in engines]
        rows.append(cells)
    header = ["set", "queries", "measure", "embargo", "nomenklatura blocker + logic-v2", "rapidfuzz scan"]
    timing = ", ".join(f"{e} {seconds[e]:.0f} s" for e in engines if e in seconds)
    return [
        "### Screening against every real list (name + date of birth + nationality)",
        "",
        *[f"- {note}" for note in sets.notes],
        *[f"- {peer}: hits and time reused from its last run on the same export and queries" for peer in reused],
        f"- hits: score at or above the engine's threshold, at most 10 per query; wall time of the whole set: {timing}",
        "",
        *table(header, rows),
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=SETS, help="run only these sets (repeatable)")
    parser.add_argument("--sample", type=int, default=5000, help="rows drawn from each 50,000-row negatives file")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--reuse-store", action="store_true", help="keep bench/out/bench.db if it exists")
    parser.add_argument("--no-write", action="store_true", help="print instead of updating docs/benchmarks.md")
    parser.add_argument(
        "--reuse-peers",
        action="store_true",
        help="reuse a peer's screening hits when its inputs, script and versions are those of its last run",
    )
    parser.add_argument("--peers-only", action="store_true", help="leave embargo out even when it is importable")
    args = parser.parse_args()
    only = set(args.only or SETS)
    peer_side.require_peers()
    reason = "left out (--peers-only)" if args.peers_only else embargo_side.unavailable()
    names_dir = embargo_side.shared_data_dir() / "names"
    data = {
        "name_bench": read_name_bench(names_dir / "nomenklatura_name_bench_cases.csv"),
        "watchman": read_watchman(names_dir / "watchman_cross_script_pairs.csv"),
        "ofac": read_ofac_fixtures(names_dir / "nomenklatura_ofac_fixtures.csv"),
    }
    started = time.perf_counter()
    body = pairwise(only, data, reason is None)
    if only & {"yente", "putin"}:
        body += screening(only, args.sample, args.seed, reason is None, not args.reuse_store, args.reuse_peers)
    threshold = "not measured" if reason else fmt(embargo_side.default_threshold(), 2)
    extra = [
        f"thresholds: embargo DEFAULT_THRESHOLD {threshold}; logic-v2 {peer_side.LOGIC_V2_THRESHOLD} "
        "(yente's default); rapidfuzz token_sort_ratio/100 at the same 0.7",
        f"peers: {peer_side.peer_versions()}",
        f"sets: {', '.join(sorted(only))}; negatives sample {args.sample} per file, seed {args.seed}; "
        f"took {time.perf_counter() - started:.0f} s",
    ]
    if reason:
        extra.append(f"**embargo: {reason}** (peer numbers only)")
    section = [*context_lines(extra), "", *body]
    heading = "Quality" if only == set(SETS) else f"Quality ({', '.join(sorted(only))})"
    if args.no_write:
        print("\n".join(section))
    else:
        write_section(heading, section)


if __name__ == "__main__":
    main()
