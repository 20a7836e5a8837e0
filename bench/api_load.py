"""HTTP API load: many concurrent clients sending single-query ``/match`` requests to ``embargo serve``.

    .venv/bin/python bench/api_load.py --db /tmp/me/s.db [--seconds 300] [--clients 50] [--workers 2]

Copies the store ``--db`` (a store with every real list: ``embargo update --from
$EMBARGO_SHARED_DATA --db ...``, e.g. ``bench/out/bench.db``) and its index files to a temporary
folder, so the given store is never written (a screen key and the audit log of the run go into the
copy), starts ``embargo serve --workers N`` on a free loopback port against the copy, waits for
``/readyz``, warms up for a few seconds (not counted), then runs ``--clients`` concurrent keep-alive
connections for ``--seconds``. The load generator is wrk (``apt-get install wrk``; the Lua script
``bench/api_load.lua`` posts a different body each request), or with ``--client python`` an
asyncio + httpx client that needs no install but eats about half a core. Each request is one
query, drawn in turn from a realistic mix of the yente name sets in ``$EMBARGO_SHARED_DATA/names/``:
90% synthetic negatives (the customers a bank screens all day) and 10% real listed names (UN and
US), each with its birth date and nationality when the set has one. Counts every non-2xx answer,
socket error and timeout; latency is the client's view (queueing included). Reports the CPU time
the server processes and the client used, and the server CPU per request (the figure to compare
between runs on a shared machine). Writes the "HTTP API load" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from load_clients import LoadResult, process_tree_cpu, run_python, run_wrk, wrk_path
from report import ROOT, context_lines, fmt, table, write_section

from embargo.auth import KeyStore, Role
from embargo.store import Store

HEADING = "HTTP API load"
NEGATIVES = ("yente_cgb_negatives_global.csv", "yente_cgb_negatives_us.csv")
POSITIVES = ("yente_cgb_positives_un_untreated.csv", "yente_cgb_positives_us_congress_untreated.csv")
#: yente's throughput as the issue gives it: about 4 /match requests per second per vCPU with logic-v2.
YENTE_PER_VCPU = 4.0


def _examples(folder: Path, files: tuple[str, ...], count: int, rng: random.Random) -> list[dict[str, Any]]:
    rows: list[dict[str, str]] = []
    for name in files:
        path = folder / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                rows.extend(r for r in csv.DictReader(fh) if (r.get("full_name") or "").strip())
    rng.shuffle(rows)
    out = []
    for r in rows[:count]:
        props: dict[str, Any] = {"name": [r["full_name"].strip()]}
        if (r.get("date_of_birth") or "").strip():
            props["birthDate"] = [r["date_of_birth"].strip()[:10]]
        if (r.get("nationality") or "").strip():
            props["nationality"] = [r["nationality"].strip()]
        out.append({"schema": "Person", "properties": props})
    return out


def queries(folder: Path, total: int = 20_000, seed: int = 7) -> list[dict[str, Any]]:
    """The request mix: 90% negatives, 10% listed names, shuffled."""
    rng = random.Random(seed)
    mix = _examples(folder, NEGATIVES, total * 9 // 10, rng) + _examples(folder, POSITIVES, total // 10, rng)
    if not mix:
        raise SystemExit(f"no name sets found in {folder}")
    rng.shuffle(mix)
    return mix


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, workers: int, port: int, log: Path, code: Path = ROOT) -> subprocess.Popen[bytes]:
    """``embargo serve`` of the code in ``code`` with rate limits off (the load is one key)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    cmd = [sys.executable, "-m", "embargo.cli", "serve", "--port", str(port), "--workers", str(workers)]
    cmd += ["--db", str(db), "--rate", "0", "--log-level", "warning"]
    with log.open("wb") as out:
        return subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 600) -> float:
    """Seconds until ``/readyz`` answers 200."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise SystemExit("embargo serve exited before it was ready")
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit("embargo serve was not ready in time")


def copy_store(db: Path, folder: Path) -> Path:
    """``db`` and its index folder copied into ``folder``; the copy's path."""
    if not db.exists():
        raise SystemExit(f"no store at {db}")
    target = folder / db.name
    shutil.copy2(db, target)
    index = db.with_name(db.name + ".index")
    if index.is_dir():
        shutil.copytree(index, target.with_name(target.name + ".index"))
    return target


def _load(
    args: argparse.Namespace, url: str, key: str, mix: list[dict[str, Any]], seconds: float, rate: float = 0
) -> LoadResult:
    if args.client == "wrk":
        return run_wrk(url, key, mix, args.clients, seconds, rate)
    return run_python(url, key, mix, args.clients, seconds, rate)


@dataclass
class Phase:
    """One measured run: how it was loaded, what came back, the CPU each server process used."""

    label: str
    result: LoadResult
    cpu_by_process: list[float]

    @property
    def cpu_ms(self) -> float:
        """Server CPU milliseconds per request."""
        return sum(self.cpu_by_process) / self.result.requests * 1000 if self.result.requests else float("nan")


