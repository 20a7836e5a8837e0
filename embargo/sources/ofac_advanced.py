"""OFAC's advanced XML: ``SDN_ADVANCED.XML`` and ``CONS_ADVANCED.XML``.

Published by the US Treasury's Office of Foreign Assets Control at
https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML
and ``.../CONS_ADVANCED.XML`` (the Consolidated non-SDN lists), schema
``sdn_advanced.xsd`` (the UN's sanctions data model as OFAC uses it). The
document element is ``Sanctions``, in the namespace
``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML``
since 2023 and ``http://www.un.org/sanctions/1.0`` before; both are read.
Structure (``...ID`` attributes point into the reference value sets)::

    Sanctions
      DateOfIssue            Year, Month, Day                      -> ctx.published
      ReferenceValueSets     AliasType, Country, FeatureType, IDRegDocType, NamePartType,
                             PartySubType/PartyType, RelationType, SanctionsType, Script, List...
      Locations/Location     ID; LocationCountry, LocationAreaCode, LocationPart (ADDRESS1-3,
                             CITY, STATE/PROVINCE, POSTAL CODE, REGION) -> addresses, countries
      IDRegDocuments/IDRegDocument   IDRegDocTypeID, IdentityID, IssuedBy-CountryID, IDRegistrationNo
      DistinctParties/DistinctParty  FixedRef (= the classic uid); Comment (= classic remarks)
        Profile              ID, PartySubTypeID (Individual, Entity, Vessel, Aircraft)
          Identity/Alias     AliasTypeID, Primary, LowQuality
            DocumentedName/DocumentedNamePart/NamePartValue   ScriptID, NamePartGroupID
          Identity/NamePartGroups/MasterNamePartGroup/NamePartGroup   NamePartTypeID
          Feature            FeatureTypeID; FeatureVersion: VersionDetail (text or
                             DetailReferenceID), DatePeriod, VersionLocation
      ProfileRelationships/ProfileRelationship   From-ProfileID, To-ProfileID, RelationTypeID, Former
      SanctionsEntries/SanctionsEntry            ProfileID, ListID; EntryEvent/Date;
                             SanctionsMeasure (type "Program": Comment is the program tag)

What we take, and where it goes (the classic SDN.XML twin of a party gets
the same id, ``ctx.make_id(FixedRef)``, and the same properties):

* schema by party type as in :mod:`.ofac_xml`: Person, Organization (or
  Company when OFAC says so), Vessel, Airplane;
* the primary alias as ``name`` (``LAST, First``) with ``lastName``,
  ``firstName`` (``fatherName`` for a patronymic in it), ``middleName``,
  ``fatherName`` (Patronymic), ``motherName`` (Matronymic); A.K.A. and
  N.K.A. -> ``alias``, F.K.A. -> ``previousName``, low quality ->
  ``weakAlias``; every script, non-Latin names with their language (see
  :mod:`._ofac_advanced_names`);
* features: birth dates (``DatePeriod`` -> day, month, year or the years of
  a range), place of birth, nationality, citizenship, addresses
  (``Location`` features), title, vessel call sign, type, flag, owner and
  tonnage, and every other feature as the classic ``idList`` item of the same
  name (gender, emails, websites, SWIFT/BIC, aircraft model, serial and
  manufacture date, MMSI, sanctions information...: see
  :data:`._ofac_remarks.ID_TYPES`), the rest in ``notes``;
* digital currency addresses (``Digital Currency Address - XBT``...) as
  ``idNumber`` and a note naming the currency;
* ID documents by type as in the classic formats (passports ->
  ``passportNumber``, ``Vessel Registration Identification`` -> ``imoNumber``...);
* relationships as :class:`~embargo.model.Link` on both parties: "Owned or
  Controlled By" -> ``owned_by`` / ``owns``, "Owns, controls, or operates"
  the other way round, "Property in the interest of" as ownership,
  "Associate Of" -> ``associate``, "Family member of" -> ``family``,
  "Leader or official of" and "Principal Executive Officer" -> ``leader``,
  "Acting for or on behalf of" -> ``agent`` (the other party gets ``other``
  for these three), anything else and former relations -> ``other``; both
  links keep the publisher's wording and the relationship id;
* one designation per program (the Comment of a "Program" measure of any
  of the party's entries) by the import's authority ("US OFAC"), measures as
  :func:`._ofac_entry.program_measures` (a party with an entry on a list
  other than the SDN List reads as in the Consolidated list), listing date
  the earliest entry event of an entry with that program.

Left out: issue and expiry dates of documents, identity relations between
features, entry links, legal bases, reliability and validity flags.

The file is read twice (see :mod:`._ofac_advanced_index`): once for the
small records the parties refer to, which follow them in the file, then
streaming the parties; memory stays far below the size of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from embargo.model import Entity
from embargo.sources._ofac_advanced_index import NAMESPACES, RECORDS, ROOT, collect
from embargo.sources._ofac_advanced_party import read_party
from embargo.sources.base import Format, ParseContext, read_head
from embargo.sources.xml import iter_records, local_name, sniff_root

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "URLS", "parse", "sniff"]

NAME = "ofac_advanced"
TITLE = "US OFAC SDN / Consolidated list (advanced XML)"
#: The SDN List; :data:`URLS` also names the Consolidated (non-SDN) List.
URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML"
URLS = (URL, "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ADVANCED.XML")

_PARTY = "DistinctParty"
_MARKERS = (*(ns.encode() for ns in NAMESPACES), b"ReferenceValueSets", b"DistinctParties")


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the entities of an OFAC advanced XML file (SDN or Consolidated).

    Raises:
        SourceError: not XML, not a ``Sanctions`` document, or cut short
            (found by the first pass, before any entity is yielded).
    """
    # Checked before iter_records so that an error page starting with
    # "<!DOCTYPE html>" is named as such rather than refused as a DTD.
    root = sniff_root(read_head(path, 4096))
    if root is not None and root.lower() == "html":
        raise ctx.error("this is an HTML page, not a list file (an error page served instead of the list?)")
    if root is not None and root != ROOT:
        raise ctx.error(f"unexpected document element <{root}>, expected <{ROOT}>")
    index = collect(path, ctx)
    ctx.published = index.published or ctx.published
    seen = 0
    for elem in iter_records(path, ROOT, RECORDS):
        if local_name(elem.tag) != _PARTY:
            continue
        seen += 1
        try:
            entity = read_party(elem, index, ctx)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            ctx.warn(f"DistinctParty {elem.get('FixedRef')}", f"unreadable record ({exc}); skipped")
            entity = None
        if entity is not None:
            yield entity
        if seen >= index.party_count:
            break  # the relationships and entries after the parties were read by the first pass


def sniff(head: bytes, filename: str) -> bool:
    """A ``Sanctions`` document in one of OFAC's namespaces (or with its sections)."""
    return sniff_root(head) == ROOT and any(marker in head for marker in _MARKERS)


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
