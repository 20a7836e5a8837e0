"""One problem a verification found: where (the seq), what kind, and in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["PROBLEMS", "AuditProblem"]

#: Kinds of problem, in words:
#: ``changed``, ``removed``, ``reordered``: a record no longer chains (the chain walk);
#: ``truncated``: the log ends before a checkpoint's record; ``rewritten``: a checkpointed record
#: has another hash now; ``unauthenticated``: a checkpoint whose MAC fails (forged, or changed);
#: ``state``: a row of ``alerts``, ``decisions`` or ``decision_requests`` disagrees with the log.
PROBLEMS = ("changed", "removed", "reordered", "truncated", "rewritten", "unauthenticated", "state")


@dataclass(frozen=True, slots=True)
class AuditProblem:
    """Where the audit trail breaks (``seq``; 0 when no record is concerned) and why."""

    seq: int
    problem: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {"seq": self.seq, "problem": self.problem, "detail": self.detail}

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.problem}: {self.detail}"
