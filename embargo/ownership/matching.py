"""Tie the parties of ownership data to listed entities: by the id a list gives them, an identifier, or a name.

A party of a register is the listed entity when

- the data says which list record it is (``list id``: an OFAC profile, a UK group, an
  OpenSanctions id), certainty 1;
- screening it finds a listed entity holding one of its identifiers (``identifier``), certainty 1;
- or, when names are screened, a listed entity whose name and facts score at least
  :data:`NAME_MATCH` without a conflicting identifier (``name``), the score kept as its
  certainty and shown with every chain that goes through it.

A party tied to nothing is a company of the data alone: it can be blocked by ownership, never
designated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from embargo.matching import Query
from embargo.ownership.data import Node
from embargo.screening import Hit, Screener
from embargo.store import Store
from embargo.store.ownership import MatchRow, listed_by_source_id

__all__ = ["NAME_MATCH", "match_nodes"]

#: The least score of a tie made by name alone.
NAME_MATCH = 0.9

_QUERY_SCHEMATA = frozenset({"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"})


def _query(node: Node) -> Query:
    schema = node.schema if node.schema in _QUERY_SCHEMATA else "LegalEntity"
    return Query(
        [node.caption, *node.names],
        schema=schema,
        countries=[node.country] if node.country else [],
        id_numbers=[value for _, value in node.identifiers],
    )


def _identified(hit: Hit) -> bool:
    return any(f.name == "identifier" and f.delta > 0 for f in hit.result.features)


def _conflicts(hit: Hit) -> bool:
    return any(f.name == "identifier" and f.delta < 0 for f in hit.result.features)


def match_nodes(
    store: Store,
    screener: Screener | None,
    dataset: str,
    nodes: Iterable[Node],
    progress: Callable[[int], None] | None = None,
) -> list[MatchRow]:
    """The listed entities each party of ``dataset`` is.

    Args:
        screener: screens the parties tied by no list id (per listed entity: open it with
            ``parties=False``); None: ties by list id alone.
        progress: called with the count of parties done, every 100.
    """
    nodes = list(nodes)
    current = [info.current.id for info in store.view().lists() if info.current is not None]
    with store.reading("the listed entities") as conn:
        listed = listed_by_source_id(conn, current, (n.list_id for n in nodes if n.list_id))
    out: list[MatchRow] = []
    for n, node in enumerate(nodes, start=1):
        if progress is not None and n % 100 == 0:
            progress(n)
        tied = False
        for entity_id, list_name in listed.get(node.list_id or "", ()):
            out.append(MatchRow(dataset, node.id, entity_id, "list id", 1.0, f"{list_name} record {node.list_id}"))
            tied = True
        if tied or screener is None or not screener.indexes:
            continue
        for hit in screener.screen(_query(node), threshold=NAME_MATCH, limit=3):
            if _identified(hit):
                out.append(
                    MatchRow(
                        dataset, node.id, hit.entity_id, "identifier", 1.0, f"{hit.list_name}: shares an identifier"
                    )
                )
            elif hit.score >= NAME_MATCH and not _conflicts(hit):
                detail = f"{hit.list_name}: name {hit.matched_name!r} scores {hit.score:.2f}"
                out.append(MatchRow(dataset, node.id, hit.entity_id, "name", hit.score, detail))
    return out
