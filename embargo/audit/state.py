"""The tables the audit log describes, checked against it: alerts, decisions, four-eyes requests.

The log records every change to these tables in the transaction that makes it,
with the row's content: ``alert.raise`` (a new alert, status ``open``),
``alert.decide`` (the decision row; the alert's status becomes the decision),
``alert.decision_requested`` / ``_approved`` / ``_rejected`` (the request row
as it then stood). So the current state can be derived from the log, and each
row is compared with it: every column the row and its record both have
(columns added later are compared as soon as records carry them), the alert's
``status`` and ``decided_at`` against its latest decision. A row edited,
added or deleted behind the log's back (with SQL, after the fact) is reported
as a ``state`` problem naming the row and the record it contradicts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from embargo.audit.problem import AuditProblem
from embargo.store.audit import described_rows
from embargo.store.connection import Connection

__all__ = ["StateCheck", "check_state"]

_RAISE = "alert.raise"
_DECIDE = "alert.decide"
_REQUEST = ("alert.decision_requested", "alert.decision_approved", "alert.decision_rejected")
#: Longest value quoted in a problem.
_SHOWN = 60


@dataclass(slots=True)
class StateCheck:
    """The rows compared with the log and what disagreed."""

    alerts: int = 0
    decisions: int = 0
    requests: int = 0
    problems: list[AuditProblem] = field(default_factory=list)

    def to_dict(self) -> dict[str, int]:
        """JSON-able form (the counts; the problems go with the chain's)."""
        return {"alerts": self.alerts, "decisions": self.decisions, "requests": self.requests}


def _same(stored: Any, logged: Any) -> bool:
    if isinstance(stored, bool) or isinstance(logged, bool):
        return bool(stored == logged)
    if isinstance(stored, int | float) and isinstance(logged, int | float):
        return math.isclose(stored, logged, rel_tol=1e-12, abs_tol=0.0)
    if isinstance(stored, str) and isinstance(logged, dict | list):
        try:
            return bool(json.loads(stored) == logged)
        except ValueError:
            return False
    return bool(stored == logged)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _differences(row: Any, logged: dict[str, Any], renamed: dict[str, str] | None = None) -> list[str]:
    columns = set(row.keys())
    found = []
    for key, value in logged.items():
        column = (renamed or {}).get(key, key)
        if column in columns and not _same(row[column], value):
            found.append(f"{column} says {_shown(row[column])}; the log says {_shown(value)}")
    return found


def _payloads(records: Iterable[tuple[int, str, str]]) -> dict[str, dict[int, tuple[int, dict[str, Any]]]]:
    """The latest record about each row, by table: {"alerts": {id: (seq, payload)}, ...}."""
    latest: dict[str, dict[int, tuple[int, dict[str, Any]]]] = {
        "raised": {},
        "decided": {},
        "alert_decided": {},
        "requests": {},
    }
    for seq, kind, text in records:
        if kind != _RAISE and kind != _DECIDE and kind not in _REQUEST:
            continue
        try:
            payload = json.loads(text)
            if kind == _RAISE:
                latest["raised"][int(payload["alert_id"])] = (seq, payload)
            elif kind == _DECIDE:
                latest["decided"][int(payload["id"])] = (seq, payload)
                latest["alert_decided"][int(payload["alert_id"])] = (seq, payload)
            else:
                latest["requests"][int(payload["id"])] = (seq, payload)
        except (ValueError, KeyError, TypeError):
            continue  # a record the chain check reports as changed, or one of an older shape
    return latest


def check_state(conn: Connection, records: Iterable[tuple[int, str, str]]) -> StateCheck:
    """Compare ``alerts``, ``decisions`` and ``decision_requests`` with the log.

    Args:
        conn: a connection to the store.
        records: ``(seq, kind, payload text)`` of every audit record, in seq order.
    """
    latest = _payloads(records)
    check = StateCheck()
    problems = check.problems

    seen: set[int] = set()
    for row in described_rows(conn, "alerts"):
        check.alerts += 1
        alert_id = int(row["id"])
        seen.add(alert_id)
        raised = latest["raised"].get(alert_id)
        if raised is None:
            problems.append(
                AuditProblem(0, "state", f"alert {alert_id} is in the alerts table; the log never raised it")
            )
            continue
        seq, payload = raised
        wrong = _differences(row, {k: v for k, v in payload.items() if k != "status"}, {"alert_id": "id"})
        if wrong:
            problems.append(AuditProblem(seq, "state", f"alert {alert_id}: " + "; ".join(wrong) + f" (seq {seq})"))
        # Its status is the latest decision's, or the "open" it was raised with.
        source, expected = seq, {"status": "open", "decided_at": None}
        decided = latest["alert_decided"].get(alert_id)
        if decided is not None:
            source, expected = (
                decided[0],
                # a decision's record names the status it left (a payment's release: released), else the decision
                {
                    "status": decided[1].get("status") or decided[1].get("decision"),
                    "decided_at": decided[1].get("decided_at"),
                },
            )
        wrong = _differences(row, expected)
        if wrong:
            problems.append(
                AuditProblem(source, "state", f"alert {alert_id}: " + "; ".join(wrong) + f" (seq {source})")
            )
    for alert_id, (seq, _) in sorted(latest["raised"].items()):
        if alert_id not in seen:
            problems.append(
                AuditProblem(seq, "state", f"alert {alert_id} was raised (seq {seq}); it is not in the table")
            )

    check.decisions = _compare(conn, "decisions", "decision", latest["decided"], problems)
    check.requests = _compare(conn, "decision_requests", "decision request", latest["requests"], problems)
    return check


def _compare(
    conn: Connection,
    table: str,
    label: str,
    logged: dict[int, tuple[int, dict[str, Any]]],
    problems: list[AuditProblem],
) -> int:
    """Compare each row of ``table`` with the latest record about it; returns how many rows were read."""
    seen: set[int] = set()
    for row in described_rows(conn, table):
        row_id = int(row["id"])
        seen.add(row_id)
        what = f"{label} {row_id} on alert {row['alert_id']}"
        made = logged.get(row_id)
        if made is None:
            problems.append(AuditProblem(0, "state", f"{what} is in the {table} table; the log never recorded it"))
            continue
        wrong = _differences(row, made[1])
        if wrong:
            problems.append(AuditProblem(made[0], "state", f"{what}: " + "; ".join(wrong) + f" (seq {made[0]})"))
    for row_id, (seq, payload) in sorted(logged.items()):
        if row_id not in seen:
            what = f"{label} {row_id} on alert {payload.get('alert_id')}"
            problems.append(
                AuditProblem(seq, "state", f"{what} was recorded (seq {seq}); it is not in the {table} table")
            )
    return len(seen)
