"""Checkpoints: a cut or re-hashed chain and forged checkpoints are found; the sink gets committed ones only."""

from __future__ import annotations

import hmac
import json
from pathlib import Path

import pytest

from embargo.audit import append, checkpoint_now, export_checkpoints, record_hash, verify
from embargo.audit.checkpoint import HMAC, UNKEYED, Checkpoint, authenticate, checkpoint_keys, key_id
from embargo.errors import ConfigError
from embargo.store import Store

KEY = "k" * 32
OTHER = "o" * 32


@pytest.fixture(autouse=True)
def settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key, a checkpoint every 2 records, no sink: each test changes what it needs."""
    for name in ("EMBARGO_AUDIT_KEY_FILE", "EMBARGO_AUDIT_CHECKPOINTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EMBARGO_AUDIT_KEY", KEY)
    monkeypatch.setenv("EMBARGO_AUDIT_CHECKPOINT_EVERY", "2")


def _log(store: Store, n: int, kind: str = "test.event") -> None:
    for i in range(n):
        with store.transaction() as conn:
            append(conn, "ana", kind, {"n": i})


def _drop_guards(store: Store) -> None:
    """What a hostile administrator does first: drop the append-only triggers."""
    conn = store.connect()
    if store.dialect == "postgresql":
        conn.execute("DROP TRIGGER audit_log_no_change ON audit_log")
        conn.execute("DROP TRIGGER audit_checkpoints_no_change ON audit_checkpoints")
    else:
        for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_checkpoints_no_delete"):
            conn.execute(f"DROP TRIGGER {trigger}")
    conn.close()


def _sql(store: Store, *statements: str) -> None:
    conn = store.connect()
    for sql in statements:
        conn.execute(sql)
    conn.close()


def _rehash_from(store: Store, start: int) -> None:
    """Recompute every hash from ``start`` on, as someone covering an edit would."""
    conn = store.connect()
    rows = conn.execute("SELECT seq, at, actor, kind, payload, prev_hash FROM audit_log ORDER BY seq").fetchall()
    prev = next(str(r["prev_hash"]) for r in rows if r["seq"] == start)
    for r in rows:
        if r["seq"] < start:
            continue
        digest = record_hash(int(r["seq"]), r["at"], r["actor"], r["kind"], r["payload"], prev)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, r["seq"]))
        prev = digest
    conn.close()


def _problems(store: Store, checkpoints: Path | None = None) -> list[tuple[int, str]]:
    return [(p.seq, p.problem) for p in verify(store, checkpoints=checkpoints).problems]


def test_checkpoints_every_n_records_and_after_runs_imports_and_decisions(db: str | Path) -> None:
    store = Store(db)
    _log(store, 5)
    _log(store, 1, "list.import")
    _log(store, 1, "alert.raise")
    _log(store, 1, "alert.decide")
    seqs = [r[0] for r in store.read("SELECT seq FROM audit_checkpoints ORDER BY seq")]
    assert seqs == [2, 4, 6, 8]
    result = verify(store)
    assert result.ok and result.checkpoints["authenticated"] == 4
    assert result.checkpoints["newest_holding"]["seq"] == 8
    assert not any("no checkpoint key" in n for n in result.notes)


def test_removing_the_newest_records_is_reported_as_truncation(db: str | Path) -> None:
    store = Store(db)
    _log(store, 6)
    assert verify(store).ok
    _drop_guards(store)
    _sql(store, "DELETE FROM audit_log WHERE seq > 4")
    result = verify(store)
    assert not result.ok
    assert result.first is not None and (result.first.seq, result.first.problem) == (5, "truncated")
    assert "the log ends at seq 4" in result.first.detail and "holds seq 6" in result.first.detail


def test_an_edit_rehashed_forward_is_reported_as_rewritten(db: str | Path) -> None:
    store = Store(db)
    _log(store, 6)
    _drop_guards(store)
    _sql(store, "UPDATE audit_log SET payload = '{\"n\":99}' WHERE seq = 3")
    _rehash_from(store, 3)
    result = verify(store)
    assert [(p.seq, p.problem) for p in result.problems] == [(4, "rewritten")]  # the chain itself holds
    assert "rewritten after seq 2" in result.problems[0].detail
    assert "1 later checkpoint(s) differ too" in result.problems[0].detail


@pytest.mark.parametrize("forger", ["copied key id", "own key"])
def test_checkpoints_forged_for_a_rewritten_chain_do_not_authenticate(db: str | Path, forger: str) -> None:
    store = Store(db)
    _log(store, 6)
    _drop_guards(store)
    _sql(store, "UPDATE audit_log SET payload = '{\"n\":99}' WHERE seq = 3", "DELETE FROM audit_checkpoints")
    _rehash_from(store, 3)
    # Checkpoints made for the rewritten chain with a key that is not the configured one.
    head = store.read("SELECT hash FROM audit_log WHERE seq = 6")[0][0]
    forged = Checkpoint(6, head, "2026-01-01T00:00:00+00:00", HMAC, key_id(OTHER.encode()), "")
    if forger == "copied key id":
        forged = Checkpoint(6, head, forged.at, HMAC, key_id(KEY.encode()), "")
    mac = hmac.new(OTHER.encode(), forged.message(), "sha256").hexdigest()
    _sql(
        store,
        "INSERT INTO audit_checkpoints (seq, hash, at, algorithm, key_id, mac) "
        f"VALUES (6, '{head}', '{forged.at}', '{HMAC}', '{forged.key_id}', '{mac}')",
    )
    result = verify(store)
    assert [(p.seq, p.problem) for p in result.problems] == [(6, "unauthenticated")]
    assert result.checkpoints["newest_holding"] is None


def test_without_a_key_verify_says_what_it_cannot_prove(db: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMBARGO_AUDIT_KEY")
    store = Store(db)
    _log(store, 4)
    assert {r[0] for r in store.read("SELECT algorithm FROM audit_checkpoints")} == {UNKEYED}
    result = verify(store)
    assert result.ok and result.checkpoints["authenticated"] == 0
    assert any("no checkpoint key is configured" in n and "unseen" in n for n in result.notes)
    assert any("--checkpoints FILE" in n for n in result.notes)
    # Unauthenticated checkpoints still show a cut made without touching them.
    _drop_guards(store)
    _sql(store, "DELETE FROM audit_log WHERE seq = 4")
    assert _problems(store) == [(4, "truncated")]


def test_the_exported_checkpoints_catch_a_cut_of_log_and_checkpoints_together(
    db: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = tmp_path / "checkpoints.jsonl"
    monkeypatch.setenv("EMBARGO_AUDIT_CHECKPOINTS", str(sink))
    store = Store(db)
    _log(store, 6)
    assert [json.loads(line)["seq"] for line in sink.read_text().splitlines()] == [2, 4, 6]
    assert verify(store).ok and verify(store).checkpoints["exported"] == 3
    _drop_guards(store)
    _sql(store, "DELETE FROM audit_log WHERE seq > 3", "DELETE FROM audit_checkpoints WHERE seq > 3")
    monkeypatch.delenv("EMBARGO_AUDIT_CHECKPOINTS")
    assert _problems(store) == []  # the database alone no longer shows it
    result = verify(store, checkpoints=sink)
    assert [(p.seq, p.problem) for p in result.problems] == [(4, "truncated"), (4, "removed")]
    assert "holds seq 6" in result.problems[0].detail and f"on line 3 of {sink}" in result.problems[0].detail
    assert "2 exported checkpoint(s)" in result.problems[1].detail


def test_a_rolled_back_transaction_exports_no_checkpoint(
    db: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = tmp_path / "checkpoints.jsonl"
    monkeypatch.setenv("EMBARGO_AUDIT_CHECKPOINTS", str(sink))
    store = Store(db)
    with pytest.raises(RuntimeError), store.transaction() as conn:
        append(conn, "ana", "monitor.run", {"run": 1})
        raise RuntimeError("the run failed after its audit record")
    assert not sink.exists() or sink.read_text() == ""
    _log(store, 1, "monitor.run")
    [line] = sink.read_text().splitlines()
    assert json.loads(line)["seq"] == 1 and json.loads(line)["mac"]
    assert verify(store, checkpoints=sink).ok


def test_a_missed_export_is_caught_up_by_the_next(
    db: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that dies between its commit and its export: the next export writes the missing line too."""
    store = Store(db)
    sink = tmp_path / "checkpoints.jsonl"
    monkeypatch.setenv("EMBARGO_AUDIT_CHECKPOINTS", str(sink))
    _log(store, 2)
    conn = store.connect()
    conn.execute("BEGIN IMMEDIATE")
    append(conn, "ana", "list.import", {})
    conn.execute("COMMIT")  # ... and no ship(conn): the process died here
    conn.close()
    _log(store, 1, "list.import")
    assert [json.loads(line)["seq"] for line in sink.read_text().splitlines()] == [2, 3, 4]


