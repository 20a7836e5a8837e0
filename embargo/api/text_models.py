"""Request and response bodies of ``POST /text`` (the shape of :meth:`embargo.text.TextReport.to_dict`).

Responses allow extra fields, as in :mod:`embargo.api.embargo_models`, so a field the
text screener adds reaches clients without a server error.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["MAX_LIMIT", "TextHitModel", "TextMentionModel", "TextRequest", "TextResult"]

#: Most hits kept per mention.
MAX_LIMIT = 20
_OPEN = ConfigDict(extra="allow", populate_by_name=True)


class TextRequest(BaseModel):
    """A text to screen, sent as JSON."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., description="Plain text, an HTML fragment or a whole saved web page.")
    html: bool | None = Field(None, description="True: the text is HTML; false: plain text; null: guessed.")
    limit: int = Field(3, ge=1, le=MAX_LIMIT, description="Hits kept per mention.")


class TextHitModel(BaseModel):
    """A listed entity a mention may be."""

    model_config = _OPEN

    entity_id: str
    caption: str
    list_: str = Field(..., alias="list")
    source_id: str
    schema_: str = Field(..., alias="schema")
    score: float | None = Field(
        ...,
        description="The name score; null for a body found by its acronym or by what it is (KGB, Interior Ministry).",
    )
    matched_name: str
    countries: list[str] = Field(
        default_factory=list, description="ISO codes of the countries the listed entity is of, as its record says."
    )
    designations: list[dict[str, Any]] = Field(default_factory=list)


class TextMentionModel(BaseModel):
    """A person or organization the text names, with its verdict."""

    model_config = _OPEN

    start: int = Field(..., description="Offset of the mention in the screened text (the main text for HTML).")
    end: int
    text: str = Field(..., description="The mention as written.")
    kind: str = Field(..., description="Person, Organization or Vessel (a listed ship, after a word such as tanker).")
    resolved: str | None = Field(None, description="The full name it resolves to, in its dictionary form.")
    antecedent: int | None = Field(None, description="For a surname alone: the index of the earlier full mention.")
    sources: list[str] = Field(default_factory=list, description="Finders that saw it: ner, dictionary, names, coref.")
    verdict: Literal["listed", "ambiguous", "not_listed"]
    reason: str
    hits: list[TextHitModel]


class TextResult(BaseModel):
    """Every mention of the text, in the order they appear."""

    model_config = _OPEN

    language: str | None
    words: int
    characters: int = Field(..., description="Length of the screened text (the main text for HTML).")
    mentions: list[TextMentionModel]
