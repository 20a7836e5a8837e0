"""The listed parties, read from the FollowTheMoney export of the benchmark store.

Ground truth is resolved here, from the export, and never through a matcher: the expected
entity of a yente UN positive is the ``un_sc`` entity one of whose names folds to exactly the
same text as the untreated query name (a tie broken by birth year), and the Putin entity is
every entity named "Vladimir Vladimirovich Putin" (the EU OJ Russia entry and any other list
that carries him, since embargo keeps one entity per list entry).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from name_sets import QueryRow, fold

__all__ = ["NAME_PROPS", "PARTY_SCHEMATA", "Listed", "read_listed", "resolve_expected", "resolve_named"]

PARTY_SCHEMATA = frozenset({"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"})
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")


@dataclass(frozen=True, slots=True)
class Listed:
    """One listed party: its id, schema, lists, names and birth years."""

    id: str
    schema: str
    datasets: tuple[str, ...]
    names: tuple[str, ...]
    birth_years: tuple[str, ...]


def read_listed(path: Path) -> Iterator[Listed]:
    """Every party (not Sanction or Address objects) in an FtM JSON lines export."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            data = json.loads(line)
            if data.get("schema") not in PARTY_SCHEMATA:
                continue
            props = data.get("properties", {})
            names = tuple(name for prop in NAME_PROPS for name in props.get(prop, []))
            years = tuple(sorted({date[:4] for date in props.get("birthDate", [])}))
            yield Listed(data["id"], data["schema"], tuple(data.get("datasets", [])), names, years)


def resolve_expected(untreated: list[QueryRow], listed: list[Listed], dataset: str) -> list[str | None]:
    """For each untreated query, the id of the one entity of ``dataset`` it names, or None.

    Exact match of folded names first; then the same words in any order (the UN file writes
    some names family-first). Several candidates: the one whose birth year matches the query's.
    """
    exact: dict[str, set[str]] = defaultdict(set)
    unordered: dict[str, set[str]] = defaultdict(set)
    years: dict[str, tuple[str, ...]] = {}
    for party in listed:
        if dataset not in party.datasets:
            continue
        years[party.id] = party.birth_years
        for name in party.names:
            folded = fold(name)
            exact[folded].add(party.id)
            unordered[" ".join(sorted(folded.split()))].add(party.id)
    resolved: list[str | None] = []
    for query in untreated:
        folded = fold(query.name)
        ids = exact.get(folded) or unordered.get(" ".join(sorted(folded.split()))) or set()
        if len(ids) > 1 and query.birth_date:
            year = query.birth_date[:4]
            ids = {i for i in ids if year in years[i]} or ids
        resolved.append(next(iter(ids)) if len(ids) == 1 else None)
    return resolved


def resolve_named(listed: list[Listed], name: str, schema: str = "Person") -> list[str]:
    """Ids of every entity of ``schema`` with a name folding to the same set of words as ``name``."""
    key = " ".join(sorted(fold(name).split()))
    return sorted(
        party.id
        for party in listed
        if party.schema == schema and any(" ".join(sorted(fold(n).split())) == key for n in party.names)
    )
