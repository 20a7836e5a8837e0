"""Issue 19 baseline: false alerts by script, organisations across lists, embargo beside logic-v2 in one run.

    .venv/bin/python bench/issue19_baseline.py [--reuse-store] [--no-write] [--commit REV | --working-tree]

Reads the sets in ``bench/sets/`` (made by ``bench/script_negatives.py generate``,
``bench/org_crosslist.py build`` and ``bench/people_crosslist.py build``), puts their development
parts in one query file and screens it
against a store with every real list, once with each engine:

- embargo: its whole batch command, ``embargo screen --input ... --output ... --workers 1``, at
  its defaults (threshold 0.7, at most 10 hits a row);
- nomenklatura logic-v2 configured as yente runs it: ``bench/peers/nk_screen.py --max-candidates
  50 --prebuilt`` (yente asks for limit x 10 candidates, 50 for its default limit of 5; listed
  entities built once in memory), hits at 0.7, at most 10 kept a row like embargo, DuckDB on one
  thread.

Both run as child processes; their CPU seconds (user + system, all threads and workers) give
rows per second per core. Figures: the share of rows with any hit per script group (clean
customers) and per locale (clean company names), and the share of the organisation and people
queries whose hits hold an expected OFAC entity, by script and by name shape, with examples of
misses.

embargo is run from a ``git archive`` of ``--commit`` (HEAD by default) in ``bench/out/``, not
from the working tree, so that a baseline is not measured on someone's unfinished changes;
``--working-tree`` runs the checkout as it is. The benchmark store is rebuilt with that code
unless ``--reuse-store``.

**Held-out parts**: ``--heldout`` measures them instead of the development parts. Run it only at
the end of issue 19's work: the held-out rows say whether rules hold for names nobody looked at,
which they cannot say once they have been looked at.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report import ROOT, context_lines, fmt, table, write_section

HEADING = "Issue 19 baseline: false alerts by script, organisations across lists"
OUT = Path(__file__).resolve().parent / "out" / "issue19"
#: hits kept per row, both engines (embargo's default limit)
LIMIT = 10
#: yente's default limit (5) x 10
YENTE_CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class Run:
    """One engine's whole command: its hits (query id -> entity ids in rank order) and costs."""

    hits: dict[str, list[str]]
    names: dict[str, list[tuple[str, str, float]]]  # query id -> (entity id, matched name, score), best first
    wall_s: float
    cpu_s: float
    match_rows_per_cpu_s: float
    note: str


def _use_code(commit: str) -> str:
    """Export ``embargo/`` at ``commit`` to bench/out and put it first on the import path (ours and children's)."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short=12", commit], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    target = OUT.parent / f"code-{sha}"
    if not (target / "embargo").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "embargo"], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    # embargo's default data folder is found beside the package: say where it is for the copy
    os.environ.setdefault("EMBARGO_SHARED_DATA", str(ROOT.parent / "shared" / "data"))
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(target), os.environ.get("PYTHONPATH")) if p)
    sys.path.insert(0, str(target))
    return sha


def _timed(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command to the end; wall seconds and CPU seconds of it and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(list(command), env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _collect(hits: Sequence[Any]) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str, float]]]]:
    by_query: dict[str, list[str]] = defaultdict(list)
    names: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for hit in sorted(hits, key=lambda h: -h.score):  # stable: rank by score within a query
        by_query[hit.query_id].append(hit.entity_id)
        names[hit.query_id].append((hit.entity_id, hit.matched_name, hit.score))
    return dict(by_query), dict(names)


def run_embargo(db: Path, queries: Path, rows: int) -> Run:
    """embargo's whole batch command on one worker."""
    import embargo_side

    output, summary = OUT / "embargo.hits.jsonl", OUT / "embargo.summary.json"
    command = [*embargo_side.batch_command(db, queries, output, summary), "--workers", "1"]
    wall, cpu = _timed(command)
    data = embargo_side.read_batch_summary(summary)
    hits, names = _collect(list(embargo_side.read_batch_hits(output)))
    screening = float(data.get("screening_rows_per_second") or 0.0)
    note = f"start-up (reading, opening the indexes) {float(data.get('startup_seconds', 0)):.1f} s"
    return Run(hits, names, wall, cpu, screening, note)


