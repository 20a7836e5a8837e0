"""A monitoring run is all or nothing, and runs do not overlap.

A run killed while it writes leaves no alert, match or run record, and the
next run raises those alerts exactly once; a second run started while one is
in progress is refused at once with a message that says why.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from embargo.errors import LockedError
from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio, list_alerts
from embargo.monitor._runlock import run_lock
from embargo.store import Store
from tests.conftest import FIXTURES

# The child process: a monitoring run that stops for good after writing its first alert (inside the run's
# transaction), so the test can kill it at that point.
_CHILD = """
import sys, time
from pathlib import Path
import embargo.monitor.monitor as m
from embargo.monitor import Monitor
from embargo.store import Store

original = m._raise

def slow_raise(*args, **kwargs):
    made = original(*args, **kwargs)
    Path(sys.argv[2]).write_text("half-written")
    time.sleep(600)
    return made

m._raise = slow_raise
Monitor(Store(sys.argv[1]), workers=1).run(actor="doomed")
"""


def _store(db: str | Path, tmp_path: Path) -> Store:
    store = Store(db)
    import_file(store, FIXTURES / "un" / "consolidated.xml", "un_sc")
    listed = [e.caption for e in store.view().iter_current()][:4]
    rows = "".join(f"c{i},{name}\n" for i, name in enumerate(listed))
    (tmp_path / "c.csv").write_text(f"id,name\n{rows}clean,Margarethe Vestergaard\n", encoding="utf-8")
    Portfolio(store).load(tmp_path / "c.csv", actor="ops")
    return store


def _count(store: Store, table: str) -> int:
    return int(store.read(f"SELECT COUNT(*) FROM {table}")[0][0])


def test_a_second_run_is_refused_while_one_is_in_progress(db: str | Path, tmp_path: Path) -> None:
    store = _store(db, tmp_path)
    with run_lock(store), pytest.raises(LockedError, match="another monitoring run is in progress"):
        Monitor(store, workers=1).run()
    assert _count(store, "monitor_runs") == 0 and _count(store, "alerts") == 0
    first = Monitor(store, workers=1).run()  # the lock is free again
    assert len(first.alerts) >= 4


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_run_leaves_nothing_and_the_next_completes_it_once(db: str | Path, tmp_path: Path) -> None:
    store = _store(db, tmp_path)
    marker = tmp_path / "half-written"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(db), str(marker)], env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the monitoring run ended before writing an alert"
            assert time.monotonic() < deadline, "the monitoring run wrote no alert in 120 s"
            time.sleep(0.05)
        # another run is refused while the first holds the lock...
        with pytest.raises(LockedError, match="another monitoring run is in progress"):
            Monitor(store, workers=1).run()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    # ...the killed run's writes are gone, and its lock with it
    assert _count(store, "alerts") == 0 and _count(store, "matches") == 0 and _count(store, "monitor_runs") == 0
    done = Monitor(store, workers=1).run(actor="ops")
    assert done.mode == "full" and len(done.alerts) >= 4
    again = Monitor(store, workers=1).run(actor="ops")
    assert again.alerts == []
    assert len(list_alerts(store, status="open")) == len(done.alerts)
