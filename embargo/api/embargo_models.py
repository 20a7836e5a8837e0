"""Request and response bodies of embargo's own endpoints (screening with explanations, lists, monitoring).

The yente-compatible bodies are in :mod:`embargo.api.models`. Responses here
mirror the ``to_dict`` of the objects they come from (``Hit``, ``Diff``,
``Alert``, ``Decision``...); models allow extra fields so that a field added
there reaches clients without a server error.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from embargo.api.models import VersionModel

__all__ = [
    "AlertDetail",
    "AlertModel",
    "AlertPage",
    "BatchScreenRequest",
    "BatchScreenResponse",
    "DecisionModel",
    "DecisionRequest",
    "DiffModel",
    "HitModel",
    "MonitorRequest",
    "PortfolioLoadModel",
    "PortfolioModel",
    "ReadyResponse",
    "RunModel",
    "ScreenQuery",
    "ScreenRequest",
    "ScreenResult",
    "UnreadableModel",
    "VerifyModel",
]

Values = str | list[str]
ScreenSchema = Literal["Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"]
_OPEN = ConfigDict(extra="allow", populate_by_name=True)


class ReadyResponse(BaseModel):
    """Readiness: ``ok``; ``updating`` (a new list version's index is awaited); ``stale`` (an update failed)."""

    status: str = Field(..., examples=["ok"])
    detail: str | None = Field(None, description="Why the newest list versions are not served, if they are not.")
    lists: dict[str, int] = Field(default_factory=dict, description="List name to the version number served.")
    since: str | None = Field(None, description="When the served versions started serving (UTC).")


class ScreenQuery(BaseModel):
    """One party, in the columns of batch screening; every field but ``name`` is optional.

    Without ``schema`` the name is screened as a person, an organization, a vessel and an airplane
    (the best hit per listed entity), as ``embargo screen NAME`` does.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str | None = Field(None, max_length=200, examples=["customer-42"])
    name: Values = Field(..., examples=["Alexander Lukashenko"])
    schema_: ScreenSchema | None = Field(None, alias="schema", examples=["Person"])
    birth_date: Values = Field(default_factory=list, examples=["1954-08-30"])
    nationality: Values = Field(default_factory=list, examples=["by"])
    country: Values = Field(default_factory=list)
    id_number: Values = Field(default_factory=list)
    gender: str | None = Field(None, max_length=20)


class _Options(BaseModel):
    threshold: float | None = Field(None, ge=0.0, le=1.0, description="Hits scoring at least this (default 0.7).")
    limit: int = Field(10, ge=1, le=500, description="Hits per query.")
    lists: list[str] | None = Field(None, max_length=100, description="Only these lists (default: every list).")
    measures: list[str] | None = Field(
        None,
        max_length=20,
        description="Only entities designated with one of these measures (`asset_freeze`, `travel_ban`, "
        "`port_entry_ban`...; default: any).",
    )


class ScreenRequest(ScreenQuery, _Options):
    """One party to screen, with the options."""


class BatchScreenRequest(_Options):
    """Several parties, each screened as ``POST /screen`` would."""

    model_config = ConfigDict(extra="forbid")

    queries: list[ScreenQuery] = Field(
        ..., min_length=1, description="At most 100 by default (`EMBARGO_MAX_QUERIES`); more is a 400."
    )


class HitModel(BaseModel):
    """A listed entity that may be the party, with how its score was made."""

    model_config = _OPEN

    entity_id: str
    list_: str = Field(..., alias="list")
    source_id: str
    schema_: str = Field(..., alias="schema")
    caption: str
    score: float
    matched_name: str
    query_name: str
    algorithm: str
    explanation: list[dict[str, Any]]
    designations: list[dict[str, Any]] = Field(default_factory=list)


class UnreadableModel(BaseModel):
    """A value of the query that could not be read: the party was screened without it."""

    field: str = Field(..., examples=["birth_date"])
    value: str = Field(..., examples=["1984-13-45"])
    reason: str = Field(..., examples=["not a date"])


class ScreenResult(BaseModel):
    """The hits of one party, best first."""

    id: str | None = None
    query: dict[str, Any]
    unreadable: list[UnreadableModel] = Field(
        default_factory=list, description="Values that could not be read and were left out of the screening."
    )
    hits: list[HitModel]


class BatchScreenResponse(BaseModel):
    """One result per query, in the order sent."""

    results: list[ScreenResult]


class _Open(BaseModel):
    model_config = _OPEN


class DiffModel(_Open):
    """One page of the entities amended, added and removed between two versions of a list."""

    list_: str = Field(..., alias="list")
    old: VersionModel
    new: VersionModel
    summary: dict[str, int] = Field(..., description="Changes of each kind (`added`, `removed`, `amended`), in all.")
    matched: dict[str, int] = Field(default_factory=dict, description="Changes of each kind that match `q`.")
    q: str = Field("", description="The search text the rows match (empty: every row).")
    kind: str | None = Field(None, description="The one kind of change returned, if asked for.")
    total: int = Field(0, description="Rows over every page (matching `q` and `kind`).")
    offset: int = 0
    limit: int = 0
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    amended: list[dict[str, Any]]


class PortfolioLoadModel(_Open):
    """What a portfolio upload did: a new version (``loaded``) or ``unchanged``; ids: the first 100 of each."""

    status: str
    version: dict[str, Any] | None = None
    added: list[str]
    changed: list[str]
    removed: list[str]


class PortfolioModel(_Open):
    """The portfolio's newest version and every version, oldest first."""

    current: dict[str, Any] | None = None
    versions: list[dict[str, Any]]


class MonitorRequest(BaseModel):
    """A monitoring run; every field optional."""

    model_config = ConfigDict(extra="forbid")

    full: bool = Field(False, description="Screen every customer, not only what changed.")
    threshold: float | None = Field(None, ge=0.0, le=1.0)
    limit: int = Field(10, ge=1, le=100, description="Hits kept per customer.")


class RunModel(_Open):
    """What a monitoring run did."""

    id: int
    mode: str
    reason: str
    screened: int
    hits: int
    alerts_raised: int


class AlertModel(_Open):
    """One alert: score, explanation, list versions, the customer and entity as they were, status."""

    id: int
    customer_id: str
    entity_id: str
    list_: str = Field(..., alias="list")
    list_seq: int | None = Field(
        None, description="The number of the list version the alert was raised on (`list_version` is its store id)."
    )
    score: float
    status: str


class AlertPage(BaseModel):
    """A page of alerts, newest first."""

    alerts: list[AlertModel]
    total: int
    limit: int
    offset: int


class DecisionModel(_Open):
    """One analyst's decision on one alert."""

    id: int
    alert_id: int
    decision: str
    note: str
    decided_by: str
    decided_at: str


class AlertDetail(AlertModel):
    """An alert with every decision on it and the earlier alerts of the same customer and entity."""

    decisions: list[DecisionModel]
    earlier_alerts: list[dict[str, Any]]
    pending: dict[str, Any] | None = Field(
        None,
        description="Four-eyes: the decision waiting for an approver (`requested_by`, `decision`, `note`), if any.",
    )


class DecisionRequest(BaseModel):
    """A decision: ``true_match``, ``false_positive`` or ``escalated`` (a held payment: ``release``, ``reject``
    or ``escalated``), with a note."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    as_: Literal["true_match", "false_positive", "escalated", "release", "reject"] = Field(
        ..., alias="as", examples=["false_positive"]
    )
    note: str = Field(
        ..., min_length=1, max_length=10_000, description="Why (required).", examples=["born 1990, other person"]
    )


class CaseModel(_Open):
    """A case: the alerts of one customer on one listed party (every list's entity of it)."""

    id: int
    customer_id: str
    party_id: str
    created_at: str
    alerts: int
    statuses: dict[str, int]
    open: bool
    score: float
    caption: str
    best_alert: int
    lists: list[str]


class CasePage(BaseModel):
    """A page of cases, best score first; ``total`` cases and ``alerts`` the filters keep."""

    cases: list[CaseModel]
    total: int
    alerts: int
    limit: int
    offset: int


class CaseDetail(CaseModel):
    """A case with each of its alerts."""

    alert_list: list[AlertModel]


class CaseDecisionRequest(BaseModel):
    """A decision on every undecided alert of a case, with a note; ``overrides`` decides some otherwise."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    as_: Literal["true_match", "false_positive", "escalated"] = Field(..., alias="as", examples=["false_positive"])
    note: str = Field(
        ..., min_length=1, max_length=10_000, description="Why (required).", examples=["born 1990, other person"]
    )
    overrides: dict[int, DecisionRequest] = Field(
        default_factory=dict, description="Alert id to its own decision and note.", max_length=1000
    )


class CaseDecisionModel(_Open):
    """What deciding a case did: the decisions made, those waiting for an approver, the alerts left as they were."""

    case_id: int
    decided: list[dict[str, Any]]
    waiting: list[dict[str, Any]]
    skipped: list[dict[str, Any]]


class PartyModel(_Open):
    """A party: its entities (``referents``) and the evidence on them (``links``: ``linked`` or ``blocked``)."""

    id: str
    referents: list[str]
    links: list[dict[str, str]]


class PartyMerge(BaseModel):
    """Two entities (or parties) judged one party, and why."""

    model_config = ConfigDict(extra="forbid")

    first: str = Field(..., min_length=1, max_length=300, examples=["us-ofac-sdn-9797"])
    second: str = Field(..., min_length=1, max_length=300, examples=["eu-journal-32006r0765-i-a-46"])
    reason: str = Field(..., min_length=1, max_length=10_000, examples=["same man: OFAC gives the year only"])


class PartySplit(BaseModel):
    """An entity judged a different party from the rest of its party, and why."""

    model_config = ConfigDict(extra="forbid")

    entity: str = Field(..., min_length=1, max_length=300, examples=["eu-journal-32006r0765-i-a-3"])
    reason: str = Field(..., min_length=1, max_length=10_000, examples=["another person: different birth place"])


class VerifyModel(_Open):
    """The audit trail checked: ``ok``, the records and head, where it breaks if it does, the checkpoints,
    the alerts, decisions and requests compared with the log, and what could not be proven (``notes``)."""

    ok: bool
    records: int
    head: dict[str, Any]
    problems: list[dict[str, Any]]
    checkpoints: dict[str, Any] = Field(default_factory=dict)
    state: dict[str, int] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
