"""API calls in the audit log: which ones, what of them, and writing them in batches.

Recorded (kind ``api.call``, actor the API key's name): every screening call
(``/match``, ``/screen``, ``/text``), every call that changes something (any method but
GET: keys, portfolio, monitoring runs, decisions), every read of the audit
log itself, and every call refused for lack of role (403). Not recorded:
searches, entity and catalog reads, alert lists, probes, documentation,
calls without a valid key (401) and calls over the rate limit (429), which
only reach the server log, so the
log stays a readable account of who screened and who changed what.

A screening call is recorded with counts (queries, results, matches, the
dataset), never the names screened: the audit log is kept for years and
exported to auditors, and customers' names do not belong in it; the
customers a monitoring run screens are in the portfolio, under its own
versions. A customer's own audit trail is the alerts and decisions.

The hook itself only appends to a queue in memory (microseconds, on the
request path); a background thread writes the queue every second in one
write transaction, each call one chained record stamped with the time of
the call. If the store is busy (an import holds the write lock) the queue
waits for the next round. At most ``max_pending`` calls wait: beyond that
the oldest are dropped, counted and logged, and the next write records how
many were lost (``api.dropped``). A worker killed without its shutdown loses
at most the last second of calls.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import deque
from datetime import UTC, datetime
from typing import Any

from embargo.audit import append
from embargo.errors import EmbargoError
from embargo.server.hooks import RequestRecord
from embargo.store import Store

__all__ = ["SCREENING_ENDPOINTS", "AuditTrail", "is_recorded"]

logger = logging.getLogger("embargo.api")

#: Route templates of the screening endpoints (recorded on every call).
SCREENING_ENDPOINTS = frozenset({"/match/{dataset}", "/screen", "/screen/batch", "/text"})
_RECORDED_READS = frozenset({"/audit", "/audit/verify"})


def is_recorded(record: RequestRecord) -> bool:
    """Whether a call goes into the audit log (see the module docstring)."""
    if record.key_id is None or record.status == 429:  # no key, or a flood of refused retries: server log only
        return False
    return (
        record.endpoint in SCREENING_ENDPOINTS
        or record.method not in ("GET", "HEAD", "OPTIONS")
        or record.endpoint in _RECORDED_READS
        or record.status == 403
    )


def _payload(record: RequestRecord) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "key_id": record.key_id,
        "role": record.role,
        "method": record.method,
        "endpoint": record.endpoint,
        "path": record.path,
        "status": record.status,
        "ms": round(record.duration_ms, 1),
    }
    if record.client:
        payload["client"] = record.client
    if record.detail:
        payload.update(record.detail)
    return payload


class AuditTrail:
    """The hook that records API calls in a store's audit log.

    Args:
        store: the store whose audit log receives the calls.
        flush_seconds: how often the background thread writes.
        max_pending: calls kept in memory while the store is busy.
    """

    def __init__(self, store: Store, flush_seconds: float = 1.0, max_pending: int = 100_000) -> None:
        self.store = store
        self.flush_seconds = flush_seconds
        self.max_pending = max_pending
        self._pending: deque[tuple[str, str, dict[str, Any]]] = deque()
        self._dropped = 0
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self, record: RequestRecord) -> None:
        if not is_recorded(record):
            return
        at = datetime.now(UTC).isoformat(timespec="microseconds")
        entry = (at, record.key_name or record.key_id or "unknown", _payload(record))
        with self._lock:
            self._pending.append(entry)
            if len(self._pending) > self.max_pending:
                self._pending.popleft()
                self._dropped += 1
                if self._dropped == 1:
                    logger.error("audit log unwritable for long: dropping the oldest API call records")

    @property
    def pending(self) -> int:
        """Calls not written yet."""
        return len(self._pending)

    def flush(self) -> int:
        """Write every waiting call now; returns how many were written (0 when the store is busy)."""
        with self._write_lock:
            with self._lock:
                batch, dropped = list(self._pending), self._dropped
                self._pending.clear()
                self._dropped = 0
            if not batch and not dropped:
                return 0
            try:
                self._write(batch, dropped)
            except (sqlite3.Error, EmbargoError) as exc:  # a store error, or a wrong audit setting: kept for later
                with self._lock:
                    self._pending.extendleft(reversed(batch))
                    self._dropped += dropped
                logger.warning("API calls not written to the audit log yet (%s): %d waiting", exc, len(batch))
                return 0
            return len(batch)

    def _write(self, batch: list[tuple[str, str, dict[str, Any]]], dropped: int) -> None:
        # one transaction; its audit checkpoints are exported after the commit (Store.transaction's hooks)
        with self.store.transaction() as conn:
            if dropped:
                append(conn, "embargo", "api.dropped", {"calls": dropped})
            for at, actor, payload in batch:
                append(conn, actor, "api.call", payload, at=at)

    def start(self) -> None:
        """Write in a background thread every ``flush_seconds``."""
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="embargo-audit", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop the thread and write what is left (at shutdown)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self.flush()

    def _run(self) -> None:
        while not self._stop.wait(self.flush_seconds):
            try:
                self.flush()
            except Exception:  # never let the writer die: the next round tries again
                logger.exception("writing API calls to the audit log failed")
