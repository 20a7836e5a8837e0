"""Parties in the store: which listed entities are one party, the evidence, and administrators' judgements.

:mod:`embargo.parties` decides; this module keeps what it decided. Every
function runs on the caller's connection (inside its transaction). A party
of one entity has no row: its id is the entity's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from embargo.store import meta
from embargo.store.cases import regroup_open_alerts
from embargo.store.connection import Connection

__all__ = [
    "GENERATION_KEY",
    "RESOLVED_KEY",
    "SUMMARY_KEY",
    "Judgement",
    "PartyLink",
    "PartyMap",
    "add_judgement",
    "generation",
    "judgements",
    "last_summary",
    "links_among",
    "party_map",
    "replace_resolution",
    "resolved_at",
]

#: ``monitor_meta`` key counting the resolutions that changed a party (a server reloads its map when it moves).
GENERATION_KEY = "parties_generation"
#: ``monitor_meta`` key: when the parties were last resolved (UTC, ISO).
RESOLVED_KEY = "parties_resolved_at"
#: ``monitor_meta`` key: what the last resolution found (the resolver's JSON).
SUMMARY_KEY = "parties_summary"


@dataclass(frozen=True, slots=True)
class PartyLink:
    """Evidence that two entities are (``linked``) or were kept from being (``blocked``) one party.

    Attributes:
        entity_a: the smaller of the two ids.
        entity_b: the larger.
        kind: ``identifier``, ``un_reference``, ``name_birth_date`` or ``judgement``.
        status: ``linked`` or ``blocked``.
        detail: the evidence in words (``passport number MP1234567``).
    """

    entity_a: str
    entity_b: str
    kind: str
    status: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        """JSON-able form."""
        return {
            "entity_a": self.entity_a,
            "entity_b": self.entity_b,
            "kind": self.kind,
            "status": self.status,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Judgement:
    """An administrator's word on a pair of entities: the ``same`` party or ``different`` ones."""

    id: int
    entity_a: str
    entity_b: str
    judgement: str
    decided_by: str
    decided_by_id: str | None
    reason: str
    decided_at: str

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {
            "id": self.id,
            "entity_a": self.entity_a,
            "entity_b": self.entity_b,
            "judgement": self.judgement,
            "decided_by": self.decided_by,
            "reason": self.reason,
            "decided_at": self.decided_at,
        }


@dataclass(slots=True)
class PartyMap:
    """Entity id to party id, for the entities of parties of two or more.

    Attributes:
        members: entity id to party id.
        generation: the store's party generation this map was read at.
    """

    members: dict[str, str] = field(default_factory=dict)
    generation: int = 0
    _referents: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        groups: dict[str, list[str]] = {}
        for entity_id, party_id in self.members.items():
            groups.setdefault(party_id, []).append(entity_id)
        self._referents = {p: tuple(sorted(ids)) for p, ids in groups.items()}

    def party_of(self, entity_id: str) -> str:
        """The party id of an entity (its own id when it is a party alone)."""
        return self.members.get(entity_id, entity_id)

    def referents(self, party_id: str) -> tuple[str, ...]:
        """The entity ids of a party, sorted (``(party_id,)`` for an entity alone)."""
        return self._referents.get(party_id, (party_id,))

    def is_party(self, party_id: str) -> bool:
        """True for the id of a party of two or more entities."""
        return party_id in self._referents

    @property
    def parties(self) -> dict[str, tuple[str, ...]]:
        """Every party of two or more entities, with its entity ids."""
        return dict(self._referents)


def generation(conn: Connection) -> int:
    """How many resolutions have changed a party in this store (0: never resolved)."""
    value = meta.get(conn, GENERATION_KEY)
    return int(value) if value else 0


def party_map(conn: Connection) -> PartyMap:
    """Every stored party membership."""
    rows = conn.execute("SELECT entity_id, party_id FROM party_members").fetchall()
    return PartyMap({str(e): str(p) for e, p in rows}, generation(conn))


