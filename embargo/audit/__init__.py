"""The audit trail: an append-only, hash-chained log of imports, portfolio changes, runs, alerts, decisions,
with checkpoints authenticated by a key kept outside the database."""

from embargo.audit.checkpoint import Checkpoint, checkpoint_now, export_checkpoints, ship
from embargo.audit.export import EXPORT_FORMATS, export, export_lines
from embargo.audit.log import (
    GENESIS,
    AuditRecord,
    append,
    canonical_json,
    ensure_audit_schema,
    iter_records,
    record_hash,
)
from embargo.audit.state import StateCheck, check_state
from embargo.audit.verify import AuditProblem, VerifyResult, verify

__all__ = [
    "EXPORT_FORMATS",
    "GENESIS",
    "AuditProblem",
    "AuditRecord",
    "Checkpoint",
    "StateCheck",
    "VerifyResult",
    "append",
    "canonical_json",
    "check_state",
    "checkpoint_now",
    "ensure_audit_schema",
    "export",
    "export_checkpoints",
    "export_lines",
    "iter_records",
    "record_hash",
    "ship",
    "verify",
]
