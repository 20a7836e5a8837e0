"""A time budget for one request: screening that runs past it stops and says so.

A server gives each screening request a budget (``EMBARGO_REQUEST_SECONDS``,
:func:`embargo.settings.request_seconds`) with :func:`time_budget`; the
screener calls :func:`check_budget` between the names it analyzes, the names
it retrieves candidates for and the candidates it scores, so a request that
would run for minutes (forty queries of fifty 1,000-character names each)
stops at the deadline with a :class:`~embargo.errors.BudgetError` instead.
The deadline travels in a context variable, so the code in between takes no
parameter for it, and work without a budget (the CLI, batch files, monitoring
runs) pays one lookup per check.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from embargo.errors import BudgetError

__all__ = ["check_budget", "has_budget", "hold_within_budget", "over_budget", "time_budget"]

#: (deadline on the monotonic clock, the budget in seconds) of the work running in this context.
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("embargo_deadline", default=None)


@contextmanager
def time_budget(seconds: float | None, started: float | None = None) -> Iterator[None]:
    """Run the body with a deadline ``seconds`` after ``started`` (default: now); None: no budget.

    Args:
        seconds: the budget.
        started: when the request started, on :func:`time.monotonic`'s clock.
    """
    if seconds is None:
        yield
        return
    token = _DEADLINE.set(((time.monotonic() if started is None else started) + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def has_budget() -> bool:
    """True when the work running here has a deadline (a server's request; not the CLI, batch files or runs).

    Loops over many small steps ask once and check per step only then, so work without a
    budget pays nothing per step.
    """
    return _DEADLINE.get() is not None


def check_budget() -> None:
    """Stop the work when its deadline has passed.

    Raises:
        BudgetError: the deadline has passed (the message names the budget and its setting).
    """
    found = _DEADLINE.get()
    if found is not None and time.monotonic() > found[0]:
        raise BudgetError(over_budget(found[1]))


@contextmanager
def hold_within_budget(lock: threading.Lock) -> Iterator[None]:
    """Hold ``lock`` for the body, waiting for it no longer than the time left (forever without a budget).

    Raises:
        BudgetError: the deadline passed while another request held the lock.
    """
    found = _DEADLINE.get()
    if not lock.acquire(timeout=-1 if found is None else max(0.0, found[0] - time.monotonic())):
        assert found is not None  # only a wait with a timeout gives up
        raise BudgetError(over_budget(found[1]))
    try:
        yield
    finally:
        lock.release()


def over_budget(seconds: float) -> str:
    """The message of a request stopped at its budget of ``seconds``."""
    return (
        f"the request ran past its time budget of {seconds:g} seconds (EMBARGO_REQUEST_SECONDS) and was stopped: "
        "send fewer or shorter names per request"
    )
