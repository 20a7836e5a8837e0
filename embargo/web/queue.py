"""The alert queue: open cases by score and age, filters, counts, paging (the bulk bar: :mod:`embargo.web.bulk`).

The queue is paged by case (:mod:`embargo.web.cases`): one customer's alerts on one party, a header line
with the case under which its alerts the filters keep are listed; the counts say "N cases, M alerts".

Each row shows how the customer's birth date, nationality and identifiers met
the listed entity's (:func:`embargo.web.compare.queue_facts`, the review
page's reading) and the listed name that matched when it is not the caption.
The programme filter lists regimes (:mod:`embargo.model.regimes`) with each
publisher's codes under them; a regime keeps the alerts of any of its codes.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response

from embargo.auth import Role
from embargo.errors import NotFoundError
from embargo.model import REGIMES, Regime, regime_of
from embargo.monitor import (
    ALERT_STATUSES,
    Alert,
    QueueQuery,
    alert_programs,
    assignees,
    decisions_for,
    get_alert,
    get_case,
    pending_requests,
    queue_page,
    queue_programs,
    status_counts,
)
from embargo.server.service import Service
from embargo.web.cases import (
    UNDECIDED,
    CaseGroup,
    CasePage,
    case_notice,
    group_alerts,
    in_regime,
    keeps,
    page_by_case,
)
from embargo.web.compare import QUEUE_FACTS, FactRow, matched_alias, queue_facts
from embargo.web.gate import need
from embargo.web.payments import decision_words, is_payment
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = [
    "BANDS",
    "FIELDS",
    "PAGE_SIZES",
    "STATUSES",
    "CaseRows",
    "ProgramGroup",
    "QueueFilter",
    "QueueRow",
    "base_query",
    "decision_notice",
    "next_alert",
    "program_groups",
    "queue_row",
    "router",
    "select",
    "select_cases",
]

router = APIRouter()

#: Status filter to the alert statuses it shows (``pending``: waiting for an approver).
STATUSES: dict[str, tuple[str, ...]] = {
    "active": ("open", "escalated"),
    "pending": ("open", "escalated"),
    **{s: (s,) for s in ALERT_STATUSES},
    "all": ALERT_STATUSES,
}
#: Score bands: label, [low, high).
BANDS: dict[str, tuple[str, float | None, float | None]] = {
    "": ("any score", None, None),
    "high": ("0.90 and above", 0.9, None),
    "medium": ("0.80 to 0.90", 0.8, 0.9),
    "low": ("below 0.80", None, 0.8),
}
#: Rows a page shows unless the analyst picks another of :data:`PAGE_SIZES`.
PAGE_ROWS = 50
#: The page sizes offered.
PAGE_SIZES = (25, 50, 100, 200, 500)
#: The filter's fields, as the query string and the forms name them.
FIELDS = ("status", "list", "program", "band", "assignee", "size")
#: A programme filter value that selects a whole regime (``regime:belarus``).
REGIME_PREFIX = "regime:"
#: Most alerts read to count a regime's alerts exactly when its codes' alerts overlap (above: "at most").
EXACT_UNION = 5000
#: Most queue rows read looking for the next alert after a decision.
NEXT_SCAN = 2000
#: Longest free-text filter value kept (a list name, a programme, an assignee).
_MAX_VALUE = 200


def _size(text: str) -> int | None:
    """A page size the queue offers, or None."""
    return int(text) if text.isascii() and text.isdecimal() and int(text) in PAGE_SIZES else None


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """The queue's filters, as the query string gives them (``""``: the default)."""

    status: str = "active"
    list: str = ""
    program: str = ""
    band: str = ""
    assignee: str = ""
    size: str = ""

    @classmethod
    def read(cls, values: Mapping[str, Any]) -> QueueFilter:
        """The filters of a query string or a form; unknown choices fall back to the default."""
        got = {k: values.get(k) for k in FIELDS}
        text = {k: (v if isinstance(v, str) else "").strip()[:_MAX_VALUE] for k, v in got.items()}
        return cls(
            status=text["status"] if text["status"] in STATUSES else "active",
            list=text["list"],
            program=text["program"],
            band=text["band"] if text["band"] in BANDS else "",
            assignee=text["assignee"],
            size=text["size"] if _size(text["size"]) not in (None, PAGE_ROWS) else "",
        )

    @property
    def rows(self) -> int:
        """Rows a page shows."""
        return int(self.size) if self.size else PAGE_ROWS

    @property
    def regime(self) -> str | None:
        """The regime the programme filter selects, if it selects one."""
        return self.program.removeprefix(REGIME_PREFIX) if self.program.startswith(REGIME_PREFIX) else None

    def query(self, **extra: Any) -> str:
        """The filters as a query string (defaults and empty values left out)."""
        values = {k: getattr(self, k) for k in FIELDS}
        if values["status"] == "active":
            values["status"] = ""
        return urlencode({k: v for k, v in {**values, **extra}.items() if v})


