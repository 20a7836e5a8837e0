"""Shared test fixtures: paths to the project's fixtures and the real data."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from embargo.auth.principals import Principal
from embargo.store import Store
from tests.pgserver import PgServer, find_bin_dir

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def shared_data_dir() -> Path:
    """``EMBARGO_SHARED_DATA``, defaulting to ``../shared/data`` beside the project."""
    return Path(os.environ.get("EMBARGO_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real published files; tests using it skip when they are absent."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"real data not found at {path} (set EMBARGO_SHARED_DATA)")
    return path


def shared_file(shared: Path, rel: str) -> Path:
    """A file under the real data folder, or skip the test when it is missing."""
    path = shared / rel
    if not path.exists():
        pytest.skip(f"{rel} not in {shared}")
    return path


# Store backends: tests that take ``db`` run on SQLite and on a throwaway PostgreSQL server.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server for the session (initdb + pg_ctl in a temporary folder)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (pg_ctl, initdb) on PATH or in /usr/lib/postgresql: make postgres")
    server = PgServer(bin_dir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    # Index folders of PostgreSQL stores go under the server's folder, not the user's cache.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_INDEX_DIR", str(server.root / "index"))
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated once; each test's database is a copy (faster than migrating each)."""
    from embargo.store import Store

    url = pg_server.create_database()
    Store(url)
    return url.rsplit("/", 1)[1]


def new_location(request: pytest.FixtureRequest, backend: str, folder: Path) -> str | Path:
    """A new, empty store location on ``backend``: a file in ``folder``, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        return folder / "store.db"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database(template=request.getfixturevalue("pg_template"))


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where to open a new empty store, once per backend."""
    return new_location(request, request.param, tmp_path)


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """End a server the tests started: politely, then by force after 30 s."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def republished(text: str, day: int = 10) -> str:
    """A UN list text published later (on 2099-01-``day``): the import guard holds a new version whose
    publication date is not newer than the current one's, as a re-saved old file would be."""
    import re

    stamp = f'dateGenerated="2099-01-{day:02d}T00:00:00.000Z"'
    changed, count = re.subn(r'dateGenerated="[^"]*"', stamp, text, count=1)
    assert count == 1, "no dateGenerated attribute to move forward"
    return changed


#: What schema 0006 (principals) added, undone: how tests make a store of an older schema.
#: What undoes revisions 0010 to 0007 (payments, ownership, cases, parties) on SQLite, newest first: a test store "from before".
#: ``alerts.case_id`` stays (SQLite cannot drop a column a foreign key names); 0008 leaves it as it finds it.
UNDO_0007 = (
    "DROP TABLE IF EXISTS payment_releases",
    "DROP TABLE IF EXISTS payment_messages",
    "ALTER TABLE alerts DROP COLUMN kind",
    "DROP TABLE IF EXISTS ownership_results",
    "DROP TABLE IF EXISTS ownership_matches",
    "DROP TABLE IF EXISTS ownership_links",
    "DROP TABLE IF EXISTS ownership_nodes",
    "DROP TABLE IF EXISTS ownership_versions",
    "UPDATE alerts SET case_id = NULL",
    "DROP INDEX IF EXISTS alerts_case",
    "DROP TABLE IF EXISTS cases",
    "DROP TABLE IF EXISTS party_judgements",
    "DROP TABLE IF EXISTS party_links",
    "DROP TABLE IF EXISTS party_members",
)

UNDO_0006 = (
    *UNDO_0007,
    "DROP INDEX api_keys_principal",
    "ALTER TABLE api_keys DROP COLUMN principal_id",
    "ALTER TABLE decisions DROP COLUMN decided_by_id",
    "ALTER TABLE decision_requests DROP COLUMN requested_by_id",
    "ALTER TABLE decision_requests DROP COLUMN reviewed_by_id",
    "DROP TABLE principals",
)


def people(store: Store, *names: str, role: str = "approve") -> dict[str, Principal]:
    """Local principals of ``store`` (made when missing), by name: who tests decide and approve as."""
    from embargo.auth.principals import add_principal, find_principal
    from embargo.auth.roles import Role

    made: dict[str, Principal] = {}
    with store.transaction() as conn:
        for name in names:
            made[name] = find_principal(conn, name) or add_principal(conn, name, Role(role))
    return made


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    """A CSV file of ``rows`` under ``header`` (a cell a row lacks is empty)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


def copy_store(store: Store, target: Path) -> Store:
    """A copy of the store file and its index folder (list and ownership indexes), for a test to change alone."""
    conn = sqlite3.connect(store.path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(store.path, target / store.path.name)
    index = store.path.with_name(store.path.name + ".index")
    if index.is_dir():
        shutil.copytree(index, target / index.name)
    return Store(target / store.path.name)
