"""The entities blocked by ownership or control, as the screener sees them.

:mod:`embargo.ownership` computes who is blocked under each rule and stores the
results with the screening index of the blocked entities that are on no list
(:func:`embargo.ownership.graph.compute`). This module reads them back for a
:class:`~embargo.screening.Screener`: a screened party that is such an entity is
a hit of its own kind (``ownership``), carrying each rule's verdict and chain; a
listed party that is also blocked by ownership under another authority's rule
carries those verdicts on its list hit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embargo.errors import StoreError
from embargo.index import ListIndex, build_index, index_dir
from embargo.model import Designation, Entity
from embargo.store import Store
from embargo.store import ownership as stored

if TYPE_CHECKING:
    from embargo.screening.screener import Hit

__all__ = [
    "BLOCKING",
    "MAX_CHAIN",
    "OWNERSHIP_LIST",
    "Owned",
    "Step",
    "assemble",
    "load_owned",
    "owned_designations",
    "owned_index_path",
    "step_line",
]

#: The list name of the hits of entities blocked by ownership (``Hit.list_name``, a ``lists`` scope).
OWNERSHIP_LIST = "ownership"


#: The most entities a chain shows: an entity of a dense register may have thousands of blocked owners above it.
MAX_CHAIN = 60

#: One entity's standing under one rule as computed (:func:`embargo.ownership.graph.step_of`): its node, name,
#: status, share; for a blocked one the holdings and controls counted, for a designated one its designations.
Step = dict[str, Any]


def _percent(low: float, high: float) -> str:
    return f"{low:g}%" if low == high else f"{low:g}-{high:g}%"


def _period(link: dict[str, Any]) -> str:
    start, end = link.get("start"), link.get("end")
    if start and end:
        return f" (from {start} to {end})"
    if start:
        return f" (since {start})"
    return f" (until {end})" if end else ""


def _said(name: str, node: str) -> str:
    return f"{name} [{node}]" if name and name != node else node


def step_line(step: Step) -> str:
    """One entity of a chain in words (``B [b]: blocked under ofac: A [a] holds 50% (in all 50%)``)."""
    who = _said(step["name"], step["node"])
    if step["status"] == "designated":
        said = "; ".join(step.get("designations") or [])
        tie = next((m for m in step.get("listed_as") or [] if m["method"] != "list id"), None)
        how = f"; the ownership data's party is this listed entity by {tie['method']} ({tie['detail']})" if tie else ""
        return f"{who}: designated" + (f" ({said}{how})" if said or how else "")
    if step["status"] == "not blocked":
        return f"{who}: not blocked under {step['rule']}: no designated or blocked party owns or controls it"
    parts = [
        f"{_said(h['owner_name'], h['owner'])} holds {h['share']['text']}{_period(h)}" for h in step.get("holdings", [])
    ]
    parts += [
        f"{_said(c['controller_name'], c['controller'])} controls it ({c['kind']})" for c in step.get("controls", [])
    ]
    word = "in all" if step.get("aggregate", True) else "the largest"
    total = f"{word} {_percent(step['share']['low'], step['share']['high'])}"
    return f"{who}: {step['status']} under {step['rule']}: " + "; ".join(parts) + f" ({total})"


def assemble(steps: Callable[[str], Step | None], key: str, limit: int = MAX_CHAIN) -> dict[str, Any]:
    """A verdict with its chain, from each entity's own step: the entity, then each owner or controller it
    counts, depth first, each entity once (one met again, by another path or round a cycle, is named in the
    line that counts it), at most ``limit`` of them.

    Args:
        steps: an entity's step under the rule (None: it has none, i.e. it is not blocked).
        key: the entity.

    Returns:
        ``rule``, ``rule_version``, ``rule_title``, ``authority``, ``as_of``, ``status``, ``share``,
        ``steps`` (each with its ``depth``), ``lines`` (the chain in words) and ``complete`` (False: cut at ``limit``).
    """
    top = steps(key)
    if top is None:
        raise KeyError(key)
    out: list[Step] = []
    lines: list[str] = []
    shown: set[str] = set()
    stack = [(0, key)]
    complete = True
    while stack:
        depth, node = stack.pop()
        if node in shown:
            continue
        step = steps(node)
        if step is None:
            continue
        if len(out) >= limit:
            complete = False
            break
        shown.add(node)
        out.append({**step, "depth": depth})
        lines.append("  " * depth + step_line(step))
        if step["status"] == "designated":
            continue
        upstream = [h["owner"] for h in step.get("holdings", [])] + [c["controller"] for c in step.get("controls", [])]
        stack.extend((depth + 1, owner) for owner in reversed(list(dict.fromkeys(upstream))) if owner not in shown)
    if not complete:
        lines.append(f"... more owners or controllers up the chain are not shown (the first {len(out)} are)")
    return {
        "rule": top["rule"],
        "rule_version": top.get("rule_version"),
        "rule_title": top.get("rule_title"),
        "authority": top.get("authority"),
        "as_of": top.get("as_of"),
        "status": top["status"],
        "share": top["share"],
        "steps": out,
        "lines": lines,
        "complete": complete,
    }


@dataclass(slots=True)
class Owned:
    """The last computation's blocked entities: their screening index, and each entity's step under each rule.

    Attributes:
        index: the screening index of the blocked entities that are on no list.
        steps: rule name to node key (a party id, or ``dataset:id``) to its step: every blocked, possibly
            blocked and designated node (what a chain is assembled from).
        entities: the entities of the index, by key (:meth:`~embargo.model.Entity.to_dict`'s form).
        generation: the computation's number (:func:`embargo.store.ownership.generation`).
    """

    index: ListIndex
    steps: dict[str, dict[str, Step]]
    entities: dict[str, dict[str, Any]]
    generation: int
    _made: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def verdicts(self, key: str) -> list[dict[str, Any]]:
        """The verdicts, with their chains, of each rule that blocks (or possibly blocks) ``key``; [] if none."""
        found = self._made.get(key)
        if found is None:
            found = [
                assemble(by_node.get, key)
                for _, by_node in sorted(self.steps.items(), key=lambda kv: _RULE_ORDER.get(kv[0], 9))
                if by_node.get(key, {}).get("status") in BLOCKING
            ]
            if len(self._made) > 10_000:  # a server screens for days: keep the cache bounded
                self._made.clear()
            self._made[key] = found
        return found


#: The statuses a hit is made of.
BLOCKING = frozenset({"blocked", "possibly blocked"})
_RULE_ORDER = {"ofac": 0, "eu": 1, "uk": 2}


def owned_index_path(store: Store, generation: int) -> Path:
    """Where the screening index of a computation's blocked entities is kept (beside the lists' indexes)."""
    return index_dir(store) / f"ownership-{generation}.idx"


def load_owned(store: Store) -> Owned | None:
    """The store's last ownership computation (None: never computed, or nothing blocked)."""
    with store.reading("the ownership results") as conn:
        number = stored.generation(conn)
        rows = stored.results(conn) if number else []
    if not any(row.status in BLOCKING for row in rows):
        return None
    steps: dict[str, dict[str, Step]] = defaultdict(dict)
    entities: dict[str, dict[str, Any]] = {}
    for row in rows:
        steps[row.rule][row.node] = row.step
        if row.entity:
            entities[row.node] = row.entity
    try:
        index = ListIndex.load(owned_index_path(store, number))
    except StoreError:  # missing or from another version of embargo: made again from the stored results
        index = build_index(OWNERSHIP_LIST, number, (Entity.from_dict(e) for e in entities.values()))
    return Owned(index, dict(steps), entities, number)


def owned_designations(hit: Hit) -> list[Designation]:
    """An entity blocked by ownership as designations, one per rule: what filters on measures and the API's
    ``sanctions`` read.

    ``blocked`` has the asset freeze of the designations it follows; ``possibly blocked`` has no measure (a
    share not known well enough: a reviewer decides).
    """
    out = []
    for verdict in hit.ownership:
        blocked = verdict["status"] == "blocked"
        out.append(
            Designation(
                id=f"{hit.entity_id}-ownership-{verdict['rule']}",
                list=OWNERSHIP_LIST,
                authority=str(verdict.get("authority") or verdict["rule"]),
                program=f"{verdict['status']} by ownership or control ({verdict['rule']} rule)",
                measures=["asset_freeze"] if blocked else [],
                reason="; ".join(line.strip() for line in verdict["lines"]),
                source_id=str(hit.source_id) if hit.source_id else None,
            )
        )
    return out
