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

Blocking only grows with a designation or a new link, which therefore only
spread (a new link from an owner already taken up is counted like one more
holding). A delisting (:meth:`Propagation.undesignate`) or a removed link can
take blocking back, and a cycle of blocked entities would keep itself blocked
if its members were only counted again. So each entity blocked or possibly so
carries a stamp, the time it was taken up, and after a removal an entity keeps
its status only if owners and controllers stamped *before* it uphold it (a
chain of such supports goes back in time to designated parties, so no cycle
upholds itself). Starting from the assets of the removed links (or the delisted
parties), an entity not upheld joins the *region* and its assets are checked in
turn; the region is cleared, every entity checked is counted again from the
owners taken up outside it, and the worklist spreads from there. The result is
the one a propagation from scratch on the new links gives, at a cost bounded by
the entities checked and what the spread reaches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from embargo.errors import QueryError
from embargo.ownership.links import NONE, Control, Ownership, Share
from embargo.ownership.rules import Rule

__all__ = [
    "BLOCKED",
    "DESIGNATED",
    "MAX_CHAIN",
    "NOT_BLOCKED",
    "POSSIBLY",
    "Propagation",
    "Verdict",
    "one_holding_per_pair",
]

DESIGNATED, BLOCKED, POSSIBLY, NOT_BLOCKED = "designated", "blocked", "possibly blocked", "not blocked"

#: The most entities a chain shows (:meth:`Propagation.chain`): the rest are counted in the last line of
#: :meth:`Propagation.explain` (a company of a dense register may have thousands of blocked owners above it).
MAX_CHAIN = 60


def _percent(total: float) -> float:
    """A sum of shares as compared with a threshold: at most 100, rounded to 1e-9 so that the order in which
    shares were added cannot decide (0.1 + 0.2 + 49.7 is 50.00000000000001 one way and 50.0 another)."""
    return round(min(100.0, total), 9)


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
    return [_merged(found) for found in pairs.values()]


