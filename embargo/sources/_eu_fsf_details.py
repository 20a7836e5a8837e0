"""Readers for the detail elements of an EU FSF ``sanctionEntity``.

Birth dates, citizenships, identity documents and addresses are attributes
of their own elements in the FSF XML 1.1 schema (``<birthdate year="1954"
.../>``); this module turns each into entity properties. It also holds the
table of EU programme codes. See :mod:`embargo.sources.eu_fsf` for the format.
"""

from __future__ import annotations

import re

from lxml import etree

from embargo.model import Entity, clean_country, clean_date, clean_text, parse_date, schema_properties, year_range
from embargo.sources.xml import children, local_name

__all__ = [
    "PROGRAMMES",
    "add",
    "attr",
    "country_of",
    "programme_title",
    "read_addresses",
    "read_birthdates",
    "read_citizenships",
    "read_identifications",
]

#: EU FSF ``programme`` codes and what they stand for. The FSF gives only the
#: code; the names are the regimes' short titles (EU Sanctions Map), listed
#: only for codes seen in published FSF files or their documentation. A code
#: missing here is kept as it is (``programme_title`` returns None).
PROGRAMMES: dict[str, str] = {
    "AFG": "Afghanistan (Taliban)",
    "BDI": "Burundi",
    "BIH": "Bosnia and Herzegovina",
    "BLR": "Belarus",
    "CAF": "Central African Republic",
    "CHEM": "Chemical weapons",
    "COD": "Democratic Republic of the Congo",
    "CYB": "Cyber-attacks",
    "EGY": "Egypt (misappropriation of state funds)",
    "GIN": "Guinea",
    "GNB": "Guinea-Bissau",
    "GTM": "Guatemala",
    "HTI": "Haiti",
    "IRN": "Iran",
    "IRQ": "Iraq",
    "LBN": "Lebanon",
    "LBY": "Libya",
    "MDA": "Moldova",
    "MLI": "Mali",
    "MMR": "Myanmar (Burma)",
    "NER": "Niger",
    "NIC": "Nicaragua",
    "PRK": "North Korea (DPRK)",
    "RUS": "Russia",
    "SDN": "Sudan",
    "SOM": "Somalia",
    "SSD": "South Sudan",
    "SYR": "Syria",
    "TAQA": "ISIL (Da'esh) and Al-Qaida",
    "TERR": "Terrorist groups (Common Position 2001/931/CFSP)",
    "TUN": "Tunisia (misappropriation of state funds)",
    "TUR": "Turkey (unauthorised drilling in the Eastern Mediterranean)",
    "UKR": "Ukraine",
    "VEN": "Venezuela",
    "YEM": "Yemen",
    "ZWE": "Zimbabwe",
}

# identificationTypeCode -> property; any other code (id, other, ssn,
# tradelic, nationcert, residentperm...) is an ``idNumber``.
_ID_PROPS = {
    "passport": "passportNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
    "swiftbic": "swiftBic",
    "imo": "imoNumber",
}
# identification flags worth telling a reviewer about, with their words.
_ID_FLAGS = {
    "diplomatic": "diplomatic",
    "knownExpired": "known expired",
    "knownFalse": "known false",
    "reportedLost": "reported lost",
    "revokedByIssuer": "revoked by issuer",
}
_CONTACT_PROPS = {"PHONE": "phone", "FAX": "phone", "EMAIL": "email", "WEB": "website"}
_CONTACT_SPLIT = re.compile(r"\s*[,;]\s*")
_UNKNOWN = {"", "00", "UNKNOWN"}
_DIGITS = re.compile(r"^\d{1,4}$")


def attr(elem: etree._Element, name: str) -> str | None:
    """Cleaned attribute value, ``None`` when absent or blank."""
    return clean_text(elem.get(name))


def add(entity: Entity, prop: str, value: object, lang: str | None = None) -> str | None:
    """Add ``value`` if the entity's schema has ``prop`` (persons and
    organizations share most, but not all, properties)."""
    if prop not in schema_properties(entity.schema):
        return None
    return entity.add(prop, value, lang=lang)


def programme_title(code: str | None) -> str | None:
    """Human name of an EU programme code (``BLR`` -> ``Belarus``)."""
    if code is None:
        return None
    return PROGRAMMES.get(code.strip().upper())


def country_of(elem: etree._Element) -> str | None:
    """Country code of an element with ``countryIso2Code``/``countryDescription``
    (the FSF writes ``00``/``UNKNOWN`` when it has none)."""
    code = attr(elem, "countryIso2Code")
    if code is not None and code.upper() not in _UNKNOWN:
        found = clean_country(code)
        if found is not None:
            return found
    desc = attr(elem, "countryDescription")
    if desc is not None and desc.upper() not in _UNKNOWN:
        return clean_country(desc)
    return None


def _country_text(elem: etree._Element) -> str | None:
    desc = attr(elem, "countryDescription")
    if desc is None or desc.upper() in _UNKNOWN:
        return None
    return desc


