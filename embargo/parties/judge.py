"""An administrator's splits and merges of parties, audited, and what a party is made of.

A merge records that two entities are the ``same`` party; a split records
that an entity is a ``different`` party from each other entity of its party.
Each is one transaction with its audit record (``party.merge``,
``party.split``: who, which entities, why), after which the parties are
resolved again (:func:`~embargo.parties.resolve.resolve_parties`), so that
screening and the API give the new parties at once. A judgement outlives
list updates: it is on the entities, whose ids are stable across versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from embargo.audit import append
from embargo.auth.principals import Principal, resolve_principal
from embargo.errors import NotFoundError, QueryError
from embargo.parties.resolve import Resolution, resolve_parties
from embargo.store import Store
from embargo.store.parties import Judgement, PartyLink, add_judgement, judgements, links_among, party_map

__all__ = ["Party", "merge", "party", "split"]


@dataclass(slots=True)
class Party:
    """A party as the store has it: its id, its entities, and the evidence on them.

    Attributes:
        id: the party's id (an entity's own id when it is alone).
        referents: its entity ids, sorted.
        links: every piece of evidence touching them, linked first.
    """

    id: str
    referents: tuple[str, ...]
    links: list[PartyLink]

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {"id": self.id, "referents": list(self.referents), "links": [link.to_dict() for link in self.links]}


def _entity(store: Store, ref: str) -> str:
    """The entity id ``ref`` names: an entity id, a publisher's record id, or a party id (its first entity)."""
    with store.reading("the parties") as conn:
        parties = party_map(conn)
    if parties.is_party(ref):
        return parties.referents(ref)[0]
    found = store.view().find(ref)
    if not found:
        raise NotFoundError(f"no listed entity or party {ref!r}")
    ids = {r.entity.id for r in found}
    if len(ids) > 1:
        raise QueryError(f"{ref!r} is the record id of {len(ids)} entities ({', '.join(sorted(ids))}): give one")
    return found[0].entity.id


def party(store: Store, ref: str) -> Party:
    """The party of an entity (by entity, record or party id), with its evidence.

    Raises:
        NotFoundError: no such entity or party.
    """
    entity_id = _entity(store, ref)
    with store.reading("the parties") as conn:
        parties = party_map(conn)
        pid = parties.party_of(entity_id)
        members = parties.referents(pid)
        return Party(pid, members, links_among(conn, members))


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise QueryError("a reason is required (it is kept in the audit log)")
    return text


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def merge(store: Store, first: str, second: str, reason: str | None, by: Principal | str) -> Resolution:
    """Judge two entities (or the parties they are in) one party; audited, then the parties are resolved again.

    Args:
        by: the principal judging (a :class:`Principal`, or the id or name of one); the caller checks its role.

    Raises:
        NotFoundError: an entity or party that does not exist.
        QueryError: no reason, or both are already one party.
        PermissionDenied: ``by`` is no principal of the store.
    """
    why = _reason(reason)
    a, b = _entity(store, first), _entity(store, second)
    with store.reading("the parties") as conn:
        parties = party_map(conn)
        apart = {(j.entity_a, j.entity_b) for j in _latest(judgements(conn)) if j.judgement == "different"}
    if parties.party_of(a) == parties.party_of(b):
        raise QueryError(f"{first} and {second} are one party already ({parties.party_of(a)})")
    # an earlier split between the two parties' entities is undone, or it would keep them apart
    undone = sorted(
        pair
        for x in parties.referents(parties.party_of(a))
        for y in parties.referents(parties.party_of(b))
        if (pair := (min(x, y), max(x, y))) in apart
    )
    with store.transaction() as conn:
        who = resolve_principal(conn, by)
        now = _now()
        for x, y in [(min(a, b), max(a, b)), *(p for p in undone if p != (min(a, b), max(a, b)))]:
            add_judgement(conn, x, y, "same", who.name, who.id, why, now)
        append(conn, who.name, "party.merge", {"entities": sorted((a, b)), "reason": why})
    return resolve_parties(store)


def _latest(found: list[Judgement]) -> list[Judgement]:
    """The newest judgement on each pair."""
    latest: dict[tuple[str, str], Judgement] = {}
    for j in found:
        latest[(j.entity_a, j.entity_b)] = j
    return list(latest.values())


def split(store: Store, entity: str, reason: str | None, by: Principal | str) -> Resolution:
    """Judge an entity a different party from every other entity of its party; audited, then resolved again.

    Args:
        by: the principal judging (a :class:`Principal`, or the id or name of one); the caller checks its role.

    Raises:
        NotFoundError: no such entity.
        QueryError: no reason, a party id (split names the entity that leaves), or an entity alone.
        PermissionDenied: ``by`` is no principal of the store.
    """
    why = _reason(reason)
    with store.reading("the parties") as conn:
        parties = party_map(conn)
    if parties.is_party(entity):
        raise QueryError(f"{entity} is a party: name the entity that leaves it")
    eid = _entity(store, entity)
    pid = parties.party_of(eid)
    others = [m for m in parties.referents(pid) if m != eid]
    if not others:
        raise QueryError(f"{entity} is a party alone: nothing to split")
    with store.transaction() as conn:
        who = resolve_principal(conn, by)
        now = _now()
        for other in others:
            add_judgement(conn, eid, other, "different", who.name, who.id, why, now)
        append(conn, who.name, "party.split", {"entity": eid, "party": pid, "from": others, "reason": why})
    return resolve_parties(store)