def replace_resolution(
    conn: Connection,
    members: Mapping[str, str],
    links: Iterable[PartyLink],
    kept: Iterable[str],
    now: str,
    summary: str = "{}",
) -> bool:
    """Store a resolution: the memberships of ``kept`` entities are replaced, the evidence is replaced whole.

    Args:
        members: entity id to party id, for the entities of parties of two or more.
        links: the evidence found.
        kept: the entities the resolution covered (the current versions'); rows of other entities
            (gone from their lists) are left as they were, for the alerts that name them.
        now: the time (UTC, ISO).
        summary: what the resolution found (JSON text, kept for :func:`last_summary`).

    Returns:
        True when a membership changed (the generation was counted up, and undecided alerts were
        put in the cases of their entities' parties now).
    """
    covered = set(kept)
    old = {str(e): str(p) for e, p in conn.execute("SELECT entity_id, party_id FROM party_members").fetchall()}
    since = {str(e): str(s) for e, s in conn.execute("SELECT entity_id, since FROM party_members").fetchall()}
    new = {e: p for e, p in old.items() if e not in covered}
    new.update(members)
    changed = new != old
    if changed:
        conn.execute("DELETE FROM party_members")
        conn.executemany(
            "INSERT INTO party_members (entity_id, party_id, since) VALUES (?, ?, ?)",
            [(e, p, since[e] if old.get(e) == p else now) for e, p in sorted(new.items())],
        )
        meta.put(conn, GENERATION_KEY, str(generation(conn) + 1))
        regroup_open_alerts(conn, now)  # undecided alerts follow their entity's party into its case
    conn.execute("DELETE FROM party_links")
    conn.executemany(
        "INSERT INTO party_links (entity_a, entity_b, kind, status, detail) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (entity_a, entity_b, kind) DO NOTHING",
        [(link.entity_a, link.entity_b, link.kind, link.status, link.detail) for link in links],
    )
    meta.put(conn, RESOLVED_KEY, now)
    meta.put(conn, SUMMARY_KEY, summary)
    return changed


def resolved_at(conn: Connection) -> str | None:
    """When the parties were last resolved (None: never)."""
    return meta.get(conn, RESOLVED_KEY)


def last_summary(conn: Connection) -> str | None:
    """What the last resolution found (its JSON text), or None if the parties were never resolved."""
    return meta.get(conn, SUMMARY_KEY)


def links_among(conn: Connection, entity_ids: Iterable[str]) -> list[PartyLink]:
    """The evidence touching any of these entities, strongest kinds first."""
    wanted = sorted(set(entity_ids))
    found: dict[tuple[str, str, str], PartyLink] = {}
    for i in range(0, len(wanted), 400):
        part = wanted[i : i + 400]
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            "SELECT entity_a, entity_b, kind, status, detail FROM party_links "
            f"WHERE entity_a IN ({marks}) OR entity_b IN ({marks})",
            [*part, *part],
        ).fetchall()
        for a, b, kind, status, detail in rows:
            found[(str(a), str(b), str(kind))] = PartyLink(str(a), str(b), str(kind), str(status), str(detail))
    return sorted(found.values(), key=lambda link: (link.status != "linked", link.entity_a, link.entity_b, link.kind))


def add_judgement(
    conn: Connection,
    entity_a: str,
    entity_b: str,
    judgement: str,
    decided_by: str,
    decided_by_id: str | None,
    reason: str,
    now: str,
) -> int:
    """Record an administrator's judgement on a pair (ids in either order); its id."""
    a, b = sorted((entity_a, entity_b))
    row = conn.execute(
        "INSERT INTO party_judgements (entity_a, entity_b, judgement, decided_by, decided_by_id, reason, decided_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (a, b, judgement, decided_by, decided_by_id, reason, now),
    ).fetchone()
    return int(row[0])


def judgements(conn: Connection) -> list[Judgement]:
    """Every judgement, oldest first."""
    rows = conn.execute(
        "SELECT id, entity_a, entity_b, judgement, decided_by, decided_by_id, reason, decided_at "
        "FROM party_judgements ORDER BY id"
    ).fetchall()
    return [
        Judgement(int(i), str(a), str(b), str(j), str(by), None if bid is None else str(bid), str(r), str(at))
        for i, a, b, j, by, bid, r, at in rows
    ]
