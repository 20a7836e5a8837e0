"""Ownership data as read from one source: its parties (the graph's nodes) and its links.

Every reader (:mod:`embargo.ownership.readers`) gives an :class:`OwnershipData`:
the parties the source names, with what can tie them to a listed entity
(identifiers, a country, the id a sanctions list gives them), and the
ownership and control links between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from embargo.ownership.links import Control, Ownership

__all__ = ["Node", "OwnershipData"]


@dataclass(frozen=True, slots=True)
class Node:
    """A party of the ownership data.

    Attributes:
        id: its id in the source (unique within it).
        caption: its name as the source gives it.
        schema: a FollowTheMoney schema (``Company``, ``Person``, ``LegalEntity``...).
        topics: FtM topics (``sanction``: the source says it is designated somewhere).
        names: other names (aliases, names in other scripts).
        identifiers: ``(kind, value)`` pairs: ``registration``, ``tax``, ``lei``, ``bic``, ``imo``,
            ``ogrn``, ``inn``... as the source types them.
        country: ISO 3166-1 alpha-2 code of its jurisdiction, if given.
        list_id: the id a sanctions list gives it (an OFAC profile id, a UK group id, a FtM
            entity id), when the source is a list or a list's export: a listed entity with this
            source id is the same party.
    """

    id: str
    caption: str
    schema: str = "LegalEntity"
    topics: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    country: str | None = None
    list_id: str | None = None


@dataclass(slots=True)
class OwnershipData:
    """Links and parties read from one source."""

    parties: dict[str, Node] = field(default_factory=dict)
    ownerships: list[Ownership] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)

    def designated(self, topic: str = "sanction") -> set[str]:
        """The parties with ``topic`` (``sanction``: designated on some list, as the source says)."""
        return {p.id for p in self.parties.values() if topic in p.topics}

    def add_party(self, node: Node) -> None:
        """Keep ``node`` unless a party of its id is known (the first reading wins)."""
        self.parties.setdefault(node.id, node)
