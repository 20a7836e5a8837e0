"""UK Sanctions List (FCDO), XML.

The Foreign, Commonwealth & Development Office publishes every designation
made under the Sanctions and Anti-Money Laundering Act 2018 as the UK
Sanctions List (see :data:`URL`); since January 2026 it is the single UK
list. Its structure (no namespace; only ``xsi``/``xsd`` declarations)::

    <Designations>
      <DateGenerated>02/09/2026</DateGenerated>
      <Designation>
        <LastUpdated>dd/mm/yyyy</LastUpdated> <DateDesignated>dd/mm/yyyy</DateDesignated>
        <UniqueID>RUS0001</UniqueID> <OFSIGroupID/> <UNReferenceNumber/>
        <Names><Name><Name1/>..<Name6/><NameType>Primary Name|Primary name variation|Alias</NameType>
               <AliasStrength>Good quality a.k.a|Low quality a.k.a</AliasStrength></Name></Names>
        <NonLatinNames><NonLatinName><NameNonLatinScript/><NonLatinScriptType/>
               <NonLatinScriptLanguage/></NonLatinName></NonLatinNames>
        <Titles><Title/></Titles>
        <RegimeName/> <IndividualEntityShip>Individual|Entity|Ship</IndividualEntityShip>
        <DesignationSource>UK|UN</DesignationSource> <SanctionsImposed>Asset freeze|Travel Ban</SanctionsImposed>
        <SanctionsImposedIndicators><AssetFreeze>true</AssetFreeze>...</SanctionsImposedIndicators>
        <OtherInformation/> <UKStatementofReasons/>
        <Addresses><Address><AddressLine1/>..<AddressLine6/><AddressPostalCode/><AddressCountry/></Address></Addresses>
        <PhoneNumbers/> <EmailAddresses/> <Websites/>
        <IndividualDetails><Individual><DOBs><DOB>dd/mm/1945</DOB></DOBs><Nationalities/>
          <BirthDetails><Location><TownOfBirth/><CountryOfBirth/></Location></BirthDetails>
          <Genders/><Positions/><PassportDetails/><NationalIdentifierDetails/></Individual></IndividualDetails>
        <EntityDetails><Entity><TypeOfEntities/><ParentCompanies/><Subsidiaries/>
          <BusinessRegistrationNumbers/></Entity></EntityDetails>
        <ShipDetails><Ship><IMONumbers/><CurrentBelievedFlagOfShips/><PreviousFlags/><TypeOfShipDetails/>
          <TonnageOfShipDetails/><LengthOfShipDetails/><YearsBuilt/><CurrentOwnerOperators/></Ship></ShipDetails>
      </Designation>
    </Designations>

Dates are ``dd/mm/yyyy`` with unknown parts as ``00`` or ``dd``/``mm``.
Elements are matched by local name, so a namespace or prefix is tolerated.

What embargo takes: ``UniqueID`` as source id; Individual -> Person,
Entity -> Organization, Ship -> Vessel; the first ``Primary Name`` (Name1 to
Name5, then Name6, the surname or whole name) as ``name``, variations and
aliases as ``alias``, "Low quality" aliases as ``weakAlias``; for persons
Name1 -> ``firstName``, Name2-5 -> ``middleName`` (``fatherName`` when a
patronymic), Name6 -> ``lastName``; non-Latin names as aliases with their
language; individual, entity and ship details, contacts and
``OtherInformation``, designation source, UN reference and OFSI group id
as ``notes``; one designation per ``RegimeName`` with the measures of
``SanctionsImposed`` (and its indicators; ``asset_freeze`` when none is
given), ``DateDesignated``, and ``UKStatementofReasons`` as reason;
``DateGenerated`` as the publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from lxml import etree

from embargo.errors import SourceError
from embargo.model import Entity, clean_language, clean_text
from embargo.sources._eu_fsf_details import add
from embargo.sources._eu_fsf_names import is_patronymic
from embargo.sources._uk_fcdo_details import (
    elements,
    measures_of,
    read_contacts,
    read_entity_details,
    read_individual,
    read_ship,
    uk_date,
    values,
)
from embargo.sources.base import Format, ParseContext
from embargo.sources.xml import child_text, children, iter_records, local_name, sniff_root

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "uk_fcdo"
TITLE = "UK Sanctions List (FCDO, XML)"
URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"

_SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_READ_ERRORS = (etree.LxmlError, ValueError, LookupError, UnicodeError)
_RECORD_ERRORS = (ValueError, TypeError, LookupError, AttributeError)


def sniff(head: bytes, filename: str) -> bool:
    """True for a UK Sanctions List XML file (root ``Designations``)."""
    return sniff_root(head) == "Designations"


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the entities of a UK Sanctions List XML file.

    Args:
        path: the XML file.
        ctx: the import's context (warnings, publication date).

    Yields:
        One entity per ``Designation``.

    Raises:
        SourceError: not XML, not this list, or truncated.
    """
    records = iter_records(path, "Designations", ("Designation", "DateGenerated"))
    count = 0
    while True:
        try:
            elem = next(records)
        except StopIteration:
            return
        except SourceError:
            raise
        except _READ_ERRORS as exc:
            raise ctx.error(f"cannot read the XML ({exc})") from exc
        if local_name(elem.tag) == "DateGenerated":
            ctx.published = _published(elem.text)
            continue
        count += 1
        location = _location(elem, count)
        try:
            entity = _read_designation(elem, ctx, location)
        except _RECORD_ERRORS as exc:
            ctx.warn(location, f"record skipped: {exc}")
            continue
        if entity is not None:
            yield entity