def _measure(
    args: argparse.Namespace, pid: int, url: str, key: str, mix: list[dict[str, Any]], seconds: float, rate: float
) -> Phase:
    before = process_tree_cpu(pid)
    how = f"about {rate:.0f} requests/s offered" if rate else "flat out"
    print(f"server pids {sorted(before)}: {seconds:.0f} s {how} with {args.client}", file=sys.stderr)
    result = _load(args, url, key, mix, seconds, rate)
    after = process_tree_cpu(pid)
    # Per process, to see whether the workers shared the load (the supervisor uses next to none).
    by_pid = sorted((after[p] - before.get(p, 0.0) for p in after), reverse=True)
    label = f"{args.clients} clients, {how}"
    return Phase(label, result, by_pid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="store with every real list (copied, never written)")
    parser.add_argument("--seconds", type=float, default=300.0, help="length of the flat-out run")
    parser.add_argument("--rate", type=float, default=300.0, help="requests/s of the paced run (0: no paced run)")
    parser.add_argument("--paced-seconds", type=float, default=60.0, help="length of the paced run")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk" if wrk_path() else "python")
    parser.add_argument("--names", type=Path, default=Path(os.environ.get("EMBARGO_SHARED_DATA", "")) / "names")
    parser.add_argument("--code", type=Path, default=ROOT, help="serve the embargo package in this folder (A/B runs)")
    parser.add_argument("--machine", default="", help="what else the machine was doing (written in the section)")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    parser.add_argument("--heading", default=HEADING)
    args = parser.parse_args()

    mix = queries(args.names)
    phases: list[Phase] = []
    with tempfile.TemporaryDirectory(prefix="api_load_") as tmp:
        db = copy_store(args.db, Path(tmp))
        _, key = KeyStore(Store(db)).create(Role.SCREEN, "bench/api_load.py")
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = Path(tmp) / "serve.log"
        proc = start_server(db, args.workers, port, log, args.code.resolve())
        try:
            ready_s = wait_ready(url, proc)
            _load(args, url, key, mix, args.warmup)
            phases.append(_measure(args, proc.pid, url, key, mix, args.seconds, 0))
            if args.rate > 0 and args.paced_seconds > 0:
                phases.append(_measure(args, proc.pid, url, key, mix, args.paced_seconds, args.rate))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            if log.exists() and log.stat().st_size:
                print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
    write_report(args, ready_s, phases)


def _row(phase: Phase) -> list[str]:
    r = phase.result
    return [
        f"embargo, {phase.label}",
        fmt(r.requests),
        fmt(r.seconds, 1),
        fmt(r.rate, 1),
        fmt(r.p50, 1),
        fmt(r.p90, 1),
        fmt(r.p99, 1),
        fmt(r.max, 1),
        fmt(r.errors),
        fmt(phase.cpu_ms, 2),
    ]


def write_report(args: argparse.Namespace, ready_s: float, phases: list[Phase]) -> None:
    """The section: context, the table beside yente's figure, and where the CPU went."""
    yente = YENTE_PER_VCPU * (os.cpu_count() or 1)
    client = (
        f"wrk ({args.clients} keep-alive connections, 2 threads, bench/api_load.lua)"
        if args.client == "wrk"
        else f"the Python client (asyncio + httpx, {args.clients} keep-alive connections)"
    )
    extra = [
        f"store: every real list (a copy of {args.db.name}); server: `embargo serve --workers {args.workers}` "
        f"(ready in {ready_s:.0f} s); load: {client}, single-query `POST /match/default`; "
        f"{args.warmup:.0f} s warm-up not counted",
        "names: 90% synthetic negatives (yente_cgb_negatives_global/us), 10% listed names "
        "(yente_cgb_positives_un_untreated, us_congress_untreated), with birth date and nationality when given",
        "flat out: each client sends its next request as soon as it has the answer (throughput; with "
        f"{args.clients} clients waiting in line, latency is about {args.clients} / throughput); paced: each "
        "client waits a random time between requests (exponential, mean clients / rate), so the server sees "
        "about that rate in random bursts and the latencies are what callers see at that load",
        "audit: every call recorded in the store's audit log (the default), written in batches",
    ]
    for phase in phases:
        busiest = ", ".join(f"{c:.0f}" for c in phase.cpu_by_process[: args.workers])
        extra.append(
            f"CPU, {phase.label}: server {sum(phase.cpu_by_process):.0f} s in {phase.result.seconds:.0f} s "
            f"on {os.cpu_count()} cores (the {args.workers} busiest processes: {busiest} s), "
            f"load client {phase.result.client_cpu or 0:.0f} s"
        )
    if args.code.resolve() != ROOT:
        extra.append(f"code served: {args.code}")
    if args.machine:
        extra.append(f"machine load: {args.machine}")
    body = context_lines(extra)
    errors = "; ".join(
        f"{p.label}: " + (", ".join(f"{k} {v}" for k, v in p.result.error_detail.items()) or "none") for p in phases
    )
    header = ["", "requests", "seconds", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "CPU ms/req"]
    yente_row = ["yente logic-v2 (figure quoted by the issue)", "–", "–", f"about {yente:.0f}", *["–"] * 6]
    body += [
        "",
        *table(header, [*(_row(p) for p in phases), yente_row]),
        "",
        f"- yente: about {YENTE_PER_VCPU:.0f} `/match` requests/s per vCPU with logic-v2, the figure the project's "
        f"issue gives (no published benchmark found to cite); {yente:.0f} on these {os.cpu_count()} cores",
        "- target: at least 300 requests/s on 2 cores with p99 at most 50 ms",
        f"- errors (non-2xx, socket errors, timeouts): {errors}",
        "- CPU ms/req: the server processes' CPU time per answered request",
    ]
    if args.no_write:
        print("\n".join(body))
    else:
        write_section(args.heading, body)


if __name__ == "__main__":
    main()
