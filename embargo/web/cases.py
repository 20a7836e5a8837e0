"""Cases in the analyst UI: the queue's alerts grouped by case, and cases decided from the queue or an alert.

A case is the alerts of one customer on one party (:mod:`embargo.monitor.cases`): the customer who is
Lukashenka has one case holding the EU's alert and OFAC's. The queue pages by case and shows, under
each case, the alerts of it that its filters keep; deciding a case is :func:`embargo.monitor.decide_case`
(one decision per undecided alert, four-eyes applied to each), so the rules are the CLI's and the API's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

from embargo.model import regime_of
from embargo.monitor import (
    Alert,
    CaseSummary,
    QueueQuery,
    alert_programs,
    case_queue,
    decide_case,
    get_case,
    pending_requests,
)
from embargo.server.service import Service

__all__ = ["CaseGroup", "CasePage", "case_notice", "decide_cases", "group_alerts", "in_regime", "keeps", "page_by_case"]

#: Statuses of alerts still to decide (an escalated alert is).
UNDECIDED = ("open", "escalated")


@dataclass(frozen=True, slots=True)
class CaseGroup:
    """One case as the queue shows it.

    Attributes:
        case: the case, counted over the alerts the filters keep.
        alerts: those alerts, in queue order.
        size: how many alerts the case has in all.
    """

    case: CaseSummary
    alerts: list[Alert]
    size: int


@dataclass(frozen=True, slots=True)
class CasePage:
    """A page of cases and what the filters keep in all: cases, alerts, and whether the numbers are exact."""

    groups: list[CaseGroup]
    cases: int
    alerts: int
    exact: bool = True


def keeps(alert: Alert, query: QueueQuery, owners: Mapping[int, str], waiting: Container[int]) -> bool:
    """True when ``query`` keeps the alert: the store's queue clauses (``embargo.store.alerts.queue_where``)
    read on one alert, to pick out the kept alerts of a page's cases (a case is shown whole in its header,
    its rows are the alerts the filters keep)."""
    return (
        alert.status in query.statuses
        and (not query.list_name or alert.list == query.list_name)
        and (query.min_score is None or alert.score >= query.min_score)
        and (query.max_score is None or alert.score < query.max_score)
        and (not query.pending_only or alert.id in waiting)
        and (not query.program or query.program in alert_programs(alert.entity_data))
        and (query.assignee is None or owners.get(alert.id, "") == query.assignee)
    )


def in_regime(alert: Alert, regime: str) -> bool:
    """True when one of the alert's programmes belongs to the regime (the programme filter's ``regime:key``)."""
    for code in alert_programs(alert.entity_data):
        found = regime_of(alert.list, code)
        if found is not None and found.key == regime:
            return True
    return False


def _summary(case: CaseSummary, kept: list[Alert]) -> CaseSummary:
    """The case counted over ``kept`` (in queue order), as the store counts a queue's case."""
    lists = list(dict.fromkeys(a.list for a in kept))
    best = kept[0]
    statuses = dict(Counter(a.status for a in kept))
    return CaseSummary(
        case.id, case.customer_id, case.party_id, case.created_at, len(kept), statuses, best.score, best.caption,
        best.id, tuple(lists),
    )  # fmt: skip


def page_by_case(
    service: Service, query: QueueQuery, limit: int, offset: int, owners: Mapping[int, str], waiting: Container[int]
) -> CasePage:
    """One page of the cases ``query`` keeps (best alert first, then oldest), each with its kept alerts."""
    found, cases, alerts = case_queue(service.store, query, limit, offset)
    groups = []
    for case in found:
        _, every = get_case(service.store, case.id)
        groups.append(CaseGroup(case, [a for a in every if keeps(a, query, owners, waiting)], len(every)))
    return CasePage(groups, cases, alerts)


def group_alerts(service: Service, kept: list[Alert], limit: int, offset: int, exact: bool) -> CasePage:
    """A page of the cases of ``kept`` (every alert the filters keep, in queue order: a regime's union of
    codes, which the store cannot page by case), each case placed by its best alert.

    Args:
        exact: whether ``kept`` is every alert the filters keep (else the counts are upper bounds).
    """
    by_case: dict[int, list[Alert]] = {}
    for alert in kept:
        if alert.case_id is not None:  # as the store's case queue: an alert without a case is in none
            by_case.setdefault(alert.case_id, []).append(alert)
    groups = []
    for case_id, alerts in list(by_case.items())[offset : offset + limit]:
        case, every = get_case(service.store, case_id)
        groups.append(CaseGroup(_summary(case, alerts), alerts, len(every)))
    return CasePage(groups, len(by_case), sum(len(a) for a in by_case.values()), exact)


def decide_cases(service: Service, case_ids: Iterable[int], decision: str, note: str, by: str) -> dict[str, int]:
    """Decide every undecided alert of each case; how many alerts were decided, wait for an approver
    (``pending``) or were left as they were (``skipped``: one already waiting), and how many cases had
    nothing left to decide (``closed``).

    Raises:
        QueryError: an unknown decision or no note (nothing is decided).
        NotFoundError: no such case.
    """
    done: Counter[str] = Counter()
    for case_id in dict.fromkeys(case_ids):
        case, _ = get_case(service.store, case_id)
        if not case.open:
            done["closed"] += 1
            continue
        made = decide_case(service.store, case_id, decision, note, by)
        done["decided"] += len(made.decided)
        done["pending"] += len(made.waiting)
        done["skipped"] += len(made.skipped)
    return {k: v for k, v in done.items() if v}


def case_notice(service: Service, case_id: int) -> str:
    """What a decision on a whole case did, read from the store: decided alerts and those waiting."""
    case, alerts = get_case(service.store, case_id)
    waiting = pending_requests(service.store)
    held = [waiting[a.id] for a in alerts if a.id in waiting]
    done = Counter(a.status.replace("_", " ") for a in alerts if a.id not in waiting)
    many = "" if len(alerts) == 1 else "s"
    who = f"Case {case.id} ({alerts[0].query_name} / {case.caption}, {len(alerts)} alert{many})"
    parts = [f"{n} {status}" for status, n in sorted(done.items())]
    if held:
        asked = ", ".join(sorted({r.decision.replace("_", " ") for r in held}))
        parts.append(f"{len(held)} {asked} decision(s) recorded as pending")
    text = f"{who}: " + ("; ".join(parts) if parts else "nothing decided") + "."
    if held:
        text += " A second user with the approve role must confirm them."
    return text
