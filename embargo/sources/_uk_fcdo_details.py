"""Readers for the parts of a UK Sanctions List ``Designation``.

The FCDO's XML nests each fact in a plural container (``DOBs/DOB``,
``Addresses/Address``, ``ShipDetails/Ship/IMONumbers/IMONumber``). The
readers here accept an item with or without its container, since the
layout has changed before (February 2022) and other publishers' copies
flatten it. See :mod:`embargo.sources.uk_fcdo` for the format.
"""

from __future__ import annotations

import re

from lxml import etree

from embargo.model import Entity, clean_country, clean_text, parse_date
from embargo.sources._eu_fsf_details import add
from embargo.sources.xml import child_text, children, local_name

__all__ = [
    "elements",
    "measures_of",
    "read_contacts",
    "read_entity_details",
    "read_individual",
    "read_ship",
    "uk_date",
    "values",
]

# SanctionsImposed items and SanctionsImposedIndicators element names,
# lower-cased with everything but letters removed -> MEASURES keys.
_MEASURES = {
    "assetfreeze": "asset_freeze",
    "travelban": "travel_ban",
    "trustservicessanctions": "trust_services_ban",
    "trustservicessanction": "trust_services_ban",
    "trustservices": "trust_services_ban",
    "directordisqualificationsanction": "director_disqualification",
    "directordisqualification": "director_disqualification",
    "armsembargo": "arms_embargo",
    "targetedarmsembargo": "arms_embargo",
    "transportsanctions": "transport_ban",
    "transportsanction": "transport_ban",
    "prohibitionofportentry": "transport_ban",
    "portentryban": "transport_ban",
    "deflag": "transport_ban",
    "shipspecification": "transport_ban",
    "charteringofships": "transport_ban",
    "preventionofcharteringofships": "transport_ban",
    "preventionofcharteringofshipsandaircraft": "transport_ban",
    "crewservicingofshipsandaircraft": "transport_ban",
    "technicalassistancerelatedtoaircraft": "transport_ban",
    "closureofrepresentativeoffices": "other",
    "preventionofbusinessarrangements": "other",
}
_NOT_LETTERS = re.compile(r"[^a-z]+")
_PLACEHOLDER = re.compile(r"\b(?:dd|mm|yyyy)\b", re.IGNORECASE)
_NONZERO = re.compile(r"[1-9]")
_EMAIL_SPLIT = re.compile(r"[;,\s]+")
_IMO = re.compile(r"^(?:IMO\s*(?:number|no\.?)?\s*:?\s*)?(\d{7})$", re.IGNORECASE)
# Russian company numbers the list writes with their name in front.
_REG_PREFIXES = (
    (re.compile(r"^INN\s*:?\s*(\d{10}|\d{12})$", re.IGNORECASE), "innCode"),
    (re.compile(r"^OGRN\s*:?\s*(\d{13}|\d{15})$", re.IGNORECASE), "ogrnCode"),
)


def values(parent: etree._Element | None, container: str, item: str) -> list[str]:
    """Texts of ``parent/container/item``, or of ``parent/item`` without the container."""
    if parent is None:
        return []
    nodes = [n for box in children(parent, container) for n in children(box, item)]
    nodes.extend(children(parent, item))
    texts = (clean_text(n.text) for n in nodes)
    return [t for t in texts if t]


def elements(parent: etree._Element | None, container: str, item: str) -> list[etree._Element]:
    """Elements ``parent/container/item`` (or ``parent/item``)."""
    if parent is None:
        return []
    return [n for box in children(parent, container) for n in children(box, item)] + children(parent, item)


def uk_date(text: str | None) -> tuple[str | None, bool]:
    """An ISO date (or prefix) from the list's ``dd/mm/yyyy``.

    Unknown parts are written ``00`` or as the placeholders ``dd``/``mm``.

    Returns:
        The date, and whether the text was unreadable (False for empty text
        and all-placeholder dates, which say nothing).
    """
    raw = clean_text(text)
    if raw is None:
        return None, False
    filled = _PLACEHOLDER.sub("00", raw)
    if not _NONZERO.search(filled):
        return None, False
    iso = parse_date(filled)
    return iso, iso is None


def measures_of(desig: etree._Element) -> list[str]:
    """Measures from ``SanctionsImposed`` (``Asset freeze|Travel Ban``) and
    the true ``SanctionsImposedIndicators``; unknown ones are ``other``."""
    found: list[str] = []
    for text in (child_text(desig, "SanctionsImposed") or "").split("|"):
        key = _NOT_LETTERS.sub("", text.lower())
        if key:
            found.append(_MEASURES.get(key, "other"))
    for box in children(desig, "SanctionsImposedIndicators"):
        for flag in box:
            if isinstance(flag.tag, str) and (flag.text or "").strip().lower() == "true":
                found.append(_MEASURES.get(local_name(flag.tag).lower(), "other"))
    return list(dict.fromkeys(found))


