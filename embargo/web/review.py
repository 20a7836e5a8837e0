"""One alert reviewed: customer and listed entity side by side, the designations, the decision and its approval.

The page shows the alert's case (the customer's other alerts on the same party, from other lists) and
lets the analyst decide this alert only or the whole case (:func:`embargo.monitor.decide_case`: every
undecided alert of it, four-eyes applied to each).

The page keeps the filters of the queue it was opened from (the same query string); a decision posted
from it leads to the next alert of that queue (:func:`embargo.web.queue.next_alert`), with a notice
saying what was decided, or back to the queue when none is left.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from embargo.auth import Role, role_allows
from embargo.errors import NotFoundError, QueryError
from embargo.model import Entity
from embargo.monitor import (
    Alert,
    CaseSummary,
    Decision,
    DecisionRequest,
    approve,
    assignees,
    decide_case,
    decisions_for,
    get_alert,
    get_case,
    list_alerts,
    pending_requests,
    reject,
    request_decision,
    requests_for,
)
from embargo.monitor.four_eyes import current_policy
from embargo.payments.review import held_message
from embargo.server.service import Service
from embargo.store.payments import HeldMessage
from embargo.web.cases import UNDECIDED
from embargo.web.compare import fact_rows, latin_reading, marked, name_tokens, names_by_script
from embargo.web.gate import checked_form, need
from embargo.web.ownership import chain_svg
from embargo.web.payments import PAYMENT_CHOICES, decision_words, payment_view
from embargo.web.queue import FIELDS, QueueFilter, decision_notice, next_alert
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["router"]

router = APIRouter()

_ID = Path(ge=1, le=2**62)

#: The decision buttons: value, label, keyboard shortcut.
CHOICES = (("true_match", "True match", "t"), ("false_positive", "False positive", "f"), ("escalated", "Escalate", "e"))


def _minute(when: str | None) -> str:
    """An ISO time to the minute, as the decision box writes it (``2026-12-07 14:03``)."""
    text = (when or "").replace("T", " ")
    return text[:16] if len(text) >= 16 and text[10] == " " else text


def _outcome(alert: Alert, made: list[Decision], asked: list[DecisionRequest]) -> dict[str, str] | None:
    """The latest decision on the alert in words: what, by whom, when, the note and the approval (if any)."""
    if not made:
        return None
    last = made[-1]
    approval = next((r for r in asked if r.decision_id == last.id and r.reviewed_by), None)
    return {
        "decision": decision_words(last.decision),
        "by": last.decided_by,
        "at": _minute(last.decided_at),
        "when": last.decided_at,
        "note": last.note,
        "approved_by": approval.reviewed_by or "" if approval is not None else "",
        "approved_at": _minute(approval.reviewed_at) if approval is not None else "",
        "final": "" if alert.status in ("open", "escalated") else "yes",
    }


def _case(service: Service, alert: Alert) -> tuple[CaseSummary | None, list[Alert]]:
    """The alert's case and all its alerts (None, []: an alert of no case)."""
    if alert.case_id is None:
        return None, []
    try:
        return get_case(service.store, alert.case_id)
    except NotFoundError:
        return None, []


def _entity(service: Service, entity_id: str) -> tuple[Entity | None, bool]:
    """The listed entity as served now (True), else as last stored (False), else None."""
    listed = service.loaded.lookup.get(entity_id)
    if listed is not None:
        return listed.entity, listed.current
    found = service.store.view().find(entity_id)
    return (found[0].entity, found[0].current) if found else (None, False)


@router.get("/alerts/{alert_id}")
def alert_page(
    request: Request,
    alert_id: int = _ID,
    notice: str = "",
    after: int = Query(0, ge=0, le=2**62),
    session: Session = Depends(need(Role.REVIEW)),
) -> Response:
    """The review page (``after``: the alert decided just before, named in the notice)."""
    service: Service = request.app.state.service
    alert = get_alert(service.store, alert_id)
    held = held_message(service.store, alert.id)
    if held is not None:
        return _payment_page(request, service, session, alert, held, notice, after)
    entity, listed_now = _entity(service, alert.entity_id)
    tokens = name_tokens(alert.explanation)
    earlier = [
        a
        for a in list_alerts(service.store, customer_id=alert.customer_id, entity_id=alert.entity_id)
        if a.id != alert.id
    ]
    pending = pending_requests(service.store)
    case, mates = _case(service, alert)
    return page(
        request,
        "alert.html",
        f"Alert {alert.id}: {alert.caption}",
        session,
        alert=alert,
        list_seq=service.store.view().version_seqs().get(alert.list_version),
        entity=entity,
        listed_now=listed_now,
        query_marked=marked(alert.query_name, [t["query"] for t in tokens if t.get("listed") and t.get("query")]),
        listed_marked=marked(alert.matched_name, [t["listed"] for t in tokens if t.get("query") and t.get("listed")]),
        tokens=tokens,
        facts=fact_rows(alert.customer_data, alert.entity_data, alert.explanation, entity),
        query_latin=latin_reading(alert.query_name),
        listed_latin=latin_reading(
            alert.matched_name, entity.name_languages.get(alert.matched_name) if entity else None
        ),
        customer_names=[(n, latin_reading(n)) for n in alert.customer_data.get("names") or []],
        scripts=names_by_script(entity, alert.entity_data.get("names") or {}),
        features=[p for p in alert.explanation if p.get("feature") != "name"],
        earlier=earlier,
        case=case,
        mates=mates,
        # an entity blocked by ownership: each rule's chain as a graph (embargo.monitor.owned keeps them "shown")
        ownership=[(v, chain_svg(v)) for v in (alert.entity_data.get("shown") or {}).get("verdicts", [])],
        case_undecided=[a for a in mates if a.id != alert.id and a.status in UNDECIDED and a.id not in pending],
        choices=CHOICES,
        **_decision_box(request, service, session, alert, pending, notice, after),
    )


