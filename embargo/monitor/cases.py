"""Cases: the alerts of one customer on one party, reviewed and decided together.

Monitoring raises an alert per (customer, listed entity): an update of one
list's record of a person re-alerts, as it must. A person listed by OFAC, the
EU and the UN is one party (:mod:`embargo.parties`), so a customer who is that
person has one *case* holding the three alerts. A decision on a case decides
each of its undecided alerts the same way, with the same note, unless an
override gives one alert its own decision; each is one decision (and audit
record) as if made alone, so the good-guy list, four-eyes and the audit work
per alert as before. Under four-eyes, each alert whose decision must be
confirmed waits for its approver; an alert already waiting is left as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from embargo.audit import append
from embargo.auth.principals import Principal, resolve_principal
from embargo.errors import NotFoundError, QueryError
from embargo.monitor._clock import now
from embargo.monitor.alerts import Alert
from embargo.monitor.decisions import Decision, check_decision, kind_refusal, record_decision
from embargo.monitor.four_eyes import load_policy
from embargo.monitor.queue import QueueQuery
from embargo.store import Store, alerts, cases, decisions
from embargo.store.cases import OPEN_STATUSES, CaseSummary
from embargo.store.decisions import DecisionRequest

__all__ = ["CaseDecision", "CaseSummary", "case_queue", "decide_case", "get_case"]


@dataclass(slots=True)
class CaseDecision:
    """What deciding a case did.

    Attributes:
        case_id: the case.
        decided: the decisions recorded.
        waiting: the decisions waiting for an approver (four-eyes).
        skipped: alerts left as they were, with why (one already waiting for approval).
    """

    case_id: int
    decided: list[Decision] = field(default_factory=list)
    waiting: list[DecisionRequest] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "case_id": self.case_id,
            "decided": [d.to_dict() for d in self.decided],
            "waiting": [r.to_dict() for r in self.waiting],
            "skipped": [{"alert_id": a, "why": why} for a, why in self.skipped],
        }


def case_queue(store: Store, query: QueueQuery, limit: int, offset: int = 0) -> tuple[list[CaseSummary], int, int]:
    """One page of cases whose alerts the queue's filters keep, with (cases, alerts) they keep in all.

    Each case counts only the alerts the filters keep; best alert first, then oldest.
    """
    query.check()
    with store.reading("the cases") as conn:
        page = cases.case_page(conn, query, limit, offset)
        total, alert_total = cases.case_count(conn, query)
    return page, total, alert_total


def get_case(store: Store, case_id: int) -> tuple[CaseSummary, list[Alert]]:
    """A case and all its alerts, best score first.

    Raises:
        NotFoundError: no such case.
    """
    with store.reading("the case") as conn:
        found = cases.get_case(conn, case_id)
        if found is None:
            raise NotFoundError(f"no case {case_id}")
        ids = cases.case_alert_ids(conn, case_id)
        return found, [a for a in (alerts.get(conn, i) for i in ids) if a is not None]


def decide_case(
    store: Store,
    case_id: int,
    decision: str,
    note: str,
    by: Principal | str,
    overrides: Mapping[int, tuple[str, str]] | None = None,
) -> CaseDecision:
    """Decide every undecided alert of a case (one transaction), or ask for approval where four-eyes says so.

    Args:
        decision, note: the decision for the case's alerts.
        by: the principal deciding.
        overrides: alert id to (decision, note), for alerts of the case decided otherwise.

    Raises:
        QueryError: an unknown decision, no note, an override for an alert that is not an
            undecided alert of the case, or a case with nothing left to decide.
        NotFoundError: no such case.
        PermissionDenied: ``by`` is no principal of the store.
    """
    check_decision(decision, note)
    own = dict(overrides or {})
    for d, n in own.values():
        check_decision(d, n)
    when = now()
    result = CaseDecision(case_id)
    with store.transaction() as conn:
        who = resolve_principal(conn, by)
        if cases.get_case(conn, case_id) is None:
            raise NotFoundError(f"no case {case_id}")
        undecided = cases.case_alert_ids(conn, case_id, OPEN_STATUSES)
        stray = sorted(set(own) - set(undecided))
        if stray:
            raise QueryError(f"alerts {', '.join(map(str, stray))} are no undecided alerts of case {case_id}")
        if not undecided:
            raise QueryError(f"case {case_id} has no undecided alert")
        policy = load_policy(conn)
        for alert_id in undecided:
            chosen, why = own.get(alert_id, (decision, note))
            waiting = decisions.pending_request(conn, alert_id)
            if waiting is not None:
                result.skipped.append((alert_id, f"request {waiting[0]} by {waiting[1]} waits for approval"))
                continue
            wrong = kind_refusal(conn, alert_id, chosen)
            if wrong is not None:  # a held payment in a bulk "false positive": said, the others decided
                result.skipped.append((alert_id, wrong))
                continue
            score = alerts.score(conn, alert_id) or 0.0
            if policy.needs_approval(chosen, score):
                request_id = decisions.insert_request(conn, alert_id, chosen, why, who.name, when, who.id)
                made = decisions.get_request(conn, request_id)
                assert made is not None
                append(conn, who.name, "alert.decision_requested", {**made.to_dict(), "case_id": case_id}, at=when)
                result.waiting.append(made)
            else:
                extra = {"case_id": case_id}
                result.decided.append(record_decision(conn, alert_id, chosen, why, who, when, extra))
        summary = {
            "case_id": case_id,
            "decision": decision,
            "note": note,
            "decided": [d.alert_id for d in result.decided],
            "waiting": [r.alert_id for r in result.waiting],
            "overrides": {str(a): d for a, (d, _) in sorted(own.items())},
        }
        append(conn, who.name, "case.decide", summary, at=when)
    return result