def read_contacts(desig: etree._Element, entity: Entity) -> None:
    """Addresses (one line each, with their country), phones, emails, websites."""
    for addr in elements(desig, "Addresses", "Address"):
        lines = [child_text(addr, f"AddressLine{i}") for i in range(1, 7)]
        lines.append(child_text(addr, "AddressPostalCode"))
        country = child_text(addr, "AddressCountry")
        if any(lines):
            add(entity, "address", ", ".join(p for p in [*lines, country] if p))
        if country is not None:
            add(entity, "country", clean_country(country))
    for phone in values(desig, "PhoneNumbers", "PhoneNumber"):
        add(entity, "phone", phone)
    for emails in values(desig, "EmailAddresses", "EmailAddress"):
        for email in _EMAIL_SPLIT.split(emails):
            if "@" in email:
                add(entity, "email", email)
    for site in values(desig, "Websites", "Website"):
        add(entity, "website", site)


def read_individual(desig: etree._Element, entity: Entity, problems: list[str]) -> None:
    """``IndividualDetails/Individual``: birth, nationality, documents..."""
    for ind in elements(desig, "IndividualDetails", "Individual"):
        for dob in values(ind, "DOBs", "DOB"):
            iso, bad = uk_date(dob)
            if iso is not None:
                add(entity, "birthDate", iso)
            elif bad:
                problems.append(f"unreadable date of birth {dob!r}")
        for nationality in values(ind, "Nationalities", "Nationality"):
            add(entity, "nationality", clean_country(nationality))
        for loc in elements(ind, "BirthDetails", "Location"):
            town, country = child_text(loc, "TownOfBirth"), child_text(loc, "CountryOfBirth")
            if town is not None:
                add(entity, "birthPlace", ", ".join(p for p in (town, country) if p))
            if country is not None:
                add(entity, "birthCountry", clean_country(country))
        for gender in values(ind, "Genders", "Gender"):
            add(entity, "gender", gender)
        for position in values(ind, "Positions", "Position"):
            add(entity, "position", position)
        for title in values(ind, "Titles", "Title"):
            add(entity, "title", title)
        for doc in elements(ind, "PassportDetails", "Passport"):
            _document(entity, doc, "passportNumber", "Passport", "PassportNumber", "PassportAdditionalInformation")
        for doc in elements(ind, "NationalIdentifierDetails", "NationalIdentifier"):
            _document(
                entity,
                doc,
                "idNumber",
                "National identifier",
                "NationalIdentifierNumber",
                "NationalIdentifierAdditionalInformation",
            )


def _document(entity: Entity, doc: etree._Element, prop: str, label: str, number: str, info: str) -> None:
    value = child_text(doc, number)
    if value is None:
        return
    add(entity, prop, value)
    extra = child_text(doc, info)
    if extra is not None:
        add(entity, "notes", f"{label} {value}: {extra}")


def read_entity_details(desig: etree._Element, entity: Entity) -> None:
    """``EntityDetails/Entity``: type, registration numbers, parents, subsidiaries."""
    for ent in elements(desig, "EntityDetails", "Entity"):
        for kind in values(ent, "TypeOfEntities", "TypeOfEntity"):
            add(entity, "classification", kind)
        for number in values(ent, "BusinessRegistrationNumbers", "BusinessRegistrationNumber"):
            for pattern, prop in _REG_PREFIXES:
                if m := pattern.match(number):
                    add(entity, prop, m.group(1))
                    break
            else:
                add(entity, "registrationNumber", number)
        for parent in values(ent, "ParentCompanies", "ParentCompany"):
            add(entity, "notes", f"Parent company: {parent}")
        for sub in values(ent, "Subsidiaries", "Subsidiary"):
            add(entity, "notes", f"Subsidiary: {sub}")


def read_ship(desig: etree._Element, entity: Entity) -> None:
    """``ShipDetails/Ship``: IMO number, flags, type, tonnage, owners."""
    for ship in elements(desig, "ShipDetails", "Ship"):
        for imo in values(ship, "IMONumbers", "IMONumber"):
            m = _IMO.match(imo)
            add(entity, "imoNumber", m.group(1) if m else imo)
        for flag in values(ship, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip"):
            add(entity, "flag", clean_country(flag))
        for flag in values(ship, "PreviousFlags", "PreviousFlag"):
            add(entity, "pastFlags", clean_country(flag))
        for kind in values(ship, "TypeOfShipDetails", "TypeOfShip"):
            add(entity, "type", kind)
        for tonnage in values(ship, "TonnageOfShipDetails", "TonnageOfShip"):
            add(entity, "tonnage", tonnage)
        for year in values(ship, "YearsBuilt", "YearBuilt"):
            add(entity, "buildDate", parse_date(year))
        for length in values(ship, "LengthOfShipDetails", "LengthOfShip"):
            add(entity, "notes", f"Length: {length}")
        for owner in values(ship, "CurrentOwnerOperators", "CurrentOwnerOperator"):
            add(entity, "notes", f"Current owner/operator: {owner}")
        for owner in values(ship, "PreviousOwnerOperators", "PreviousOwnerOperator"):
            add(entity, "notes", f"Previous owner/operator: {owner}")