def _payment_page(
    request: Request, service: Service, session: Session, alert: Alert, held: HeldMessage, notice: str, after: int
) -> Response:
    """The review page of a held payment message: the message, every hit, the raw message, and the decision box
    (release, reject or escalate)."""
    return page(
        request,
        "alert.html",
        f"Alert {alert.id}: held payment {alert.query_name}",
        session,
        alert=alert,
        payment=payment_view(held),
        list_seq=service.store.view().version_seqs().get(alert.list_version),
        earlier=[],
        case=None,
        mates=[],
        case_undecided=[],
        choices=PAYMENT_CHOICES,
        **_decision_box(request, service, session, alert, pending_requests(service.store), notice, after),
    )


def _decision_box(
    request: Request,
    service: Service,
    session: Session,
    alert: Alert,
    pending: dict[int, DecisionRequest],
    notice: str,
    after: int,
) -> dict[str, Any]:
    """What the decision box and the page's navigation show, for an alert of either kind."""
    flt = QueueFilter.read(request.query_params)
    made = decisions_for(service.store, alert.id)
    asked = requests_for(service.store, alert.id)
    waiting = pending.get(alert.id)
    return {
        "decisions": made,
        "requests": asked,
        "outcome": _outcome(alert, made, asked),
        "flt": flt,
        "fields": FIELDS,
        "back": flt.query(),
        "after": after,
        "after_notice": decision_notice(service, after, notice) if after and after != alert.id else "",
        "pending": pending,
        "waiting": waiting,
        "may_approve": waiting is not None
        and role_allows(session.role, Role.APPROVE)
        and waiting.requested_by_id != session.principal_id,
        "assignee": assignees(service.store).get(alert.id),
        "four_eyes": current_policy(service.store),
        "notice": notice,
    }


def _back(request: Request, alert_id: int, notice: str) -> Response:
    return RedirectResponse(f"{request.scope.get('root_path', '')}/alerts/{alert_id}?notice={notice}", status_code=303)


@router.post("/alerts/{alert_id}/decide")
def decide(
    request: Request, alert_id: int = _ID, checked: tuple[Session, FormData] = Depends(checked_form(Role.REVIEW))
) -> Response:
    """Decide the alert, or its whole case (``scope=case``), or ask for approval, with four-eyes on; a note
    is required.

    Then on to the next alert of the queue the page was opened from (its filters come with the form), or
    back to that queue when none is left; either says what was decided.
    """
    session, form = checked
    service: Service = request.app.state.service
    note = str(form.get("note") or "").strip()
    if not note:
        raise QueryError("a decision needs a note: say why")
    decision = str(form.get("decision") or "")
    alert = get_alert(service.store, alert_id)
    whole = str(form.get("scope") or "alert") == "case"
    if whole:
        if alert.case_id is None:
            raise QueryError(f"alert {alert_id} is in no case: decide it alone")
        decide_case(service.store, alert.case_id, decision, note, session.principal)
        outcome = "case"
    else:
        made = request_decision(service.store, alert_id, decision, note, session.principal)
        outcome = "decided" if isinstance(made, Decision) else "pending"
    flt = QueueFilter.read(form)
    root = request.scope.get("root_path", "")
    following = next_alert(service, flt, session.name, alert, skip_case=alert.case_id if whole else None)
    if following is None:
        return RedirectResponse(f"{root}/alerts?{flt.query(after=alert_id, outcome=outcome)}", status_code=303)
    return RedirectResponse(
        f"{root}/alerts/{following.id}?{flt.query(notice=outcome, after=alert_id)}", status_code=303
    )


@router.post("/requests/{request_id}/{verdict}")
def review_request(
    request: Request,
    request_id: int = Path(ge=1, le=2**62),
    verdict: str = Path(pattern="^(approve|reject)$"),
    checked: tuple[Session, FormData] = Depends(checked_form(Role.APPROVE)),
) -> Response:
    """Approve or reject a decision waiting for a second user."""
    session, form = checked
    service: Service = request.app.state.service
    note = str(form.get("note") or "").strip()
    if verdict == "approve":
        made = approve(service.store, request_id, session.principal, note)
        return _back(request, made.alert_id, "approved")
    done = reject(service.store, request_id, session.principal, note)
    return _back(request, done.alert_id, "rejected")
