"""Checking the audit chain: which record was changed, removed or reordered."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from embargo.audit.log import GENESIS, ensure_audit_schema, record_hash
from embargo.store import Store

__all__ = ["AuditProblem", "VerifyResult", "verify"]

#: How far a renumbered record is searched for its original seq.
_WINDOW = 64


@dataclass(frozen=True, slots=True)
class AuditProblem:
    """Where the chain breaks and why (``changed``, ``removed`` or ``reordered``)."""

    seq: int
    problem: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {"seq": self.seq, "problem": self.problem, "detail": self.detail}

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.problem}: {self.detail}"


@dataclass(slots=True)
class VerifyResult:
    """The outcome of a verification: the records checked, the head, and any problems found."""

    records: int
    head_seq: int
    head_hash: str
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the chain is intact."""
        return not self.problems

    @property
    def first(self) -> AuditProblem | None:
        """The first broken place, if any."""
        return self.problems[0] if self.problems else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "ok": self.ok,
            "records": self.records,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "problems": [p.to_dict() for p in self.problems],
        }


def _written_as(row: sqlite3.Row) -> int | None:
    """The seq a record's hash was made with, when it is not its present seq."""
    for delta in range(1, _WINDOW):
        for seq in (int(row["seq"]) + delta, int(row["seq"]) - delta):
            if seq > 0 and record_hash(seq, *_fields(row)) == row["hash"]:
                return seq
    return None


def _fields(row: sqlite3.Row) -> tuple[str, str, str, str, str]:
    return (str(row["at"]), str(row["actor"]), str(row["kind"]), str(row["payload"]), str(row["prev_hash"]))


def verify(store: Store, head: tuple[int, str] | None = None) -> VerifyResult:
    """Walk the chain in seq order and report every break.

    Args:
        head: a ``(seq, hash)`` pair recorded earlier (by a previous verify or
            an export); the log must still hold that record unchanged, which
            catches removing the newest records or rewriting the whole chain.
    """
    conn = store.connect()
    try:
        ensure_audit_schema(conn)
        rows = conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
    finally:
        conn.close()
    hashes = {str(r["hash"]): i for i, r in enumerate(rows)}
    problems: list[AuditProblem] = []
    expected_seq, prev_hash = 1, GENESIS
    for i, row in enumerate(rows):
        seq = int(row["seq"])
        if record_hash(seq, *_fields(row)) != row["hash"]:
            original = _written_as(row)
            if original is None:
                problems.append(AuditProblem(seq, "changed", "the record's content differs from what was hashed"))
            elif row["prev_hash"] not in hashes and row["prev_hash"] != GENESIS:
                problems.append(
                    AuditProblem(seq, "removed", f"was written as seq {original}; the record before it is gone")
                )
            else:
                problems.append(AuditProblem(seq, "reordered", f"was written as seq {original}"))
        elif seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq} to {seq - 1}"
            problems.append(AuditProblem(expected_seq, "removed", f"record(s) {missing} are missing"))
        elif row["prev_hash"] != prev_hash:
            where = hashes.get(str(row["prev_hash"]))
            if where is not None:
                problems.append(
                    AuditProblem(seq, "reordered", f"follows seq {rows[where]['seq']}, not seq {expected_seq - 1}")
                )
            else:
                problems.append(AuditProblem(seq, "removed", "the record it follows is not in the log"))
        expected_seq, prev_hash = seq + 1, str(row["hash"])
        del i
    if head is not None:
        seq, digest = head
        found = next((r for r in rows if r["seq"] == seq), None)
        if found is None:
            problems.append(AuditProblem(seq, "removed", f"the anchored head (seq {seq}) is no longer in the log"))
        elif found["hash"] != digest:
            problems.append(AuditProblem(seq, "changed", "the anchored head's hash differs: the chain was rewritten"))
    last = rows[-1] if rows else None
    return VerifyResult(
        records=len(rows),
        head_seq=int(last["seq"]) if last else 0,
        head_hash=str(last["hash"]) if last else GENESIS,
        problems=problems,
    )
