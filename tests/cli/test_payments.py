"""``embargo payments screen`` and ``embargo payments show``: folders of messages, exit statuses (0 all passed,
3 one held, 1 one not read), ``--json``, ``--output``, ``--no-alerts``, ``--lines``, ``--policy``; a held
message shown, and shown raw.

The store is the payment tests' (tests/payments/conftest.py), copied for each test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from embargo.cli import app
from embargo.monitor import count_alerts, get_alert, list_alerts
from embargo.payments.review import held_message
from embargo.store import Store
from tests.conftest import FIXTURES, copy_store
from tests.payments.conftest import pacs008, pay_store  # noqa: F401  (the session's payment store)

MT103 = (FIXTURES / "payments" / "mt" / "mt103_50f_59f_crlf.fin").read_bytes()
TWO_MT103 = MT103 + b"\r\n" + MT103.replace(b":20:EMB103F0001", b":20:EMB103F0002")
CLEAN = pacs008(msg_id="CLI-CLEAN")
HELD = pacs008(creditor="Viktor Ivanovich Petrenko", creditor_agent="KDBKKPPYXXX", msg_id="CLI-HELD")
#: A message with a BIC that is none: it cannot be read, and is never passed.
BAD = pacs008(msg_id="CLI-BAD").replace(b"<BICFI>BETADEFFXXX</BICFI>", b"<BICFI>12345678</BICFI>")

runner = CliRunner()


def invoke(*args: str, code: int) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def squash(text: str) -> str:
    """The text without whitespace (rich wraps long lines at 160 columns when not on a terminal)."""
    return "".join(text.split())


@pytest.fixture
def db(pay_store: Store, tmp_path: Path) -> str:  # noqa: F811
    return str(copy_store(pay_store, tmp_path / "store").path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A clean pacs.008, a held one and an MT file of two (held) MT103s."""
    path = tmp_path / "messages"
    path.mkdir()
    (path / "a_clean.xml").write_bytes(CLEAN)
    (path / "b_held.xml").write_bytes(HELD)
    (path / "c_two.fin").write_bytes(TWO_MT103)
    (path / "notes.md").write_text("not a message file: left out\n", encoding="utf-8")
    return path


def screen_json(*args: str, code: int) -> dict[str, Any]:
    data = json.loads(invoke("payments", "screen", "--json", *args, code=code).stdout)
    assert isinstance(data, dict)
    return data


def test_a_folder_with_a_held_message_exits_3_and_raises_its_alerts(db: str, folder: Path) -> None:
    result = invoke("payments", "screen", "--db", db, str(folder), code=3)
    out = result.stdout
    assert "PASS pacs.008.001.08 CLI-CLEAN" in out
    assert "HOLD pacs.008.001.08 CLI-HELD" in out
    assert out.count("HOLD MT103 EMB103F") == 2
    assert squash("CdtrAgt: KDBKKPPYXXX is the listed") in squash(out)
    summary = squash(result.stderr)
    assert squash("4 messages (2 MT103, 2 pacs.008.001.08)") in summary
    assert squash("1 passed, 3 held, 0 could not be read") in summary and squash("alerts raised: 3") in summary
    store = Store(Path(db))
    assert count_alerts(store) == 3
    assert {a.query_name for a in list_alerts(store)} == {
        "pacs.008.001.08 CLI-HELD",
        "MT103 EMB103F0001",
        "MT103 EMB103F0002",
    }
    # the same files again: the same alerts, none raised twice
    again = invoke("payments", "screen", "--db", db, str(folder), code=3)
    assert squash("already open for the same message: 3") in squash(again.stderr)
    assert count_alerts(store) == 3


def test_all_passed_exits_0(db: str, tmp_path: Path) -> None:
    (tmp_path / "clean.xml").write_bytes(CLEAN)
    result = invoke("payments", "screen", "--db", db, str(tmp_path / "clean.xml"), code=0)
    assert "PASS pacs.008.001.08 CLI-CLEAN" in result.stdout
    assert count_alerts(Store(Path(db))) == 0


