"""Running the peer matchers: subprocesses of ``bench/.venv-peers`` (made by ``bench/setup_peers.sh``).

The peers are nomenklatura's logic-v2 (pairwise), nomenklatura's DuckDB blocker + logic-v2
pipeline (screening), and a rapidfuzz brute-force scan. They run in their own venv because
their followthemoney / rigour pins need not match embargo's; everything passes through files.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embargo_side import Hit
from name_sets import NamePair
from report import BENCH_DIR

__all__ = [
    "LOGIC_V2_THRESHOLD",
    "PEERS",
    "PEER_PYTHON",
    "Timed",
    "peer_command",
    "peer_env",
    "peer_versions",
    "read_hits",
    "require_peers",
    "run_peer",
    "run_peer_reusing",
    "run_timed",
    "score_pairs",
]

PEER_PYTHON = BENCH_DIR / ".venv-peers" / "bin" / "python"
PEER_DIR = BENCH_DIR / "peers"
#: logic-v2's customary threshold: yente's SCORE_THRESHOLD and nomenklatura name_bench's default.
LOGIC_V2_THRESHOLD = 0.7
#: Screening peers: label -> script.
PEERS = {"nomenklatura": "nk_screen.py", "rapidfuzz": "rapidfuzz_scan.py"}


@dataclass(frozen=True, slots=True)
class Timed:
    """A finished subprocess: wall seconds, peak memory of the child (MiB), its exit code."""

    wall_s: float
    peak_rss_mib: float
    returncode: int
    stderr: str


def require_peers() -> None:
    """Stop with instructions when the peer venv is missing."""
    if not PEER_PYTHON.exists():
        raise SystemExit("peer venv missing: run bench/setup_peers.sh first")


def peer_versions() -> str:
    """``name==version`` of every peer package, for the report."""
    code = (
        "from importlib.metadata import version\n"
        "print(', '.join(f'{n} {version(n)}' for n in "
        "('nomenklatura', 'followthemoney', 'rigour', 'duckdb', 'rapidfuzz')))"
    )
    done = subprocess.run([str(PEER_PYTHON), "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def run_timed(args: Sequence[str], env: dict[str, str] | None = None) -> Timed:
    """Run a command to the end; its wall time and peak RSS.

    The peak is taken by GNU time (``/usr/bin/time -f %M``) when it is installed: a child forked
    straight from this process would start its high-water mark at this process's own size (the
    benchmark may hold an open index), and ``ru_maxrss`` keeps that. Without GNU time, the
    child's ``wait4`` rusage is used, an upper bound.
    """
    gnu_time = Path("/usr/bin/time")
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        command = list(args)
        if gnu_time.exists():
            command = [str(gnu_time), "-f", "%M", "-o", rss_file.name, *command]
        started = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True) as child:
            assert child.stderr is not None
            stderr = child.stderr.read()
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        peak_mib = usage.ru_maxrss / 1024
        lines = [line for line in Path(rss_file.name).read_text().splitlines() if line.strip()]
        if lines and lines[-1].strip().isdigit():
            peak_mib = int(lines[-1]) / 1024
    return Timed(wall, peak_mib, child.returncode, stderr[-3000:])


def peer_command(
    peer: str,
    entities: Path,
    queries: Path,
    output: Path,
    stats: Path,
    threshold: float,
    per_query: int = 0,
    one_core: bool = False,
) -> list[str]:
    """The command line of a screening peer."""
    args = [
        str(PEER_PYTHON),
        str(PEER_DIR / PEERS[peer]),
        "--entities",
        str(entities),
        "--input",
        str(queries),
        "--output",
        str(output),
        "--stats",
        str(stats),
        "--threshold",
        str(threshold),
    ]
    if per_query:
        args += ["--per-query", str(per_query)]
    if one_core:
        args.append("--one-core")
    return args


def peer_env(one_core: bool = False) -> dict[str, str]:
    """Environment of a peer run; one DuckDB thread when pinned to one core."""
    env = dict(os.environ)
    if one_core:
        env["NOMENKLATURA_DUCKDB_THREADS"] = "1"
    return env


def run_peer(
    peer: str,
    entities: Path,
    queries: Path,
    output: Path,
    stats: Path,
    threshold: float,
    per_query: int = 0,
    one_core: bool = False,
) -> tuple[Timed, dict[str, Any]]:
    """Run a screening peer to the end; its timing and its stats JSON."""
    command = peer_command(peer, entities, queries, output, stats, threshold, per_query, one_core)
    timed = run_timed(command, env=peer_env(one_core))
    if timed.returncode != 0:
        raise SystemExit(f"{peer} failed ({timed.returncode}):\n{timed.stderr}")
    result: dict[str, Any] = json.loads(stats.read_text(encoding="utf-8"))
    return timed, result


def _fingerprint(peer: str, files: Sequence[Path], threshold: float) -> str:
    digest = hashlib.sha256(f"{peer} {threshold} {peer_versions()}".encode())
    digest.update((PEER_DIR / PEERS[peer]).read_bytes())
    for path in files:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def run_peer_reusing(
    peer: str, entities: Path, queries: Path, output: Path, stats: Path, threshold: float
) -> tuple[float, bool]:
    """:func:`run_peer`, unless the last run had the same entities, queries, script, threshold and peer versions.

    The peers' answers depend on nothing else, so a rerun that only changes embargo may reuse them.

    Returns:
        The wall seconds of the run whose hits are in ``output``, and whether that run was reused.
    """
    key = output.with_suffix(".key.json")
    fingerprint = _fingerprint(peer, [entities, queries], threshold)
    if key.exists() and output.exists():
        saved = json.loads(key.read_text(encoding="utf-8"))
        if saved.get("fingerprint") == fingerprint:
            return float(saved["wall_s"]), True
    timed, _ = run_peer(peer, entities, queries, output, stats, threshold)
    key.write_text(json.dumps({"fingerprint": fingerprint, "wall_s": timed.wall_s}), encoding="utf-8")
    return timed.wall_s, False


def read_hits(path: Path) -> list[Hit]:
    """Hits written by a peer."""
    hits = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                data = json.loads(line)
                hits.append(
                    Hit(data["query_id"], data["entity_id"], float(data["score"]), data.get("matched_name", ""))
                )
    return hits


def score_pairs(pairs: Sequence[NamePair], work: Path) -> list[float]:
    """logic-v2's score of each pair (one subprocess for all)."""
    source, target = work / "pairs.jsonl", work / "pairs.scores"
    work.mkdir(parents=True, exist_ok=True)
    with source.open("w", encoding="utf-8") as fh:
        for pair in pairs:
            fh.write(json.dumps({"schema": pair.schema, "a": pair.a, "b": pair.b}, ensure_ascii=False) + "\n")
    command = [str(PEER_PYTHON), str(PEER_DIR / "logic_v2_pairs.py"), str(source), str(target)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"logic-v2 pair scoring failed:\n{done.stderr[-3000:]}")
    return [float(line) for line in target.read_text(encoding="utf-8").split()]
