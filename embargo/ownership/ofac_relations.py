"""OFAC's advanced XML relationships: who on the list is "Owned or Controlled By" whom.

OFAC's advanced XML (``SDN_ADVANCED.XML``, ``CONS_ADVANCED.XML``; see
:mod:`embargo.sources.ofac_advanced` for the format, in either of its two
namespaces) states links between its own parties in
``ProfileRelationships/ProfileRelationship`` (``From-ProfileID``,
``To-ProfileID``, ``RelationTypeID``, ``Former``), the relation's words being
in ``ReferenceValueSets/RelationTypeValues/RelationType``. What is read:

- "Owned or Controlled By" (the ``From`` profile is owned or controlled by the
  ``To`` profile) is both an :class:`~embargo.ownership.links.Ownership` of
  ``To`` in ``From`` of an unknown share (0-100%: OFAC does not say how much)
  and a :class:`~embargo.ownership.links.Control` of kind ``owned or controlled
  by``; "Owns, controls, or operates" is the same relation the other way round
  (``From`` owns or controls ``To``). The source of each is ``OFAC advanced
  relationship <ID>``;
- a former relationship (``Former="true"``) is skipped: OFAC gives no date it
  ended, so it cannot bound a link;
- every other relation ("Associate Of", "Family member of", "Leader or
  official of", "Acting for or on behalf of", "Providing support to"...) is
  not ownership or control and is skipped.

Every party (``DistinctParty``) is a node, id ``ofac:<FixedRef>``: its
primary name as :mod:`embargo.sources.ofac_advanced` reads it, ``Person`` for
an individual, ``Organization`` for an entity, ``Vessel``, ``Airplane``
(``LegalEntity`` when the type is not given), the ``sanction`` topic (it is on
an OFAC list), and ``list_id`` the ``FixedRef``, the source id the OFAC
readers give the party's entity.

The XML is read with the list readers' safe streaming parser
(:func:`embargo.sources.xml.iter_records`: no DTD, no entities, no network).
A file that is not an advanced XML document, and a relationship without its
id or two profiles or naming a profile the file does not have, refuse the
whole file, naming the element.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from embargo.errors import SourceError
from embargo.ownership.data import Node, OwnershipData
from embargo.ownership.links import Control, Ownership, Share
from embargo.sources._ofac_advanced_index import RECORDS, ROOT
from embargo.sources._ofac_advanced_names import primary_name
from embargo.sources._ofac_advanced_refs import Refs
from embargo.sources.xml import children, iter_records, local_name

__all__ = ["OWNED_BY", "OWNS", "read_ofac_relations"]

#: The relation read as ownership and control (``From`` is owned or controlled by ``To``).
OWNED_BY = "owned or controlled by"
#: The same relation stated from the owner's side (``From`` owns or controls ``To``).
OWNS = "owns, controls, or operates"
_UNKNOWN = Share(0.0, 100.0)
_SUBTYPES = {"vessel": "Vessel", "aircraft": "Airplane"}
_TYPES = {"individual": "Person", "entity": "Organization", "other entity": "Organization"}


@dataclass(frozen=True, slots=True)
class _Relation:
    id: str | None
    source: str | None
    target: str | None
    type_id: str | None
    former: bool


def _schema(profile: etree._Element, refs: Refs) -> str:
    sub_id = profile.get("PartySubTypeID")
    sub = (refs.value("PartySubType", sub_id) or "").lower()
    party_type = (refs.value("PartyType", refs.attr("PartySubType", sub_id, "PartyTypeID")) or "").lower()
    return _SUBTYPES.get(sub) or _TYPES.get(party_type) or "LegalEntity"


def read_ofac_relations(path: Path) -> OwnershipData:
    """The ownership and control links between the parties of an OFAC advanced XML file, and its parties.

    Raises:
        SourceError: not XML or not a ``Sanctions`` document, no reference value sets, or a
            relationship without its two profiles or naming a profile not in the file (naming it).
    """
    refs = Refs()
    data = OwnershipData()
    profiles: dict[str, str] = {}  # profile id -> node id
    relations: list[_Relation] = []
    for elem in iter_records(path, ROOT, RECORDS):
        name = local_name(elem.tag)
        if name == "ReferenceValueSets":
            refs.read(elem)
        elif name == "DistinctParty":
            fixed = elem.get("FixedRef")
            if not fixed:
                raise SourceError(f"a DistinctParty without FixedRef (line {elem.sourceline})", str(path))
            node_id = f"ofac:{fixed}"
            for profile in children(elem, "Profile"):
                profiles[profile.get("ID") or fixed] = node_id
                if node_id not in data.parties:
                    caption = primary_name(profile, refs) or fixed
                    data.add_party(Node(node_id, caption, _schema(profile, refs), ("sanction",), list_id=fixed))
        elif name == "ProfileRelationship":
            relations.append(
                _Relation(
                    elem.get("ID"),
                    elem.get("From-ProfileID"),
                    elem.get("To-ProfileID"),
                    elem.get("RelationTypeID"),
                    elem.get("Former") == "true",
                )
            )
    if not refs:
        raise SourceError("no ReferenceValueSets: not an OFAC advanced XML file", str(path))
    for rel in relations:
        where = f"ProfileRelationship {rel.id or '(no ID)'}"
        if not (rel.id and rel.source and rel.target):
            raise SourceError(f"{where}: no ID, From-ProfileID or To-ProfileID", str(path))
        for ref in (rel.source, rel.target):
            if ref not in profiles:
                raise SourceError(f"{where}: profile {ref} is not in the file", str(path))
        wording = (refs.value("RelationType", rel.type_id) or "").lower()
        if rel.former or wording not in (OWNED_BY, OWNS):
            continue
        owner, asset = profiles[rel.target], profiles[rel.source]
        if wording == OWNS:
            owner, asset = asset, owner
        source = f"OFAC advanced relationship {rel.id}"
        data.ownerships.append(Ownership(owner, asset, _UNKNOWN, source=source))
        data.controls.append(Control(owner, asset, OWNED_BY, source=source))
    return data
