"""Who is blocked by ownership or control under a rule: a propagation from the designated parties.

Each entity's share held by blocked owners is an interval: the low end sums
the low ends of the holdings of owners *certainly* blocked, the high end the
high ends of owners *possibly* blocked. An entity is

- ``blocked`` when the low end blocks under the rule (:meth:`Rule.reaches`),
- ``possibly blocked`` when only the high end does (a band such as 25-75%),
- not blocked otherwise.

Blocking spreads only through blocked entities: a holding through an entity
that is not blocked counts for nothing (OFAC FAQ 401's "indirectly"). Under a
rule that does not aggregate, the largest single holding decides, not the sum.
Under a rule where control blocks, an active control link from a blocked
controller blocks. The propagation is a worklist over the links: each owner is
taken up at most twice (possibly, then certainly blocked), so cycles end and
the work is linear in the links; designating one more party continues from it
alone (:meth:`Propagation.designate`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from embargo.ownership.links import NONE, Control, Ownership, Share
from embargo.ownership.rules import Rule

__all__ = ["BLOCKED", "DESIGNATED", "NOT_BLOCKED", "POSSIBLY", "Propagation", "Verdict", "one_holding_per_pair"]

DESIGNATED, BLOCKED, POSSIBLY, NOT_BLOCKED = "designated", "blocked", "possibly blocked", "not blocked"


def one_holding_per_pair(links: Iterable[Ownership]) -> list[Ownership]:
    """One holding per (owner, asset): several records of one pair that hold at once are one holding.

    Registers republish a holding as its share changes, and their records overlap (a
    holding of 50%, then 48%, then 51%, each from the same day): counted apart they would
    add up to more than the owner holds. Records that hold together are read as one
    holding whose share is the interval they span, with their sources joined.
    """
    pairs: dict[tuple[str, str], list[Ownership]] = defaultdict(list)
    for link in links:
        pairs[(link.owner, link.asset)].append(link)
    out = []
    for (owner, asset), found in pairs.items():
        if len(found) == 1:
            out.append(found[0])
            continue
        share = Share(min(x.share.low for x in found), max(x.share.high for x in found))
        sources = "; ".join(dict.fromkeys(x.source for x in found if x.source))
        starts = [x.start for x in found if x.start]
        out.append(Ownership(owner, asset, share, min(starts) if starts else None, None, sources))
    return out


@dataclass(frozen=True, slots=True)
class Verdict:
    """An entity's standing under a rule.

    Attributes:
        entity: its id.
        status: ``designated``, ``blocked``, ``possibly blocked`` or ``not blocked``.
        share: the share held by blocked owners (the sum, or the largest under a rule that does not aggregate).
        holdings: the holdings counted (blocked or possibly blocked owners), largest first.
        controls: the controls counted (blocked or possibly blocked controllers).
    """

    entity: str
    status: str
    share: Share
    holdings: tuple[Ownership, ...] = ()
    controls: tuple[Control, ...] = ()


@dataclass(slots=True)
class Propagation:
    """The blocked entities of an ownership graph under one rule, as of a date.

    Args:
        rule: the authority's test.
        ownerships: every ownership link (those not active on ``as_of`` are left out).
        controls: every control link (likewise; counted only under a rule where control blocks).
        as_of: ISO date (None: the links that have not ended).
    """

    rule: Rule
    ownerships: Iterable[Ownership]
    controls: Iterable[Control] = ()
    as_of: str | None = None
    designated: set[str] = field(default_factory=set)
    certain: set[str] = field(default_factory=set)
    possible: set[str] = field(default_factory=set)
    _owned: dict[str, list[Ownership]] = field(default_factory=lambda: defaultdict(list))
    _controlled: dict[str, list[Control]] = field(default_factory=lambda: defaultdict(list))
    _holders: dict[str, list[Ownership]] = field(default_factory=lambda: defaultdict(list))
    _controllers: dict[str, list[Control]] = field(default_factory=lambda: defaultdict(list))
    _low: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _high: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _done_low: set[str] = field(default_factory=set)
    _done_high: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for link in one_holding_per_pair(link for link in self.ownerships if link.active(self.as_of)):
            if link.owner != link.asset:
                self._owned[link.owner].append(link)
                self._holders[link.asset].append(link)
        if self.rule.control:
            for c in self.controls:
                if c.active(self.as_of) and c.controller != c.asset:
                    self._controlled[c.controller].append(c)
                    self._controllers[c.asset].append(c)

    def designate(self, parties: Iterable[str]) -> set[str]:
        """Add designated parties and spread from them alone; the entities that became blocked or possibly so."""
        fresh = [p for p in parties if p not in self.designated]
        reached = {p for p in fresh if p not in self.possible}
        self.designated.update(fresh)
        self._spread(fresh, reached)
        return reached

    def _spread(self, start: list[str], reached: set[str]) -> None:
        work = list(start)
        for p in start:
            self.certain.add(p)
            self.possible.add(p)
        aggregate, reaches = self.rule.aggregate, self.rule.reaches
        while work:
            owner = work.pop()
            sure = owner in self.certain
            if sure and owner in self._done_low:
                continue
            if not sure and owner in self._done_high:
                continue
            count_high = owner not in self._done_high
            self._done_high.add(owner)
            if sure:
                self._done_low.add(owner)
            for link in self._owned.get(owner, ()):
                asset = link.asset
                if asset in self.designated:
                    continue
                if sure:
                    low = link.share.low
                    self._low[asset] = self._low[asset] + low if aggregate else max(self._low[asset], low)
                if count_high:
                    high = link.share.high
                    self._high[asset] = self._high[asset] + high if aggregate else max(self._high[asset], high)
                low_in, high_in = reaches(min(100.0, self._low[asset])), reaches(min(100.0, self._high[asset]))
                self._take(asset, low_in, high_in, work, reached)
            for c in self._controlled.get(owner, ()):
                if c.asset not in self.designated:
                    self._take(c.asset, sure, True, work, reached)

    def _take(self, asset: str, sure: bool, maybe: bool, work: list[str], reached: set[str]) -> None:
        if sure and asset not in self.certain:
            if asset not in self.possible:
                reached.add(asset)
            self.certain.add(asset)
            self.possible.add(asset)
            work.append(asset)
        elif maybe and asset not in self.possible:
            reached.add(asset)
            self.possible.add(asset)
            work.append(asset)

    def status(self, entity: str) -> str:
        """``designated``, ``blocked``, ``possibly blocked`` or ``not blocked``."""
        if entity in self.designated:
            return DESIGNATED
        if entity in self.certain:
            return BLOCKED
        return POSSIBLY if entity in self.possible else NOT_BLOCKED

    def verdict(self, entity: str) -> Verdict:
        """An entity's standing, with the holdings and controls that make it."""
        holdings = sorted(
            (
                link
                for links in self._owned.values()
                for link in links
                if link.asset == entity and link.owner in self.possible
            ),
            key=lambda link: (-link.share.high, link.owner),
        )
        controls = tuple(
            c for cs in self._controlled.values() for c in cs if c.asset == entity and c.controller in self.possible
        )
        share = NONE
        for link in holdings:
            blocked = link.owner in self.certain
            part = Share(link.share.low if blocked else 0.0, link.share.high)
            share = share + part if self.rule.aggregate else max(share, part, key=lambda s: (s.low, s.high))
        return Verdict(entity, self.status(entity), share, tuple(holdings), controls)

    def chain(self, entity: str, seen: frozenset[str] = frozenset()) -> list[tuple[int, Verdict]]:
        """The verdict of an entity, then of each blocked owner or controller it counts, up to the designated ones.

        Returns:
            (depth, verdict) pairs, the entity at depth 0; an owner met again (a cycle) is not followed twice.
        """
        verdict = self.verdict(entity)
        out = [(0, verdict)]
        if verdict.status == DESIGNATED:
            return out
        upstream = [link.owner for link in verdict.holdings] + [c.controller for c in verdict.controls]
        for owner in dict.fromkeys(upstream):
            if owner in seen or owner == entity:
                continue
            out.extend((depth + 1, v) for depth, v in self.chain(owner, seen | {entity}))
        return out

    def explain(self, entity: str, names: Mapping[str, str] | None = None) -> list[str]:
        """The chain in words, one line per entity, indented by depth.

        Args:
            names: id to name, to write parties by name (with the id in brackets).
        """

        def said(eid: str) -> str:
            name = (names or {}).get(eid)
            return f"{name} [{eid}]" if name else eid

        lines = []
        for depth, v in self.chain(entity):
            if v.status == DESIGNATED:
                lines.append("  " * depth + f"{said(v.entity)}: designated")
                continue
            parts = [f"{said(link.owner)} holds {link.share}" + _period(link) for link in v.holdings]
            parts += [f"{said(c.controller)} controls it ({c.kind})" for c in v.controls]
            total = f"{'in all' if self.rule.aggregate else 'the largest'} {v.share}"
            line = f"{said(v.entity)}: {v.status} under {self.rule.name}: " + "; ".join(parts) + f" ({total})"
            lines.append("  " * depth + line)
        return lines


def _period(link: Ownership) -> str:
    if link.start and link.end:
        return f" (from {link.start} to {link.end})"
    if link.start:
        return f" (since {link.start})"
    return f" (until {link.end})" if link.end else ""
