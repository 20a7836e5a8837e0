"""HTTP API load: many concurrent clients sending single-query ``/match`` requests to ``embargo serve``.

    .venv/bin/python bench/api_load.py --db /tmp/me/s.db [--seconds 300] [--clients 50] [--workers 2]

Starts ``embargo serve --workers N`` on a free loopback port against ``--db`` (a store with every
real list: ``embargo update --from $EMBARGO_SHARED_DATA --db ...``; a screen key is created in it),
waits for ``/readyz``, warms up for a few seconds (not counted), then runs ``--clients``
concurrent clients (asyncio + httpx, one keep-alive connection each) for ``--seconds``. Each
request is one query, drawn in turn from a realistic mix of the yente name sets in
``$EMBARGO_SHARED_DATA/names/``: 90% synthetic negatives (the customers a bank screens all day)
and 10% real listed names (UN and US), each with its birth date and nationality when the set has
one. Counts every non-200 answer and transport error; latency is the client's view (queueing
included). The client runs on the same machine and takes CPU from the server: its own CPU time
is reported beside the results. Writes the "HTTP API load" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
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


def start_server(db: Path, workers: int, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``embargo serve`` with rate limits off (the load is one key)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
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


async def _client(
    client: httpx.AsyncClient, mix: list[dict[str, Any]], start: int, step: int, until: float, out: dict[str, Any]
) -> None:
    for i in itertools.count(start, step):
        if time.monotonic() >= until:
            return
        body = {"queries": {"q": mix[i % len(mix)]}}
        t0 = time.perf_counter()
        try:
            r = await client.post("/match/default", json=body)
            ok = r.status_code == 200
        except httpx.HTTPError:
            ok = False
        out["latencies"].append(time.perf_counter() - t0)
        if not ok:
            out["errors"] += 1


async def run_load(url: str, key: str, mix: list[dict[str, Any]], clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` concurrent loops for ``seconds``; latencies and errors."""
    out: dict[str, Any] = {"latencies": [], "errors": 0}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"ApiKey {key}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=60) as client:
        until = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(_client(client, mix, i, clients, until, out) for i in range(clients)))
        out["elapsed"] = time.perf_counter() - started
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="store with every real list (written: a key)")
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--names", type=Path, default=Path(os.environ.get("EMBARGO_SHARED_DATA", "")) / "names")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--heading", default=HEADING)
    args = parser.parse_args()

    store = Store(args.db)
    _, key = KeyStore(store).create(Role.SCREEN, "bench/api_load.py")
    mix = queries(args.names)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = args.db.with_name("api_load_serve.log")
    proc = start_server(args.db, args.workers, port, log)
    try:
        ready_s = wait_ready(url, proc)
        asyncio.run(run_load(url, key, mix, args.clients, args.warmup))
        cpu0 = time.process_time()
        result = asyncio.run(run_load(url, key, mix, args.clients, args.seconds))
        client_cpu = time.process_time() - cpu0
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    lat: list[float] = result["latencies"]
    n = len(lat)
    rate = n / result["elapsed"]
    yente = YENTE_PER_VCPU * (os.cpu_count() or 1)
    body = context_lines(
        [
            f"store: every real list ({args.db.name}); server: `embargo serve --workers {args.workers}` "
            f"(ready in {ready_s:.0f} s); {args.clients} concurrent clients, one keep-alive connection each, "
            f"single-query `POST /match/default`; {args.warmup:.0f} s warm-up not counted",
            "names: 90% synthetic negatives (yente_cgb_negatives_global/us), 10% listed names "
            "(yente_cgb_positives_un_untreated, us_congress_untreated), with birth date and nationality when given",
            f"the load client ran on the same {os.cpu_count()} cores: it used {client_cpu:.0f} s of CPU in "
            f"{result['elapsed']:.0f} s ({client_cpu / result['elapsed']:.0%} of one core) that the server could "
            "not use",
            "audit: every call recorded in the store's audit log (the default), written in batches",
        ]
    )
    body += [
        "",
        *table(
            ["", "requests", "seconds", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"],
            [
                [
                    "embargo",
                    fmt(n),
                    fmt(result["elapsed"], 1),
                    fmt(rate, 1),
                    fmt(_pct(lat, 0.50), 1),
                    fmt(_pct(lat, 0.90), 1),
                    fmt(_pct(lat, 0.99), 1),
                    fmt(max(lat) * 1000 if lat else float("nan"), 1),
                    fmt(int(result["errors"])),
                ],
                [
                    "yente logic-v2 (figure quoted by the issue)",
                    "–",
                    "–",
                    f"about {yente:.0f}",
                    "–",
                    "–",
                    "–",
                    "–",
                    "–",
                ],
            ],
        ),
        "",
        f"- yente: about {YENTE_PER_VCPU:.0f} `/match` requests/s per vCPU with logic-v2, the figure the project's "
        f"issue gives (no published benchmark found to cite); {yente:.0f} on these {os.cpu_count()} cores",
        "- target: at least 300 requests/s on 2 cores with p99 at most 50 ms",
        f"- mean latency {statistics.fmean(lat) * 1000:.1f} ms" if lat else "- no request completed",
    ]
    if args.no_write:
        print("\n".join(body))
    else:
        write_section(args.heading, body)


if __name__ == "__main__":
    main()
