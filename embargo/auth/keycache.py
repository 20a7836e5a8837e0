"""Verified API keys kept in a server process's memory until the store changes.

Checking a key against the store costs a connection and a query (about a
third of a millisecond, more on a busy machine), on every request. A key
that checked out is therefore remembered, by its hash, and served from
memory while nothing has been committed to the store since. Whether
anything has is SQLite's ``PRAGMA data_version`` on one long-lived
read-only connection (:class:`embargo.store.watch.CommitWatch`): it changes
whenever another connection, in this process or any other (``embargo keys
revoke``, another worker, an import), commits. So a revoked key stops
working at the next request, as it did without the cache; the cost is one
re-check per key after each commit anywhere in the store (the audit trail
commits about once a second under load). Unknown and revoked keys are never
remembered: each attempt with one is checked against the store.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from embargo.auth.keys import _MAX_KEY_LENGTH, ApiKey, KeyStore, hash_key
from embargo.store.connection import DbError
from embargo.store.watch import CommitWatch

__all__ = ["KeyCache"]


class KeyCache:
    """:meth:`KeyStore.verify` with the live keys remembered while the store is unchanged.

    Args:
        keys: the key store checked on a miss.
        max_entries: keys remembered at most (the least recently used go first).
        max_age: seconds a key is remembered at most, even when the store does not change.
        clock: monotonic seconds (tests pass a fake one).
    """

    def __init__(
        self,
        keys: KeyStore,
        max_entries: int = 1024,
        max_age: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.keys = keys
        self.max_entries = max_entries
        self.max_age = max_age
        self._clock = clock
        self._cache: OrderedDict[str, tuple[ApiKey, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._watch: CommitWatch | None = None
        self._version: int | None = None

    def verify(self, secret: str) -> ApiKey | None:
        """The live key whose hash matches ``secret``, or None (as :meth:`KeyStore.verify`)."""
        secret = secret.strip()
        if not secret or len(secret) > _MAX_KEY_LENGTH:
            return None
        digest = hash_key(secret)
        now = self._clock()
        with self._lock:
            fresh = self._unchanged()
            hit = self._cache.get(digest) if fresh else None
            if hit is not None and now - hit[1] < self.max_age:
                self._cache.move_to_end(digest)
                return hit[0]
        # Read after the version was taken: a commit landing in between changes the version, so
        # whatever is remembered now is dropped at the next request.
        key = self.keys.verify(secret)
        if key is not None and fresh:
            with self._lock:
                self._cache[digest] = (key, now)
                if len(self._cache) > self.max_entries:
                    self._cache.popitem(last=False)
        return key

    def clear(self) -> None:
        """Forget every key (the next request of each is checked against the store)."""
        with self._lock:
            self._cache.clear()

    def close(self) -> None:
        """Close the connection that watches the store."""
        with self._lock:
            self._cache.clear()
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            self._version = None

    def _unchanged(self) -> bool:
        """True when the remembered keys may be used: nothing was committed since they were checked.

        Called with the lock held. Any trouble reading the version forgets everything and says no,
        so the caller falls back to the store.
        """
        path = getattr(self.keys.store, "path", None)
        if path is None:  # not a SQLite file: no cheap way to see commits, so nothing is remembered
            return False
        try:
            if self._watch is None:
                self._watch = CommitWatch(path)
            version = self._watch.version()
        except DbError:
            self._watch, self._version = None, None
            self._cache.clear()
            return False
        if version != self._version:
            self._cache.clear()
            self._version = version
        return True
