"""The store's ownership graph: every dataset's current version, tied to the listed parties, computed under each rule.

The graph's nodes are parties: a party of the ownership data tied to a listed entity
(:mod:`embargo.ownership.matching`) is that entity's party (:mod:`embargo.parties`), so
that holdings recorded by several datasets and lists meet; a party tied to nothing is
``dataset:id``. A node is designated under a rule when one of its party's listed
entities has a designation the rule starts from (:meth:`Rule.starts_from`: OFAC's for
OFAC's rule; the EU's, or the UN's which the EU gives effect to, for the EU's...).

:func:`compute` ties the parties, propagates under every rule, and stores the results
(the chain of each blocked or possibly blocked entity, in words and as data) and their
screening index in one transaction: a computation killed before its end leaves the
previous results, and the screening index of the previous generation, as they were.
"""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from embargo.errors import NotFoundError
from embargo.index import build_entities_index
from embargo.model import Entity
from embargo.ownership.compute import BLOCKED, DESIGNATED, NOT_BLOCKED, POSSIBLY, Propagation, Verdict
from embargo.ownership.links import Control, Ownership
from embargo.ownership.matching import match_nodes
from embargo.ownership.rules import RULES, Rule
from embargo.ownership.stored import data_of, entity_of
from embargo.screening import Screener
from embargo.screening.owned import OWNERSHIP_LIST, Step, assemble, owned_index_path
from embargo.store import Store
from embargo.store import ownership as stored
from embargo.store.ownership import MatchRow, ResultRow
from embargo.store.parties import PartyMap, party_map

__all__ = [
    "Graph",
    "GraphNode",
    "OwnershipResult",
    "chain_of",
    "compute",
    "find_node",
    "load_graph",
    "refresh",
    "result_of",
    "step_of",
]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class GraphNode:
    """A node of the graph: its name, schema, the dataset parties it stands for and the listed entities it is."""

    key: str
    caption: str
    schema: str
    parties: list[tuple[str, str]] = field(default_factory=list)
    matches: list[MatchRow] = field(default_factory=list)
    entity: Entity | None = None


@dataclass(slots=True)
class Graph:
    """Every current dataset's links, between graph nodes."""

    nodes: dict[str, GraphNode]
    ownerships: list[Ownership]
    controls: list[Control]
    #: rule name to the nodes designated under it (with the designations that make them so).
    designated: dict[str, dict[str, list[str]]]
    datasets: list[str]

    def names(self) -> dict[str, str]:
        """Node key to name."""
        return {k: n.caption for k, n in self.nodes.items()}

    def propagate(self, rule: Rule, as_of: str | None = None) -> Propagation:
        """The propagation under ``rule`` as of ``as_of`` (None: the links that have not ended)."""
        spread = Propagation(rule, self.ownerships, self.controls, as_of=as_of)
        spread.designate(self.designated.get(rule.name, {}))
        return spread

    def find(self, ref: str, parties: PartyMap | None = None) -> str:
        """The node key ``ref`` names: a key, ``dataset:id``, a dataset's party id, a listed entity or party id.

        Raises:
            NotFoundError: no node is ``ref``.
        """
        ref = ref.strip()
        if ref in self.nodes:
            return ref
        if parties is not None and parties.party_of(ref) in self.nodes:
            return parties.party_of(ref)
        found = [k for k, n in self.nodes.items() if any(pid == ref or f"{ds}:{pid}" == ref for ds, pid in n.parties)]
        if not found:
            raise NotFoundError(f"no party {ref!r} in the ownership data (see `embargo ownership list`)")
        return found[0]


def _key(dataset: str, node_id: str, tied: dict[tuple[str, str], list[MatchRow]], parties: PartyMap) -> str:
    found = tied.get((dataset, node_id))
    if found:
        return parties.party_of(found[0].entity_id)
    return f"{dataset}:{node_id}"


def _link_end(
    node_id: str,
    dataset: str,
    keys: dict[str, str],
    nodes: dict[str, GraphNode],
    tied: dict[tuple[str, str], list[MatchRow]],
    parties: PartyMap,
) -> str:
    """The node key of a link's end (a party the file links but does not describe becomes a node named by its id)."""
    if node_id not in keys:
        key = keys[node_id] = _key(dataset, node_id, tied, parties)
        if key not in nodes:
            nodes[key] = GraphNode(key, node_id, "LegalEntity", [(dataset, node_id)])
    return keys[node_id]


