"""The audit trail: records filtered by kind, actor and period, newest first, each in words, and whether
the chain holds; the filtered records exported as CSV or JSON lines.

A record is shown as a sentence with links to what it concerns (:mod:`embargo.web.audit_words`), its
payload as stored one click away. The exports are :func:`embargo.audit.export_lines`' (the columns and
the exact payload text each hash was made over, as ``embargo audit export`` and the API's ``GET /audit``
write them), keeping the records the page's filters keep; downloading one is recorded in the log as the
API records a read of ``/audit``.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from embargo.audit import AuditRecord, export_lines, iter_records, verify
from embargo.auth import Role
from embargo.cells import safe_cell
from embargo.server.service import Service
from embargo.store.audit import audit_kinds
from embargo.web.audit_words import Piece, Words, in_words
from embargo.web.gate import audit_screening, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["router"]

router = APIRouter()

#: Records shown at most (the newest that match).
ROWS = 300

_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


@dataclass(frozen=True, slots=True)
class _Row:
    record: AuditRecord
    words: list[Piece]


@router.get("/audit")
def audit(
    request: Request,
    kind: str = Query("", max_length=60),
    actor: str = Query("", max_length=200),
    since: str = Query("", max_length=40),
    until: str = Query("", max_length=40),
    session: Session = Depends(need(Role.APPROVE)),
) -> Response:
    """The trail in words and the verification of its hash chain."""
    service: Service = request.app.state.service
    found = [
        r
        for r in iter_records(service.store, since=since or None, until=until or None, kind=kind or None)
        if not actor or r.actor == actor
    ]
    base = request.scope.get("root_path", "")
    words = Words(base, service.store.view().version_seqs())
    shown = [_Row(r, in_words(r, words)) for r in reversed(found[-ROWS:])]
    with service.store.reading("the audit log") as conn:
        kinds = audit_kinds(conn)
    kept = urlencode({k: v for k, v in {"kind": kind, "actor": actor, "since": since, "until": until}.items() if v})
    return page(
        request,
        "audit.html",
        "Audit trail",
        session,
        rows=shown,
        total=len(found),
        kinds=kinds,
        kind=kind,
        actor=actor,
        since=since,
        until=until,
        exports={f: f"{base}/audit/export.{f}" + (f"?{kept}" if kept else "") for f in ("csv", "jsonl")},
        check=verify(service.store),
    )


def _keeps(line: str, format: str, kind: str, actor: str) -> bool:
    """Whether an exported line (one record; CSV: the header too) passes the kind and actor filters."""
    if format == "jsonl":
        data = json.loads(line)
        return (not kind or data["kind"] == kind) and (not actor or data["actor"] == actor)
    row = next(csv.reader(io.StringIO(line, newline="")))
    if row[0] == "seq":  # the header
        return True
    return (not kind or row[3] == safe_cell(kind)) and (not actor or row[2] == safe_cell(actor))


@router.get("/audit/export.{format}")
def export(
    request: Request,
    format: str = Path(pattern="^(csv|jsonl)$"),
    kind: str = Query("", max_length=60),
    actor: str = Query("", max_length=200),
    since: str = Query("", max_length=40),
    until: str = Query("", max_length=40),
    session: Session = Depends(need(Role.APPROVE)),
) -> Response:
    """The records the page's filters keep, oldest first, as ``embargo audit export`` writes them."""
    started = time.perf_counter()
    service: Service = request.app.state.service
    lines = export_lines(service.store, format, since or None, until or None)  # a wrong period: 400 before any byte
    filters = {k: v for k, v in {"kind": kind, "actor": actor, "since": since, "until": until}.items() if v}
    audit_screening(request, service, session, "/audit", 200, started, {"format": format, **filters})

    def kept() -> Iterator[str]:
        for line in lines:
            if not (kind or actor) or _keeps(line, format, kind, actor):
                yield line

    return StreamingResponse(
        kept(),
        media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="embargo-audit.{format}"'},
    )
