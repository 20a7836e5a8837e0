"""Schema migrations: the head the code needs, old stores brought under them, newer ones refused."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from embargo.errors import StoreError
from embargo.store import Store
from embargo.store.migrate import HEAD, MIGRATIONS, REVISIONS, _config

# The schema of embargo before migrations (PRAGMA user_version 1), with the audit log made on the fly.
OLD_SCHEMA = """
CREATE TABLE lists (name TEXT PRIMARY KEY, title TEXT NOT NULL, authority TEXT NOT NULL, format TEXT NOT NULL,
    url TEXT, created_at TEXT NOT NULL);
CREATE TABLE versions (id INTEGER PRIMARY KEY AUTOINCREMENT, list TEXT NOT NULL REFERENCES lists(name),
    seq INTEGER NOT NULL, content_hash TEXT NOT NULL, format TEXT NOT NULL, files TEXT NOT NULL, published TEXT,
    imported_at TEXT NOT NULL, entities INTEGER NOT NULL DEFAULT 0, designations INTEGER NOT NULL DEFAULT 0,
    names INTEGER NOT NULL DEFAULT 0, birth_dates INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
    UNIQUE (list, seq));
CREATE TABLE records (hash TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE version_entities (version_id INTEGER NOT NULL REFERENCES versions(id), entity_id TEXT NOT NULL,
    source_id TEXT, record_hash TEXT NOT NULL REFERENCES records(hash), PRIMARY KEY (version_id, entity_id))
    WITHOUT ROWID;
CREATE TABLE version_issues (version_id INTEGER NOT NULL REFERENCES versions(id), location TEXT NOT NULL,
    message TEXT NOT NULL);
CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL,
    payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
INSERT INTO lists VALUES ('test', 'Test', 'T', 'custom_csv', NULL, '2026-01-01T00:00:00+00:00');
INSERT INTO versions (list, seq, content_hash, format, files, imported_at, entities)
    VALUES ('test', 1, 'h', 'custom_csv', '["t.csv"]', '2026-01-01T00:00:00+00:00', 0);
PRAGMA user_version = 1;
"""


def test_head_is_the_last_revision_alembic_knows() -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    assert script.get_current_head() == HEAD
    assert tuple(reversed([r.revision for r in script.walk_revisions()])) == REVISIONS


def test_a_store_made_before_migrations_is_brought_under_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.close()
    assert (
        Store(path, migrate=False).read("SELECT COUNT(*) FROM sqlite_master WHERE name = 'alembic_version'")[0][0] == 0
    )
    store = Store(path)
    assert store.read("SELECT version_num FROM alembic_version")[0][0] == HEAD
    [info] = store.view().lists()
    assert info.name == "test" and info.current is not None and info.current.seq == 1
    assert store.read("SELECT COUNT(*) FROM api_keys")[0][0] == 0  # made by the migration
    Store(path)  # at head: nothing to do


def test_a_store_from_a_newer_embargo_is_refused(db: str | Path) -> None:
    store = Store(db)
    conn = store.connect()
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(StoreError, match="newer embargo"):
        Store(db)


@pytest.mark.parametrize("round_", range(4))
def test_openers_racing_on_a_new_store_migrate_it_once(tmp_path: Path, round_: int) -> None:
    """Eight openers of one new file: each waits for the one that switches it to WAL or migrates it
    (SQLite refuses a switch at once while another connection holds the file, without waiting)."""
    path = tmp_path / f"race{round_}.db"
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store(path)
        except BaseException as exc:  # pragma: no cover - the failure is the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [tuple(r) for r in Store(path).read("SELECT version_num FROM alembic_version")] == [(HEAD,)]


def test_alembic_url_keeps_percent_signs() -> None:
    store = Store.__new__(Store)
    store.dialect, store.url = "postgresql", "postgresql://u:p%40ss@h/db"
    assert _config(store).get_main_option("sqlalchemy.url") == "postgresql+psycopg://u:p%40ss@h/db"


def test_an_opener_waits_for_a_connection_that_holds_a_new_file(tmp_path: Path) -> None:
    """A new file another connection is writing (not yet in WAL mode): the store waits, then opens it."""
    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE elsewhere (x)")
    release = threading.Timer(0.3, holder.execute, ["COMMIT"])
    release.start()
    try:
        store = Store(path)
    finally:
        release.join()
        holder.close()
    assert [tuple(r) for r in store.read("PRAGMA journal_mode")] == [("wal",)]
    assert [tuple(r) for r in store.read("SELECT version_num FROM alembic_version")] == [(HEAD,)]
