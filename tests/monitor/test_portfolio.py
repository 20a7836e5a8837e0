"""The portfolio: versions of the customer file, changes by id, bad files rejected whole."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from embargo.audit import iter_records
from embargo.errors import NotFoundError, SourceError
from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio, get_alert
from embargo.store import Store
from tests.conftest import FIXTURES
from tests.monitor.conftest import write_customers

ROWS = [
    {"id": "1", "name": "Alexander Lukin", "birth_date": "1970-05-01", "nationality": "ru"},
    {"id": "2", "name": "Acme Trading LLC", "schema": "Company"},
    {"id": "3", "name": "Maria Schmidt"},
]


def test_versions_record_what_changed(db: str | Path, tmp_path: Path) -> None:
    store = Store(db)
    portfolio = Portfolio(store)
    first = portfolio.load(write_customers(tmp_path / "a.csv", ROWS), actor="ops")
    assert first.status == "loaded" and first.added == ["1", "2", "3"]
    assert first.version is not None and first.version.customers == 3
    assert portfolio.load(write_customers(tmp_path / "a2.csv", ROWS)).status == "unchanged"
    changed = [dict(ROWS[0], birth_date="1970-05-02"), ROWS[1], {"id": "4", "name": "Jan Novak"}]
    second = portfolio.load(write_customers(tmp_path / "b.csv", changed))
    assert (second.added, second.changed, second.removed) == (["4"], ["1"], ["3"])
    assert portfolio.changed_since(first.version.id) == {"1", "4"}
    partial = portfolio.load(write_customers(tmp_path / "c.csv", [{"id": "5", "name": "Ola Nordmann"}]), partial=True)
    assert (partial.added, partial.removed) == (["5"], [])
    removal = portfolio.remove(["2"], actor="ops")
    assert removal.removed == ["2"]
    with pytest.raises(NotFoundError):
        portfolio.remove(["nobody"])
    assert sorted(portfolio.fingerprints()) == ["1", "4", "5"]
    assert [v.mode for v in portfolio.versions()] == ["full", "full", "partial", "remove"]
    [lukin] = portfolio.customers(["1"])
    assert lukin.query.birth_dates == ("1970-05-02",) and lukin.query.nationalities == ("ru",)
    loads = [r.payload for r in iter_records(store, kind="portfolio.load")]
    assert [p["added"] for p in loads] == [3, 1, 1, 0]
    assert {"id": "3", "status": "removed"} in loads[1]["changes"]
    index = portfolio.index()
    assert sorted(index.entity_id(e) for e in range(index.entity_count)) == ["1", "4", "5"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"id": "1", "name": "A B"}, {"id": "1", "name": "C D"}], "appears twice"),
        ([{"id": "", "name": "A B"}], "needs an id"),
        ([{"id": "1", "name": ""}], "line 2: a query needs at least one name"),
        # a 3 MB "name" once made the portfolio index and every later monitoring run hang
        ([{"id": "1", "name": "A B"}, {"id": "2", "name": "x" * 3_000_000}], "line 3: field 'name' holds more than"),
        # over the name limit (EMBARGO_MAX_NAME), within the field limit (EMBARGO_MAX_FIELD)
        ([{"id": "1", "name": "A B"}, {"id": "2", "name": "x" * 3_000}], "line 3: name: 3,000 characters"),
        # any field embargo reads over EMBARGO_MAX_FIELD (10,000 characters), named with its line
        ([{"id": "1", "name": "A B", "birth_date": "1" * 20_000}], "line 2: field 'birth_date' holds 20,000"),
    ],
)
def test_a_bad_file_stores_nothing(db: str | Path, tmp_path: Path, rows: list[dict[str, str]], message: str) -> None:
    store = Store(db)
    portfolio = Portfolio(store)
    portfolio.load(write_customers(tmp_path / "good.csv", ROWS))
    with pytest.raises(SourceError, match=message):
        portfolio.load(write_customers(tmp_path / "bad.csv", rows))
    assert sorted(portfolio.fingerprints()) == ["1", "2", "3"]
    assert len(portfolio.versions()) == 1


def test_unreadable_values_are_kept_flagged_not_dropped(db: str | Path, tmp_path: Path) -> None:
    store = Store(db)
    portfolio = Portfolio(store)
    rows = [
        {"id": "1", "name": "A B", "birth_date": "yesterday"},
        {"id": "2", "name": "C D", "schema": "Planet"},
        {"id": "3", "name": "E F", "birth_date": "1970"},
    ]
    result = portfolio.load(write_customers(tmp_path / "partly.csv", rows))
    # every customer is watched, on what could be read, and the load says which values could not be
    assert sorted(portfolio.fingerprints()) == ["1", "2", "3"]
    assert result.unreadable == ["1: birth_date 'yesterday': not a date", result.unreadable[1]]
    assert result.unreadable[1].startswith("2: schema 'Planet': not a schema")
    assert result.to_dict()["unreadable_customers"] == 2
    one, two, three = portfolio.customers(["1", "2", "3"])
    assert one.query.birth_dates == () and [u.field for u in one.unreadable] == ["birth_date"]
    assert two.query.schema == "LegalEntity" and not three.unreadable
    # a corrected file changes the customer's fingerprint: it is screened again
    fixed = portfolio.load(write_customers(tmp_path / "fixed.csv", [{**rows[0], "birth_date": "1970"}, *rows[1:]]))
    assert fixed.changed == ["1"] and len(fixed.unreadable) == 1


def test_an_alert_says_which_customer_values_were_left_out(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    rows = [{"id": "c1", "name": "Alexander Lukashenko", "birth_date": "1954-13-45", "nationality": "Belarus"}]
    loaded = Portfolio(store).load(write_customers(tmp_path / "c.csv", rows))
    assert loaded.unreadable == ["c1: birth_date '1954-13-45': not a date"]
    run = Monitor(store, workers=1).run(full=True)
    [alert] = [get_alert(store, i) for i in run.alerts]
    notes = [f for f in alert.explanation if f["feature"] == "unreadable"]
    assert [n["detail"] for n in notes] == ["customer birth_date '1954-13-45': not a date; scored without it"]


def test_parquet_input(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "name": "Alexander Lukin", "birth_date": "1970"}]), path)
    result = Portfolio(Store(tmp_path / "s.db")).load(path)
    assert result.added == ["p1"]