@dataclass(frozen=True, slots=True)
class ProgramGroup:
    """One group of the programme filter: a regime (None: programmes of no known regime) and its codes.

    Attributes:
        codes: each code with the lists it comes from, sorted.
        pairs: (list, code) of every code, what filtering by the regime reads.
    """

    regime: Regime | None
    codes: list[tuple[str, list[str]]]
    pairs: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One alert as the queue shows it."""

    alert: Alert
    facts: list[FactRow]
    alias: tuple[str, str] | None
    programs: list[tuple[str, str | None]]
    #: the alert holds a payment message (its ``query_name`` is the message's type and id)
    payment: bool = False


@dataclass(frozen=True, slots=True)
class CaseRows:
    """One case as the queue shows it: its header (``group``) and a row for each alert the filters keep."""

    group: CaseGroup
    rows: list[QueueRow]
    waiting: int


def program_groups(service: Service, query: QueueQuery) -> list[ProgramGroup]:
    """Every programme among the alerts the other filters keep, grouped by regime (regimes by title, then the
    programmes of no known regime). A code is read as its list's publisher names it, so each list is asked
    for its own codes."""
    names = [query.list_name] if query.list_name else [i.name for i in service.store.view().lists()]
    found: dict[str | None, dict[str, list[str]]] = {}
    for name in names:
        for code in queue_programs(service.store, replace(query, list_name=name, program=None)):
            regime = regime_of(name, code)
            found.setdefault(regime.key if regime else None, {}).setdefault(code, []).append(name)
    groups = [
        ProgramGroup(
            REGIMES[key] if key is not None else None,
            sorted(codes.items()),
            [(name, code) for code, lists in sorted(codes.items()) for name in lists],
        )
        for key, codes in found.items()
    ]
    return sorted(groups, key=lambda g: (g.regime is None, g.regime.title if g.regime else ""))


def _order(alert: Alert) -> tuple[float, str, int]:
    """The queue's order (the store's ``ORDER BY score DESC, created_at, id``)."""
    return (-alert.score, alert.created_at, alert.id)


def _union_page(service: Service, queries: list[QueueQuery], limit: int, offset: int) -> tuple[list[Alert], int, bool]:
    """One page of the alerts any of ``queries`` keeps, in queue order, their number and whether it is exact.

    An alert under two codes of one regime (``UKRAINE-EO13662`` and ``RUSSIA-EO14024``) is kept once. The
    first ``offset + limit`` of the union are among the first ``offset + limit`` of each query, so that is
    all a page reads; counting exactly needs every alert of the overlapping codes, read up to
    :data:`EXACT_UNION` (above it the count is the sum of the codes' counts: at most that many).
    """
    want = offset + limit
    pages = [queue_page(service.store, q, want, 0) for q in queries]
    upper = sum(total for _, total in pages)
    complete = all(len(rows) == total for rows, total in pages)
    if not complete and upper <= EXACT_UNION:
        pages = [queue_page(service.store, q, total, 0) for q, (_, total) in zip(queries, pages, strict=True)]
        complete = True
    merged = sorted({a.id: a for rows, _ in pages for a in rows}.values(), key=_order)
    return merged[offset:want], len(merged) if complete else upper, complete


def base_query(flt: QueueFilter, me: str, at_most: float | None = None) -> QueueQuery:
    """The store's query for the filters, all programmes; ``at_most``: only alerts scoring that or less."""
    _, low, high = BANDS.get(flt.band, BANDS[""])
    if at_most is not None:
        high = min(high, at_most + 1e-6) if high is not None else at_most + 1e-6  # scores have 4 decimals
    return QueueQuery(
        statuses=STATUSES.get(flt.status, STATUSES["active"]),
        list_name=flt.list or None,
        program=None,
        min_score=low,
        max_score=high,
        pending_only=flt.status == "pending",
        assignee={"me": me, "none": ""}.get(flt.assignee, flt.assignee) if flt.assignee else None,
    )


def select(
    service: Service, flt: QueueFilter, query: QueueQuery, groups: list[ProgramGroup], limit: int, offset: int = 0
) -> tuple[list[Alert], int, bool]:
    """One page of the alerts the filters keep (highest score first, then oldest), how many they keep in
    all and whether that number is exact (see :func:`_union_page`).

    Args:
        query: :func:`base_query` of the filters.
        groups: :func:`program_groups` of that query (a regime's codes).
    """
    regime = flt.regime
    if regime is None:
        found, total = queue_page(service.store, replace(query, program=flt.program or None), limit, offset)
        return found, total, True
    pairs = next((g.pairs for g in groups if g.regime is not None and g.regime.key == regime), [])
    if not pairs:
        return [], 0, True
    queries = [replace(query, list_name=name, program=code) for name, code in pairs]
    return _union_page(service, queries, limit, offset)


def _programs(alert: Alert) -> list[tuple[str, str | None]]:
    """The programmes of the alert's entity, each with its regime's title (None: no known regime)."""
    out: list[tuple[str, str | None]] = []
    for code in alert_programs(alert.entity_data):
        regime = regime_of(alert.list, code)
        out.append((code, regime.title if regime else None))
    return out


def _payment_programs(alert: Alert) -> list[tuple[str, str | None]]:
    """The designations' programmes of a held message's hits (its explanation is the hits), with their regimes."""
    out: dict[str, str | None] = {}
    for hit in alert.explanation:
        designations = hit.get("designations") if isinstance(hit, dict) else None
        for d in designations if isinstance(designations, list) else []:
            code = d.get("program") if isinstance(d, dict) else None
            if isinstance(code, str) and code and code not in out:
                regime = regime_of(str(d.get("list") or hit.get("list") or alert.list), code)
                out[code] = regime.title if regime else None
    return list(out.items())


def queue_row(alert: Alert) -> QueueRow:
    """What the queue shows of one alert, read from what the alert holds (explanation and snapshots); a held
    payment message shows no customer facts (it has no customer), and the programmes of its hits."""
    if is_payment(alert):
        return QueueRow(alert, [], None, _payment_programs(alert), payment=True)
    names = alert.entity_data.get("names") or {}
    return QueueRow(
        alert,
        queue_facts(alert.customer_data, alert.entity_data, alert.explanation),
        matched_alias(alert.matched_name, alert.caption, names if isinstance(names, dict) else {}),
        _programs(alert),
    )


def page_links(page_no: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager links: the first, the last and those around the current one (None: a gap)."""
    shown = sorted({1, pages, *range(max(1, page_no - around), min(pages, page_no + around) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out


def decision_notice(service: Service, alert_id: int, outcome: str) -> str:
    """What a decision on an alert did, in a sentence (shown on the next alert or on the queue); ``outcome``
    ``case``: the decision was on the alert's whole case."""
    try:
        alert = get_alert(service.store, alert_id)
        if outcome == "case" and alert.case_id is not None:
            return case_notice(service, alert.case_id)
    except NotFoundError:
        return ""
    who = f"Alert {alert.id} ({alert.query_name} / {alert.caption})"
    if outcome == "pending":
        waiting = pending_requests(service.store).get(alert.id)
        what = f"{waiting.decision.replace('_', ' ')} " if waiting is not None else ""
        return (
            f"{who}: your {what}decision is recorded as pending: a second user with the approve role must confirm it."
        )
    made = decisions_for(service.store, alert.id)
    if not made:
        return ""
    last = made[-1]
    if last.decision in ("release", "reject"):
        return f"{who}: {decision_words(last.decision)} by {last.decided_by}."
    return f"{who}: decided {last.decision.replace('_', ' ')} by {last.decided_by}."


def next_alert(service: Service, flt: QueueFilter, me: str, after: Alert, skip_case: int | None = None) -> Alert | None:
    """The alert to review after ``after`` in the queue the filters make: another alert of its case still to
    be decided, else the next one in queue order (not waiting for an approver, unless the queue is the
    pending one), else the first such from the top; None when there is none (within :data:`NEXT_SCAN` rows).

    Args:
        skip_case: a case just decided whole: none of its alerts is next (one escalated stays open).
    """
    if flt.status not in ("active", "open", "escalated", "pending"):
        flt = replace(flt, status="active")
    waiting = pending_requests(service.store)
    key = _order(after)

    def wanted(alert: Alert) -> bool:
        return (
            alert.id != after.id
            and (flt.status == "pending") == (alert.id in waiting)
            and (skip_case is None or alert.case_id != skip_case)
        )

    if after.case_id is not None and after.case_id != skip_case:
        query = replace(base_query(flt, me), program=None if flt.regime else flt.program or None)
        owners = assignees(service.store)
        _, mates = get_case(service.store, after.case_id)
        for alert in mates:
            if (
                wanted(alert)
                and keeps(alert, query, owners, waiting)
                and (not flt.regime or in_regime(alert, flt.regime))
            ):
                return alert
    chunk = 200
    for at_most, later in ((after.score, True), (None, False)):
        query = base_query(flt, me, at_most)
        groups = program_groups(service, query) if flt.regime is not None else []
        for offset in range(0, NEXT_SCAN, chunk):
            found, total, _ = select(service, flt, query, groups, chunk, offset)
            for alert in found:
                if wanted(alert) and (not later or _order(alert) > key):
                    return alert
            if offset + chunk >= total:
                break
    return None


def select_cases(
    service: Service,
    flt: QueueFilter,
    query: QueueQuery,
    groups: list[ProgramGroup],
    limit: int,
    offset: int = 0,
    owners: Mapping[int, str] | None = None,
    waiting: Container[int] | None = None,
) -> CasePage:
    """One page of the cases the filters keep (best alert first, then oldest), each with its kept alerts.

    A regime's codes are merged by :func:`select` (up to :data:`EXACT_UNION` alerts) and grouped here;
    otherwise the store pages the cases.

    Args:
        owners, waiting: the alerts' assignees and waiting requests, when the caller has read them.
    """
    owners = assignees(service.store) if owners is None else owners
    waiting = pending_requests(service.store) if waiting is None else waiting
    if flt.regime is None:
        return page_by_case(service, replace(query, program=flt.program or None), limit, offset, owners, waiting)
    found, total, exact = select(service, flt, query, groups, EXACT_UNION, 0)
    return group_alerts(service, found, limit, offset, exact and len(found) == total)


@router.get("/alerts")
def queue(
    request: Request,
    decided: int = Query(0, ge=0),
    pending: int = Query(0, ge=0),
    assigned: int = Query(0, ge=0),
    skipped: int = Query(0, ge=0),
    closed: int = Query(0, ge=0),
    after: int = Query(0, ge=0, le=2**62),
    outcome: str = Query("", max_length=20),
    page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    session: Session = Depends(need(Role.REVIEW)),
) -> Response:
    """The queue, a page of :attr:`QueueFilter.rows` cases at a time, each with its alerts the filters keep."""
    service: Service = request.app.state.service
    flt = QueueFilter.read(request.query_params)
    size = flt.rows
    query = base_query(flt, session.name)
    groups = program_groups(service, query)
    owners = assignees(service.store)
    waiting = pending_requests(service.store)
    found = select_cases(service, flt, query, groups, size, (page_no - 1) * size, owners, waiting)
    counts = status_counts(service.store)
    counts["pending"] = len(waiting)
    names = sorted({*owners.values(), session.name})
    pages = max(1, -(-found.cases // size))
    cases = [
        CaseRows(g, [queue_row(a) for a in g.alerts], sum(1 for a in g.alerts if a.id in waiting)) for g in found.groups
    ]
    return page(
        request,
        "queue.html",
        "Alert queue",
        session,
        cases=cases,
        shown=sum(len(c.rows) for c in cases),
        fact_heads=QUEUE_FACTS,
        total=found.cases,
        alert_total=found.alerts,
        exact=found.exact,
        first=(page_no - 1) * size,
        page_no=page_no,
        pages=pages,
        page_links=page_links(page_no, pages),
        sizes=PAGE_SIZES,
        size=size,
        flt=flt,
        fields=FIELDS,
        counts=counts,
        statuses=list(STATUSES),
        bands=BANDS,
        lists=[i.name for i in service.store.view().lists()],
        groups=groups,
        regime_prefix=REGIME_PREFIX,
        owners=owners,
        waiting=waiting,
        undecided=UNDECIDED,
        people=names,
        done={"decided": decided, "pending": pending, "assigned": assigned, "skipped": skipped, "closed": closed},
        after_notice=decision_notice(service, after, outcome) if after else "",
    )