def test_checkpoints_to_standard_output(
    db: str | Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EMBARGO_AUDIT_CHECKPOINTS", "-")
    store = Store(db)
    capsys.readouterr()
    _log(store, 2)
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["embargo.audit.checkpoint"]
    assert json.loads(lines[0])["seq"] == 2
    made = checkpoint_now(store)
    assert made.seq == 2 and capsys.readouterr().out == ""  # the head has its checkpoint already


def test_checkpoint_now_and_export(db: str | Path, tmp_path: Path) -> None:
    store = Store(db)
    _log(store, 3)
    made = checkpoint_now(store)
    assert made.seq == 3 and authenticate(made, checkpoint_keys()) is True
    out = tmp_path / "out.jsonl"
    assert export_checkpoints(store, str(out)) == 2
    assert export_checkpoints(store, str(out)) == 0  # only what the file lacks
    _log(store, 2)
    assert export_checkpoints(store, str(out)) == 1
    assert [json.loads(line)["seq"] for line in out.read_text().splitlines()] == [2, 3, 4]


def test_a_retired_key_in_the_key_file_still_verifies(
    db: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db)
    _log(store, 2)
    monkeypatch.delenv("EMBARGO_AUDIT_KEY")
    key_file = tmp_path / "audit.key"
    key_file.write_text(f"{OTHER}\n{KEY}\n")
    monkeypatch.setenv("EMBARGO_AUDIT_KEY_FILE", str(key_file))
    _log(store, 2)
    made = store.read("SELECT key_id FROM audit_checkpoints ORDER BY seq")
    assert [r[0] for r in made] == [key_id(KEY.encode()), key_id(OTHER.encode())]
    assert verify(store).ok
    key_file.write_text(f"{OTHER}\n")  # the retired key dropped: its checkpoints no longer prove anything
    assert _problems(store) == [(2, "unauthenticated")]


BAD = [
    ("EMBARGO_AUDIT_CHECKPOINT_EVERY", "0", "EMBARGO_AUDIT_CHECKPOINT_EVERY='0' is not a whole number"),
    ("EMBARGO_AUDIT_CHECKPOINT_EVERY", "ten", "is not a whole number"),
    ("EMBARGO_AUDIT_KEY", "short", "too short"),
    ("EMBARGO_AUDIT_KEY_FILE", "/nonexistent/audit.key", "set EMBARGO_AUDIT_KEY or EMBARGO_AUDIT_KEY_FILE, not both"),
    ("EMBARGO_AUDIT_CHECKPOINTS", "/nonexistent/folder/c.jsonl", "not a file in an existing folder"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD, ids=[f"{b[0]}={b[1]}" for b in BAD])
def test_bad_settings_are_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    store = Store(tmp_path / "store.db")
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message), store.transaction() as conn:
        append(conn, "ana", "list.import", {})
    assert store.read("SELECT COUNT(*) FROM audit_log")[0][0] == 0


def test_a_key_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMBARGO_AUDIT_KEY")
    monkeypatch.setenv("EMBARGO_AUDIT_KEY_FILE", str(tmp_path / "missing.key"))
    with pytest.raises(ConfigError, match="cannot be read"):
        checkpoint_keys()
    (tmp_path / "empty.key").write_text("\n")
    monkeypatch.setenv("EMBARGO_AUDIT_KEY_FILE", str(tmp_path / "empty.key"))
    with pytest.raises(ConfigError, match="holds no key"):
        verify(Store(tmp_path / "store.db"))


def test_checkpoints_cannot_be_edited_by_accident(db: str | Path) -> None:
    from embargo.store.connection import IntegrityError

    store = Store(db)
    _log(store, 2)
    conn = store.connect()
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_checkpoints SET hash = 'x'")
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_checkpoints")
    conn.close()
