"""What a listed entity offers to tell whether it is the same party as one on another list.

Three kinds of evidence, each read from what the lists publish:

- **identifiers** that identify their holder alone
  (:func:`embargo.names.identifiers.identifies`: an assigned kind, a
  distinctive value): passport and national id numbers, IMO numbers,
  registration and tax numbers, LEIs, BICs, digital currency addresses;
- **UN references** (``QDi.001``, ``KPe.033``): the UN Security Council's
  own number for a listing, which other lists repeat (the EU's
  ``unitedNationId``, the UK's ``UN Reference Number``, DFAT's and SECO's
  references). Only where a list gives it as a reference (a ``programId``
  that is one, or the words "UN reference number" before it): a narrative
  that mentions another listing's reference ("associated with Al-Qaida
  (QDe.004)") is no evidence;
- **birth dates** given to the day, which with names that agree strongly
  (:mod:`embargo.parties.resolve`) link two persons. A date on the first of
  January is read as a year alone: lists write ``1 Jan`` for an unknown day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from embargo.index import COUNTRY_PROPERTIES, IDENTIFIER_PROPERTIES
from embargo.model import Entity
from embargo.names.identifiers import KINDS, identifies, listed_identifiers, shown

__all__ = ["UN_REFERENCE", "Facts", "facts_of", "kind_of_party"]

#: A UN Security Council listing reference: committee letters, ``i`` (individual) or ``e`` (entity), a number.
UN_REFERENCE = re.compile(r"^([A-Z]{2}[ie]\.\d{3})$")
_LABELLED_UN = re.compile(
    r"\bUN\s+ref(?:erence)?(?:\s+(?:number|no\.?))?\s*:?\s*([A-Z]{2}[ie]\.\d{3})\b", re.IGNORECASE
)
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: The kind of party a schema is; entities of different kinds are never one party.
_KINDS = {
    "Person": "person",
    "Vessel": "vessel",
    "Airplane": "airplane",
}
#: Identifier kinds a person's document may be filed under by one list and another (a passport as an id number).
_PERSON_DOCUMENTS = frozenset({"passport", "id", "ssn", "tax", "inn"})
#: Properties that hold a person's nationality (a conflict between them keeps two entities apart).
NATIONALITY_PROPERTIES = ("nationality", "citizenship")


def kind_of_party(schema: str) -> str:
    """``person``, ``vessel``, ``airplane`` or ``organization`` (every other schema)."""
    return _KINDS.get(schema, "organization")


@dataclass(slots=True)
class Facts:
    """The evidence one listed entity offers.

    Attributes:
        entity_id: its id.
        list_name: its list.
        schema: its schema.
        names: its full names (``name`` and ``alias``), strongest first.
        identifiers: (key, words) of each identifier that identifies its holder: the key
            is what another entity must hold too (``passport:MP1234567``), the words what
            the evidence says (``passport number MP1234567``).
        un_references: the UN references it is listed under.
        birth_dates: birth dates given to the day.
        nationalities: nationality and citizenship countries.
        countries: every country the list gives for it.
    """

    entity_id: str
    list_name: str
    schema: str
    names: tuple[str, ...]
    identifiers: tuple[tuple[str, str], ...]
    un_references: tuple[str, ...]
    birth_dates: frozenset[str]
    nationalities: frozenset[str]
    countries: frozenset[str]

    @property
    def kind(self) -> str:
        """The kind of party (:func:`kind_of_party`)."""
        return kind_of_party(self.schema)


def _identifier_key(kind: str, value: str, party: str) -> str:
    """What two entities must share: a person's documents are one class (lists file a passport as an id number)."""
    if party == "person" and kind in _PERSON_DOCUMENTS:
        return f"document:{value}"
    return f"{kind}:{value}"


def _un_references(properties: Mapping[str, Sequence[str]], reasons: Iterable[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in properties.get("programId", ()):
        m = UN_REFERENCE.match(value.strip())
        if m:
            found.append(m.group(1))
    for text in [*properties.get("notes", ()), *reasons]:
        found.extend(m.group(1) for m in _LABELLED_UN.finditer(text))
    return tuple(dict.fromkeys(r[:2].upper() + r[2].lower() + r[3:] for r in found))


def facts_of(record: Entity | Mapping[str, Any]) -> Facts:
    """The evidence a listed entity offers, from the entity or its stored record (:meth:`Entity.to_dict`'s form).

    A stored record is read without making an :class:`~embargo.model.Entity` (resolving reads every
    listed entity: a third of the time went to making them).
    """
    data = record.to_dict() if isinstance(record, Entity) else record
    props: Mapping[str, Sequence[str]] = data.get("properties", {})
    schema = str(data["schema"])
    party = kind_of_party(schema)

    def get(prop: str) -> Sequence[str]:
        return props.get(prop, ())

    identifiers = tuple(
        dict.fromkeys(
            (_identifier_key(kind, value, party), shown(kind, value) if kind in KINDS else value)
            for kind, value in listed_identifiers(props, IDENTIFIER_PROPERTIES)
            if identifies(kind, value)
        )
    )
    dates = frozenset(d for d in get("birthDate") if _FULL_DATE.match(d) and not d.endswith("-01-01"))
    reasons = [str(d["reason"]) for d in data.get("designations", ()) if d.get("reason")]
    return Facts(
        str(data["id"]),
        str(data.get("list", "")),
        schema,
        tuple(dict.fromkeys([*get("name"), *get("alias")])),
        identifiers,
        _un_references(props, reasons),
        dates if party == "person" else frozenset(),
        frozenset(c for p in NATIONALITY_PROPERTIES for c in get(p)),
        frozenset(c for p in COUNTRY_PROPERTIES for c in get(p)),
    )
