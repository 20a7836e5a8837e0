"""CPU per ``/match`` request inside one process, beside the screener's own CPU for the same queries.

    .venv/bin/python bench/api_cpu.py --db bench/out/bench.db [--requests 2000] [--rounds 3] [--base DIR]

Loads the application in this process (the code on ``PYTHONPATH``: point it at another checkout to
compare two versions), calls it as an ASGI app directly (no sockets, no HTTP parser) with
single-query ``POST /match/default`` requests drawn from the same name mix as ``api_load.py``, one at
a time, and measures the CPU time of the process per request (``time.process_time``, every thread,
the audit trail's writer included). Then screens the same queries with the screener alone. The
difference is what the API adds to screening. CPU time, unlike throughput, hardly moves when other
work shares the machine, so two versions can be compared on a busy one: run them in turn, a few
rounds each. The store is copied first (a key is written into the copy). Prints its figures; with
``--base DIR`` (another checkout, e.g. ``git archive COMMIT embargo | tar -x -C DIR``) it also runs
that code the same way, in turn with this one, and writes the "HTTP API CPU per request" section
of docs/benchmarks.md with both.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from api_load import copy_store, queries
from report import ROOT, context_lines, fmt, table, write_section

from embargo.api.examples import query_from_example
from embargo.auth import KeyStore, Role
from embargo.screening import Screener
from embargo.store import Store

try:
    from embargo.app import create_app
    from embargo.server import ApiConfig
except ImportError:  # a checkout from before issue 21 (the app was assembled in embargo.api)
    from embargo.api.config import ApiConfig  # type: ignore[no-redef]

    from embargo.api.app import create_app  # type: ignore[no-redef]

Message = dict[str, Any]


class _Lifespan:
    """The ASGI lifespan protocol, driven by hand: startup loads the index, shutdown flushes the audit."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.inbox = asyncio.Queue[Message]()
        self.replies = asyncio.Queue[Message]()
        self.task: asyncio.Task[None] | None = None

    async def _receive(self) -> Message:
        return await self.inbox.get()

    async def _send(self, message: Message) -> None:
        await self.replies.put(message)

    async def event(self, name: str) -> None:
        if self.task is None:
            self.task = asyncio.create_task(self.app({"type": "lifespan", "state": {}}, self._receive, self._send))
        await self.inbox.put({"type": f"lifespan.{name}"})
        reply = await self.replies.get()
        if reply["type"].endswith(".failed"):
            raise SystemExit(f"lifespan {name} failed: {reply}")


async def _exchange(app: Any, key: bytes, body: bytes) -> tuple[int, bytes]:
    """One ``POST /match/default`` to the ASGI app: the status and the response body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/match/default",
        "raw_path": b"/match/default",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/json"),
            (b"authorization", b"ApiKey " + key),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    status = 0
    sent = False
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def _call(app: Any, key: bytes, body: bytes) -> int:
    """The status of one ``POST /match/default``."""
    return (await _exchange(app, key, body))[0]


async def _api_rounds(db: Path, key: str, bodies: list[bytes], warmup: int, rounds: int) -> list[float]:
    app = create_app(ApiConfig(db=db, rate_per_minute=0, reload_seconds=0))
    lifespan = _Lifespan(app)
    await lifespan.event("startup")
    try:
        for body in bodies[:warmup]:
            await _call(app, key.encode(), body)
        out = []
        for _ in range(rounds):
            t0 = time.process_time()
            for body in bodies[warmup:]:
                status = await _call(app, key.encode(), body)
                if status != 200:
                    raise SystemExit(f"status {status}")
            out.append((time.process_time() - t0) / (len(bodies) - warmup) * 1000)
        return out
    finally:
        await lifespan.event("shutdown")


def _screen_rounds(db: Path, mix: list[dict[str, Any]], rounds: int) -> list[float]:
    screener = Screener.open(Store(db))
    built = [query_from_example(q["schema"], q["properties"], "q")[0] for q in mix]
    out = []
    for _ in range(rounds):
        t0 = time.process_time()
        for query in built:
            screener.screen(query, threshold=0.7, limit=5)
        out.append((time.process_time() - t0) / len(built) * 1000)
    return out


def _compare(args: argparse.Namespace) -> None:
    """This code and ``--base`` in turn, twice each; the section with the medians."""
    runs: dict[str, list[tuple[float, float]]] = {"base": [], "this": []}
    for _ in range(2):
        for label, code in (("base", args.base.resolve()), ("this", ROOT)):
            cmd = [sys.executable, __file__, "--db", str(args.db), "--requests", str(args.requests)]
            cmd += ["--warmup", str(args.warmup), "--rounds", str(args.rounds), "--names", str(args.names)]
            done = subprocess.run(cmd, env={**os.environ, "PYTHONPATH": str(code)}, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(done.stderr[-2000:])
            found = re.search(r"^api ([\d.]+) .*\nscreener alone ([\d.]+)", done.stdout, re.MULTILINE)
            if found is None:
                raise SystemExit(done.stdout)
            runs[label].append((float(found.group(1)), float(found.group(2))))
            print(label, runs[label][-1], file=sys.stderr)
    rows = []
    for label, title in (("base", f"before ({args.base})"), ("this", "this commit")):
        api = statistics.median(a for a, _ in runs[label])
        screen = statistics.median(b for _, b in runs[label])
        rows.append([title, fmt(api, 2), fmt(screen, 2), fmt(api - screen, 2), fmt(api / screen, 2)])
    body = context_lines(
        [
            f"{args.requests} single-query `POST /match/default` requests from the api_load.py name mix, called "
            f"in this process as an ASGI app (no sockets), one at a time, after {args.warmup} not counted; "
            f"median of {args.rounds} rounds, then of 2 runs per version, the versions in turn",
            "CPU time of the process (every thread, the audit writer included) per request; the screener alone: "
            "the same queries through `Screener.screen`",
        ]
    )
    body += ["", *table(["code", "API ms", "screener ms", "API adds ms", "API / screener"], rows)]
    write_section("HTTP API CPU per request", body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--names", type=Path, default=Path(os.environ.get("EMBARGO_SHARED_DATA", "")) / "names")
    parser.add_argument("--base", type=Path, help="another checkout to compare with (writes the section)")
    args = parser.parse_args()
    if args.base is not None:
        _compare(args)
        return
    mix = queries(args.names)[: args.warmup + args.requests]
    bodies = [json.dumps({"queries": {"q": q}}, ensure_ascii=False).encode() for q in mix]
    with tempfile.TemporaryDirectory(prefix="api_cpu_") as tmp:
        db = copy_store(args.db, Path(tmp))
        _, key = KeyStore(Store(db)).create(Role.SCREEN, "bench/api_cpu.py")
        api = asyncio.run(_api_rounds(db, key, bodies, args.warmup, args.rounds))
        screen = _screen_rounds(db, mix[args.warmup :], args.rounds)
    code = Path(sys.modules["embargo"].__file__ or "?").parent.parent
    api_ms, screen_ms = statistics.median(api), statistics.median(screen)
    print(f"code: {code}; {args.requests} single-query /match requests, {args.rounds} rounds, median CPU ms")
    print(f"api {api_ms:.3f} ms/request  (rounds: {', '.join(f'{x:.3f}' for x in api)})")
    print(f"screener alone {screen_ms:.3f} ms/query  (rounds: {', '.join(f'{x:.3f}' for x in screen)})")
    print(f"api overhead {api_ms - screen_ms:.3f} ms/request ({api_ms / screen_ms:.2f}x the screening)")


if __name__ == "__main__":
    main()