def load_graph(
    store: Store, found: Sequence[MatchRow] | None = None, on: str | None = None, entities: bool = False
) -> Graph:
    """The graph of the store's current ownership data.

    Args:
        found: the ties of dataset parties to listed entities (None: as last computed).
        on: the date designations are read as of (None: today).
        entities: make each node's screening entity (:attr:`GraphNode.entity`).
    """
    with store.reading("the ownership data") as conn:
        current = stored.current_versions(conn)
        if found is None:
            found = stored.matches(conn)
        loaded = [(v.dataset, stored.nodes_of(conn, v.id), stored.links_of(conn, v.id)) for v in current]
        parties = party_map(conn)
    tied: dict[tuple[str, str], list[MatchRow]] = defaultdict(list)
    for m in found:
        tied[(m.dataset, m.node_id)].append(m)
    for rows in tied.values():
        rows.sort(key=lambda m: (-m.confidence, m.entity_id))
    nodes: dict[str, GraphNode] = {}
    ownerships: list[Ownership] = []
    controls: list[Control] = []
    view = store.view()
    for dataset, node_rows, link_rows in loaded:
        data = data_of(node_rows, link_rows)
        for node in data.parties.values():
            key = _key(dataset, node.id, tied, parties)
            graph_node = nodes.get(key)
            if graph_node is None:
                graph_node = nodes[key] = GraphNode(key, node.caption, node.schema)
                if entities:
                    graph_node.entity = entity_of(node, key)
            graph_node.parties.append((dataset, node.id))
            graph_node.matches.extend(tied.get((dataset, node.id), ()))
        keys: dict[str, str] = {}
        for o in data.ownerships:
            owner, asset = (_link_end(x, dataset, keys, nodes, tied, parties) for x in (o.owner, o.asset))
            ownerships.append(Ownership(owner, asset, o.share, o.start, o.end, o.source))
        for c in data.controls:
            controller, asset = (_link_end(x, dataset, keys, nodes, tied, parties) for x in (c.controller, c.asset))
            controls.append(Control(controller, asset, c.kind, c.start, c.end, c.source))
    designated: dict[str, dict[str, list[str]]] = {name: {} for name in RULES}
    for key, graph_node in nodes.items():
        if not graph_node.matches:
            continue
        for entity_id in parties.referents(key):
            for record in view.find(entity_id):
                if not record.current:
                    continue
                if record.entity.id == graph_node.matches[0].entity_id:  # named as the list names it
                    graph_node.caption = record.entity.caption
                for d in record.entity.designations:
                    for name, rule in RULES.items():
                        if rule.starts_from(d, on):
                            said = f"{d.authority}: {d.program or d.list}"
                            designated[name].setdefault(key, [])
                            if said not in designated[name][key]:
                                designated[name][key].append(said)
    return Graph(nodes, ownerships, controls, designated, [d for d, _, _ in loaded])


def _share(v: Verdict) -> dict[str, Any]:
    """The share held by blocked owners, and ``text`` in words (``75%``, ``25-75%``, ``control``, ``60%, control``)."""
    text = str(v.share)
    if v.controls:
        text = f"{text}, control" if v.share.high else "control"
    return {"low": v.share.low, "high": v.share.high, "text": text}


def step_of(graph: Graph, spread: Propagation, key: str) -> Step:
    """One node's own standing under the propagation's rule: what a chain is assembled from.

    ``node``, ``name``, ``status``, ``share``, the rule (``rule``, ``rule_version``, ``rule_title``,
    ``authority``, ``aggregate``) and ``as_of``; a blocked or possibly blocked node's ``holdings`` and
    ``controls`` counted (each owner's or controller's id and name, the share, the period, the source);
    a designated node's ``designations`` (under this rule) and ``listed_as`` (how the data's party is
    the listed entity).
    """
    rule = spread.rule
    v = spread.verdict(key)
    node = graph.nodes.get(key)
    step: Step = {
        "node": key,
        "name": node.caption if node else key,
        "status": v.status,
        "share": _share(v),
        "rule": rule.name,
        "rule_version": rule.version,
        "rule_title": rule.title,
        "authority": rule.authority,
        "aggregate": rule.aggregate,
        "as_of": spread.as_of,
    }
    if v.status == DESIGNATED:
        step["designations"] = graph.designated.get(rule.name, {}).get(key, [])
        step["listed_as"] = [m.to_dict() for m in (node.matches if node else [])]
        return step
    step["holdings"] = [
        {
            "owner": h.owner,
            "owner_name": graph.nodes[h.owner].caption if h.owner in graph.nodes else h.owner,
            "share": {"low": h.share.low, "high": h.share.high, "text": str(h.share)},
            "start": h.start,
            "end": h.end,
            "source": h.source,
        }
        for h in v.holdings
    ]
    step["controls"] = [
        {
            "controller": c.controller,
            "controller_name": graph.nodes[c.controller].caption if c.controller in graph.nodes else c.controller,
            "kind": c.kind,
            "start": c.start,
            "end": c.end,
            "source": c.source,
        }
        for c in v.controls
    ]
    return step


