"""Screening many customers at once, in worker processes that share the loaded screener.

Each customer is screened with :meth:`Screener.screen_all`: every hit at or
above the threshold, with the frozen word weights of the monitoring run, so
whether a (customer, entity) pair is a hit depends on that pair alone and an
incremental run can recompute just the pairs a change touches.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from embargo.index import Rarity
from embargo.monitor.customers import Customer
from embargo.screening import Screener

__all__ = ["screen_customers"]

CHUNK = 200

#: (screener, frozen word weights), set before the workers fork.
_shared: tuple[Screener, dict[str, Rarity]] | None = None


def _screen_chunk(args: tuple[list[Customer], float]) -> list[tuple[str, list[dict[str, Any]]]]:
    customers, threshold = args
    assert _shared is not None, "the screener is set before the workers fork"
    screener, rarity = _shared
    return [(c.id, [h.to_dict() for h in screener.screen_all(c.query, rarity, threshold)]) for c in customers]


def _chunks(items: Sequence[Customer], threshold: float) -> Iterator[tuple[list[Customer], float]]:
    for i in range(0, len(items), CHUNK):
        yield list(items[i : i + CHUNK]), threshold


def screen_customers(
    screener: Screener,
    customers: Sequence[Customer],
    threshold: float,
    rarity: dict[str, Rarity],
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Hits (as :meth:`Hit.to_dict`) of every customer, by customer id."""
    global _shared
    _shared = (screener, rarity)
    total = len(customers)
    workers = workers or os.cpu_count() or 1
    found: dict[str, list[dict[str, Any]]] = {}
    jobs = _chunks(customers, threshold)
    if workers > 1 and total > CHUNK and os.name == "posix":
        # fork: the workers inherit the loaded indexes instead of reading them again
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part in pool.imap(_screen_chunk, jobs):
                found.update(part)
                if progress is not None:
                    progress(len(found), total)
    else:
        for job in jobs:
            found.update(_screen_chunk(job))
            if progress is not None:
                progress(len(found), total)
    return found
