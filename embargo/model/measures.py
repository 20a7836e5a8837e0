"""Filtering on measures: does a listed party carry the measures a user cares about?

A bank screening payments cares about asset freezes, a port about port-entry
bans and deflagging. Each designation carries its measures as keys of
:data:`~embargo.model.MEASURES`; this module answers, without side effects,
whether a party's designations carry any of the wanted ones, so screening
can keep or drop a candidate by measure.
"""

from __future__ import annotations

from collections.abc import Iterable

from embargo.errors import ModelError
from embargo.model.designation import MEASURES, Designation

__all__ = ["has_measures", "parse_measures"]


def has_measures(entity_designations: Iterable[Designation], wanted: frozenset[str]) -> bool:
    """True when any designation carries any of the ``wanted`` measures.

    Args:
        entity_designations: an entity's designations (``entity.designations``).
        wanted: measure keys (``{"asset_freeze", "travel_ban"}``); an empty set
            wants nothing, so nothing matches it (a caller that does not filter
            should not call this).

    Returns:
        Whether one designation's measures and ``wanted`` share a key.
    """
    if not wanted:
        return False
    return any(not wanted.isdisjoint(d.measures) for d in entity_designations)


def parse_measures(values: Iterable[str]) -> frozenset[str]:
    """Measure keys as a user gives them (``asset_freeze``, ``asset-freeze``, ``Asset freeze``), checked.

    Raises:
        ModelError: a value that is no measure (the message lists the known keys).
    """
    labels = {label.lower(): key for key, label in MEASURES.items()}
    found: set[str] = set()
    for raw in values:
        text = raw.strip().lower()
        if not text:
            continue
        key = text.replace("-", "_").replace(" ", "_")
        if key in MEASURES:
            found.add(key)
        elif text in labels:
            found.add(labels[text])
        else:
            raise ModelError(f"unknown measure {raw!r} (one of: {', '.join(MEASURES)})")
    return frozenset(found)
