"""Request and response bodies, shaped as yente's so its clients work unchanged.

Field names, nesting and defaults follow yente's matching API (``/match``,
``/search``, ``/entities``, ``/catalog``, ``/algorithms``); embargo's own
administration endpoints add a few models at the end. Unknown fields in
requests are ignored, as yente ignores them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AlgorithmModel",
    "AlgorithmsResponse",
    "CatalogResponse",
    "DatasetModel",
    "DatasetPublisher",
    "EntityExample",
    "EntityMatches",
    "EntityResponse",
    "ErrorResponse",
    "FeatureExplanation",
    "FourEyesModel",
    "KeyCreate",
    "KeyCreated",
    "KeyModel",
    "ListModel",
    "MatchRequest",
    "MatchResponse",
    "OwnershipResponse",
    "OwnershipShare",
    "OwnershipVerdict",
    "ScoredEntityResponse",
    "SearchFacet",
    "SearchFacetItem",
    "SearchResponse",
    "StatusResponse",
    "TotalSpec",
    "VersionModel",
]


#: Schemata a query may have: embargo's six, and two FtM names that stand for one of them.
QuerySchema = Literal["Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane", "PublicBody", "Thing"]


class ErrorResponse(BaseModel):
    """Every error: what went wrong, in words."""

    detail: str = Field(..., examples=["No such dataset: 'nope'"])


class StatusResponse(BaseModel):
    """Health and readiness."""

    status: str = Field("ok", examples=["ok"])


class TotalSpec(BaseModel):
    """How many results there are; ``relation`` is ``gte`` when counting stopped early."""

    value: int = Field(..., examples=[1])
    relation: str = Field("eq", examples=["eq"])


class EntityExample(BaseModel):
    """One party to screen, written as a FollowTheMoney entity.

    ``properties`` maps FtM property names to a list of values or one bare string.
    """

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    id: str | None = Field(None, examples=["customer-42"])
    schema_: QuerySchema = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(
        ..., examples=[{"name": ["Александр Григорьевич Лукашенко"], "birthDate": ["1954"]}]
    )


class MatchRequest(BaseModel):
    """A batch of up to 100 parties; each key is echoed on its response."""

    model_config = ConfigDict(extra="ignore")

    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(default_factory=dict, description="Accepted for yente compatibility; ignored.")
    config: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="Accepted for yente compatibility; ignored."
    )


class EntityResponse(BaseModel):
    """A listed entity in FollowTheMoney form; designations are nested ``Sanction`` entities."""

    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(..., examples=["us-ofac-sdn-9760"])
    caption: str = Field(..., examples=["LUKASHENKA, Alyaksandr Hryhoryavich"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, list[str | EntityResponse]] = Field(..., examples=[{"name": ["John Doe"]}])
    datasets: list[str] = Field(default_factory=list, examples=[["us_ofac_sdn"]])
    referents: list[str] = Field(default_factory=list)
    target: bool = False
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None


class FeatureExplanation(BaseModel):
    """One part of a score: how much it counted and why."""

    score: float
    detail: str | None = None
    query: str | None = None
    candidate: str | None = None


class OwnershipShare(BaseModel):
    """A share held, as an interval of percentages (a band of a register: ``25-50%``); ``text`` in words."""

    low: float = Field(..., examples=[75.0])
    high: float = Field(..., examples=[75.0])
    text: str = Field(..., examples=["75%"], description="`75%`, `25-50%`, `control`, `60%, control`.")


class OwnershipVerdict(BaseModel):
    """An entity's standing under one ownership rule (OFAC's 50 Percent Rule, the EU's, the UK's), with its chain."""

    # a verdict is passed on as the computation wrote it: a field it gains later is not dropped
    model_config = ConfigDict(extra="allow")

    rule: str = Field(..., examples=["ofac"], description="`ofac`, `eu` or `uk`.")
    authority: str | None = Field(
        None, exclude_if=lambda value: value is None, examples=["US OFAC"], description="The rule's authority."
    )
    rule_version: str = Field(..., examples=["2014-08-13"])
    rule_title: str = Field(
        ..., examples=["OFAC's 50 Percent Rule: owned 50% or more, in the aggregate, by blocked persons"]
    )
    as_of: str | None = Field(None, description="The date the links were read as of (null: the links in force).")
    status: str = Field(
        ..., examples=["blocked"], description="`designated`, `blocked`, `possibly blocked` or `not blocked`."
    )
    share: OwnershipShare = Field(..., description="The share held by designated or blocked owners, in all.")
    steps: list[dict[str, Any]] = Field(
        default_factory=list,
        description=(
            "The chain, from the entity (depth 0) up to the designated parties: each step has `depth`, `node`, "
            "`name`, `status`, and either `share`, `holdings` (`owner`, `owner_name`, `share`, `start`, `end`, "
            "`source`) and `controls` (`controller`, `controller_name`, `kind`, `start`, `end`, `source`), or, "
            "for a designated party, `designations` and `listed_as` (how it was tied to a listed entity)."
        ),
    )
    lines: list[str] = Field(default_factory=list, description="The chain in words, a line per step.")


class OwnershipResponse(BaseModel):
    """An entity's standing under each ownership rule asked for."""

    entity: str = Field(..., examples=["registry:zubr"], description="The entity as asked for.")
    node: str = Field(..., examples=["registry:zubr"], description="Its key in the ownership graph.")
    verdicts: list[OwnershipVerdict]


