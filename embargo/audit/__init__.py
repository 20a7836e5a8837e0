"""The audit trail: an append-only, hash-chained log of imports, portfolio changes, runs, alerts, decisions."""

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
from embargo.audit.verify import AuditProblem, VerifyResult, verify

__all__ = [
    "EXPORT_FORMATS",
    "GENESIS",
    "AuditProblem",
    "AuditRecord",
    "VerifyResult",
    "append",
    "canonical_json",
    "ensure_audit_schema",
    "export",
    "export_lines",
    "iter_records",
    "record_hash",
    "verify",
]
