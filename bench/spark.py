"""Spark engine throughput next to the local engine, on one machine.

    .venv/bin/python bench/spark.py [--queries bench/out/speed/batch_queries.csv] [--db bench/out/bench.db]
                                    [--master 'local[2]'] [--repeats 2] [--no-write]

The same customer file (``bench/speed.py``'s 10,000-row batch file) against a copy of the benchmark
store (every real list), through:

- ``embargo screen --input`` (local engine, ``--workers`` = the Spark cores) as a whole command;
- ``embargo screen --engine spark --spark-master local[N]`` as a whole command (JVM start,
  Python workers loading the index and rigour's automaton included);
- ``screen_file_spark`` in this process on a session already running, after one warm-up run:
  the steady state of a long-lived cluster, where start-up is paid once.

Runs alternate (local, spark command, spark warm, ...) so drift hits all alike; the table gives
medians and the spark / local ratio taken run by run. Every output is compared with the local
engine's (byte for byte). Writes the "Spark engine" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import BENCH_DIR, ROOT, context_lines, fmt, table, write_section

HEADING = "Spark engine"
OUT = BENCH_DIR / "out"


def _copy_store(db: Path, work: Path) -> Path:
    """A private copy of the store and its index folder (the original is read-only to benchmarks)."""
    target = work / db.name
    shutil.copy2(db, target)
    shutil.copytree(db.with_name(db.name + ".index"), target.with_name(target.name + ".index"))
    return target


def _command(args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "embargo.cli", *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{done.stdout}\n{done.stderr[-3000:]}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=OUT / "speed" / "batch_queries.csv")
    parser.add_argument("--db", type=Path, default=OUT / "bench.db")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print instead of updating docs/benchmarks.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from embargo.spark import screen_file_spark, spark_session
    from embargo.store import Store

    cores = args.master.removeprefix("local[").removesuffix("]")
    workers = cores if cores.isdigit() else str(os.cpu_count() or 1)
    rows = sum(1 for _ in args.queries.open(encoding="utf-8")) - 1
    with tempfile.TemporaryDirectory(prefix="embargo-bench-spark-") as tmp:
        work = Path(tmp)
        db = _copy_store(args.db, work)
        base = ["screen", "--input", str(args.queries), "--db", str(db), "--limit", "10"]
        expected = work / "local.jsonl"
        session = spark_session(args.master, "embargo bench", {"spark.ui.showConsoleProgress": "false"})
        session.sparkContext.setLogLevel("ERROR")
        screen_file_spark(Store(db), str(args.queries), str(work / "warmup.jsonl"), limit=10, spark=session)
        local, command, warm = [], [], []
        identical = True
        for _ in range(args.repeats):
            local.append(_command([*base, "--output", str(expected), "--workers", workers]))
            out = work / "spark-command.jsonl"
            command.append(_command([*base, "--output", str(out), "--engine", "spark", "--spark-master", args.master]))
            identical &= out.read_bytes() == expected.read_bytes()
            out = work / "spark-warm.jsonl"
            started = time.perf_counter()
            screen_file_spark(Store(db), str(args.queries), str(out), limit=10, spark=session)
            warm.append(time.perf_counter() - started)
            identical &= out.read_bytes() == expected.read_bytes()
        identical &= (work / "warmup.jsonl").read_bytes() == expected.read_bytes()
        version = session.version
        session.stop()

    def row(name: str, walls: list[float]) -> list[str]:
        wall = statistics.median(walls)
        ratio = statistics.median(w / lw for w, lw in zip(walls, local, strict=True))
        return [name, fmt(wall, 1), fmt(rows / wall, 0), f"{ratio:.2f}x"]

    body = [
        *context_lines(
            [
                f"{rows:,} customer rows (`{args.queries.name}`, bench/speed.py's batch file) against every real list;"
                f" {args.repeats} runs each, alternating; Spark {version}, master `{args.master}`",
                f"output identical to the local engine's in every run: {'yes' if identical else 'NO'}",
            ]
        ),
        "",
        *table(
            ["engine", "wall s", "rows/s", "wall / local"],
            [
                row(f"local engine, whole command (`--workers {workers}`)", local),
                row("spark engine, whole command (JVM and workers start)", command),
                row("spark engine, session running, workers warm", warm),
            ],
        ),
        "",
        "On one machine Spark adds its start-up (a JVM, then each Python worker loads the index and",
        "rigour's automaton) and moves every row through the JVM; it is for files and clusters larger",
        "than one machine, where the warm throughput grows with the executors' cores.",
    ]
    if args.no_write:
        print("\n".join([f"## {HEADING}", "", *body]))
    else:
        write_section(HEADING, body)


if __name__ == "__main__":
    main()