def run_logic_v2(export: Path, queries: Path) -> Run:
    """nomenklatura's blocker + logic-v2, configured as yente runs it."""
    import peer_side

    output, stats = OUT / "logic_v2.hits.jsonl", OUT / "logic_v2.stats.json"
    command = peer_side.peer_command("nomenklatura", export, queries, output, stats, peer_side.LOGIC_V2_THRESHOLD)
    command += ["--max-candidates", str(YENTE_CANDIDATES), "--prebuilt", "--limit", str(LIMIT)]
    wall, cpu = _timed(command, env=peer_side.peer_env(one_core=True))
    data = json.loads(stats.read_text(encoding="utf-8"))
    hits, names = _collect(peer_side.read_hits(output))
    match_rate = data["rows"] / data["match_cpu_s"] if data.get("match_cpu_s") else float("nan")
    note = (
        f"load + entities built {data['load_s']:.1f} s, index build {data['index_build_s']:.1f} s, "
        f"{data['candidates'] / max(data['rows'], 1):.1f} candidates scored a row"
    )
    return Run(hits, names, wall, cpu, match_rate, note)


def alert_table(rows: Sequence[Any], groups: dict[str, str], runs: dict[str, Run]) -> list[str]:
    """Share of rows with any hit, per group and overall, each engine."""
    members: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        members[row.group].append(row.query.id)
    out = []
    for group, label in [*groups.items(), ("*", "**all groups**")]:
        ids = [i for g, v in members.items() if group in ("*", g) for i in v]
        if not ids:
            continue
        cells = [label, fmt(len(ids))]
        for run in runs.values():
            flagged = sum(1 for i in ids if run.hits.get(i))
            cells.append(f"{flagged / len(ids):.2%} ({flagged})")
        out.append(cells)
    return table(["group", "rows", *[f"{e}: rows with a hit" for e in runs]], out)


def alert_examples(rows: Sequence[Any], run: Run, per_group: int = 2) -> list[str]:
    """A few of embargo's false alerts per group: query -> best matched name (score)."""
    seen: dict[str, int] = defaultdict(int)
    lines = []
    for row in rows:
        found = run.names.get(row.query.id)
        if not found or seen[row.group] >= per_group:
            continue
        seen[row.group] += 1
        _, name, score = found[0]
        lines.append(f"{row.group}: `{row.query.name}` -> `{name}` ({score:.2f})")
    return ["- " + "; ".join(lines)] if lines else []


def people_shape(name: str) -> str:
    """A coarse shape of a person's name, for grouping misses."""
    words = len(name.split())
    return "one word (a surname alone)" if words == 1 else f"{min(words, 4)}{'+' if words >= 4 else ''} words"