def test_a_message_not_read_exits_1_naming_the_file_and_the_element(db: str, folder: Path) -> None:
    bad = folder / "d_bad.xml"
    bad.write_bytes(BAD)
    result = invoke("payments", "screen", "--db", db, str(folder), code=1)  # 1 wins over 3: never passed
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    text = squash(result.stderr)
    assert squash(f"error: {bad}, CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI: BICFI '12345678' is not a BIC") in text
    assert squash("1 passed, 3 held, 1 could not be read") in text
    # the others were screened all the same
    assert "HOLD pacs.008.001.08 CLI-HELD" in result.stdout


def test_json_output_has_the_verdicts_and_the_summary(db: str, folder: Path) -> None:
    data = screen_json("--db", db, str(folder), code=3)
    assert set(data) == {"verdicts", "summary"}
    verdicts = data["verdicts"]
    assert [v["message"]["id"] for v in verdicts] == ["CLI-CLEAN", "CLI-HELD", "EMB103F0001", "EMB103F0002"]
    assert [v["verdict"] for v in verdicts] == ["pass", "hold", "hold", "hold"]
    held = verdicts[1]
    assert held["alert_id"] and all({"path", "kind", "value", "score", "detail"} <= set(h) for h in held["hits"])
    assert "alert_id" not in verdicts[0]
    summary = data["summary"]
    assert (summary["messages"], summary["passed"], summary["held"], summary["errors"]) == (4, 1, 3, [])
    assert summary["types"] == {"MT103": 2, "pacs.008.001.08": 2}
    assert len(summary["alerts"]) == 3 and summary["alerts_existing"] == []
    assert sorted(summary["alerts"]) == sorted(v["alert_id"] for v in verdicts if v["verdict"] == "hold")
    assert summary["hits"]["bic"] >= 1 and summary["service_messages_skipped"] == 0


def test_output_writes_every_verdict_as_json_lines(db: str, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "verdicts.jsonl"
    invoke("payments", "screen", "--db", db, "--quiet", "--output", str(target), str(folder), code=3)
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["verdict"] for r in rows] == ["pass", "hold", "hold", "hold"]
    assert [r["message"]["id"] for r in rows] == ["CLI-CLEAN", "CLI-HELD", "EMB103F0001", "EMB103F0002"]
    assert all("alert_id" in r for r in rows[1:])


def test_no_alerts_is_a_dry_run(db: str, folder: Path) -> None:
    data = screen_json("--db", db, "--no-alerts", str(folder), code=3)
    assert data["summary"]["held"] == 3 and data["summary"]["alerts"] == []
    assert all("alert_id" not in v for v in data["verdicts"])
    assert count_alerts(Store(Path(db))) == 0


def test_lines_reads_one_xml_per_line_and_a_json_string_mt(db: str, tmp_path: Path) -> None:
    one_line = [m.replace(b"\n", b"") for m in (CLEAN, HELD)]
    path = tmp_path / "queue.txt"
    path.write_bytes(one_line[0] + b"\n\n" + one_line[1] + b"\n" + json.dumps(MT103.decode()).encode() + b"\n")
    data = screen_json("--db", db, "--no-alerts", "--lines", str(path), code=3)
    assert [(v["message"]["id"], v["verdict"]) for v in data["verdicts"]] == [
        ("CLI-CLEAN", "pass"),
        ("CLI-HELD", "hold"),
        ("EMB103F0001", "hold"),
    ]
    assert data["verdicts"][0]["message"]["source"] == f"{path}, line 1"
    assert data["verdicts"][2]["message"]["source"] == f"{path}, line 4"
    # a .jsonl file is read by lines without asking; a line beginning with a quote that is no JSON string is an error
    lines = tmp_path / "queue.jsonl"
    lines.write_bytes(one_line[0] + b'\n"not closed\n')
    data = screen_json("--db", db, "--no-alerts", str(lines), code=1)
    assert data["summary"]["passed"] == 1
    [error] = data["summary"]["errors"]
    assert error.startswith(f"{lines}, line 2") and "JSON string" in error


