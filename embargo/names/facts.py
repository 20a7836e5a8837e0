"""What scoring reads of a listed entity besides its names: birth dates, countries, identifiers, gender.

The index (:mod:`embargo.index`) stores these facts with each entity and gives them back as a
:class:`ListedFacts`; the evidence features (:mod:`embargo.matching.features`) compare a query
with them. The record lives here, beside the names the index also stores, so that retrieval
needs nothing of scoring.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ListedFacts"]


@dataclass(frozen=True, slots=True)
class ListedFacts:
    """What the matcher needs to know of a listed entity besides its names."""

    schema: str
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    gender: str | None = None
    #: the kind of each of ``identifiers`` (``imo``, ``bic``..., :data:`.identifiers.KINDS`); none: all ``id``
    identifier_kinds: tuple[str, ...] = ()