def org_tables(
    rows: Sequence[Any],
    extra: dict[str, dict[str, str]],
    runs: dict[str, Run],
    noun: str = "organisations",
    shape: Any = None,
    source: str = "EU",
) -> list[str]:
    """Recall of the cross-list queries (organisations, or people) by script and kind, and the misses by shape.

    Args:
        source: the list the queries' names come from (``EU``, or ``DFAT`` for the DFAT probe): its own
            entries say nothing about finding OFAC's and are left out of a miss's best other hit.
    """
    own = {"EU": "eu-", "DFAT": "au-dfat-"}[source]
    from org_crosslist import name_shape

    name_shape = shape or name_shape

    def found(run: Run, query_id: str, top: int = LIMIT) -> bool:
        expected = set(extra[query_id]["expected"].split(";"))
        return bool(expected & set(run.hits.get(query_id, [])[:top]))

    cuts: list[tuple[str, list[str]]] = [("**all queries**", [r.query.id for r in rows])]
    for script in sorted({r.group for r in rows}):
        cuts.append((f"script: {script}", [r.query.id for r in rows if r.group == script]))
    for kind in dict.fromkeys(extra[r.query.id]["kind"] for r in rows):
        ids = [r.query.id for r in rows if extra[r.query.id]["kind"] == kind]
        cuts.append((f"{source} field: {kind}", ids))
    table_rows = []
    for label, ids in cuts:
        cells = [label, fmt(len(ids))]
        for run in runs.values():
            hit = sum(1 for i in ids if found(run, i))
            top5 = sum(1 for i in ids if found(run, i, 5))
            cells.append(f"{hit / len(ids):.3f} ({hit}; top 5: {top5})")
        table_rows.append(cells)
    organisations = {extra[r.query.id]["pair"] for r in rows}

    def whole(run: Run) -> int:
        """Organisations found under every one of their names on the source list."""
        return sum(
            1 for p in organisations if all(found(run, r.query.id) for r in rows if extra[r.query.id]["pair"] == p)
        )

    lines = [
        *table(["queries", "n", *[f"{e}: recall (found; in top 5)" for e in runs]], table_rows),
        "",
        f"{len(organisations)} {noun}. One is found under every one of its {source} names by: "
        + ", ".join(f"{engine} {whole(run)}" for engine, run in runs.items()),
        "",
    ]
    for engine, run in runs.items():
        misses: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            if not found(run, row.query.id):
                misses[name_shape(row.query.name)].append(row)
        lines.append(f"Misses of {engine} by shape ({sum(len(v) for v in misses.values())}):")
        lines.append("")
        for shape, missed in sorted(misses.items(), key=lambda kv: -len(kv[1])):
            examples = []
            for row in missed[:3]:
                # the query's own entry (and the other EU list) says nothing about finding OFAC's
                got = [h for h in run.names.get(row.query.id, []) if not h[0].startswith(own)]
                best = (
                    f"best other hit `{_short(got[0][1])}` {got[0][2]:.2f}"
                    if got
                    else f"no hit outside the {source} list{'s' if source == 'EU' else ''}"
                )
                examples.append(f"`{_short(row.query.name)}` ({row.group}; {best})")
            lines.append(f"- {shape}: {len(missed)}. " + "; ".join(examples))
        lines.append("")
    return lines


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _first(rows: Sequence[Any], count: int) -> list[Any]:
    seen: dict[str, int] = defaultdict(int)
    kept = []
    for row in rows:
        seen[row.group] += 1
        if seen[row.group] <= count:
            kept.append(row)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-store", action="store_true", help="keep bench/out/bench.db if it exists")
    parser.add_argument("--no-write", action="store_true", help="print instead of updating docs/benchmarks.md")
    parser.add_argument(
        "--heading",
        default=HEADING,
        help="the docs/benchmarks.md section to write (the baseline keeps its own; later runs name theirs)",
    )
    parser.add_argument("--peers-only", action="store_true", help="leave embargo out")
    parser.add_argument("--commit", default="HEAD", help="embargo code to measure (git archive of this commit)")
    parser.add_argument("--working-tree", action="store_true", help="measure the checkout as it is")
    parser.add_argument("--heldout", action="store_true", help="the held-out parts (only at the end of issue 19)")
    parser.add_argument(
        "--probe",
        type=int,
        help="screen the fresh probe sets of seed N in bench/out/ instead (script_negatives.py probe, "
        "org_crosslist.py probe-dfat): only at the end of a piece of work",
    )
    parser.add_argument("--per-group", type=int, default=0, help="only the first N rows of each group (a quick check)")
    args = parser.parse_args()
    code = "working tree" if args.working_tree else f"git archive of {_use_code(args.commit)}"

    import embargo_side
    import peer_side
    from name_sets import write_queries
    from screen_sets import benchmark_store
    from script_negatives import PEOPLE_GROUPS, SETS_DIR, read_set

    peer_side.require_peers()
    part = "heldout" if args.heldout else "dev"
    if args.probe is not None:
        # fresh rows nobody looked at: clean names of another seed, and DFAT's names of organisations OFAC lists
        part = f"probe {args.probe}"
        out = SETS_DIR.parent / "out"
        sources = [
            out / f"script_negatives_probe{args.probe}.csv",
            out / f"company_negatives_probe{args.probe}.csv",
            out / "org_crosslist_dfat_probe.csv",
        ]
        if missing := [str(p) for p in sources if not p.exists()]:
            raise SystemExit(
                f"no such probe: {', '.join(missing)} (bench/script_negatives.py probe --seed N; "
                "bench/org_crosslist.py probe-dfat)"
            )
        (people, _), (companies, _), (orgs, org_extra) = (read_set(p) for p in sources)
        persons, person_extra = [], {}
    else:
        people, _ = read_set(SETS_DIR / f"script_negatives_{part}.csv")
        companies, _ = read_set(SETS_DIR / f"company_negatives_{part}.csv")
        orgs, org_extra = read_set(SETS_DIR / f"org_crosslist_{part}.csv")
        # people on both lists (bench/people_crosslist.py build), when the set has been built
        crossing = SETS_DIR / f"people_crosslist_{part}.csv"
        persons, person_extra = read_set(crossing) if crossing.exists() else ([], {})
    if args.per_group:
        people, companies, orgs, persons = (_first(rows, args.per_group) for rows in (people, companies, orgs, persons))
    started = time.perf_counter()
    load = os.getloadavg()[0]
    db, export, listed = benchmark_store(rebuild=not args.reuse_store)
    OUT.mkdir(parents=True, exist_ok=True)
    queries = OUT / f"queries_{part.replace(' ', '')}.csv"
    rows = write_queries(queries, [r.query for r in (*people, *companies, *orgs, *persons)])
    runs: dict[str, Run] = {}
    reason = "left out (--peers-only)" if args.peers_only else embargo_side.unavailable()
    if reason is None:
        runs["embargo"] = run_embargo(db, queries, rows)
    runs["logic-v2 (yente-like)"] = run_logic_v2(export, queries)

    speed_rows = []
    for engine, run in runs.items():
        speed_rows.append(
            [
                engine,
                fmt(rows),
                f"{run.wall_s:.1f}",
                f"{run.cpu_s:.1f}",
                f"{rows / run.wall_s:.0f}",
                f"{rows / run.cpu_s:.0f}",
                f"{run.match_rows_per_cpu_s:.0f}",
                run.note,
            ]
        )
    ratio = []
    if "embargo" in runs:
        peer = runs["logic-v2 (yente-like)"]
        times = peer.cpu_s / runs["embargo"].cpu_s
        ratio = [f"- per core, whole command: embargo {times:.1f}x logic-v2's rows per CPU second"]
    company_groups = {g: g.removeprefix("co_") for g in dict.fromkeys(r.group for r in companies)}
    company_groups["co_latin_control"] = "Western (control)"
    body = [
        f"### Clean customers by script ({part} part: {len(people):,} rows, half with a birth date)",
        "",
        *alert_table(people, {g: label for g, (label, _) in PEOPLE_GROUPS.items()}, runs),
        "",
        *(
            ["Examples of embargo's alerts (query -> best hit):", "", *alert_examples(people, runs["embargo"]), ""]
            if "embargo" in runs
            else []
        ),
        f"### Clean company names ({part} part: {len(companies):,} rows)",
        "",
        *alert_table(companies, company_groups, runs),
        "",
        *(
            ["Examples of embargo's alerts:", "", *alert_examples(companies, runs["embargo"]), ""]
            if "embargo" in runs
            else []
        ),
        (
            f"### Organisations on DFAT's list and OFAC's, queried by their DFAT names ({part}: {len(orgs)} queries)"
            if args.probe is not None
            else f"### Organisations on the EU lists and OFAC's, queried by their EU names "
            f"({part} half: {len(orgs)} queries)"
        ),
        "",
        *org_tables(orgs, org_extra, runs, source="DFAT" if args.probe is not None else "EU"),
        *(
            [
                f"### People on the EU lists and OFAC's, queried by their EU names, name only "
                f"({part} half: {len(persons)} queries)",
                "",
                *org_tables(persons, person_extra, runs, "people", people_shape),
            ]
            if persons
            else []
        ),
        f"### Speed in the same run ({rows:,} rows: every set in one file)",
        "",
        *table(
            [
                "engine",
                "rows",
                "wall s",
                "CPU s",
                "rows/s",
                "rows per CPU second (whole command)",
                "rows per CPU second (matching only)",
                "note",
            ],
            speed_rows,
        ),
        "",
        *ratio,
        "- CPU seconds: user + system of the command and every process it waited for (embargo's worker, "
        "DuckDB's threads); matching only: embargo's screening rows/s once open (one worker), logic-v2's "
        "rows / CPU seconds of its blocker pass and scoring",
        "",
    ]
    extra = [
        f"load average at the start: {load:.2f} (two cores shared with other sessions)",
        f"embargo code: {code}",
        f"store: every real list ({len(listed):,} parties); "
        + (
            "sets: the probe files below"
            if args.probe is not None
            else f"sets: bench/sets/*_{part}.csv, made by "
            "`.venv/bin/python bench/script_negatives.py generate`, `.venv/bin/python bench/org_crosslist.py build` "
            "and `.venv/bin/python bench/people_crosslist.py build` (bench/sets/README.md)"
        ),
        f"embargo: `embargo screen --input --workers 1`, defaults (threshold 0.7, limit {LIMIT}); "
        f"logic-v2: nk_screen.py --max-candidates {YENTE_CANDIDATES} --prebuilt --limit {LIMIT}, threshold 0.7, "
        "one DuckDB thread",
        f"peers: {peer_side.peer_versions()}",
        f"took {time.perf_counter() - started:.0f} s",
    ]
    if reason:
        extra.append(f"**embargo: {reason}**")
    if args.probe is not None:
        extra.append(
            f"probe {args.probe}: bench/out/*_probe{args.probe}.csv and bench/out/org_crosslist_dfat_probe.csv, "
            "made by `bench/script_negatives.py probe --seed N` and `bench/org_crosslist.py probe-dfat`, "
            "never screened before this run"
        )
    elif not args.heldout:
        extra.append("held-out parts: **not measured** (kept for the end of issue 19)")
    section = [*context_lines(extra), "", *body]
    heading = args.heading if not args.heldout else "Issue 19 held-out parts (measured at the end)"
    if args.no_write:
        print("\n".join(section))
    else:
        write_section(heading, section)


if __name__ == "__main__":
    main()