class ScoredEntityResponse(EntityResponse):
    """A listed entity with its score against the query.

    An entity on no list that designated parties own or control (``datasets: ["ownership"]``,
    topic ``sanction.linked``, ``target: false``) comes with ``ownership``; so does a listed
    entity also blocked by ownership under another authority's rule.
    """

    score: float = Field(..., examples=[0.99])
    match: bool = Field(..., description="score >= threshold")
    explanations: dict[str, FeatureExplanation] = Field(default_factory=dict)
    ownership: list[OwnershipVerdict] | None = Field(
        None,
        # left out of the answer when absent, as yente's own fields are the whole answer then
        exclude_if=lambda value: value is None,
        description="The rules under which ownership or control blocks it (embargo's addition; absent: none).",
    )


class UnreadableValue(BaseModel):
    """A property value of the query that could not be read: the query was screened without it."""

    field: str = Field(..., examples=["birthDate"])
    value: str = Field(..., examples=["1984-13-45"])
    reason: str = Field(..., examples=["not a date; screened without it"])


class EntityMatches(BaseModel):
    """The results for one query of a batch."""

    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample
    unreadable: list[UnreadableValue] = Field(
        default_factory=list,
        description="Values of the query that could not be read: it was screened on the rest (embargo's addition).",
    )


class MatchResponse(BaseModel):
    """Results for every key of the batch."""

    responses: dict[str, EntityMatches]
    limit: int = Field(..., examples=[5])


class SearchFacetItem(BaseModel):
    """One value of a facet and how many results have it."""

    name: str
    label: str
    count: int


class SearchFacet(BaseModel):
    """Counts of the results by one field."""

    label: str
    values: list[SearchFacetItem]


class SearchResponse(BaseModel):
    """A page of entities for a text search."""

    results: list[EntityResponse]
    facets: dict[str, SearchFacet] = Field(default_factory=dict)
    total: TotalSpec
    limit: int
    offset: int


class DatasetPublisher(BaseModel):
    """Who publishes a list."""

    name: str
    url: str | None = None
    official: bool | None = None


class DatasetModel(BaseModel):
    """A list, or a collection of lists (``children``)."""

    name: str
    title: str | None = None
    summary: str | None = None
    url: str | None = None
    version: str | None = None
    updated_at: datetime | None = None
    last_export: datetime | None = None
    entity_count: int | None = None
    load: bool = False
    index_version: str | None = None
    index_current: bool = False
    children: list[str] = Field(default_factory=list)
    publisher: DatasetPublisher | None = None
    deprecated: bool = False


class CatalogResponse(BaseModel):
    """Every dataset this server can match against."""

    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False


class AlgorithmModel(BaseModel):
    """A matching algorithm (or a name accepted for one)."""

    name: str
    description: str | None = None
    aliases: list[str] = Field(default_factory=list)
    docs: dict[str, Any] = Field(default_factory=dict)
    features: dict[str, Any] = Field(default_factory=dict, deprecated=True)


class AlgorithmsResponse(BaseModel):
    """The algorithms, the default and the best."""

    algorithms: list[AlgorithmModel]
    default: str
    best: str


class VersionModel(BaseModel):
    """One imported version of a list: ``seq`` is its number, the one every page, command and parameter uses."""

    id: int = Field(..., description="Store-internal id (unique across lists); not the version number: see `seq`.")
    list_: str = Field(..., alias="list")
    seq: int = Field(..., description="The version number within the list: 1, 2, 3...")
    content_hash: str
    format: str
    files: list[str]
    published: str | None = None
    imported_at: str
    entities: int
    designations: int
    names: int
    birth_dates: int
    warnings: int
    state: str = Field(
        "accepted", description="`accepted`, `held` (stored, never served: see `hold_reason`) or `withdrawn`."
    )
    hold_reason: str | None = Field(None, description="Why the import guard held this version.")
    current: bool = Field(False, description="True for the version the list serves.")


class ListModel(BaseModel):
    """A list in the store with its current version."""

    name: str
    title: str
    authority: str
    format: str
    url: str | None = None
    versions: int
    held: int = Field(0, description="Versions held by the import guard, waiting for a decision.")
    current: VersionModel | None = None
    served_seq: int | None = Field(None, description="Number (`seq`) of the version this server answers from.")
    served_version_id: int | None = Field(None, description="Store-internal id of that version.")
    served_version: int | None = Field(
        None,
        description="Deprecated: the store-internal id, as `served_version_id`; read `served_seq`.",
        deprecated=True,
    )
    served_is_current: bool | None = Field(None, description="False while a newer version awaits loading.")


class KeyModel(BaseModel):
    """An API key as stored (never the key itself)."""

    id: str
    name: str
    role: str
    hint: str
    rate_per_minute: int | None = None
    created_at: str
    revoked_at: str | None = None
    principal_id: str | None = Field(None, description="The principal the key acts for.")


class KeyCreate(BaseModel):
    """A key to create: for a new principal named ``name``, or another key for ``principal``."""

    model_config = ConfigDict(extra="forbid")

    role: str = Field(..., pattern="^(screen|review|approve|admin)$", examples=["screen"])
    name: str = Field("", max_length=200, examples=["payments team"])
    rate_per_minute: int | None = Field(None, ge=0, le=10_000_000)
    principal: str | None = Field(
        None, max_length=200, description="An existing principal's id or name: give them another key (not `name`)."
    )


class FourEyesModel(BaseModel):
    """The store's four-eyes policy: which decisions wait for a second principal."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = Field(..., description="true: true matches, and false positives scored `min_score` or more, wait.")
    min_score: float = Field(0.9, ge=0.0, le=1.0)


class KeyCreated(KeyModel):
    """A new key: ``key`` is shown this once."""

    key: str
