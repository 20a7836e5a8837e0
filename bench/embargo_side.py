"""Every call the benchmarks make into embargo, in one place.

The harness is written against this module only, so a change of embargo's API means a change
here and nowhere else. The matcher modules (``embargo.matching``, ``embargo.screening``) are
imported lazily by name: when they are not there yet, :func:`unavailable` says why and the
benchmarks print the peer columns alone, with that note, instead of failing.

The store is built and exported through the CLI (``embargo update``, ``embargo export``,
``embargo import``), as a user would; names are compared and queries screened in-process.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from name_sets import QueryRow

__all__ = [
    "Hit",
    "Screening",
    "batch_command",
    "build_store",
    "cli",
    "compare_names",
    "default_threshold",
    "export_ftm",
    "import_command",
    "index_build_command",
    "open_screener",
    "read_batch_hits",
    "read_batch_summary",
    "remove_store",
    "screen_command",
    "shared_data_dir",
    "unavailable",
]


@dataclass(frozen=True, slots=True)
class Hit:
    """One screening hit, reduced to what the benchmarks score."""

    query_id: str
    entity_id: str
    score: float
    matched_name: str = ""


def shared_data_dir() -> Path:
    """The folder of real list files and name sets (``EMBARGO_SHARED_DATA``)."""
    from embargo.settings import shared_data_dir as settings_dir

    return Path(settings_dir())


def cli() -> list[str]:
    """The ``embargo`` command of the interpreter running the benchmarks."""
    exe = Path(sys.executable).with_name("embargo")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "embargo"]


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except Exception:  # a half-written matcher (SyntaxError, NameError...) is "not there yet" too
        return None


def unavailable() -> str | None:
    """Why embargo's matcher cannot be benchmarked yet, or None when it can."""
    missing = [name for name in ("embargo.matching", "embargo.screening") if _module(name) is None]
    if missing:
        return f"{' and '.join(missing)} not importable yet: embargo columns skipped"
    return None


def default_threshold() -> float:
    """embargo's default match threshold."""
    matching = importlib.import_module("embargo.matching")
    return float(matching.DEFAULT_THRESHOLD)


def compare_names(schema: str, a: str, b: str) -> float:
    """embargo's name-only score of two names of a schema, in [0, 1]."""
    matching = importlib.import_module("embargo.matching")
    return float(matching.compare_names(schema, a, b))


class Screening:
    """An open screener over the store's current list versions."""

    def __init__(self, screener: Any, query_class: Any) -> None:
        self._screener = screener
        self._query = query_class

    def screen(self, row: QueryRow, threshold: float | None = None, limit: int = 10) -> list[Hit]:
        """Screen one query row; hits at or above the threshold (embargo's default when None)."""
        query = self._query(
            schema=row.schema or "Person",
            names=(row.name,),
            birth_dates=(row.birth_date,) if row.birth_date else (),
            nationalities=(row.nationality,) if row.nationality else (),
            countries=(row.country,) if row.country else (),
            id_numbers=(row.id_number,) if row.id_number else (),
        )
        return [
            Hit(row.id, str(h.entity_id), float(h.score), str(h.matched_name))
            for h in self._screener.screen(query, threshold=threshold, limit=limit)
        ]


def open_screener(db: Path) -> Screening:
    """Open the persisted candidate index of ``db`` (the timed "index open")."""
    screening = importlib.import_module("embargo.screening")
    return Screening(screening.Screener.open(db), screening.Query)


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {' '.join(args)}\n{done.stderr[-2000:]}")


def build_store(db: Path, data_dir: Path) -> None:
    """A fresh store with every real list of ``data_dir`` imported (``embargo update --from``)."""
    remove_store(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    _run([*cli(), "update", "--from", str(data_dir), "--db", str(db)])


def remove_store(db: Path) -> None:
    """Delete a store and everything embargo keeps beside it (WAL files, the ``.index`` folder)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(f"{db}.index", ignore_errors=True)


def export_ftm(db: Path, out: Path) -> None:
    """The store's current versions as FollowTheMoney JSON lines (what the peers index)."""
    _run([*cli(), "export", "--format", "ftm", "--db", str(db), "-o", str(out)])


def import_command(db: Path, path: Path, source: str) -> list[str]:
    """The command importing a custom-CSV list (and building its candidate index)."""
    return [*cli(), "import", str(path), "--source", source, "--format", "custom_csv", "--db", str(db)]


def index_build_command(db: Path) -> list[str]:
    """A process (re)building the candidate index of every current list version of ``db``, nothing else.

    Timed beside :func:`import_command`, it splits an import into parse + store and index build.
    """
    return [sys.executable, str(Path(__file__).resolve()), "build-index", str(db)]


def _build_index(db: Path) -> None:
    from embargo.index import build_version_index
    from embargo.store import Store

    store = Store(db)
    for info in store.view().lists():
        if info.current is not None:
            build_version_index(store, info.current)


def batch_command(db: Path, queries: Path, output: Path, summary: Path | None = None) -> list[str]:
    """The command screening a query file in batch, writing hits as JSON lines.

    With ``summary``, the command's JSON summary (rows, seconds, start-up seconds, steady-state
    rows/s: :func:`read_batch_summary`) goes to that file.
    """
    command = [*cli(), "screen", "--input", str(queries), "--output", str(output), "--db", str(db)]
    if summary is None:
        return command
    # exec: the timed process is embargo itself, its stdout the summary file
    return ["sh", "-c", 'out="$1"; shift; exec "$@" > "$out"', "sh", str(summary), *command, "--json"]


def read_batch_summary(path: Path) -> dict[str, Any]:
    """The JSON summary a :func:`batch_command` run wrote (``screening_rows_per_second``: rows/s once open)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def screen_command(db: Path, name: str) -> list[str]:
    """The command screening one name (a cold start: process, imports, index open, query)."""
    return [*cli(), "screen", name, "--json", "--db", str(db)]


def read_batch_hits(path: Path) -> Iterator[Hit]:
    """Hits from the output of :func:`batch_command`."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                data = json.loads(line)
                yield Hit(
                    str(data["query_id"]),
                    str(data["entity_id"]),
                    float(data["score"]),
                    str(data.get("matched_name", "")),
                )


if __name__ == "__main__":  # python bench/embargo_side.py build-index DB (see index_build_command)
    if len(sys.argv) != 3 or sys.argv[1] != "build-index":
        raise SystemExit("usage: embargo_side.py build-index DB")
    _build_index(Path(sys.argv[2]))
