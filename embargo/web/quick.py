"""Quick screen: a name (any script) with an optional birth date and country, screened by the served index.

A hit of an entity on no list that designated parties own or control (``kind`` ``ownership``) is
marked "blocked by ownership (OFAC)" and links to its chain (:mod:`embargo.web.ownership`), as
does a listed party's hit that ownership blocks under another authority's rule too.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response

from embargo.auth import Role
from embargo.budget import time_budget
from embargo.errors import QueryError
from embargo.matching import Query as ScreenQuery
from embargo.ownership import RULES
from embargo.screening import Hit
from embargo.server.service import Service
from embargo.web.compare import marked, name_tokens
from embargo.web.gate import audit_screening, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["owned_marks", "router", "screen_name"]

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


def owned_marks(hits: list[Hit]) -> list[dict[str, Any]]:
    """The hits blocked by ownership or control: their place in the results, marks and graph node."""
    out = []
    for rank, hit in enumerate(hits, start=1):
        if not hit.ownership and hit.kind != "ownership":
            continue
        also = "" if hit.kind == "ownership" else "also "
        verdicts = sorted(hit.ownership, key=lambda v: list(RULES).index(v["rule"]) if v["rule"] in RULES else 9)
        marks = [f"{also}{v['status']} by ownership ({str(v['rule']).upper()})" for v in verdicts]
        steps = verdicts[0].get("steps") if verdicts else None
        node = str(steps[0]["node"]) if steps else hit.party_id or hit.entity_id
        out.append({"rank": rank, "hit": hit, "marks": marks or ["blocked by ownership"], "node": node})
    return out


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
    owned: list[dict[str, Any]] = []
    error = ""
    if q.strip():
        started = time.perf_counter()
        try:
            hits = screen_name(service, q.strip(), dob.strip(), country.strip())
            results = [_shown(service, h) for h in hits]
            owned = owned_marks(hits)
        except QueryError as exc:
            error = str(exc)
        counts = {"queries": 1, "hits": len(results or []), "queries_with_hits": int(bool(results))}
        audit_screening(request, service, session, "/screen", 400 if error else 200, started, counts)
    # screen.html with the ownership marks after the hits (ownership_screen.html extends it)
    return page(
        request,
        "ownership_screen.html",
        "Quick screen",
        session,
        q=q,
        dob=dob,
        country=country,
        results=results,
        error=error,
        owned=owned,
    )
