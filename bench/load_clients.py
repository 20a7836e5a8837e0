"""Load generators for ``bench/api_load.py``: wrk (the default) or a Python client, and server CPU accounting.

wrk (Debian package ``wrk``) is a C load generator on epoll: fifty connections cost it a few
percent of one core, so nearly all of the machine is left to the server. The Python client
(asyncio + httpx) needs no install but costs about half a core at 100 requests/s, which on a
2-core machine is CPU the server cannot have; it is kept as the fallback.

Both return the same :class:`LoadResult`. The server's own CPU time during the run is read
from ``/proc`` for the server process and all its descendants (the uvicorn workers), so the
CPU each request costs can be compared between runs on a noisy, shared machine.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

__all__ = ["LUA", "LoadResult", "process_tree_cpu", "run_python", "run_wrk", "wrk_path"]

LUA = Path(__file__).resolve().parent / "api_load.lua"
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class LoadResult:
    """What one timed run produced (latencies in milliseconds)."""

    requests: int
    seconds: float
    errors: int
    p50: float
    p90: float
    p99: float
    max: float
    mean: float
    client_cpu: float | None = None
    error_detail: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def process_tree_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) used so far by ``pid`` and each of its descendants, by pid."""
    tree = _children()
    todo, out = [pid], {}
    while todo:
        p = todo.pop()
        todo.extend(tree.get(p, []))
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[p] = (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime
    return out


def wrk_path() -> str | None:
    """The wrk binary, or None when it is not installed."""
    return shutil.which("wrk")


def run_wrk(
    url: str, key: str, mix: list[dict[str, Any]], clients: int, seconds: float, rate: float = 0, threads: int = 2
) -> LoadResult:
    """``clients`` keep-alive connections from wrk for ``seconds`` (whole seconds).

    With ``rate`` (requests per second over all connections) each connection waits a random
    time between requests (see ``api_load.lua``); without, each sends as fast as it is answered.
    """
    wrk = wrk_path()
    if wrk is None:
        raise SystemExit("wrk is not installed (apt-get install wrk), or pass --client python")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        for query in mix:
            fh.write(json.dumps({"queries": {"q": query}}, ensure_ascii=False) + "\n")
        bodies = fh.name
    cmd = [wrk, f"-t{min(threads, clients)}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s"]
    cmd += ["-s", str(LUA), url, "--", bodies, key]
    if rate > 0:
        cmd += [str(rate), str(clients)]
    try:
        cpu0 = _own_children_cpu()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        client_cpu = _own_children_cpu() - cpu0
    finally:
        os.unlink(bodies)
    found = re.search(r"^WRK_RESULT (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    raw = json.loads(found.group(1))
    detail = {k: int(raw[k]) for k in ("connect", "read", "write", "status", "timeout") if raw[k]}
    return LoadResult(
        requests=int(raw["requests"]),
        seconds=raw["duration_us"] / 1e6,
        errors=sum(detail.values()),
        p50=raw["p50"] / 1000,
        p90=raw["p90"] / 1000,
        p99=raw["p99"] / 1000,
        max=raw["max"] / 1000,
        mean=raw["mean"] / 1000,
        client_cpu=client_cpu,
        error_detail=detail,
    )


def _own_children_cpu() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


async def _client(
    client: httpx.AsyncClient,
    mix: list[dict[str, Any]],
    start: int,
    step: int,
    until: float,
    out: dict[str, Any],
    mean_wait: float,
) -> None:
    rng = random.Random(start)
    for i in itertools.count(start, step):
        if mean_wait > 0:
            await asyncio.sleep(rng.expovariate(1 / mean_wait))
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


async def _run(
    url: str, key: str, mix: list[dict[str, Any]], clients: int, seconds: float, rate: float
) -> dict[str, Any]:
    mean_wait = clients / rate if rate > 0 else 0.0
    out: dict[str, Any] = {"latencies": [], "errors": 0}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"ApiKey {key}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=60) as client:
        until = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(_client(client, mix, i, clients, until, out, mean_wait) for i in range(clients)))
        out["elapsed"] = time.perf_counter() - started
    return out


def _pct(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def run_python(
    url: str, key: str, mix: list[dict[str, Any]], clients: int, seconds: float, rate: float = 0
) -> LoadResult:
    """``clients`` concurrent asyncio loops (httpx, one keep-alive connection each) for ``seconds``.

    With ``rate``, each loop waits a random time between requests, as :func:`run_wrk` does.
    """
    cpu0 = time.process_time()
    out = asyncio.run(_run(url, key, mix, clients, seconds, rate))
    lat = sorted(out["latencies"])
    return LoadResult(
        requests=len(lat),
        seconds=out["elapsed"],
        errors=int(out["errors"]),
        p50=_pct(lat, 0.50),
        p90=_pct(lat, 0.90),
        p99=_pct(lat, 0.99),
        max=lat[-1] * 1000 if lat else float("nan"),
        mean=sum(lat) / len(lat) * 1000 if lat else float("nan"),
        client_cpu=time.process_time() - cpu0,
        error_detail={"status or transport": int(out["errors"])} if out["errors"] else {},
    )
