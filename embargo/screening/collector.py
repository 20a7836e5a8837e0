"""The garbage collector's settings for a process that screens.

A screening process holds large long-lived tables (the list indexes, the name data, the caches of
names met before) and allocates many short-lived containers per name (tokens, pairs, dicts). With
Python's defaults, a full pass of the collector over the long-lived tables stalls every screening in
flight for a third of a second or more, and a young pass runs every 700 net allocations. Frozen,
the long-lived tables are never scanned again (reference counting still frees them); in a batch, young
passes are made rarer (they still reclaim the few cycles a name leaves).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["BATCH_YOUNG", "batch_collection", "settle"]

#: Net allocations between two young-generation collections in a batch (Python's default: 700).
BATCH_YOUNG = 50_000


def settle(old_frozen: bool = False) -> None:
    """Keep what the process has loaded so far out of the collector's passes (collect once, then freeze).

    Args:
        old_frozen: what was frozen before may be garbage now (a server's previous snapshot after a
            list update): unfreeze it first, so that the one pass collects its cycles.
    """
    if old_frozen:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


@contextmanager
def batch_collection() -> Iterator[None]:
    """Young collections every :data:`BATCH_YOUNG` net allocations while the block runs; the process's own
    setting after (forked workers inherit it)."""
    before = gc.get_threshold()
    gc.set_threshold(BATCH_YOUNG, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)
