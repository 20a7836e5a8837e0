"""The queue's bulk bar: the selected cases and alerts assigned, or marked false positives with one note.

A selected case is decided with :func:`embargo.monitor.decide_case` (every undecided alert of it, shown in
the queue or not); an alert selected outside the selected cases alone. Four-eyes applies to each alert:
a decision that must be confirmed waits, an alert already waiting is left as it is, and the queue it
returns to counts each.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from embargo.auth import Role
from embargo.errors import ConflictError, QueryError
from embargo.monitor import Decision, assign, get_alert, get_case, request_decision
from embargo.server.service import Service
from embargo.web.cases import decide_cases
from embargo.web.gate import checked_form
from embargo.web.queue import QueueFilter
from embargo.web.sessions import Session

__all__ = ["MAX_ID", "router"]

router = APIRouter()

#: Largest alert number a store holds (a signed 64-bit integer, SQLite's and PostgreSQL's bigint).
MAX_ID = 2**63 - 1


def _numbers(form: FormData, name: str) -> list[int]:
    """The alert (``name="alert"``) or case numbers a form selected: ASCII digits within a store's range,
    or :class:`QueryError`."""
    ids = []
    for value in form.getlist(name):
        text = value if isinstance(value, str) else ""
        # str.isdigit() also accepts "²" and other digits int() refuses
        if not (text.isascii() and text.isdecimal()) or int(text) > MAX_ID:
            raise QueryError(f"not {'an alert' if name == 'alert' else 'a case'} number: {text[:30]!r}")
        ids.append(int(text))
    return ids


@router.post("/alerts/bulk")
def bulk(request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.REVIEW))) -> Response:
    """Assign the selected cases' alerts and the selected alerts, or mark them false positives: a selected
    case with :func:`embargo.monitor.decide_case` (every undecided alert of it), an alert selected outside
    them alone; four-eyes applies to each alert."""
    session, form = checked
    service: Service = request.app.state.service
    action = str(form.get("action") or "")
    ids, case_ids = _numbers(form, "alert"), list(dict.fromkeys(_numbers(form, "case")))
    if not ids and not case_ids:
        raise QueryError("select at least one case or alert")
    done: dict[str, int] = {}
    if action in ("assign_me", "assign", "unassign"):
        # "assign_to": the form's "assignee" is the queue's filter, sent back with the action
        who = {"assign_me": session.name, "unassign": ""}.get(action, str(form.get("assign_to") or "").strip())
        if action == "assign" and not who:
            raise QueryError("name the analyst to assign the alerts to")
        every = [*ids, *(a.id for case_id in case_ids for a in get_case(service.store, case_id)[1])]
        done["assigned"] = assign(service.store, every, who, session.name)
    elif action == "false_positive":
        note = str(form.get("note") or "").strip()
        if not note:
            raise QueryError("a decision needs a note: say why these alerts are false positives")
        done.update(decide_cases(service, case_ids, "false_positive", note, session.principal))
        chosen = set(case_ids)
        for alert_id in dict.fromkeys(ids):
            if get_alert(service.store, alert_id).case_id in chosen:
                continue  # decided with its case
            try:
                made = request_decision(service.store, alert_id, "false_positive", note, session.principal)
            except ConflictError:  # already waiting for an approver: left as it is, and counted
                done["skipped"] = done.get("skipped", 0) + 1
                continue
            key = "decided" if isinstance(made, Decision) else "pending"
            done[key] = done.get(key, 0) + 1
    else:
        raise QueryError(f"unknown action {action!r}")
    back = QueueFilter.read(form)
    number = str(form.get("page") or "")
    at = {"page": number} if number.isascii() and number.isdecimal() and 1 < int(number) <= 1_000_000 else {}
    return RedirectResponse(f"{request.scope.get('root_path', '')}/alerts?{back.query(**at, **done)}", status_code=303)
