"""Killing an import mid-way leaves the previous version intact and current."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from embargo.ingest import import_file
from embargo.store import Store


def _write_list(path: Path, rows: int, prefix: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "schema", "aliases", "birth_date", "nationality", "program"])
        for i in range(rows):
            w.writerow(
                [
                    f"{prefix}{i}",
                    f"Person Number {i} {prefix}",
                    "Person",
                    f"Alias {i}; Other {i}",
                    "1970-01-01",
                    "by",
                    "TEST",
                ]
            )


def _writing(store: Store, db: str | Path) -> bool:
    """True once the import's transaction has written a few megabytes (not committed, so not visible as rows)."""
    if store.dialect == "sqlite":
        wal = Path(db).with_name(Path(db).name + "-wal")
        return wal.exists() and wal.stat().st_size > 2_000_000
    size = store.read("SELECT pg_total_relation_size('version_entities') + pg_total_relation_size('records')")
    return int(size[0][0]) > 4_000_000


def test_kill_during_import_keeps_previous_version(db: str | Path, tmp_path: Path) -> None:
    small = tmp_path / "v1.csv"
    _write_list(small, 50, "a")
    store = Store(db)
    first = import_file(store, small, "internal", format_name="custom_csv")
    assert first.version is not None and first.version.entities == 50

    big = tmp_path / "v2.csv"
    _write_list(big, 200_000, "b")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "embargo.cli",
            "import",
            str(big),
            "--source",
            "internal",
            "--format",
            "custom_csv",
            "--db",
            str(db),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Wait until the import is visibly writing (its transaction spills into the WAL, or into PostgreSQL's
    # tables as rows no one else sees yet), then kill it hard.
    while time.monotonic() < deadline and proc.poll() is None:
        if _writing(store, db):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the import finished before it could be killed; make the file bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    view = Store(db).view()
    versions = view.versions("internal")
    assert [v.seq for v in versions] == [1]
    assert versions[0].entities == 50
    assert view.find("b0") == []
    assert store.read("SELECT COUNT(*) FROM version_entities")[0][0] == 50
    if store.dialect == "sqlite":
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()

    # The store is usable afterwards: the next import completes as version 2.
    after = tmp_path / "v2b.csv"
    _write_list(after, 1000, "c")
    again = import_file(Store(db), after, "internal", format_name="custom_csv")
    assert again.version is not None and again.version.seq == 2 and again.version.entities == 1000


def test_kill_between_commit_and_index_is_finished_by_the_rerun(db: str | Path, tmp_path: Path) -> None:
    """A kill -9 after the import commits and before its index is written leaves a current version
    without an index; running the same import again builds it (it used to say "unchanged" and build nothing)."""
    from embargo.index import index_path

    big = tmp_path / "v1.csv"
    _write_list(big, 30_000, "c")
    store = Store(db)
    command = [sys.executable, "-m", "embargo.cli", "import", str(big), "--source", "internal"]
    command += ["--format", "custom_csv", "--db", str(db)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    committed = None
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            versions = Store(db).view().versions("internal")
        except Exception:  # the store is being created
            versions = []
        if versions:
            committed = versions[-1]
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed; make the file bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert committed is not None
    assert not index_path(store, committed).exists(), "killed after the index was written; make the file bigger"

    again = import_file(store, big, "internal", format_name="custom_csv")
    assert again.status == "unchanged" and again.version is not None and again.version.id == committed.id
    assert index_path(store, committed).exists()