def _is_true(elem: etree._Element, name: str) -> bool:
    return (attr(elem, name) or "").lower() == "true"


def _dates_of(bd: etree._Element) -> tuple[list[str], str | None]:
    """Birth dates of one ``birthdate`` element, and the text that could not
    be read (``None`` when nothing was unreadable)."""
    raw = attr(bd, "birthdate")
    if raw is not None:
        iso = parse_date(raw)
        if iso is not None:
            return [iso], None
    year = attr(bd, "year")
    month = attr(bd, "monthOfYear") or attr(bd, "month")
    day = attr(bd, "dayOfMonth") or attr(bd, "day")
    if year is not None:
        if any(p is not None and not _DIGITS.match(p) for p in (year, month, day)):
            return [], raw or f"year={year} month={month} day={day}"
        text = year.zfill(4)
        if month is not None:
            text += "-" + month.zfill(2) + ("-" + day.zfill(2) if day is not None else "")
        iso = clean_date(text)
        return ([iso], None) if iso is not None else ([], raw or year)
    start, end = attr(bd, "yearRangeFrom"), attr(bd, "yearRangeTo")
    if start is not None or end is not None:
        lo, hi = start or end or "", end or start or ""
        years = year_range(lo, hi) if _DIGITS.match(lo) and _DIGITS.match(hi) else []
        if years:
            return years, None
        return [], f"{start} to {end}"
    return [], raw


def read_birthdates(elem: etree._Element, entity: Entity, warn: list[str]) -> None:
    """Birth dates and places. ``circa="true"`` keeps only the year: an
    approximate day is no evidence. Unreadable dates are appended to
    ``warn`` for the caller to report; the place is still read."""
    for bd in children(elem, "birthdate"):
        dates, bad = _dates_of(bd)
        if _is_true(bd, "circa"):
            dates = list(dict.fromkeys(d[:4] for d in dates))
        for date in dates:
            add(entity, "birthDate", date)
        if bad is not None and not dates:
            warn.append(f"unreadable birth date {bad!r}")
        place = [attr(bd, "city"), attr(bd, "place"), attr(bd, "region"), _country_text(bd)]
        text = ", ".join(dict.fromkeys(p for p in place if p))
        if any(place[:3]):
            add(entity, "birthPlace", text)
        add(entity, "birthCountry", country_of(bd))


def read_citizenships(elem: etree._Element, entity: Entity) -> None:
    """``citizenship`` elements: nationality of a person, country of others."""
    prop = "nationality" if entity.schema == "Person" else "country"
    for node in children(elem, "citizenship"):
        add(entity, prop, country_of(node))


def read_identifications(elem: etree._Element, entity: Entity) -> None:
    """Identity and registration documents, with a note for their flags."""
    allowed = schema_properties(entity.schema)
    for node in children(elem, "identification"):
        code = (attr(node, "identificationTypeCode") or "").lower()
        prop = _ID_PROPS.get(code, "idNumber")
        if prop not in allowed:
            prop = "idNumber"
        numbers = [n for n in (attr(node, "number"), attr(node, "latinNumber")) if n]
        for number in numbers:
            add(entity, prop, number)
        if not numbers:
            continue
        facts = [words for key, words in _ID_FLAGS.items() if _is_true(node, key)]
        for key, words in (("issuedBy", "issued by"), ("issueDate", "issued"), ("nameOnDocument", "name on document")):
            value = attr(node, key)
            if value is not None:
                facts.append(f"{words} {value}")
        facts.extend(r for r in (clean_text(c.text) for c in children(node, "remark")) if r)
        if facts:
            desc = attr(node, "identificationTypeDescription") or code or "document"
            add(entity, "notes", f"{desc} {numbers[0]}: {'; '.join(facts)}")


def read_addresses(elem: etree._Element, entity: Entity) -> None:
    """Addresses as one line each, their country, remarks and contacts."""
    for node in children(elem, "address"):
        po_box = attr(node, "poBox")
        city = " ".join(p for p in (attr(node, "zipCode"), attr(node, "city")) if p)
        parts = [
            attr(node, "street"),
            f"P.O. Box {po_box}" if po_box and not po_box.lower().startswith(("p.o", "po ", "box")) else po_box,
            attr(node, "place"),
            city or None,
            attr(node, "region"),
        ]
        if any(parts):
            add(entity, "address", ", ".join(p for p in [*parts, _country_text(node)] if p))
        add(entity, "country", country_of(node))
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child.tag)
            if name == "remark":
                add(entity, "notes", child.text)
            elif name == "contactInfo":
                prop = _CONTACT_PROPS.get((attr(child, "key") or "").upper())
                value = attr(child, "value") or clean_text(child.text)
                if prop is not None and value is not None:
                    for item in _CONTACT_SPLIT.split(value):
                        add(entity, prop, item)
