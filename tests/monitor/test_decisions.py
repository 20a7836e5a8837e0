"""Decisions and the good-guy list: a false positive stays quiet until the match itself changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from embargo.audit import iter_records, verify
from embargo.errors import NotFoundError, PermissionDenied, QueryError
from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio, decide, decisions_for, false_positives, get_alert, list_alerts
from embargo.store import Store
from tests.conftest import republished
from tests.monitor.conftest import write_customers


def _setup(store: Store, tmp_path: Path, aliased: str) -> tuple[Portfolio, Monitor, list[dict[str, str]]]:
    [found] = store.view().find(aliased)
    rows = [
        {"id": "c1", "name": found.entity.caption, "birth_date": "1950"},
        {"id": "c2", "name": "ABDULHAI SALEK"},
        {"id": "c3", "name": "Margarethe Vestergaard"},
    ]
    portfolio = Portfolio(store)
    portfolio.load(write_customers(tmp_path / "c.csv", rows))
    monitor = Monitor(store, workers=1)
    monitor.run()
    return portfolio, monitor, rows


def test_false_positive_is_not_raised_again_until_the_customer_changes(
    un_store: Store, un_files: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    portfolio, monitor, rows = _setup(un_store, tmp_path, un_files[2]["aliased"])
    [alert] = list_alerts(un_store, customer_id="c2")
    decision = decide(un_store, alert.id, "false_positive", "different person: born 1980 in Oslo", by="ana")
    assert decision.decision == "false_positive" and decision.decided_by == "ana"
    assert get_alert(un_store, alert.id).status == "false_positive"
    assert [(g["customer_id"], g["entity_id"]) for g in false_positives(un_store)] == [("c2", alert.entity_id)]
    assert monitor.run(full=True).alerts == []  # even a full re-screen remembers it
    rows[1]["birth_date"] = "1965"
    portfolio.load(write_customers(tmp_path / "c2.csv", rows))
    run = monitor.run()
    [again] = [get_alert(un_store, i) for i in run.alerts]
    assert again.customer_id == "c2" and again.entity_id == alert.entity_id
    assert f"alert {alert.id} was decided false positive" in again.reason
    assert "customer birth date changed: +'1965'" in again.reason
    kinds = [r.kind for r in iter_records(un_store)]
    assert kinds[0] == "list.import" and {"portfolio.load", "monitor.run", "alert.raise", "alert.decide"} <= set(kinds)
    assert verify(un_store).ok


def test_false_positive_comes_back_when_the_entity_gains_an_alias_not_for_a_remark(
    un_store: Store, un_files: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    aliased = un_files[2]["aliased"]
    _, monitor, _ = _setup(un_store, tmp_path, aliased)
    [alert] = list_alerts(un_store, customer_id="c1", entity_id=aliased)
    decide(un_store, alert.id, "false_positive", "other person", by="ana")
    # a new remark on the entity does not touch the match: still suppressed
    text = un_files[0].read_text("utf-8")
    source_id = aliased.removeprefix("un-sc-")
    block = re.search(rf"<INDIVIDUAL>\s*<DATAID>{source_id}</DATAID>.*?</INDIVIDUAL>", text, flags=re.S)
    assert block
    remark = re.sub(
        r"<COMMENTS1>.*?</COMMENTS1>|<COMMENTS1/>", "<COMMENTS1>A new remark.</COMMENTS1>", block[0], flags=re.S
    )
    remark_file = tmp_path / "v1b" / "consolidated.xml"
    remark_file.parent.mkdir()
    remark_file.write_text(republished(text.replace(block[0], remark), 5), "utf-8")
    assert import_file(un_store, remark_file, "un_sc").status == "imported"
    quiet = monitor.run()
    assert quiet.alerts == [] and quiet.plan["entities_amended"] == 0
    # the alias is part of the match: raised again, saying so
    import_file(un_store, un_files[1], "un_sc")
    run = monitor.run()
    again = [a for a in (get_alert(un_store, i) for i in run.alerts) if a.customer_id == "c1"]
    assert len(again) == 1
    assert "entity gained alias 'Testy McAlias'" in again[0].reason


def test_decisions_are_kept_in_order_and_checked(un_store: Store, tmp_path: Path, un_files: tuple) -> None:  # type: ignore[type-arg]
    _setup(un_store, tmp_path, un_files[2]["aliased"])
    [alert] = list_alerts(un_store, customer_id="c2")
    decide(un_store, alert.id, "escalated", "ask the relationship manager", by="ana")
    decide(un_store, alert.id, "true_match", "confirmed by passport", by="ben")
    assert [(d.decision, d.decided_by) for d in decisions_for(un_store, alert.id)] == [
        ("escalated", "ana"),
        ("true_match", "ben"),
    ]
    assert list_alerts(un_store, status="true_match")[0].id == alert.id
    with pytest.raises(QueryError):
        decide(un_store, alert.id, "maybe", "why", by="ana")
    for nobody in (" ", "zed", "ana-x"):
        with pytest.raises(PermissionDenied):  # a name that is no principal is never recorded as typed
            decide(un_store, alert.id, "false_positive", "why", by=nobody)
    for empty in ("", "  \n"):
        with pytest.raises(QueryError, match="needs a note"):
            decide(un_store, alert.id, "false_positive", empty, by="ana")
    with pytest.raises(NotFoundError):
        decide(un_store, 999_999, "false_positive", "why", by="ana")
    # nothing refused was recorded
    assert len(decisions_for(un_store, alert.id)) == 2
