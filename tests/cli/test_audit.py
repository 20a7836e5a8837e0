"""The audit commands: verify (with exported checkpoints), checkpoint, checkpoints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.audit import append
from embargo.store import Store
from tests.cli.conftest import run


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("EMBARGO_AUDIT_KEY_FILE", "EMBARGO_AUDIT_CHECKPOINTS", "EMBARGO_AUDIT_CHECKPOINT_EVERY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EMBARGO_AUDIT_KEY", "k" * 32)
    path = tmp_path / "store.db"
    store = Store(path)
    for i in range(5):
        with store.transaction() as conn:
            append(conn, "ana", "list.import" if i % 2 else "test.event", {"n": i})
    return str(path)


def test_checkpoint_export_and_verify_against_the_file(db: str, tmp_path: Path) -> None:
    assert "checkpoint of seq 5:" in run("audit", "checkpoint", "--db", db)
    assert "authenticated (HMAC-SHA256)" in run("audit", "checkpoint", "--db", db)
    sink = tmp_path / "checkpoints.jsonl"
    assert "3 checkpoint(s) appended" in run("audit", "checkpoints", "--output", str(sink), "--db", db)
    assert [json.loads(line)["seq"] for line in sink.read_text().splitlines()] == [2, 4, 5]
    lines = run("audit", "checkpoints", "--db", db).splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [2, 4, 5]
    shown = run("audit", "verify", "--checkpoints", str(sink), "--db", db)
    assert "audit log intact: 5 records" in shown and "3 exported, 3 authenticated" in shown
    assert "not proven: checked against the checkpoints in the database only" not in shown

    conn = Store(db).connect()
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DROP TRIGGER audit_checkpoints_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq > 3")
    conn.execute("DELETE FROM audit_checkpoints WHERE seq > 3")
    conn.close()
    assert "audit log intact" in run("audit", "verify", "--db", db)  # the database alone cannot tell
    broken = run("audit", "verify", "--checkpoints", str(sink), "--db", db, code=1)
    assert "audit log broken at seq 4: truncated: the log ends at seq 3" in broken
    report = json.loads(run("audit", "verify", "--checkpoints", str(sink), "--json", "--db", db, code=1))
    assert [p["problem"] for p in report["problems"]] == ["truncated", "removed"]


def test_verify_says_what_it_cannot_prove_without_a_key(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMBARGO_AUDIT_KEY")
    shown = run("audit", "verify", "--db", db)
    assert "not proven: no checkpoint key is configured" in shown.replace("\n", " ")
    assert "not authenticated: no key configured" in run("audit", "checkpoint", "--db", db)


def test_bad_settings_and_files_are_one_line_errors(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "no checkpoints file" in run("audit", "verify", "--checkpoints", str(tmp_path / "none"), "--db", db, code=1)
    monkeypatch.setenv("EMBARGO_AUDIT_KEY", "short")
    assert "EMBARGO_AUDIT_KEY is too short" in run("audit", "verify", "--db", db, code=1)
    empty = str(tmp_path / "empty.db")
    monkeypatch.setenv("EMBARGO_AUDIT_KEY", "k" * 32)
    assert "the audit log is empty" in run("audit", "checkpoint", "--db", empty, code=1)
