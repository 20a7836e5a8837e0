"""The PostgreSQL side of the store: SQL written for SQLite runs as is, writers queue, the audit chain stays linear."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from embargo.audit import append, iter_records, verify
from embargo.errors import LockedError, QueryError
from embargo.store import Store
from embargo.store._postgres import translate
from embargo.store.connection import IntegrityError, is_postgres_url, normalize_url, redact_url
from embargo.store.migrate import HEAD
from embargo.store.store import pg_index_dir
from tests.conftest import ROOT
from tests.pgserver import PgServer

TRANSLATIONS = [
    ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
    ("SELECT '?' FROM t WHERE a = ?", "SELECT '?' FROM t WHERE a = %s"),
    ("SELECT 'it''s ?' , \"odd?\" FROM t", "SELECT 'it''s ?' , \"odd?\" FROM t"),
    ("SELECT a % 2, '50%' FROM t", "SELECT a %% 2, '50%%' FROM t"),
]


@pytest.mark.parametrize(("sql", "expected"), TRANSLATIONS)
def test_placeholders_are_translated_outside_quotes(sql: str, expected: str) -> None:
    assert translate(sql) == expected


URLS = [
    (
        "postgresql://u:secret@db:5432/embargo",
        True,
        "postgresql://u:secret@db:5432/embargo",
        "postgresql://u@db:5432/embargo",
    ),
    ("postgresql:/u:secret@db/embargo", True, "postgresql://u:secret@db/embargo", "postgresql://u@db/embargo"),
    ("postgres://db/embargo", True, "postgresql://db/embargo", "postgresql://db/embargo"),
    ("/var/lib/embargo/embargo.db", False, None, None),
    ("postgresql.db", False, None, None),
]


@pytest.mark.parametrize(("location", "is_pg", "url", "redacted"), URLS)
def test_store_locations(location: str, is_pg: bool, url: str | None, redacted: str | None) -> None:
    assert is_postgres_url(location) is is_pg
    if is_pg:
        assert normalize_url(location) == url
        assert redact_url(normalize_url(location)) == redacted


def test_index_folder_is_named_without_the_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EMBARGO_INDEX_DIR", str(tmp_path))
    one = pg_index_dir("postgresql://u:secret@db/embargo", "id1")
    assert one.parent == tmp_path and "secret" not in str(one)
    assert one == pg_index_dir("postgresql://u:other@db/embargo", "id1")  # a new password keeps the index
    assert one != pg_index_dir("postgresql://u:secret@db/embargo", "id2")  # a database made again does not


@pytest.fixture
def pg(pg_server: PgServer, pg_template: str) -> Store:
    return Store(pg_server.create_database(template=pg_template))


@pytest.mark.postgres
def test_rows_read_by_position_and_name(pg: Store) -> None:
    [row] = pg.read("SELECT 1 AS one, 'two' AS two")
    assert row[0] == 1 and row["two"] == "two" and dict(row) == {"one": 1, "two": "two"}
    assert pg.dialect == "postgresql" and "embargo_test" in pg.name and pg.index_dir.name.endswith(".index")
    assert Store(Path(pg.url)).url == pg.url  # a URL that went through a path option


@pytest.mark.postgres
def test_audit_log_refuses_edits(pg: Store) -> None:
    conn = pg.connect()
    try:
        conn.execute("BEGIN IMMEDIATE")
        append(conn, "tester", "test", {"n": 1})
        conn.execute("COMMIT")
        for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(IntegrityError, match="append-only"):
                conn.execute(sql)
    finally:
        conn.close()


@pytest.mark.postgres
def test_writers_on_several_connections_keep_the_chain_linear(pg: Store) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        store = Store(pg.url)  # its own store object and connections, like another server instance
        try:
            for i in range(15):
                conn = store.connect()
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    append(conn, f"w{n}", "test", {"i": i})
                    conn.execute("COMMIT")
                finally:
                    conn.close()
        except BaseException as exc:  # pragma: no cover - the failure is the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    records = list(iter_records(pg))
    assert [r.seq for r in records] == list(range(1, 61))
    assert verify(pg).ok


@pytest.mark.postgres
def test_a_second_writer_waits_then_is_refused(pg: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import embargo.store.store as mod

    monkeypatch.setattr(mod, "BUSY_TIMEOUT_MS", 100)
    with pg.writer(), pytest.raises(LockedError, match="busy"), Store(pg.url).writer():
        pass
    with pg.writer():  # the lock went with the transaction
        pass


@pytest.mark.postgres
def test_instances_starting_together_migrate_a_new_database_once(pg_server: PgServer) -> None:
    url = pg_server.create_database()  # empty: the first opener migrates it
    code = "import sys; from embargo.store import Store; Store(sys.argv[1])"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, url], env=env, stderr=subprocess.PIPE) for _ in range(3)]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    store = Store(url)
    assert [tuple(r) for r in store.read("SELECT version_num FROM alembic_version")] == [(HEAD,)]
    assert store.read("SELECT COUNT(*) FROM monitor_meta WHERE key = 'store_id'")[0][0] == 1


@pytest.mark.postgres
def test_a_nul_character_is_bad_input_not_a_crash(pg: Store) -> None:
    with pytest.raises(QueryError, match="NUL"):
        pg.read("SELECT * FROM alerts WHERE status = ?", ("open\x00",))
    assert pg.read("SELECT COUNT(*) FROM alerts WHERE status = ?", ("open",))[0][0] == 0  # the pool is fine