def test_a_bad_policy_is_one_clear_error(db: str, folder: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('threshold = 0.7\n[elements]\nCdtr = "maybe"\n', encoding="utf-8")
    result = invoke("payments", "screen", "--db", db, "--policy", str(policy), str(folder), code=1)
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(squash(result.stderr)) > 0 and lines[0].startswith("error: payment policy")
    assert "Cdtr" in result.stderr and "Traceback" not in result.output
    assert count_alerts(Store(Path(db))) == 0
    policy.write_text("threshold = [", encoding="utf-8")
    result = invoke("payments", "screen", "--db", db, "--policy", str(policy), str(folder), code=1)
    assert "not TOML" in result.stderr
    missing = invoke("payments", "screen", "--db", db, "--policy", str(tmp_path / "none.toml"), str(folder), code=1)
    assert "error:" in missing.stderr and "Traceback" not in missing.output


def test_show_prints_a_held_message_and_raw_its_bytes(db: str, tmp_path: Path) -> None:
    (tmp_path / "held.xml").write_bytes(HELD)
    data = screen_json("--db", db, str(tmp_path / "held.xml"), code=3)
    alert_id = data["verdicts"][0]["alert_id"]
    shown = invoke("payments", "show", "--db", db, str(alert_id), code=0).stdout
    assert squash(f"alert {alert_id} (open): pacs.008.001.08 CLI-HELD from {tmp_path / 'held.xml'}") in squash(shown)
    for hit in data["verdicts"][0]["hits"]:
        assert squash(f"{hit['path']}: {hit['detail']}") in squash(shown)
    raw = invoke("payments", "show", "--db", db, "--raw", str(alert_id), code=0).stdout
    assert raw == HELD.decode()
    as_json = json.loads(invoke("payments", "show", "--db", db, "--json", str(alert_id), code=0).stdout)
    assert as_json["status"] == "open" and as_json["raw"] == HELD.decode() and as_json["alert_id"] == alert_id
    kept = held_message(Store(Path(db)), alert_id)
    assert kept is not None and as_json["verdict"] == kept.verdict
    assert get_alert(Store(Path(db)), alert_id).status == "open"
    missing = invoke("payments", "show", "--db", db, "999999", code=1)
    assert "alert 999999 holds no payment message" in missing.stderr


def test_a_missing_file_is_an_error_line_and_the_others_are_screened(db: str, folder: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    data = screen_json("--db", db, str(folder / "a_clean.xml"), str(missing), str(folder / "b_held.xml"), code=1)
    assert [v["message"]["id"] for v in data["verdicts"]] == ["CLI-CLEAN", "CLI-HELD"]
    assert data["summary"]["errors"] == [f"{missing}: no such file or folder"]
    assert data["summary"]["held"] == 1 and len(data["summary"]["alerts"]) == 1
    result = invoke("payments", "screen", "--db", db, str(missing), str(folder / "a_clean.xml"), code=1)
    assert "PASS pacs.008.001.08 CLI-CLEAN" in result.stdout
    assert squash(f"error: {missing}: no such file or folder") in squash(result.stderr)
    assert squash("1 passed, 0 held, 1 could not be read") in squash(result.stderr)


def test_show_names_the_hits_released_before(db: str, tmp_path: Path) -> None:
    from embargo.monitor import decide
    from tests.conftest import people

    store = Store(Path(db))
    (tmp_path / "first.xml").write_bytes(pacs008(creditor="Viktor Ivanovich Petrenko", msg_id="CLI-R1"))
    first = screen_json("--db", db, str(tmp_path / "first.xml"), code=3)["verdicts"][0]["alert_id"]
    decide(store, first, "release", "a namesake", people(store, "analyst", role="review")["analyst"])
    (tmp_path / "second.xml").write_bytes(HELD)
    [verdict] = screen_json("--db", db, str(tmp_path / "second.xml"), code=3)["verdicts"]
    assert verdict["released"] and all(h["kind"] != "name" for h in verdict["hits"])
    shown = squash(invoke("payments", "show", "--db", db, str(verdict["alert_id"]), code=0).stdout)
    assert squash(f"Cdtr: released before: {verdict['released'][0]['detail']}") in shown
    assert f"releasedinalert{first}" in shown
