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

What embargo takes: ``UniqueID`` as source id (ids ``ctx.make_id(UniqueID)``,
the same as the CSV's); Individual -> Person, Entity -> Organization,
Ship -> Vessel; the first ``Primary Name`` (``Primary name`` too: the
list's casing varies) as ``name``, Name1 to Name5 then Name6 (the surname
or whole name); variations and aliases as ``alias``, "Low quality"
aliases as ``weakAlias``; for persons Name1 -> ``firstName``, Name2-5 ->
``middleName`` (``fatherName`` when a patronymic), Name6 -> ``lastName``;
non-Latin names as aliases with the language the list states or, as the
list seldom states one, the language their letters settle
(:mod:`embargo.names.language`: Cyrillic yes, Arabic script never);
titles; addresses (one line each, with their country), phones, emails,
websites; ``IndividualDetails`` (dates of birth with ``dd``/``mm``/``00``
for unknown parts, each once; nationalities, birth places, genders,
positions, passport and national id numbers with their additional
information as notes); ``EntityDetails`` (type as ``classification``,
registration numbers, ``INN``/``OGRN`` ones as ``innCode``/``ogrnCode``,
parent companies and subsidiaries as :class:`~embargo.model.Link` kinds
``parent``/``subsidiary`` with the published name); ``ShipDetails`` (IMO
number without its ``IMO`` prefix, current flag as ``flag``, previous
flags as ``pastFlags``, type, tonnage, year built as ``buildDate``,
length as a note, current owner/operators as links ``owned_by`` and
previous ones as links ``other``); ``OtherInformation``, designation
source, UN reference and OFSI group id as ``notes``; ``LastUpdated`` as
``modifiedAt``. One designation per ``RegimeName`` with the measures of
the ``SanctionsImposedIndicators`` flags, or of ``SanctionsImposed`` when
no flag is true (see :mod:`._uk_fcdo_measures`), ``DateDesignated``, and
``UKStatementofReasons`` as reason (None when blank: UN designations
carry an element holding only a newline); ``DateGenerated`` as the
publication date. Parent, subsidiary and owner links keep ``target`` None:
resolving a published name to another designation would need the whole
file in memory, and names are not unique.

A ``Designation`` without ``UniqueID`` or without any name is reported
with its position and line and skipped; the reading of each designation
is shared with the CSV (:mod:`._uk_fcdo_record`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from lxml import etree

from embargo.model import Entity, clean_text
from embargo.sources._uk_fcdo_details import read_record
from embargo.sources._uk_fcdo_record import build_entity, uk_date
from embargo.sources.base import Format, ParseContext
from embargo.sources.xml import child_text, iter_records, local_name, sniff_root

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "uk_fcdo"
TITLE = "UK Sanctions List (FCDO, XML)"
URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"

_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_RECORD_ERRORS = (ValueError, TypeError, LookupError, AttributeError)


def sniff(head: bytes, filename: str) -> bool:
    """True for a UK Sanctions List XML file (root ``Designations``)."""
    # Comments go first: a comment that mentions "<Designation>" before the root would be read as the root.
    return sniff_root(_COMMENT.sub(b"", head)) == "Designations"


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
    for elem in records:
        if local_name(elem.tag) == "DateGenerated":
            ctx.published = _published(elem.text)
            continue
        count += 1
        location = _location(elem, count)
        try:
            entity = build_entity(read_record(elem), ctx, location)
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


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
