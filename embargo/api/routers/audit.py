"""The audit log (``admin`` role): exported as JSON lines or CSV, and verified (chain, checkpoints, state).

Exports stream the records with the exact payload text each hash was made
over, as ``embargo audit export`` writes them, so an auditor can recompute
the chain from the response alone. Reading the log is itself recorded.
"""

from __future__ import annotations

import re
from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from embargo.api.deps import get_service
from embargo.api.embargo_models import VerifyModel
from embargo.api.filters import TS_PATTERN, parse_time
from embargo.audit import export_lines, verify
from embargo.errors import QueryError
from embargo.server.service import Service

__all__ = ["router"]

router = APIRouter(tags=["Audit"])

_HEAD = re.compile(r"^([0-9]+):([0-9a-f]{64})$")


@router.get(
    "/audit",
    summary="Export the audit log",
    responses={200: {"content": {"application/x-ndjson": {}, "text/csv": {}}}},
    response_model=None,
)
def export(
    format: Literal["jsonl", "csv"] = Query("jsonl"),
    since: str | None = Query(None, pattern=TS_PATTERN, description="Records at or after (UTC), e.g. `2026-11-01`."),
    until: str | None = Query(None, pattern=TS_PATTERN, description="Records before (UTC)."),
    service: Service = Depends(get_service),
) -> StreamingResponse:
    """Every record (`seq, at, actor, kind, payload, prev_hash, hash`), oldest first."""
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    name = f"embargo-audit.{format}"
    return StreamingResponse(
        export_lines(service.store, format, parse_time(since, "since"), parse_time(until, "until")),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/audit/verify", summary="Verify the audit chain", response_model=VerifyModel)
def verify_chain(
    head: str | None = Query(
        None, max_length=100, description="`SEQ:HASH` kept elsewhere: also catches a rewritten or cut chain."
    ),
    service: Service = Depends(get_service),
) -> dict[str, object]:
    """Walk the chain, check it against its checkpoints (and the exported ones when `EMBARGO_AUDIT_CHECKPOINTS`
    is a file), and compare alerts, decisions and four-eyes requests with the log: `ok`, the head (keep it
    somewhere else), every problem where it is, and `notes` on what could not be proven."""
    expected: tuple[int, str] | None = None
    if head is not None:
        match = _HEAD.match(head.strip().lower())
        if match is None:
            raise QueryError("head must be SEQ:HASH (the hash: 64 hex digits), as /audit/verify printed it")
        expected = (int(match.group(1)), match.group(2))
    return verify(service.store, expected).to_dict()
