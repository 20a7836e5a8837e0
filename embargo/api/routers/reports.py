"""Period reports (``review`` role): the compliance officer's summary as Markdown, HTML or JSON."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response

from embargo.api.deps import get_service
from embargo.api.filters import TS_PATTERN, parse_time
from embargo.report import gather, render_text
from embargo.server.service import Service

__all__ = ["router"]

router = APIRouter(tags=["Reports"])


@router.get(
    "/report",
    summary="A period report",
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}}},
)
def report(
    since: str | None = Query(None, pattern=TS_PATTERN, description="Start (inclusive), e.g. `2026-11-01`."),
    until: str | None = Query(None, pattern=TS_PATTERN, description="End (exclusive), e.g. `2026-12-01`."),
    format: Literal["md", "html", "json"] = Query("md"),
    service: Service = Depends(get_service),
) -> Response:
    """List updates, monitoring runs, alerts, decisions, time to decision, and two charts (inline images)."""
    found = gather(service.store, parse_time(since, "since"), parse_time(until, "until"))
    if format == "json":
        return JSONResponse(found.to_dict())
    text = render_text(found, format)
    if format == "html":
        return HTMLResponse(text)
    return Response(text, media_type="text/markdown; charset=utf-8")
