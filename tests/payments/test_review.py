"""Held messages in the queue: one alert each, released or rejected with four-eyes and audit; a release
remembered until the party or the listed entry changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.audit.verify import verify
from embargo.errors import QueryError
from embargo.ingest import import_file
from embargo.monitor import decide, get_alert, request_decision
from embargo.monitor.approvals import approve
from embargo.monitor.four_eyes import FourEyes, set_policy
from embargo.payments.iso20022 import read_iso20022
from embargo.payments.review import held_message, hold
from embargo.payments.screen import PaymentScreener
from embargo.payments.verdict import Verdict, message_digest
from embargo.store import Store
from tests.conftest import copy_store, people
from tests.payments.conftest import PAYMENT_LIST, pacs008


@pytest.fixture
def store(pay_store: Store, tmp_path: Path) -> Store:
    return copy_store(pay_store, tmp_path / "copy")


def held(store: Store, data: bytes) -> tuple[Verdict, int, bool]:
    screener = PaymentScreener.open(store)
    verdict = screener.screen(read_iso20022(data, "test"))
    assert verdict.held
    versions = {i.list_name: i.version_id for i in screener.screener.indexes}
    alert_id, new = hold(store, verdict, data, message_digest(data), "tester", versions)
    return verdict, alert_id, new


def test_a_held_message_is_one_alert_with_the_message_kept_and_audited(store: Store) -> None:
    data = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_agent="KDBKKPPYXXX")
    _, alert_id, new = held(store, data)
    assert new
    alert = get_alert(store, alert_id)
    assert alert.status == "open"
    assert alert.score == 1.0  # the BIC's exact hit
    kept = held_message(store, alert_id)
    assert kept is not None
    assert kept.raw.encode() == data
    assert {h["kind"] for h in kept.verdict["hits"]} >= {"name", "bic", "country"}
    # the same bytes again while the alert is open: the same alert, not a second one
    assert held(store, data)[1:] == (alert_id, False)
    result = verify(store)
    assert result.ok, [str(p) for p in result.problems]


def test_a_released_hit_does_not_hold_the_same_party_again(store: Store) -> None:
    first = pacs008(creditor="Viktor Ivanovich Petrenko", msg_id="M-1")
    _, alert_id, _ = held(store, first)
    analyst = people(store, "analyst", role="review")["analyst"]
    decide(store, alert_id, "release", "a namesake: born 1990, Kyiv", analyst)
    assert get_alert(store, alert_id).status == "released"
    # another message to the same creditor passes, naming the release
    again = PaymentScreener.open(store).screen(
        read_iso20022(pacs008(creditor="Viktor Ivanovich Petrenko", msg_id="M-2"), "t")
    )
    assert again.verdict == "pass"
    assert again.released and f"released in alert {alert_id}" in again.released[0].detail
    # the party changed (another address): it holds again
    moved = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_town="Moscow", creditor_country="RU", msg_id="M-3")
    assert PaymentScreener.open(store).screen(read_iso20022(moved, "t")).verdict == "hold"
    # without the releases (a dry run), it holds
    assert (
        PaymentScreener.open(store).screen(read_iso20022(pacs008(creditor="Viktor Ivanovich Petrenko"), "t")).held
        is False
    )
    strict = PaymentScreener(PaymentScreener.open(store).screener, releases=False)
    assert strict.screen(read_iso20022(pacs008(creditor="Viktor Ivanovich Petrenko"), "t")).held
    assert verify(store).ok


def test_a_release_is_forgotten_when_the_listed_entry_changes(store: Store, tmp_path: Path) -> None:
    _, alert_id, _ = held(store, pacs008(creditor="Viktor Ivanovich Petrenko"))
    decide(store, alert_id, "release", "not him", people(store, "analyst", role="review")["analyst"])
    assert (
        not PaymentScreener.open(store).screen(read_iso20022(pacs008(creditor="Viktor Ivanovich Petrenko"), "t")).held
    )
    # the list adds an alias to the entry: the release no longer covers it
    lines = PAYMENT_LIST.read_text(encoding="utf-8").splitlines()
    changed = []
    for line in lines:
        row = json.loads(line)
        if row["id"] == "pay-person-petrenko":
            row["properties"]["alias"] = ["Viktor PETRENKO-ORLOV"]
        changed.append(json.dumps(row, ensure_ascii=False))
    newer = tmp_path / "listed.ftm.json"
    newer.write_text("\n".join(changed) + "\n", encoding="utf-8")
    import_file(store, newer, "xx_payments")
    verdict = PaymentScreener.open(store).screen(read_iso20022(pacs008(creditor="Viktor Ivanovich Petrenko"), "t"))
    assert verdict.held


def test_a_payment_alert_takes_release_or_reject_and_a_customer_alert_does_not(store: Store) -> None:
    _, alert_id, _ = held(store, pacs008(creditor="Viktor Ivanovich Petrenko"))
    analyst = people(store, "analyst", role="review")["analyst"]
    with pytest.raises(QueryError, match="holds a payment message: decide one of release, reject, escalated"):
        decide(store, alert_id, "true_match", "listed", analyst)
    decide(store, alert_id, "escalated", "ask the customer", analyst)
    decide(store, alert_id, "reject", "the listed person", analyst)
    assert get_alert(store, alert_id).status == "rejected"
    assert verify(store).ok


def test_four_eyes_sends_a_rejection_and_a_high_scored_release_to_an_approver(store: Store) -> None:
    made = people(store, "admin", role="admin")
    team = people(store, "analyst", "approver", role="approve")
    set_policy(store, FourEyes(True, 0.9), made["admin"])
    _, alert_id, _ = held(store, pacs008(creditor_agent="KDBKKPPYXXX"))  # an exact BIC: score 1.0
    with pytest.raises(QueryError, match="four-eyes"):
        decide(store, alert_id, "release", "not the bank", team["analyst"])
    waiting = request_decision(store, alert_id, "release", "not the bank", team["analyst"])
    assert get_alert(store, alert_id).status == "open"
    approve(store, waiting.id, team["approver"])
    assert get_alert(store, alert_id).status == "released"
    _, other, _ = held(store, pacs008(creditor="Viktor Ivanovich Petrenko", msg_id="R"))
    pending = request_decision(store, other, "reject", "him", team["analyst"])
    assert get_alert(store, other).status == "open"
    approve(store, pending.id, team["approver"])
    assert get_alert(store, other).status == "rejected"
    result = verify(store)
    assert result.ok, [str(p) for p in result.problems]


def test_a_case_decision_skips_a_held_payment_it_does_not_fit(store: Store) -> None:
    from embargo.monitor import decide_case
    from embargo.store.alerts import get

    _, alert_id, _ = held(store, pacs008(creditor="Viktor Ivanovich Petrenko"))
    with store.reading("t") as conn:
        alert = get(conn, alert_id)
    assert alert is not None and alert.case_id is not None  # its own case: the queue lists it
    analyst = people(store, "analyst", role="review")["analyst"]
    result = decide_case(store, alert.case_id, "false_positive", "bulk", analyst)
    assert result.decided == [] and result.skipped == [
        (alert_id, "holds a payment message: decide one of release, reject, escalated, not false_positive")
    ]
    assert get_alert(store, alert_id).status == "open"
    decide_case(store, alert.case_id, "release", "bulk release", analyst)
    assert get_alert(store, alert_id).status == "released"