def _merged(found: list[Ownership]) -> Ownership:
    """The one holding that records of one pair make (a single record is itself)."""
    if len(found) == 1:
        return found[0]
    first = found[0]
    share = Share(min(x.share.low for x in found), max(x.share.high for x in found))
    sources = "; ".join(dict.fromkeys(x.source for x in found if x.source))
    starts = [x.start for x in found if x.start]
    return Ownership(first.owner, first.asset, share, min(starts) if starts else None, None, sources)


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
        ownerships: every ownership link (those not active on ``as_of`` are left out); read once, when the
            propagation is made: later changes go through :meth:`change`.
        controls: every control link (likewise; counted only under a rule where control blocks).
        as_of: ISO date (None: the links that have not ended).

    Attributes:
        recomputed: how many entities the last :meth:`change` or :meth:`undesignate` cleared and counted again
            (its region).
    """

    rule: Rule
    ownerships: Iterable[Ownership]
    controls: Iterable[Control] = ()
    as_of: str | None = None
    designated: set[str] = field(default_factory=set)
    certain: set[str] = field(default_factory=set)
    possible: set[str] = field(default_factory=set)
    recomputed: int = field(default=0, init=False)
    _owned: dict[str, list[Ownership]] = field(default_factory=lambda: defaultdict(list))
    _controlled: dict[str, list[Control]] = field(default_factory=lambda: defaultdict(list))
    _holders: dict[str, list[Ownership]] = field(default_factory=lambda: defaultdict(list))
    _controllers: dict[str, list[Control]] = field(default_factory=lambda: defaultdict(list))
    _low: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _high: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _done_low: set[str] = field(default_factory=set)
    _done_high: set[str] = field(default_factory=set)
    # the active records of the pairs that have several (merged into one holding), to merge them again on a change
    _records: dict[tuple[str, str], list[Ownership]] = field(default_factory=dict)
    # when each entity blocked or possibly so was last taken (designated, or its status raised): see _upheld
    _stamp: dict[str, int] = field(default_factory=dict, init=False)
    _clock: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        pairs: dict[tuple[str, str], list[Ownership]] = defaultdict(list)
        for link in self.ownerships:
            if link.active(self.as_of) and link.owner != link.asset:
                pairs[(link.owner, link.asset)].append(link)
        merged = []
        for pair, found in pairs.items():
            if len(found) > 1:
                self._records[pair] = found
            merged.append(_merged(found))
        del pairs  # before the adjacency is built: the pairs of a large graph weigh more than its links
        for link in merged:
            self._link(link)
        if self.rule.control:
            for c in self.controls:
                if c.active(self.as_of) and c.controller != c.asset:
                    self._controlled[c.controller].append(c)
                    self._controllers[c.asset].append(c)

    def _link(self, link: Ownership) -> None:
        self._owned[link.owner].append(link)
        self._holders[link.asset].append(link)

    def designate(self, parties: Iterable[str]) -> set[str]:
        """Add designated parties and spread from them alone; the entities that became blocked or possibly so."""
        fresh = [p for p in dict.fromkeys(parties) if p not in self.designated]
        reached = {p for p in fresh if p not in self.possible}
        self.designated.update(fresh)
        for p in fresh:
            self.certain.add(p)
            self.possible.add(p)
            self._clock += 1
            self._stamp[p] = self._clock
        self._spread(fresh, reached, set())
        return reached

    def undesignate(self, parties: Iterable[str]) -> set[str]:
        """Take parties off the designated (a delisting) and recompute what they reached.

        A delisted party may stay blocked through its own owners. Only the region downstream of
        the parties is recomputed (see the module's docstring).

        Returns:
            The entities whose status changed (the delisted parties among them).
        """
        gone = [p for p in dict.fromkeys(parties) if p in self.designated]
        self.designated.difference_update(gone)
        return self._recompute(gone, dict.fromkeys(gone, DESIGNATED), ())

    def change(
        self, added: Iterable[Ownership | Control] = (), removed: Iterable[Ownership | Control] = ()
    ) -> set[str]:
        """Apply new and removed links, and recompute only what they can reach.

        Links are read as in the constructor: those not active on ``as_of`` are left out, control
        links count only under a rule where control blocks, and the records of one (owner, asset)
        pair that hold together are merged again into one holding. A changed share is its old
        record removed and its new one added. Removals are applied before additions.

        Returns:
            The entities whose status changed.

        Raises:
            QueryError: a removed link (active, counted under the rule) is not in the graph; nothing
                is changed then.
        """
        added, removed = list(added), list(removed)
        new_owns = [x for x in added if isinstance(x, Ownership) and self._counts(x)]
        new_ctrls = [x for x in added if isinstance(x, Control) and self._counts(x)]
        old_owns = [x for x in removed if isinstance(x, Ownership) and self._counts(x)]
        old_ctrls = [x for x in removed if isinstance(x, Control) and self._counts(x)]
        plan = self._plan(new_owns, old_owns)
        self._check_controls(old_ctrls)
        # apply to the adjacency; what no longer counts seeds the region, what is new is counted after
        seeds: list[str] = []
        fresh: list[Ownership | Control] = []
        for (owner, asset), (old, records) in plan.items():
            new = _merged(records) if records else None
            if len(records) > 1:
                self._records[(owner, asset)] = records
            else:
                self._records.pop((owner, asset), None)
            if old == new:
                continue
            if old is not None:
                self._owned[owner].remove(old)
                self._holders[asset].remove(old)
                if owner in self.possible:
                    seeds.append(asset)
            if new is not None:
                self._link(new)
                fresh.append(new)
        for c in old_ctrls:
            self._controlled[c.controller].remove(c)
            self._controllers[c.asset].remove(c)
            if c.controller in self.possible:
                seeds.append(c.asset)
        for c in new_ctrls:
            self._controlled[c.controller].append(c)
            self._controllers[c.asset].append(c)
            fresh.append(c)
        return self._recompute(seeds, {}, fresh)

    def _counts(self, link: Ownership | Control) -> bool:
        """Whether ``link`` counts: active on ``as_of``, not a self-link, control only under a rule of control."""
        if isinstance(link, Control):
            return self.rule.control and link.controller != link.asset and link.active(self.as_of)
        return link.owner != link.asset and link.active(self.as_of)

    def _plan(
        self, added: list[Ownership], removed: list[Ownership]
    ) -> dict[tuple[str, str], tuple[Ownership | None, list[Ownership]]]:
        """Each changed pair's holding now and its records after the change (the adjacency is not touched)."""
        plan: dict[tuple[str, str], tuple[Ownership | None, list[Ownership]]] = {}

        def records(owner: str, asset: str) -> list[Ownership]:
            pair = (owner, asset)
            if pair not in plan:
                old = self._holding(owner, asset)
                plan[pair] = (old, list(self._records.get(pair, [old] if old is not None else [])))
            return plan[pair][1]

        for link in removed:
            found = records(link.owner, link.asset)
            if link not in found:
                raise QueryError(f"cannot remove a holding that is not in the graph: {link}")
            found.remove(link)
        for link in added:
            records(link.owner, link.asset).append(link)
        return plan

    def _holding(self, owner: str, asset: str) -> Ownership | None:
        """The holding of ``owner`` in ``asset``, looked up from the shorter side."""
        out, into = self._owned.get(owner, ()), self._holders.get(asset, ())
        if len(out) <= len(into):
            return next((x for x in out if x.asset == asset), None)
        return next((x for x in into if x.owner == owner), None)

    def _check_controls(self, removed: list[Control]) -> None:
        need: dict[Control, int] = defaultdict(int)
        for c in removed:
            need[c] += 1
            if self._controlled.get(c.controller, []).count(c) < need[c]:
                raise QueryError(f"cannot remove a control link that is not in the graph: {c}")

    def _recompute(
        self, seeds: Iterable[str], before: dict[str, str], fresh: Iterable[Ownership | Control]
    ) -> set[str]:
        """Find the region the change undoes, clear it, count it and the entities it held again, spread.

        Args:
            seeds: the entities a removed link or a delisting may have taken something from.
            before: statuses to report changes against, for entities whose status already moved.
            fresh: the links added.
        """
        region: set[str] = set()
        checked: set[str] = set()
        work = [s for s in seeds if s not in self.designated]
        while work:
            entity = work.pop()
            if entity in region:
                continue
            before.setdefault(entity, self.status(entity))
            checked.add(entity)
            if entity not in self.possible or self._upheld(entity, region):
                continue
            region.add(entity)
            work.extend(x.asset for x in self._owned.get(entity, ()) if x.asset not in self.designated)
            work.extend(c.asset for c in self._controlled.get(entity, ()) if c.asset not in self.designated)
        self.recomputed = len(region)
        for entity in region:
            self.certain.discard(entity)
            self.possible.discard(entity)
            self._done_low.discard(entity)
            self._done_high.discard(entity)
            del self._stamp[entity]
        return self._recount(checked, before, fresh)

    def _upheld(self, entity: str, region: set[str]) -> bool:
        """Whether ``entity`` keeps its status on its owners and controllers outside ``region`` taken up before it.

        Only those taken up (stamped) earlier count: an entity's status then rests on a chain that goes
        back in time to designated parties, so a cycle of entities cannot uphold itself.
        """
        aggregate, reaches = self.rule.aggregate, self.rule.reaches
        when = self._stamp[entity]
        low = high = 0.0
        sure = maybe = False
        for link in self._holders.get(entity, ()):
            owner = link.owner
            if self._stamp.get(owner, when) < when and owner not in region:
                high = high + link.share.high if aggregate else max(high, link.share.high)
                if owner in self.certain:
                    low = low + link.share.low if aggregate else max(low, link.share.low)
        for c in self._controllers.get(entity, ()):
            if self._stamp.get(c.controller, when) < when and c.controller not in region:
                maybe = True
                sure = sure or c.controller in self.certain
        maybe = maybe or reaches(_percent(high))
        return maybe and (sure or reaches(_percent(low)) or entity not in self.certain)

    def _recount(self, checked: set[str], before: dict[str, str], fresh: Iterable[Ownership | Control]) -> set[str]:
        """Count the checked entities again from their owners taken up, add the fresh links out of them, spread."""
        aggregate, reaches = self.rule.aggregate, self.rule.reaches
        work: list[str] = []
        reached: set[str] = set()
        firmed: set[str] = set()
        # an owner is counted as the spread counts it: its low end once taken up as certainly blocked
        # (done low), its high end once as possibly (done high); one of the region is counted when it is taken up again
        for entity in checked:
            low = high = 0.0
            for link in self._holders.get(entity, ()):
                if link.owner in self._done_high:
                    high = high + link.share.high if aggregate else max(high, link.share.high)
                    if link.owner in self._done_low:
                        low = low + link.share.low if aggregate else max(low, link.share.low)
            sure = maybe = False
            for c in self._controllers.get(entity, ()):
                maybe = maybe or c.controller in self._done_high
                sure = sure or c.controller in self._done_low
            self._high.pop(entity, None)
            self._low.pop(entity, None)
            if high:
                self._high[entity] = high
            if low:
                self._low[entity] = low
            self._take(entity, sure or reaches(_percent(low)), maybe or reaches(_percent(high)), work, reached, firmed)
        for x in fresh:
            if x.asset in checked or x.asset in self.designated:
                continue  # counted above, or not counted at all
            if isinstance(x, Control):
                if x.controller in self._done_high:
                    self._take(x.asset, x.controller in self._done_low, True, work, reached, firmed)
                continue
            if x.owner not in self._done_high:
                continue  # counted when (if) the owner is taken up
            asset = x.asset
            if x.owner in self._done_low:
                self._low[asset] = self._low[asset] + x.share.low if aggregate else max(self._low[asset], x.share.low)
            self._high[asset] = self._high[asset] + x.share.high if aggregate else max(self._high[asset], x.share.high)
            low_in, high_in = reaches(_percent(self._low[asset])), reaches(_percent(self._high[asset]))
            self._take(asset, low_in, high_in, work, reached, firmed)
        self._spread(work, reached, firmed)
        changed = {e for e in checked if self.status(e) != before[e]}
        changed.update(e for e in reached | firmed if e not in checked)
        return changed

    def _spread(self, work: list[str], reached: set[str], firmed: set[str]) -> None:
        """Take up the owners of ``work`` (each at most once as possibly, once as certainly blocked)."""
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
                low_in, high_in = reaches(_percent(self._low[asset])), reaches(_percent(self._high[asset]))
                self._take(asset, low_in, high_in, work, reached, firmed)
            for c in self._controlled.get(owner, ()):
                if c.asset not in self.designated:
                    self._take(c.asset, sure, True, work, reached, firmed)

    def _take(self, asset: str, sure: bool, maybe: bool, work: list[str], reached: set[str], firmed: set[str]) -> None:
        """Mark ``asset`` blocked or possibly so; ``reached``: newly possibly blocked, ``firmed``: newly blocked."""
        if sure and asset not in self.certain:
            if asset not in self.possible:
                reached.add(asset)
            else:
                firmed.add(asset)
            self.certain.add(asset)
            self.possible.add(asset)
            work.append(asset)
        elif maybe and asset not in self.possible:
            reached.add(asset)
            self.possible.add(asset)
            work.append(asset)
        else:
            return
        self._clock += 1
        self._stamp[asset] = self._clock

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
            (link for link in self._holders.get(entity, ()) if link.owner in self.possible),
            key=lambda link: (-link.share.high, link.owner),
        )
        # by controller, then as given: the same whatever order the links came in (a change appends)
        controls = tuple(
            sorted(
                (c for c in self._controllers.get(entity, ()) if c.controller in self.possible),
                key=lambda c: (c.controller, c.kind, c.start or "", c.end or "", c.source),
            )
        )
        share = NONE
        for link in holdings:
            blocked = link.owner in self.certain
            part = Share(link.share.low if blocked else 0.0, link.share.high)
            share = share + part if self.rule.aggregate else max(share, part, key=lambda s: (s.low, s.high))
        return Verdict(entity, self.status(entity), share, tuple(holdings), controls)

    def chain(self, entity: str, limit: int | None = None) -> list[tuple[int, Verdict]]:
        """The verdict of an entity, then of each blocked owner or controller it counts, up to the designated ones.

        Depth first, the largest holdings first. Each entity is shown once: an owner met again (by another
        path, or round a cycle) is named in the line that counts it, not followed twice, so the chain is at
        most the entities above the entity, whatever the number of paths between them (in a dense register
        they are exponential).

        Args:
            limit: the most verdicts given (None: :data:`MAX_CHAIN`).

        Returns:
            (depth, verdict) pairs, the entity at depth 0.
        """
        return self._walk(entity, MAX_CHAIN if limit is None else limit)[0]

    def _walk(self, entity: str, limit: int | None) -> tuple[list[tuple[int, Verdict]], int]:
        """The chain's first ``limit`` verdicts (None: all), and how many it has (-1: not counted past the limit)."""
        out: list[tuple[int, Verdict]] = []
        shown: set[str] = set()
        stack = [(0, entity)]
        while stack:
            depth, eid = stack.pop()
            if eid in shown:
                continue
            if limit is not None and len(out) >= limit:
                return out, -1
            shown.add(eid)
            verdict = self.verdict(eid)
            out.append((depth, verdict))
            if verdict.status == DESIGNATED:
                continue
            upstream = [link.owner for link in verdict.holdings] + [c.controller for c in verdict.controls]
            stack.extend((depth + 1, owner) for owner in reversed(list(dict.fromkeys(upstream))) if owner not in shown)
        return out, len(out)

    def explain(self, entity: str, names: Mapping[str, str] | None = None) -> list[str]:
        """The chain in words, one line per entity, indented by depth.

        Args:
            names: id to name, to write parties by name (with the id in brackets).
        """

        def said(eid: str) -> str:
            name = (names or {}).get(eid)
            return f"{name} [{eid}]" if name else eid

        lines = []
        found, count = self._walk(entity, MAX_CHAIN)
        complete = count >= 0
        for depth, v in found:
            if v.status == DESIGNATED:
                lines.append("  " * depth + f"{said(v.entity)}: designated")
                continue
            parts = [f"{said(link.owner)} holds {link.share}" + _period(link) for link in v.holdings]
            parts += [f"{said(c.controller)} controls it ({c.kind})" for c in v.controls]
            total = f"{'in all' if self.rule.aggregate else 'the largest'} {v.share}"
            line = f"{said(v.entity)}: {v.status} under {self.rule.name}: " + "; ".join(parts) + f" ({total})"
            lines.append("  " * depth + line)
        if complete is False:
            lines.append(f"... more owners or controllers up the chain are not shown (the first {len(found)} are)")
        return lines


def _period(link: Ownership) -> str:
    if link.start and link.end:
        return f" (from {link.start} to {link.end})"
    if link.start:
        return f" (since {link.start})"
    return f" (until {link.end})" if link.end else ""
