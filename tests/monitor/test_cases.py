"""Cases: one customer on one party listed twice is one case of two alerts, decided at once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from embargo.audit import iter_records
from embargo.errors import QueryError
from embargo.ingest import import_file
from embargo.monitor import (
    Monitor,
    Portfolio,
    QueueQuery,
    case_queue,
    decide_case,
    get_alert,
    get_case,
    list_alerts,
    set_policy,
)
from embargo.monitor.four_eyes import FourEyes
from embargo.parties import merge, split
from embargo.store import Store
from tests.conftest import people
from tests.monitor.conftest import write_customers

HEADER = ["ID", "Name", "Schema", "Birth Date", "Nationality"]


def _list(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "s.db")
    alpha = [
        {"ID": "1", "Name": "Viktar Uladzimiravich SHEIMAN", "Schema": "Person", "Birth Date": "1958-05-26"},
        {"ID": "2", "Name": "Ivan Petrovich GORBATOV", "Schema": "Person", "Birth Date": "1961-01-12"},
    ]
    beta = [
        {"ID": "1", "Name": "Виктор Владимирович ШЕЙМАН", "Schema": "Person", "Birth Date": "1958-05-26"},
        {"ID": "2", "Name": "Ivan GORBATOV", "Schema": "Person", "Birth Date": "1975-03-30"},
    ]
    import_file(made, _list(tmp_path / "a.csv", alpha), "alpha", format_name="custom_csv")
    import_file(made, _list(tmp_path / "b.csv", beta), "beta", format_name="custom_csv")
    people(made, "ana", "ben")
    people(made, "admin", role="admin")
    rows = [
        {"id": "c1", "name": "Viktar Sheiman", "birth_date": "1958-05-26"},
        {"id": "c2", "name": "Ivan Gorbatov"},
        {"id": "c3", "name": "Margarethe Vestergaard"},
    ]
    Portfolio(made).load(write_customers(tmp_path / "c.csv", rows))
    Monitor(made, workers=1).run()
    return made


def _open_cases(store: Store) -> dict[str, list[int]]:
    page, _, _ = case_queue(store, QueueQuery(), 100)
    found: dict[str, list[int]] = {}
    for c in page:
        found.setdefault(c.customer_id, []).append(c.id)
    return found


def test_one_customer_on_one_party_of_two_lists_is_one_case(store: Store) -> None:
    assert len(list_alerts(store, customer_id="c1")) == 2
    page, cases, alerts = case_queue(store, QueueQuery(), 100)
    by_customer = _open_cases(store)
    assert len(by_customer["c1"]) == 1
    assert len(by_customer["c2"]) == 2  # two Gorbatovs, born 14 years apart: two parties, two cases
    assert cases == len(page) == 3 and alerts == 4
    case, its_alerts = get_case(store, by_customer["c1"][0])
    assert case.party_id.startswith("party-") and set(case.lists) == {"alpha", "beta"}
    assert {a.entity_id for a in its_alerts} == {"alpha-1", "beta-1"}
    assert all(a.case_id == case.id for a in its_alerts)


def test_a_decision_on_a_case_decides_each_alert_and_is_audited(store: Store) -> None:
    (case_id,) = _open_cases(store)["c1"]
    _, its_alerts = get_case(store, case_id)
    first, second = (a.id for a in its_alerts)
    with pytest.raises(QueryError, match="note"):
        decide_case(store, case_id, "true_match", " ", "ana")
    with pytest.raises(QueryError, match="no undecided alerts"):
        decide_case(store, case_id, "true_match", "ok", "ana", {999: ("false_positive", "x")})
    made = decide_case(
        store, case_id, "true_match", "same man: birth date and name", "ana", {second: ("escalated", "ask")}
    )
    assert {(d.alert_id, d.decision) for d in made.decided} == {(first, "true_match"), (second, "escalated")}
    assert get_alert(store, first).status == "true_match" and get_alert(store, second).status == "escalated"
    records = [r for r in iter_records(store) if r.kind in ("alert.decide", "case.decide")]
    assert [r.kind for r in records].count("alert.decide") == 2 and records[-1].kind == "case.decide"
    assert records[0].payload["case_id"] == case_id
    # the escalated alert keeps the case open; deciding it again closes the case
    decide_case(store, case_id, "true_match", "confirmed by the MLRO", "ben")
    assert case_id not in _open_cases(store).get("c1", [])
    with pytest.raises(QueryError, match="no undecided alert"):
        decide_case(store, case_id, "true_match", "again", "ana")


def test_four_eyes_holds_each_decision_that_needs_an_approver(store: Store) -> None:
    set_policy(store, FourEyes(enabled=True, min_score=0.0), "ana")
    (case_id,) = _open_cases(store)["c1"]
    made = decide_case(store, case_id, "false_positive", "another man", "ana")
    assert len(made.waiting) == 2 and not made.decided
    again = decide_case(store, case_id, "false_positive", "another man", "ana")
    assert len(again.skipped) == 2  # each already waits: left as it is


def test_open_alerts_follow_their_party_into_one_case(store: Store) -> None:
    two = _open_cases(store)["c2"]
    assert len(two) == 2
    merge(store, "alpha-2", "beta-2", "the analyst has both passports", "admin")
    (one,) = _open_cases(store)["c2"]
    _, its_alerts = get_case(store, one)
    assert {a.entity_id for a in its_alerts} == {"alpha-2", "beta-2"}
    split(store, "beta-2", "no: two men", "admin")
    assert len(_open_cases(store)["c2"]) == 2
