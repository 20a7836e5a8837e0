"""Reading one ``Designation`` element of the UK Sanctions List XML into a :class:`UkRecord`.

The FCDO's XML nests each fact in a plural container (``DOBs/DOB``,
``Addresses/Address``, ``ShipDetails/Ship/IMONumbers/IMONumber``). The
readers here accept an item with or without its container, since the
layout has changed before (February 2022) and other publishers' copies
flatten it. Texts are taken with their whitespace collapsed (the list has
trailing spaces and a passport number with a leading one). See
:mod:`embargo.sources.uk_fcdo` for the format.
"""

from __future__ import annotations

from lxml import etree

from embargo.model import clean_text
from embargo.sources._uk_fcdo_record import UkName, UkRecord, put
from embargo.sources.xml import children, local_name

__all__ = ["elements", "read_record", "values"]

_ADDRESS_TAGS = (*(f"AddressLine{i}" for i in range(1, 7)), "AddressPostalCode")


def _text(elem: etree._Element | None, name: str) -> str | None:
    """Clean text of the first child ``name``."""
    if elem is None:
        return None
    for c in children(elem, name):
        return clean_text(c.text)
    return None


def values(parent: etree._Element | None, container: str, item: str) -> list[str]:
    """Texts of ``parent/container/item``, or of ``parent/item`` without the container."""
    found: list[str] = []
    for node in elements(parent, container, item):
        put(found, clean_text(node.text))
    return found


def elements(parent: etree._Element | None, container: str, item: str) -> list[etree._Element]:
    """Elements ``parent/container/item`` (or ``parent/item``)."""
    if parent is None:
        return []
    return [n for box in children(parent, container) for n in children(box, item)] + children(parent, item)


def read_record(desig: etree._Element) -> UkRecord:
    """Everything embargo takes from one ``Designation``."""
    rec = UkRecord(
        uid=_text(desig, "UniqueID"),
        kind=_text(desig, "IndividualEntityShip"),
        other_information=_text(desig, "OtherInformation"),
        source=_text(desig, "DesignationSource"),
        un_reference=_text(desig, "UNReferenceNumber"),
        ofsi_group_id=_text(desig, "OFSIGroupID"),
        last_updated=_text(desig, "LastUpdated"),
        date_designated=_text(desig, "DateDesignated"),
        regime=_text(desig, "RegimeName"),
        sanctions_imposed=_text(desig, "SanctionsImposed"),
        reasons=_text(desig, "UKStatementofReasons"),
    )
    for node in elements(desig, "Names", "Name"):
        parts = tuple(_text(node, f"Name{i}") for i in range(1, 7))
        kind, strength = _text(node, "NameType") or "", _text(node, "AliasStrength") or ""
        put(rec.names, UkName(parts, kind.lower(), strength.lower()))
    for box in children(desig, "NonLatinNames"):
        for node in children(box, "NonLatinName") or [box]:
            text = _text(node, "NameNonLatinScript")
            if text is not None:
                put(rec.non_latin, (text, _text(node, "NonLatinScriptLanguage")))
    rec.titles = values(desig, "Titles", "Title")
    for box in children(desig, "SanctionsImposedIndicators"):
        flags = [(local_name(f.tag), (f.text or "").strip().lower() == "true") for f in box if isinstance(f.tag, str)]
        rec.flags = (rec.flags or []) + flags
    for addr in elements(desig, "Addresses", "Address"):
        lines = tuple(_text(addr, tag) for tag in _ADDRESS_TAGS)
        put(rec.addresses, (lines, _text(addr, "AddressCountry")))
    rec.phones = values(desig, "PhoneNumbers", "PhoneNumber")
    rec.emails = values(desig, "EmailAddresses", "EmailAddress")
    rec.websites = values(desig, "Websites", "Website")
    for ind in elements(desig, "IndividualDetails", "Individual"):
        _individual(ind, rec)
    for ent in elements(desig, "EntityDetails", "Entity"):
        _entity(ent, rec)
    for ship in elements(desig, "ShipDetails", "Ship"):
        _ship(ship, rec)
    return rec


def _extend(items: list[str], found: list[str]) -> None:
    for value in found:
        put(items, value)


def _individual(ind: etree._Element, rec: UkRecord) -> None:
    _extend(rec.dobs, values(ind, "DOBs", "DOB"))
    _extend(rec.nationalities, values(ind, "Nationalities", "Nationality"))
    for loc in elements(ind, "BirthDetails", "Location"):
        town, country = _text(loc, "TownOfBirth"), _text(loc, "CountryOfBirth")
        if town is not None or country is not None:
            put(rec.birth_places, (town, country))
    _extend(rec.genders, values(ind, "Genders", "Gender"))
    _extend(rec.positions, values(ind, "Positions", "Position"))
    _extend(rec.titles, values(ind, "Titles", "Title"))
    for doc in elements(ind, "PassportDetails", "Passport"):
        number = _text(doc, "PassportNumber")
        if number is not None:
            put(rec.passports, (number, _text(doc, "PassportAdditionalInformation")))
    for doc in elements(ind, "NationalIdentifierDetails", "NationalIdentifier"):
        number = _text(doc, "NationalIdentifierNumber")
        if number is not None:
            put(rec.national_ids, (number, _text(doc, "NationalIdentifierAdditionalInformation")))


def _entity(ent: etree._Element, rec: UkRecord) -> None:
    _extend(rec.entity_types, values(ent, "TypeOfEntities", "TypeOfEntity"))
    _extend(rec.registration_numbers, values(ent, "BusinessRegistrationNumbers", "BusinessRegistrationNumber"))
    _extend(rec.parents, values(ent, "ParentCompanies", "ParentCompany"))
    _extend(rec.subsidiaries, values(ent, "Subsidiaries", "Subsidiary"))


def _ship(ship: etree._Element, rec: UkRecord) -> None:
    _extend(rec.imo_numbers, values(ship, "IMONumbers", "IMONumber"))
    _extend(rec.flags_of_ship, values(ship, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip"))
    _extend(rec.previous_flags, values(ship, "PreviousFlags", "PreviousFlag"))
    _extend(rec.ship_types, values(ship, "TypeOfShipDetails", "TypeOfShip"))
    _extend(rec.tonnages, values(ship, "TonnageOfShipDetails", "TonnageOfShip"))
    _extend(rec.lengths, values(ship, "LengthOfShipDetails", "LengthOfShip"))
    _extend(rec.years_built, values(ship, "YearsBuilt", "YearBuilt"))
    _extend(rec.owners, values(ship, "CurrentOwnerOperators", "CurrentOwnerOperator"))
    _extend(rec.previous_owners, values(ship, "PreviousOwnerOperators", "PreviousOwnerOperator"))
