"""Quick screen: a name (any script) with an optional birth date and country, screened by the served index."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response

from embargo.auth import Role
from embargo.budget import time_budget
from embargo.errors import QueryError
from embargo.matching import Query as ScreenQuery
from embargo.screening import Hit
from embargo.server.service import Service
from embargo.web.compare import marked, name_tokens
from embargo.web.gate import audit_screening, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["router", "screen_name"]

router = APIRouter()

#: Hits shown at most.
LIMIT = 10


def screen_name(service: Service, name: str, dob: str, country: str) -> list[Hit]:
    """The best hits for a name screened as each kind of party (as ``POST /screen`` without a schema)."""
    query = ScreenQuery([name], birth_dates=[dob] if dob else [], countries=[country] if country else [])
    loaded = service.screening
    with time_budget(service.config.limits.seconds):
        return loaded.screener.screen(query, limit=LIMIT)


def _shown(service: Service, hit: Hit) -> dict[str, Any]:
    explanation = hit.explanation()
    tokens = name_tokens(explanation)
    return {
        "hit": hit,
        "explanation": [p for p in explanation if p["feature"] != "name"],
        "tokens": tokens,
        "query_marked": marked(hit.query_name, [t["query"] for t in tokens if t.get("listed") and t.get("query")]),
        "listed_marked": marked(hit.matched_name, [t["listed"] for t in tokens if t.get("query") and t.get("listed")]),
        "designations": service.loaded.screener.designations(hit),
    }


@router.get("/screen")
def quick_screen(
    request: Request,
    q: str = Query("", max_length=300),
    dob: str = Query("", max_length=20),
    country: str = Query("", max_length=60),
    session: Session = Depends(need(Role.SCREEN)),
) -> Response:
    """The quick-screen form and its results."""
    service: Service = request.app.state.service
    results: list[dict[str, Any]] | None = None
    error = ""
    if q.strip():
        started = time.perf_counter()
        try:
            hits = screen_name(service, q.strip(), dob.strip(), country.strip())
            results = [_shown(service, h) for h in hits]
        except QueryError as exc:
            error = str(exc)
        counts = {"queries": 1, "hits": len(results or []), "queries_with_hits": int(bool(results))}
        audit_screening(request, service, session, "/screen", 400 if error else 200, started, counts)
    return page(
        request, "screen.html", "Quick screen", session, q=q, dob=dob, country=country, results=results, error=error
    )
