"""OFAC's "classic" XML: the SDN List (``SDN.XML``) and the Consolidated non-SDN List.

Published by the US Treasury's Office of Foreign Assets Control at
https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML
and ``.../CONSOLIDATED.XML`` (same schema). The document element is
``sdnList``; its namespace has changed over the years (``http://tempuri.org/
sdnList.xsd``, then the sanctions list service address), so elements are
matched by local name only. Structure::

    sdnList
      publshInformation/Publish_Date (MM/DD/YYYY), Record_Count
      sdnEntry*
        uid, firstName, lastName, title, sdnType (Individual|Entity|Vessel|Aircraft), remarks
        programList/program*
        idList/id*           uid, idType, idNumber, idCountry, issueDate, expirationDate
        akaList/aka*         uid, type (a.k.a.|f.k.a.|n.k.a.), category (strong|weak), lastName, firstName
        addressList/address* uid, address1-3, city, stateOrProvince, postalCode, country
        nationalityList/nationality*, citizenshipList/citizenship*   country
        dateOfBirthList/dateOfBirthItem*   dateOfBirth ("30 Aug 1954", "circa 1954", "1960 to 1962")
        placeOfBirthList/placeOfBirthItem* placeOfBirth
        vesselInfo           callSign, vesselType, vesselFlag, vesselOwner, tonnage, grossRegisteredTonnage

We take all of it. The primary name is written as OFAC writes it in its
CSV and on its search site, ``LAST, First`` for people, with the parts as
``lastName``/``firstName`` (and ``fatherName`` for an East Slavic
patronymic). Strong ``a.k.a.``/``n.k.a.`` become ``alias``, strong
``f.k.a.`` ``previousName``, and every weak aka ``weakAlias``. Identifier
types map to properties by the table in :mod:`._ofac_remarks`; the rest
(sanctions information, ``Linked To``) goes to ``notes``. Each program is
one designation by "US OFAC"; measures by program are explained in
:mod:`._ofac_entry`. ``Publish_Date`` becomes ``ctx.published``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from embargo.model import Entity
from embargo.sources._ofac_entry import OfacRecord, build_entity, is_consolidated, one_line_address
from embargo.sources._ofac_remarks import split_remarks
from embargo.sources.base import Format, ParseContext, read_head
from embargo.sources.xml import child_text, children, iter_records, local_name, sniff_root

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "URLS", "parse", "sniff"]

NAME = "ofac_xml"
TITLE = "US OFAC SDN / Consolidated list (classic XML)"
#: The SDN List; :data:`URLS` also names the Consolidated (non-SDN) List.
URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML"
URLS = (URL, "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML")

_ROOT = "sdnList"
_ENTRY = "sdnEntry"
_INFO = "publshInformation"  # sic, OFAC's spelling
_LINKED = re.compile(r"\(Linked To: ([^()]*)\)")
_VESSEL_FIELDS = ("callSign", "vesselType", "vesselFlag", "vesselOwner", "tonnage", "grossRegisteredTonnage")


def _us_date(text: str | None) -> str | None:
    """``01/08/2026`` (month first, as OFAC writes it) -> ``2026-01-08``."""
    if text is None:
        return None
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    month, day, year = (int(p) for p in parts)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _items(entry: etree._Element, list_name: str, item_name: str) -> list[etree._Element]:
    return [item for lst in children(entry, list_name) for item in children(lst, item_name)]


def _texts(entry: etree._Element, list_name: str, item_name: str, field: str) -> list[str]:
    values = (child_text(item, field) for item in _items(entry, list_name, item_name))
    return [v for v in values if v]


def _full_name(last: str | None, first: str | None) -> str | None:
    if last and first:
        return f"{last}, {first}"
    return last or first


def _read_entry(entry: etree._Element, ctx: ParseContext, number: int) -> OfacRecord | None:
    uid = child_text(entry, "uid")
    if uid is None or not uid.isdigit() or len(uid) > 12:
        ctx.warn(f"sdnEntry {number}", f"missing or bad uid {uid!r}; skipped")
        return None
    first, last = child_text(entry, "firstName"), child_text(entry, "lastName")
    name = _full_name(last, first)
    if name is None:
        ctx.warn(f"uid {uid}", "no name; skipped")
        return None
    rec = OfacRecord(
        uid=uid,
        sdn_type=(child_text(entry, "sdnType") or "").lower(),
        name=name,
        first_name=first,
        last_name=last,
        title=child_text(entry, "title"),
        programs=[t for p in _items(entry, "programList", "program") if (t := (p.text or "").strip())],
    )
    for aka in _items(entry, "akaList", "aka"):
        full = _full_name(child_text(aka, "lastName"), child_text(aka, "firstName"))
        if full:
            kind = child_text(aka, "type") or "a.k.a."
            rec.names.append((kind, (child_text(aka, "category") or "strong").lower(), full))
    for item in _items(entry, "idList", "id"):
        id_type, id_number = child_text(item, "idType"), child_text(item, "idNumber")
        if id_type and id_number:
            rec.ids.append((id_type, id_number, child_text(item, "idCountry")))
    rec.birth_dates = _texts(entry, "dateOfBirthList", "dateOfBirthItem", "dateOfBirth")
    rec.birth_places = _texts(entry, "placeOfBirthList", "placeOfBirthItem", "placeOfBirth")
    rec.nationalities = _texts(entry, "nationalityList", "nationality", "country")
    rec.citizenships = _texts(entry, "citizenshipList", "citizenship", "country")
    for addr in _items(entry, "addressList", "address"):
        street = [child_text(addr, f) for f in ("address1", "address2", "address3")]
        place = [child_text(addr, "city"), child_text(addr, "stateOrProvince")]
        country = child_text(addr, "country")
        line = one_line_address(street, place, child_text(addr, "postalCode"), country)
        if line:
            rec.addresses.append((line, country))
    for info in children(entry, "vesselInfo"):
        rec.vessel = {f: v for f in _VESSEL_FIELDS if (v := child_text(info, f))}
    remarks = child_text(entry, "remarks")
    if remarks:
        # The XML wraps links as "(Linked To: A; Linked To: B)"; the CSV does not.
        rec.notes.extend(split_remarks(_LINKED.sub(r"Linked To: \1", remarks)))
    return rec


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the entities of an OFAC classic XML file (SDN or Consolidated).

    Raises:
        SourceError: not XML, not an ``sdnList``, or cut short.
    """
    # Checked before iter_records so that an error page starting with
    # "<!DOCTYPE html>" is named as such rather than refused as a DTD.
    root = sniff_root(read_head(path, 4096))
    if root is not None and root.lower() == "html":
        raise ctx.error("this is an HTML page, not a list file (an error page served instead of the list?)")
    if root is not None and root != _ROOT:
        raise ctx.error(f"unexpected document element <{root}>, expected <{_ROOT}>")
    consolidated = is_consolidated(ctx.list_name, path.name)
    expected: str | None = None
    count = 0
    for elem in iter_records(path, _ROOT, (_ENTRY, _INFO)):
        if local_name(elem.tag) == _INFO:
            ctx.published = _us_date(child_text(elem, "Publish_Date")) or ctx.published
            expected = child_text(elem, "Record_Count")
            continue
        count += 1
        try:
            rec = _read_entry(elem, ctx, count)
            entity = build_entity(ctx, rec, consolidated) if rec is not None else None
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            ctx.warn(f"sdnEntry {count}", f"unreadable record ({exc}); skipped")
            continue
        if entity is not None:
            yield entity
    if expected is not None and expected.isdigit() and int(expected) != count:
        ctx.warn("publshInformation", f"Record_Count says {expected} but the file holds {count} entries")


def sniff(head: bytes, filename: str) -> bool:
    """An XML document whose element is ``sdnList``."""
    return sniff_root(head) == _ROOT


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
