"""One monitoring run at a time per store.

Two runs at once would both screen the same change and race to raise its
alerts; the second is refused at its start, with a clear message, instead.
On SQLite the lock is an exclusive ``flock`` on ``<store>.monitor.lock``
beside the file (released by the kernel when the process ends, however it
ends, so a killed run never leaves a stale lock). On PostgreSQL it is a
session advisory lock on a connection held for the run (released when that
connection closes), so runs on several server instances exclude each other.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from embargo.errors import LockedError
from embargo.monitor._clock import now
from embargo.store import Store, meta

__all__ = ["RUN_LOCK", "run_lock"]

#: ``pg_try_advisory_lock(class, id)`` of a store's monitoring run.
RUN_LOCK = (0x656D62, 3)
#: How long a PostgreSQL run waits for the lock of a run that may just have died.
_PG_GRACE_SECONDS = 5.0


def _refused(store: Store, holder: str) -> LockedError:
    who = f" ({holder})" if holder else ""
    return LockedError(
        f"another monitoring run is in progress on the store {store.name}{who}: "
        "wait for it to finish, then run again (it will screen whatever is still new)"
    )


@contextmanager
def run_lock(store: Store) -> Iterator[None]:
    """Hold the store's monitoring lock for the block.

    Raises:
        LockedError: another run holds it (names the store and, on SQLite, the other run's process and start).
    """
    if store.dialect == "postgresql":
        conn = store.connect()
        try:
            # A run whose process died holds the lock until the server notices the closed connection
            # (a moment later): wait that long before refusing.
            deadline = time.monotonic() + _PG_GRACE_SECONDS
            while not meta.try_advisory_lock(conn, RUN_LOCK):
                if time.monotonic() > deadline:
                    raise _refused(store, "")
                time.sleep(0.1)
            try:
                yield
            finally:
                meta.release_advisory_lock(conn, RUN_LOCK)
        finally:
            conn.close()
        return
    path = store.path.with_name(store.path.name + ".monitor.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            raise _refused(store, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()} since {now()}".encode(), 0)
        yield
    finally:
        os.close(fd)
