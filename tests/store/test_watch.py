"""Seeing commits to a SQLite store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from embargo.store import Store
from embargo.store.policies import save_list_policy
from embargo.store.watch import CommitWatch


def test_the_count_moves_on_each_commit_elsewhere(tmp_path: Path) -> None:
    s = Store(tmp_path / "store.db")
    watch = CommitWatch(s.path)
    first = watch.version()
    assert watch.version() == first
    with s.transaction() as conn:
        save_list_policy(conn, "un_sc", 0.5, None, "t", "admin")
    assert watch.version() != first
    watch.close()
    watch.close()


def test_an_unreadable_file_raises_and_reconnects(tmp_path: Path) -> None:
    watch = CommitWatch(tmp_path / "missing.db")
    with pytest.raises(sqlite3.Error):
        watch.version()
    Store(tmp_path / "missing.db")
    assert isinstance(watch.version(), int)
    watch.close()