def chain_of(graph: Graph, spread: Propagation, key: str) -> dict[str, Any]:
    """A node's verdict under the propagation's rule, with its chain as data and in words (computed now)."""
    made: dict[str, Step] = {}

    def steps(node: str) -> Step | None:
        if node not in made:
            made[node] = step_of(graph, spread, node)
        return made[node] if node == key or made[node]["status"] != NOT_BLOCKED else None

    return assemble(steps, key)


@dataclass(frozen=True, slots=True)
class OwnershipResult:
    """What one computation stored."""

    generation: int
    datasets: int
    nodes: int
    ownerships: int
    controls: int
    tied: int
    by_rule: dict[str, dict[str, int]]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "generation": self.generation,
            "datasets": self.datasets,
            "nodes": self.nodes,
            "ownerships": self.ownerships,
            "controls": self.controls,
            "tied_to_listed_entities": self.tied,
            "by_rule": self.by_rule,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        """One line."""
        parts = [
            f"{name}: {c.get(BLOCKED, 0)} blocked, {c.get(POSSIBLY, 0)} possibly blocked"
            for name, c in self.by_rule.items()
        ]
        return (
            f"ownership computed (generation {self.generation}): {self.nodes} parties, {self.ownerships} holdings, "
            f"{self.controls} control links, {self.tied} tied to listed entities; " + "; ".join(parts)
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def compute(
    store: Store,
    screen: bool = True,
    progress: Callable[[str], None] | None = None,
    stop_before_commit: Callable[[], None] | None = None,
) -> OwnershipResult:
    """Tie every current dataset's parties, propagate under every rule, and store the results whole.

    Args:
        screen: tie parties by screening them (their identifiers and names) as well as by list id;
            False: by list id alone (a large register is screened in minutes, not seconds).
        progress: called with a line on each stage.
        stop_before_commit: called after everything is computed and written, before the commit
            (tests raise from it to see that a computation killed there leaves the previous one).
    """
    started = time.perf_counter()
    say = progress or (lambda _line: None)
    with store.reading("the ownership data") as conn:
        current = stored.current_versions(conn)
        loaded = [(v.dataset, data_of(stored.nodes_of(conn, v.id), [])) for v in current]
    screener = Screener.open(store, require=False, parties=False, ownership=False) if screen else None
    found: list[MatchRow] = []
    for dataset, data in loaded:
        say(f"tying the {len(data.parties)} parties of {dataset} to listed entities")
        found.extend(match_nodes(store, screener, dataset, data.parties.values()))
    graph = load_graph(store, found, entities=True)
    rows: list[ResultRow] = []
    by_rule: dict[str, dict[str, int]] = {}
    for name, rule in RULES.items():
        say(f"propagating under {rule.title}")
        spread = graph.propagate(rule)
        counts: dict[str, int] = defaultdict(int)
        for key in sorted(spread.possible):
            step = step_of(graph, spread, key)
            counts[step["status"]] += 1
            node = graph.nodes[key]
            # listed parties are screened as listed: only the others' entities make the screening index
            unlisted = step["status"] != DESIGNATED and node.entity is not None and not node.matches
            entity = node.entity.to_dict() if unlisted and node.entity is not None else {}
            share = step["share"]
            rows.append(ResultRow(name, key, step["status"], share["low"], share["high"], node.caption, entity, step))
        by_rule[name] = dict(counts)
    screened = {row.node: Entity.from_dict(row.entity) for row in rows if row.entity}
    with store.transaction() as conn:
        number = stored.generation(conn) + 1
        path = owned_index_path(store, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        say(f"indexing the {len(screened):,} blocked entities on no list for screening")
        index = build_entities_index(OWNERSHIP_LIST, number, list(screened.values()))
        tmp = path.with_suffix(".tmp")
        index.save(tmp)
        os.replace(tmp, path)
        summary = {
            "screen": screen,
            "datasets": len(graph.datasets),
            "nodes": len(graph.nodes),
            "by_rule": by_rule,
        }
        say(f"storing {len(rows):,} results")
        if stop_before_commit is not None:
            stop_before_commit()
        stored.replace_computation(conn, found, rows, _now(), summary)
    for old in path.parent.glob("ownership-*.idx"):
        if old != path:
            old.unlink(missing_ok=True)
    result = OwnershipResult(
        number,
        len(graph.datasets),
        len(graph.nodes),
        len(graph.ownerships),
        len(graph.controls),
        len({(m.dataset, m.node_id) for m in found}),
        by_rule,
        time.perf_counter() - started,
    )
    logger.info(result.summary())
    return result


def find_node(store: Store, ref: str) -> tuple[str, str]:
    """The graph key ``ref`` names, and its name: a key, a dataset's party (``dataset:id`` or its id), a listed
    entity or party id tied to one.

    Raises:
        NotFoundError: ``ref`` is no party of the ownership data.
    """
    ref = ref.strip()
    with store.reading("the ownership data") as conn:
        parties = party_map(conn)
        for key in dict.fromkeys((ref, parties.party_of(ref))):
            kept = stored.results_of(conn, key)
            if kept:
                return key, kept[0].caption
        for dataset, node_id, caption in stored.find_nodes(conn, ref):
            tied = stored.matches_of(conn, dataset, node_id)
            return (parties.party_of(tied[0].entity_id) if tied else f"{dataset}:{node_id}"), caption
        tied_ids = stored.tied_entities(conn)
    members = parties.referents(parties.party_of(ref))
    if any(m in tied_ids for m in members):
        found = store.view().find(members[0])
        return parties.party_of(ref), found[0].entity.caption if found else ref
    raise NotFoundError(f"no party {ref!r} in the ownership data (see `embargo ownership list`)")


def _unreached(key: str, name: str, rule: Rule, as_of: str | None) -> dict[str, Any]:
    step: Step = {
        "node": key,
        "name": name,
        "status": NOT_BLOCKED,
        "share": {"low": 0.0, "high": 0.0, "text": "0%"},
        "rule": rule.name,
        "rule_version": rule.version,
        "rule_title": rule.title,
        "authority": rule.authority,
        "aggregate": rule.aggregate,
        "as_of": as_of,
    }
    return assemble(lambda node: step if node == key else None, key)


def result_of(store: Store, ref: str, rule: str | None = None, as_of: str | None = None) -> list[dict[str, Any]]:
    """A party's standing under each rule (or one), with its chain: as last computed, or afresh as of a date.

    Args:
        ref: a node key, ``dataset:id``, a dataset's party id, a listed entity or party id.
        as_of: an ISO date: the links and designations of that date, computed now from the whole graph
            (None: the stored results, assembled from the steps of the chain's entities alone).

    Raises:
        NotFoundError: ``ref`` is no party of the ownership data.
    """
    rules = [RULES[rule]] if rule else list(RULES.values())
    if as_of is not None:
        with store.reading("the parties") as conn:
            parties = party_map(conn)
        graph = load_graph(store, on=as_of)
        key = graph.find(ref, parties)
        return [chain_of(graph, graph.propagate(r, as_of), key) for r in rules]
    key, name = find_node(store, ref)
    out = []
    with store.reading("the ownership results") as conn:
        for r in rules:

            def steps(node: str, rule_name: str = r.name) -> Step | None:
                found = stored.result(conn, rule_name, node)
                return found.step if found is not None else None

            out.append(assemble(steps, key) if steps(key) is not None else _unreached(key, name, r, None))
    return out


def refresh(store: Store, progress: Callable[[str], None] | None = None) -> OwnershipResult | None:
    """Compute again after the lists or the parties changed, when the store holds ownership data (None: it holds none).

    A new designation, a delisting or a party merge changes who is blocked by ownership: every
    import, update, acceptance and rollback of a list, and every split or merge, calls this.
    """
    with store.reading("the ownership data") as conn:
        if not stored.current_versions(conn):
            return None
        last = stored.last_summary(conn) or {}
    # as the last computation tied the parties: with --no-screen, a large register is not screened at every update
    return compute(store, screen=bool(last.get("screen", True)), progress=progress)
