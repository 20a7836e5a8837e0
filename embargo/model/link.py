"""Links between listed parties that a list itself publishes.

Some lists say who owns or controls whom: OFAC's advanced XML has profile
relationships ("Owned or Controlled By", "Associate Of"), the UK Sanctions
List names parent companies and subsidiaries. A :class:`Link` keeps one such
statement on the entity it starts from, as published, for the ownership
reasoning built on top of the store; screening does not read links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["LINK_KINDS", "Link"]

#: Kinds of link embargo knows, with the words shown to users.
LINK_KINDS: dict[str, str] = {
    "owned_by": "owned or controlled by",
    "owns": "owns or controls",
    "parent": "parent company",
    "subsidiary": "subsidiary",
    "associate": "associate of",
    "family": "family member of",
    "agent": "acting for or on behalf of",
    "leader": "leader or official of",
    "other": "linked to",
}


@dataclass(slots=True)
class Link:
    """One published statement that the entity is linked to another party.

    Attributes:
        kind: a key of :data:`LINK_KINDS` (from the entity's point of view:
            ``owned_by`` means the entity is owned by ``target``).
        target: the other party's embargo id when it is on the same list, else None.
        target_name: the other party's name as published, when the list gives one.
        relation: the publisher's own wording (``Owned or Controlled By``).
        source_id: the publisher's id of the statement, if it has one.
    """

    kind: str
    target: str | None = None
    target_name: str | None = None
    relation: str | None = None
    source_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form; keys with no value are left out."""
        data: dict[str, Any] = {"kind": self.kind}
        for key in ("target", "target_name", "relation", "source_id"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        """Inverse of :meth:`to_dict`."""
        return cls(
            kind=str(data["kind"]),
            target=data.get("target"),
            target_name=data.get("target_name"),
            relation=data.get("relation"),
            source_id=data.get("source_id"),
        )
