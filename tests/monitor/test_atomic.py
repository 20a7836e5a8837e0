"""One transaction per operation: a failure leaves neither the change nor its audit record."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.audit import iter_records, verify
from embargo.monitor import Portfolio
from embargo.monitor import portfolio as portfolio_module
from embargo.store import Store
from tests.monitor.conftest import write_customers


def test_a_failed_load_writes_nothing(db: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db)
    portfolio = Portfolio(store)
    portfolio.load(write_customers(tmp_path / "a.csv", [{"id": "1", "name": "Maria Schmidt"}]))

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(portfolio_module, "append", broken)
    with pytest.raises(RuntimeError):
        portfolio.load(write_customers(tmp_path / "b.csv", [{"id": "2", "name": "Jan Novak"}]))
    assert list(portfolio.fingerprints()) == ["1"]
    assert len(portfolio.versions()) == 1
    assert len(list(iter_records(store))) == 1 and verify(store).ok
