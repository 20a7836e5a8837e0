"""A request's time budget: checked by the screener, carried by a context variable, never left behind."""

from __future__ import annotations

import threading
import time

import pytest

from embargo.budget import check_budget, hold_within_budget, time_budget
from embargo.errors import BudgetError
from embargo.ingest import import_file
from embargo.matching import Query
from embargo.screening import Screener
from embargo.store import Store
from tests.conftest import FIXTURES


def test_no_budget_never_stops() -> None:
    check_budget()
    with time_budget(None):
        check_budget()


def test_a_passed_deadline_stops_the_work_and_is_reset_after() -> None:
    with time_budget(60):
        check_budget()
    with time_budget(0.5, started=time.monotonic() - 1), pytest.raises(BudgetError) as caught:
        check_budget()
    assert "time budget of 0.5 seconds (EMBARGO_REQUEST_SECONDS)" in str(caught.value)
    check_budget()  # the deadline went with its block


def test_a_lock_is_waited_for_no_longer_than_the_budget() -> None:
    lock = threading.Lock()
    with hold_within_budget(lock):
        assert lock.locked()
    assert not lock.locked()
    lock.acquire()
    try:
        with time_budget(0.05), pytest.raises(BudgetError, match="EMBARGO_REQUEST_SECONDS"), hold_within_budget(lock):
            pass
    finally:
        lock.release()


@pytest.fixture(scope="module")
def screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    store = Store(tmp_path_factory.mktemp("budget") / "s.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    return Screener.open(store)


def test_the_screener_stops_at_the_deadline(screener: Screener) -> None:
    """Fifty names of 1,000 characters (within every size limit) took over a second of one query."""
    query = Query.build([f"Alexander Lukashenko {i} " + "Grigoryevich " * 74 for i in range(50)])
    assert screener.screen(Query.build(["Alexander Lukashenko"]))  # no budget: screened as ever
    with time_budget(1e-9), pytest.raises(BudgetError):
        screener.screen(query)
    with time_budget(0.2), pytest.raises(BudgetError):
        for _ in range(1000):  # about 20 minutes of work without the budget
            screener.screen(query)


def test_the_budget_stays_with_its_thread(screener: Screener) -> None:
    errors: list[BaseException] = []

    def screen() -> None:
        try:
            screener.screen(Query.build(["Alexander Lukashenko"]))
        except BaseException as exc:
            errors.append(exc)

    with time_budget(1e-9):
        other = threading.Thread(target=screen)
        other.start()
        other.join()
    assert not errors
