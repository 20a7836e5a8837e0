"""Algorithm names: embargo has one algorithm; yente's names are accepted for it.

Clients written for yente ask for ``best``, ``default``, ``logic-v2`` and the
like. Each of those resolves to embargo's algorithm (whose name, e.g.
``embargo-v6``, carries its version), and ``/algorithms`` lists the aliases
so a client can see what it will get. Any other name is a 400.
"""

from __future__ import annotations

from typing import Any

from embargo.errors import QueryError
from embargo.matching import ALGORITHM

__all__ = ["ALIASES", "algorithms_json", "resolve_algorithm"]

#: Names accepted for embargo's algorithm besides its own.
ALIASES = ("best", "default", "logic-v1", "logic-v2", "regression-v1", "name-based", "name-qualified")

_DESCRIPTION = (
    "embargo's matcher: every query name aligned token by token with every listed name in every "
    "romanization, then birth date, country, identifier and gender evidence; scores in [0, 1], explained."
)

_DOCS: dict[str, Any] = {
    "name": "Best alignment of a query name with a listed name (romanized, phonetic, typo-tolerant).",
    "birth_date": "Birth dates agree or disagree (year, month, day).",
    "country": "Nationality or country agree or disagree.",
    "identifier": "An identifier (passport, registration, IMO, BIC, LEI...) is on the list entry, or all differ; "
    "one that identifies its holder alone (distinctive, of an assigned kind) makes a hit whatever the name.",
    "gender": "Gender agrees or differs.",
}


def resolve_algorithm(name: str | None) -> str:
    """embargo's algorithm for any accepted name; :class:`QueryError` for others."""
    clean = (name or "best").strip().lower()
    if clean == ALGORITHM.lower() or clean in ALIASES:
        return ALGORITHM
    raise QueryError(f"Invalid algorithm: {name!r} (use best, {ALGORITHM}, or one of: {', '.join(ALIASES[2:])})")


def algorithms_json() -> dict[str, Any]:
    """The body of ``/algorithms``: embargo's algorithm, then each alias as its own entry."""
    entries: list[dict[str, Any]] = [
        {
            "name": ALGORITHM,
            "description": _DESCRIPTION,
            "aliases": list(ALIASES),
            "docs": {k: {"description": v} for k, v in _DOCS.items()},
            "features": {k: {"description": v} for k, v in _DOCS.items()},
        }
    ]
    for alias in ALIASES[2:]:
        entries.append({"name": alias, "description": f"Accepted for yente compatibility: an alias of {ALGORITHM}."})
    return {"algorithms": entries, "default": ALGORITHM, "best": ALGORITHM}
