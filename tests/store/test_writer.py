"""The bulk writer runs in the store's own transaction: its lock errors and its after-commit hooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import LockedError
from embargo.store import Store, store
from embargo.store.connection import Connection
from embargo.store.writer import count_removed
from tests.store.test_store import person, write


def test_a_second_writer_is_told_another_import_is_writing(db: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 200)
    s = Store(db)
    with s.transaction(), pytest.raises(LockedError, match="is busy: another import is writing to it"), s.writer():
        pass
    with s.writer() as w:  # the lock is free again
        assert w.conn is not None and w.conn.in_transaction
    assert w.conn is None


def test_hooks_run_after_an_import_commits_not_after_a_rollback(
    db: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def hook(conn: Connection) -> None:
        seen.append(conn.in_transaction)

    monkeypatch.setattr(store, "_AFTER_COMMIT", [hook])
    s = Store(db)
    write(s, [person("1", "A")], "h1")
    assert seen == [False]  # once, after the COMMIT
    with pytest.raises(RuntimeError), s.writer() as w:
        w.begin_version("test", title="T", authority="T", format="custom_csv", url=None, content_hash="h2", files=[])
        raise RuntimeError("parser failed")
    assert seen == [False]
    assert [v.seq for v in s.view().versions("test")] == [1]


def test_served_before_and_count_removed(db: str | Path) -> None:
    s = Store(db)
    write(s, [person("1", "A"), person("2", "B")], "h1")
    write(s, [person("1", "A")], "h2")
    with s.writer() as w:
        assert w.conn is not None
        first, second = (w.version_by_seq("test", n) for n in (1, 2))
        assert first is not None and second is not None
        assert count_removed(w.conn, first.id, second.id) == 1
        assert count_removed(w.conn, second.id, first.id) == 0
        assert w.served_before("test", 2) == 1
        assert w.served_before("test", 1) is None
        w.hold(first, "test", second)
        assert w.served_before("test", 2) is None
