"""Cross-list entity resolution: which listed entities, on different lists, are one party.

Two entities of different lists are linked when they share

- a UN reference, or an identifier that identifies its holder alone
  (:mod:`embargo.parties.evidence`), and no list gives that value to two of
  its own entities (then it identifies no one alone); or
- (persons) a birth date given to the day, with names that agree strongly:
  aligning one's names with the other's, by embargo's matcher in every
  script, gives a name score of :data:`NAME_AGREEMENT` or more
  (:data:`NAME_AGREEMENT_WITH_NATIONALITY` when they share a nationality too).

A link is *blocked* (kept, with the reason, but not joining) when the two
are of different kinds (a person and a company); for a shared identifier,
when both give birth dates and none agrees with or is a slip of (a day, a
month or a year off, day and month swapped) one of the other's; for names
with a birth date, when both give nationalities and none is shared.
Evidence between two entities of one list is not looked for (a publisher
lists a party once, or twice on purpose); two such entities may still be
one party through a third list, which is how a list's own duplicates show.
An administrator's judgement (:mod:`embargo.parties.judge`) overrides all
of this: ``same`` links two entities whatever the evidence, ``different``
keeps them apart even when others link them (links are joined strongest
first, and a join that would put two entities judged different into one
party is not made).

Each party of two or more entities has an id of its own (``party-`` and 12
hex digits), kept from one resolution to the next: a party keeps the id
most of its entities had, so alerts and decisions that name it still do
after a list update. An entity alone is a party under its own id.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations

from embargo.index import ListIndex, load_version_index
from embargo.matching.algorithm import best_name_match
from embargo.matching.features import date_agreement
from embargo.names import AnalyzedName, load_symbol_table
from embargo.parties.evidence import Facts, facts_of
from embargo.store import Store
from embargo.store.parties import Judgement, PartyLink, judgements, party_map, replace_resolution

__all__ = ["NAME_AGREEMENT", "NAME_AGREEMENT_WITH_NATIONALITY", "Resolution", "resolve_parties"]

#: The name score (0-1, :class:`embargo.matching.MatchResult.name_score`) at which two persons born on one
#: day are one party. Screening alerts at a lower score; linking two listings asks for names that agree
#: as well as one listing's own aliases agree with each other.
NAME_AGREEMENT = 0.9
#: The name score enough when the two persons also share a nationality: more evidence, a lower bar for the
#: names (a Korean or Chinese name agreeing syllable by syllable scores 0.88 at most, being widely shared).
NAME_AGREEMENT_WITH_NATIONALITY = 0.85
#: Kinds of evidence, strongest first (the order links are joined in).
KINDS = ("judgement", "un_reference", "identifier", "name_birth_date")


@dataclass(slots=True)
class Resolution:
    """What one resolution found.

    Attributes:
        covered: entities of the current versions.
        parties: parties of two or more entities.
        members: entities in those parties.
        links: evidence by kind, counting linked pairs only.
        blocked: pairs kept apart (a judgement, conflicting facts).
        changed: whether a party changed since the last resolution.
        seconds: time taken.
    """

    covered: int = 0
    parties: int = 0
    members: int = 0
    links: Counter[str] = field(default_factory=Counter)
    blocked: int = 0
    changed: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the CLI."""
        kinds = ", ".join(f"{n:,} by {k.replace('_', ' ')}" for k, n in sorted(self.links.items()))
        join = "party joins" if self.parties == 1 else "parties join"
        return (
            f"parties: {self.parties:,} {join} {self.members:,} of {self.covered:,} listed entities"
            + (f" ({kinds})" if kinds else "")
            + (f"; {self.blocked:,} pairs kept apart" if self.blocked else "")
            + f" [{self.seconds:.1f} s]"
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {
            "covered": self.covered,
            "parties": self.parties,
            "members": self.members,
            "links": dict(self.links),
            "blocked": self.blocked,
            "changed": self.changed,
            "seconds": round(self.seconds, 2),
        }


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _dates_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both give birth dates and no two of them agree or differ without conflicting (one day, one year apart...)."""
    if not a or not b:
        return False
    return all(date_agreement(x, y)[0] == "conflict" for x in a for y in b)


def _conflict(a: Facts, b: Facts, kind: str) -> str | None:
    """Why two entities cannot be one party whatever they share (None: nothing against it).

    A UN reference names one UN listing: only two kinds of party contradict it (lists copy the
    UN's dates with slips). A shared identifier is contradicted by birth dates that conflict
    (two dates a day, a month or a year apart, or with day and month swapped, do not: lists'
    slips). Names with one birth date are contradicted by nationalities that differ as well.
    """
    if a.kind != b.kind:
        return f"{_article(a.kind)} {a.kind} and {_article(b.kind)} {b.kind}"
    if kind == "identifier" and _dates_conflict(a.birth_dates, b.birth_dates):
        return f"birth dates differ ({', '.join(sorted(a.birth_dates))} and {', '.join(sorted(b.birth_dates))})"
    if kind == "name_birth_date" and a.nationalities and b.nationalities and not a.nationalities & b.nationalities:
        return f"nationalities differ ({', '.join(sorted(a.nationalities))} and {', '.join(sorted(b.nationalities))})"
    return None


class _Links:
    """Evidence found so far, one record per pair and kind (the first found is kept)."""

    def __init__(self, facts: dict[str, Facts]) -> None:
        self.facts = facts
        self.found: dict[tuple[str, str, str], PartyLink] = {}

    def add(self, a: str, b: str, kind: str, detail: str, check: bool = True) -> None:
        x, y = _pair(a, b)
        if (x, y, kind) in self.found:
            return
        why = _conflict(self.facts[x], self.facts[y], kind) if check else None
        status, text = ("blocked", f"{detail}; but {why}") if why else ("linked", detail)
        self.found[(x, y, kind)] = PartyLink(x, y, kind, status, text)


def _shared_keys(facts: dict[str, Facts], links: _Links) -> None:
    """Link entities of different lists that share an identifier or a UN reference no list gives twice."""
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    words: dict[tuple[str, str, str], str] = {}
    for f in facts.values():
        for key, text in f.identifiers:
            holders[("identifier", key)].append(f.entity_id)
            words[("identifier", key, f.entity_id)] = text
        for ref in f.un_references:
            holders[("un_reference", ref)].append(f.entity_id)
            words[("un_reference", ref, f.entity_id)] = f"UN reference {ref}"
    for (kind, key), ids in sorted(holders.items()):
        lists = Counter(facts[i].list_name for i in ids)
        if len(lists) < 2 or max(lists.values()) > 1:
            continue  # on one list only, or given to two parties by one list: it identifies no one alone
        for a, b in combinations(sorted(ids), 2):
            said = dict.fromkeys((words[(kind, key, a)], words[(kind, key, b)]))
            links.add(a, b, kind, "both listed with " + " and ".join(said))  # a passport here, an id number there


def _namesakes_born_same_day(
    facts: dict[str, Facts], names: Callable[[str], list[AnalyzedName]], tick: Callable[[], None], links: _Links
) -> None:
    """Link persons of different lists born on the same day whose names agree strongly.

    Each pair of such persons is compared by the matcher's name alignment of the names their
    lists' indexes hold (every name of one against every name of the other, in any script, each
    side read as the query in turn), not by a search of the whole lists.
    """
    by_date: dict[str, list[str]] = defaultdict(list)
    for f in facts.values():
        for d in f.birth_dates:
            by_date[d].append(f.entity_id)
    for date, ids in sorted(by_date.items()):
        if len({facts[i].list_name for i in ids}) < 2:
            continue
        for a, b in combinations(sorted(ids), 2):
            fa, fb = facts[a], facts[b]
            if fa.list_name == fb.list_name:
                continue
            tick()
            ours, theirs = names(a), names(b)
            if not ours or not theirs:
                continue
            # either way round: a list's shorter name ("SIVAKOV, Yury") is met by the other's longer one
            # as a query is, not the other way round
            shared = sorted(fa.nationalities & fb.nationalities)
            bar = NAME_AGREEMENT_WITH_NATIONALITY if shared else NAME_AGREEMENT
            found = [best_name_match(x, y, floor=bar) for x, y in ((ours, theirs), (theirs, ours))]
            match = max((m for m in found if m is not None), key=lambda m: m.score, default=None)
            if match is None or match.score < bar:
                continue
            detail = (
                f"names agree ({match.score:.2f}: {match.query.original!r} and {match.listed.original!r}), "
                f"both born {date}" + (f", nationality {', '.join(shared)}" if shared else "")
            )
            links.add(a, b, "name_birth_date", detail)


class _IndexedNames:
    """The analyzed names of listed entities, as their versions' indexes hold them (nothing analyzed again)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.where: dict[str, tuple[ListIndex, int]] | None = None

    def _open(self) -> dict[str, tuple[ListIndex, int]]:
        where: dict[str, tuple[ListIndex, int]] = {}
        for info in self.store.view().lists():
            if info.current is not None:
                index = load_version_index(self.store, info.current)
                load_symbol_table(index.symbol_table)
                for eid in range(index.entity_count):
                    where[index.entity_id(eid)] = (index, eid)
        return where

    def __call__(self, entity_id: str) -> list[AnalyzedName]:
        if self.where is None:
            self.where = self._open()
        found = self.where.get(entity_id)
        if found is None:
            return []
        index, eid = found
        return [index.name(nid) for nid in index.entity_names(eid)]


def _latest_judgements(found: Iterable[Judgement]) -> dict[tuple[str, str], Judgement]:
    latest: dict[tuple[str, str], Judgement] = {}
    for j in found:
        latest[_pair(j.entity_a, j.entity_b)] = j
    return latest


class _Parties:
    """Union-find over entity ids, refusing a join that would put two entities judged different together."""

    def __init__(self, apart: set[tuple[str, str]]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.apart: dict[str, set[str]] = defaultdict(set)
        for a, b in apart:
            self.apart[a].add(b)
            self.apart[b].add(a)

    def find(self, x: str) -> str:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = {x}
            return x
        root = x
        while root != self.parent[root]:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            nxt = self.parent[x]
            self.parent[x] = root
            x = nxt
        return root

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, big = sorted((ra, rb), key=lambda r: len(self.members[r]))
        if any(self.apart[m] & self.members[big] for m in self.members[small]):
            return False
        self.parent[small] = big
        self.members[big] |= self.members.pop(small)
        return True

    def groups(self) -> list[list[str]]:
        return [sorted(m) for m in self.members.values() if len(m) > 1]


def _new_id(members: list[str], taken: set[str]) -> str:
    digest = hashlib.sha1("\n".join(members).encode("utf-8")).hexdigest()
    n = 0
    while True:
        pid = "party-" + (digest[:12] if n == 0 else hashlib.sha1(f"{digest}{n}".encode()).hexdigest()[:12])
        if pid not in taken:
            return pid
        n += 1


def _assign_ids(groups: list[list[str]], prior: dict[str, str], taken: set[str]) -> dict[str, str]:
    """Party id of each member: the id most of a group's members had (the largest group first), else a new one."""
    members: dict[str, str] = {}
    used: set[str] = set()
    for group in sorted(groups, key=lambda g: (-len(g), g)):
        votes = Counter(prior[m] for m in group if m in prior)
        keep = next((pid for pid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if pid not in used), None)
        pid = keep if keep is not None else _new_id(group, taken | used)
        used.add(pid)
        for m in group:
            members[m] = pid
    return members


def resolve_parties(store: Store, progress: Callable[[int], None] | None = None) -> Resolution:
    """Resolve the parties of every list's current version and store them (one transaction).

    Args:
        progress: called with the pairs of persons compared so far, every 500, while names are compared.

    Returns:
        What was found, and whether a party changed.
    """
    started = time.perf_counter()
    view = store.view()
    facts: dict[str, Facts] = {}
    for info in view.lists():
        if info.current is not None:
            for text in view.iter_entity_json(info.current.id):
                found = facts_of(json.loads(text))
                facts[found.entity_id] = found
    with store.reading("the parties") as conn:
        prior = party_map(conn).members
        latest = _latest_judgements(judgements(conn))
    links = _Links(facts)
    for (a, b), j in sorted(latest.items()):
        if j.judgement == "same" and a in facts and b in facts:
            links.add(a, b, "judgement", f"judged the same party by {j.decided_by} ({j.decided_at}): {j.reason}", False)
    _shared_keys(facts, links)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % 500 == 0:
            progress(done)

    _namesakes_born_same_day(facts, _IndexedNames(store), tick, links)
    apart = {pair for pair, j in latest.items() if j.judgement == "different"}
    parties = _Parties(apart)
    result = Resolution(covered=len(facts))
    order = {kind: n for n, kind in enumerate(KINDS)}
    final: list[PartyLink] = []
    for key in sorted(links.found, key=lambda k: (order[k[2]], k)):
        link = links.found[key]
        if link.status == "linked" and not parties.join(link.entity_a, link.entity_b):
            judged = latest.get(_pair(link.entity_a, link.entity_b))
            why = f"judged different parties by {judged.decided_by}" if judged else "a judgement keeps them apart"
            link = PartyLink(link.entity_a, link.entity_b, link.kind, "blocked", f"{link.detail}; but {why}")
        final.append(link)
        if link.status == "linked":
            result.links[link.kind] += 1
        else:
            result.blocked += 1
    groups = parties.groups()
    members = _assign_ids(groups, prior, set(facts))
    result.parties = len(groups)
    result.members = sum(len(g) for g in groups)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    result.seconds = time.perf_counter() - started
    summary = json.dumps({**result.to_dict(), "resolved_at": now}, sort_keys=True)
    with store.transaction("another process is writing to it (the parties are resolved after it)") as conn:
        result.changed = replace_resolution(conn, members, final, facts, now, summary)
    result.seconds = time.perf_counter() - started
    return result
