"""Per-key rate limits: a token bucket per key, in the memory of one server process.

Each key may make ``rate_per_minute`` calls a minute on average, with bursts
up to ``burst``. With ``embargo serve --workers N`` each worker keeps its own
buckets, so a client spread over all workers can reach N times the limit;
a shared limit comes with the PostgreSQL slice.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """Token buckets keyed by API key id.

    Args:
        rate_per_minute: default sustained rate; 0 switches limiting off.
        burst: default bucket size (None: ten seconds' worth, at least 10).
        clock: monotonic seconds (tests pass a fake one).
    """

    def __init__(
        self, rate_per_minute: int, burst: int | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate_per_minute = rate_per_minute
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _size(self, rate: int) -> float:
        if self.burst is not None and rate == self.rate_per_minute:
            return float(self.burst)
        return max(10.0, rate / 6.0)

    def take(self, key: str, cost: float = 1.0, rate_per_minute: int | None = None) -> float:
        """Spend ``cost`` tokens of ``key``'s bucket.

        Args:
            key: the API key id.
            cost: how many calls this request counts for (a batch of 50 queries counts 50).
            rate_per_minute: the key's own rate, if it has one.

        Returns:
            0 when allowed; otherwise the seconds to wait before retrying (nothing is spent).
        """
        rate = self.rate_per_minute if rate_per_minute is None else rate_per_minute
        if rate <= 0:
            return 0.0
        size = self._size(rate)
        per_second = rate / 60.0
        # A request bigger than the bucket could never pass; let it through when the bucket is full.
        cost = min(cost, size)
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (size, now))
            tokens = min(size, tokens + (now - last) * per_second)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return max(1.0, math.ceil((cost - tokens) / per_second))

    def wait(self, key: str, cost: float = 1.0) -> float:
        """Seconds before ``key`` could spend ``cost`` tokens (0: now), spending nothing."""
        rate = self.rate_per_minute
        if rate <= 0:
            return 0.0
        size = self._size(rate)
        per_second = rate / 60.0
        cost = min(cost, size)
        with self._lock:
            tokens, last = self._buckets.get(key, (size, self._clock()))
            tokens = min(size, tokens + (self._clock() - last) * per_second)
        return 0.0 if tokens >= cost else float(max(1, math.ceil((cost - tokens) / per_second)))
