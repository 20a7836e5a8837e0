"""Screening many customers at once, in worker processes that share the loaded screener.

The same :meth:`Screener.screen` call as ``embargo screen``, so a monitoring
run finds exactly what a batch screen of the same customers would.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from embargo.monitor.customers import Customer
from embargo.screening import Screener

__all__ = ["screen_customers"]

CHUNK = 200

_screener: Screener | None = None


def _screen_chunk(args: tuple[list[Customer], float, int]) -> list[tuple[str, list[dict[str, Any]]]]:
    customers, threshold, limit = args
    assert _screener is not None, "the screener is set before the workers fork"
    return [(c.id, [h.to_dict() for h in _screener.screen(c.query, threshold, limit)]) for c in customers]


def _chunks(items: Sequence[Customer], threshold: float, limit: int) -> Iterator[tuple[list[Customer], float, int]]:
    for i in range(0, len(items), CHUNK):
        yield list(items[i : i + CHUNK]), threshold, limit


def screen_customers(
    screener: Screener,
    customers: Sequence[Customer],
    threshold: float,
    limit: int,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Hits (as :meth:`Hit.to_dict`) of every customer, by customer id."""
    global _screener
    _screener = screener
    total = len(customers)
    workers = workers or os.cpu_count() or 1
    found: dict[str, list[dict[str, Any]]] = {}
    jobs = _chunks(customers, threshold, limit)
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