def _published(text: str | None) -> str | None:
    raw = clean_text(text)
    if raw is None:
        return None
    try:
        datetime.fromisoformat(raw)
    except ValueError:
        return uk_date(raw)[0]
    return raw


def _location(elem: etree._Element, count: int) -> str:
    uid = child_text(elem, "UniqueID")
    where = f"UniqueID {uid}" if uid else f"Designation #{count}"
    return f"{where} (line {elem.sourceline})" if elem.sourceline else where


def _read_designation(desig: etree._Element, ctx: ParseContext, location: str) -> Entity | None:
    uid = child_text(desig, "UniqueID")
    if uid is None:
        ctx.warn(location, "Designation without UniqueID; skipped")
        return None
    kind = (child_text(desig, "IndividualEntityShip") or "").lower()
    schema = _SCHEMATA.get(kind)
    if schema is None:
        ctx.warn(location, f"unknown IndividualEntityShip {kind!r}; read as LegalEntity")
        schema = "LegalEntity"
    entity = ctx.make_entity(schema, uid)
    problems: list[str] = []
    if not _read_names(desig, entity, problems):
        ctx.warn(location, "no name; skipped")
        return None
    for title in values(desig, "Titles", "Title"):
        add(entity, "title", title)
    read_contacts(desig, entity)
    if schema == "Person":
        read_individual(desig, entity, problems)
    elif schema == "Vessel":
        read_ship(desig, entity)
    else:
        read_entity_details(desig, entity)
    add(entity, "notes", child_text(desig, "OtherInformation"))
    for label, tag in (
        ("Designation source", "DesignationSource"),
        ("UN reference number", "UNReferenceNumber"),
        ("OFSI group ID", "OFSIGroupID"),
    ):
        value = child_text(desig, tag)
        if value is not None:
            add(entity, "notes", f"{label}: {value}")
    updated, _ = uk_date(child_text(desig, "LastUpdated"))
    add(entity, "modifiedAt", updated)
    listed, bad = uk_date(child_text(desig, "DateDesignated"))
    if bad:
        problems.append(f"unreadable DateDesignated {child_text(desig, 'DateDesignated')!r}")
    for problem in problems:
        ctx.warn(location, f"{problem}; the rest of the record is kept")
    ctx.designate(
        entity,
        child_text(desig, "RegimeName"),
        measures_of(desig) or ["asset_freeze"],
        listing_date=listed,
        reason=child_text(desig, "UKStatementofReasons"),
    )
    return entity


def _read_names(desig: etree._Element, entity: Entity, problems: list[str]) -> bool:
    """Latin and non-Latin names; False if there is none."""
    found: list[tuple[str, str, etree._Element]] = []
    for node in elements(desig, "Names", "Name"):
        full = " ".join(p for p in (child_text(node, f"Name{i}") for i in range(1, 7)) if p)
        if not full:
            continue
        kind = (child_text(node, "NameType") or "").lower()
        strength = (child_text(node, "AliasStrength") or "").lower()
        if kind == "primary name":
            prop = "name"
        elif kind == "alias" and "low" in strength:
            prop = "weakAlias"
        else:
            if kind not in ("alias", "primary name variation"):
                problems.append(f"unknown NameType {kind!r}, read as an alias")
            prop = "alias"
        found.append((prop, full, node))
    if not found:
        return False
    primary = next((i for i, (p, _, _) in enumerate(found) if p == "name"), None)
    if primary is None:
        primary = next((i for i, (p, _, _) in enumerate(found) if p == "alias"), 0)
    for i, (prop, full, node) in enumerate(found):
        entity.add("name" if i == primary else "alias" if prop == "name" else prop, full)
        if entity.schema == "Person" and prop != "weakAlias":
            _name_parts(entity, node)
    for box in children(desig, "NonLatinNames"):
        for node in children(box, "NonLatinName") or [box]:
            lang = clean_language(child_text(node, "NonLatinScriptLanguage"))
            add(entity, "alias", child_text(node, "NameNonLatinScript"), lang=lang)
    return True


def _name_parts(entity: Entity, node: etree._Element) -> None:
    """Name1 given name, Name2-5 middle names or patronymic, Name6 surname;
    a Name6 alone is a whole name, not a surname."""
    given = [child_text(node, f"Name{i}") for i in range(1, 6)]
    if not any(given):
        return
    add(entity, "firstName", given[0])
    for part in given[1:]:
        add(entity, "fatherName" if is_patronymic(part) else "middleName", part)
    add(entity, "lastName", child_text(node, "Name6"))


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
