"""Many messages at once: a message that cannot be read is an error of the run, never passed, and the
other messages of its input are screened still."""

from __future__ import annotations

import gc

import pytest

from embargo.errors import MessageError
from embargo.payments.batch import screen_inputs
from embargo.payments.mt import read_mt_each
from embargo.payments.readers import Input, read_each
from embargo.payments.screen import PaymentScreener
from embargo.screening.collector import BATCH_YOUNG
from tests.payments.conftest import pacs008


def _mt103(ref: str, beneficiary: str) -> str:
    return (
        "{1:F01ALPHDEFFAXXX0000000000}{2:I103BETADEFFXXXXN}{4:\r\n"
        f":20:{ref}\r\n:23B:CRED\r\n:32A:261207EUR100,00\r\n:50K:ANNA SCHMIDT\r\nBERLIN\r\n"
        f":59:{beneficiary}\r\nMOSCOW\r\n:71A:SHA\r\n-}}"
    )


def test_a_cut_off_message_is_one_error_and_the_next_ones_are_read() -> None:
    cut = _mt103("REF-2", "JOHN SMITH").replace("\r\n-}", "")
    text = _mt103("REF-1", "JOHN SMITH") + "$" + cut + "$" + _mt103("REF-3", "VIKTOR PETRENKO")
    each, skipped = read_mt_each(text, "day.fin")
    assert skipped == 0
    assert [m.id if not isinstance(m, MessageError) else "error" for m in each] == ["REF-1", "error", "REF-3"]
    error = each[1]
    assert isinstance(error, MessageError) and str(error) == (
        "day.fin, message 2, block 4: not closed by a '-}' line (cut off?)"
    )
    # a message of a type not read is its own error too
    mt940 = _mt103("REF-9", "X").replace("I103", "I940")
    kinds = [type(m).__name__ for m in read_mt_each(_mt103("A", "X") + "$" + mt940, "f")[0]]
    assert kinds == ["Message", "MessageError"]


def test_a_run_screens_every_readable_message_and_counts_the_others(pay_screener: PaymentScreener) -> None:
    cut = _mt103("REF-2", "JOHN SMITH").replace("\r\n-}", "")
    day = (_mt103("REF-1", "JOHN SMITH") + "$" + cut + "$" + _mt103("REF-3", "VIKTOR PETRENKO")).encode()
    inputs = [
        Input(day, "day.fin"),
        Input(pacs008(msg_id="X-1"), "x1.xml"),
        Input(b"<html><body>error page</body></html>", "x2.xml"),
        Input(b"", "missing.xml", "no such file or folder"),
    ]
    seen: list[str] = []
    summary = screen_inputs(pay_screener, inputs, lambda v: seen.append(f"{v.message.id}:{v.verdict}"), False)
    assert seen == ["REF-1:pass", "REF-3:hold", "X-1:pass"]
    assert summary.messages == 3 and summary.held == 1 and summary.passed == 2
    assert len(summary.errors) == 3
    assert summary.errors[0] == "day.fin, message 2, block 4: not closed by a '-}' line (cut off?)"
    assert summary.errors[2] == "missing.xml: no such file or folder"
    assert read_each(b"", "empty.xml")[0][0].message  # type: ignore[union-attr]


def test_a_run_settles_the_collector_once_after_its_first_message(
    pay_screener: PaymentScreener, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the first message loads the name data; a run of one message does not wait for the collector's pass
    calls: list[int] = []
    monkeypatch.setattr("embargo.payments.batch.settle", lambda: calls.append(1))
    thresholds: list[tuple[int, int, int]] = []
    screen_inputs(
        pay_screener, [Input(pacs008(msg_id="ONE"), "one.xml")], lambda v: thresholds.append(gc.get_threshold()), False
    )
    assert calls == [] and thresholds[0][0] == BATCH_YOUNG
    three = [Input(pacs008(msg_id=f"M-{n}"), f"m{n}.xml") for n in range(3)]
    summary = screen_inputs(pay_screener, three, None, False)
    assert summary.messages == 3 and calls == [1]
    assert gc.get_threshold()[0] != BATCH_YOUNG  # the process's own setting back
