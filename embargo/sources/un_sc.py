"""UN Security Council Consolidated List (XML).

Published by the UN Security Council secretariat for all sanctions
committees at https://scsanctions.un.org/resources/xml/en/consolidated.xml,
schema https://www.un.org/sc/resources/sc-sanctions.xsd. The document
element ``CONSOLIDATED_LIST`` (attribute ``dateGenerated``, taken as the
publication time) holds ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``
records.

What we take from a record:

* ``DATAID`` is the source id; ``REFERENCE_NUMBER`` (``CDi.001``, the
  permanent reference the committees and national lists cite) goes to the
  entity's ``programId`` so it can be searched for.
* Individuals become ``Person``. The full ``name`` is ``FIRST_NAME`` to
  ``FOURTH_NAME`` joined in order. The UN numbers name parts in reading
  order without saying which one is the family name (DPRK listings put it
  first, Arabic ones chain father's and grandfather's names), so the parts
  go to ``firstName`` (``FIRST_NAME``) and ``secondName`` (the others, in
  order) rather than to ``lastName``; a Slavic patronymic part
  (``RAJAPOVICH``) also goes to ``fatherName``.
* Entities become ``LegalEntity`` (the list does not say company or group),
  named by ``FIRST_NAME``.
* ``NAME_ORIGINAL_SCRIPT`` and aliases: ``Good``/``a.k.a.`` -> ``alias``,
  ``Low`` -> ``weakAlias``, ``f.k.a.`` -> ``previousName``; an alias field
  holding several names is split (see :mod:`._name_split`). Non-Latin names
  get a language only when the letters decide it (see :mod:`embargo.names.language`;
  Arabic script never does).
* ``TITLE`` -> ``title``, ``DESIGNATION`` -> ``position``, ``NATIONALITY``,
  ``GENDER``, dates of birth (``EXACT``/``APPROXIMATELY`` date or year,
  ``BETWEEN`` -> every year of the range), places of birth, documents
  (passports -> ``passportNumber``, other documents -> ``idNumber``), one-line
  addresses with their country, ``COMMENTS1`` -> ``notes`` and the reason.
* One designation by ``UN Security Council`` under ``UN_LIST_TYPE`` (kept as
  written; :data:`PROGRAMS` names the committee) listed ``LISTED_ON``, with
  asset freeze, travel ban and arms embargo for individuals and asset
  freeze and arms embargo for entities, except where a regime imposes less
  (:data:`REGIME_MEASURES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from embargo.errors import SourceError
from embargo.model import Entity, clean_date, clean_text, parse_date, year_range
from embargo.names import looks_patronymic
from embargo.names.language import guess_language
from embargo.sources._name_split import split_names
from embargo.sources.base import Format, ParseContext, read_head
from embargo.sources.xml import child_text, children, iter_records, local_name, sniff_root

__all__ = ["FORMAT", "NAME", "PROGRAMS", "REGIME_MEASURES", "TITLE", "URL", "parse", "sniff"]

NAME = "un_sc"
TITLE = "UN Security Council Consolidated List (XML)"
URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
AUTHORITY = "UN Security Council"
ROOT = "CONSOLIDATED_LIST"

#: ``UN_LIST_TYPE`` codes and the sanctions regime (committee) they stand for.
PROGRAMS: dict[str, str] = {
    "Al-Qaida": "ISIL (Da'esh) and Al-Qaida sanctions (resolutions 1267, 1989, 2253)",
    "Taliban": "Taliban sanctions (resolution 1988)",
    "DPRK": "Democratic People's Republic of Korea sanctions (resolution 1718)",
    "Iran": "Iran sanctions (resolution 1737)",
    "Iraq": "Iraq sanctions (resolution 1518)",
    "DRC": "Democratic Republic of the Congo sanctions (resolution 1533)",
    "Libya": "Libya sanctions (resolution 1970)",
    "Somalia": "Al-Shabaab sanctions (resolutions 751, 2713)",
    "CAR": "Central African Republic sanctions (resolution 2127)",
    "Haiti": "Haiti sanctions (resolution 2653)",
    "Yemen": "Yemen sanctions (resolution 2140)",
    "GB": "Guinea-Bissau sanctions (resolution 2048)",
    "Sudan": "Sudan sanctions (resolution 1591)",
    "SouthSudan": "South Sudan sanctions (resolution 2206)",
    "Mali": "Mali sanctions (resolution 2374)",
}

#: Regimes that impose fewer measures than the default: Guinea-Bissau
#: (res. 2048) is a travel ban only, Iraq (res. 1483 para. 23) a freeze only.
REGIME_MEASURES: dict[str, tuple[str, ...]] = {
    "GB": ("travel_ban",),
    "Iraq": ("asset_freeze",),
}
_PERSON_MEASURES = ("asset_freeze", "travel_ban", "arms_embargo")
_ENTITY_MEASURES = ("asset_freeze", "arms_embargo")

_QUALITY = {"good": "alias", "a.k.a.": "alias", "": "alias", "low": "weakAlias", "f.k.a.": "previousName"}
_GENERATED = re.compile(rb'dateGenerated\s*=\s*"([^"]{4,40})"')
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _values(elem: etree._Element, name: str) -> list[str]:
    """Texts of ``NAME/VALUE`` children (the schema's repeated fields)."""
    out: list[str] = []
    for holder in children(elem, name):
        for value in children(holder, "VALUE"):
            text = clean_text(value.text)
            if text:
                out.append(text)
    return out


def _join(elem: etree._Element, *names: str) -> str | None:
    parts = [child_text(elem, n) for n in names]
    return clean_text(", ".join(p for p in parts if p)) or None


def _add_name(entity: Entity, prop: str, name: str) -> None:
    entity.add(prop, name, lang=guess_language(name))


def _aliases(entity: Entity, elem: etree._Element, alias_tag: str) -> None:
    for alias in children(elem, alias_tag):
        text = child_text(alias, "ALIAS_NAME")
        if text is None:
            continue
        quality = (child_text(alias, "QUALITY") or "").lower()
        prop = _QUALITY.get(quality, "alias")
        for name in split_names(text):
            _add_name(entity, prop, name)
        if entity.schema == "Person":
            entity.add("birthDate", clean_date(child_text(alias, "DATE_OF_BIRTH")))
            entity.add("birthPlace", child_text(alias, "CITY_OF_BIRTH"))
            entity.add("birthCountry", child_text(alias, "COUNTRY_OF_BIRTH"))


def _addresses(entity: Entity, elem: etree._Element, tag: str) -> None:
    for addr in children(elem, tag):
        entity.add("address", _join(addr, "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"))
        entity.add("country", child_text(addr, "COUNTRY"))


def _birth_dates(entity: Entity, elem: etree._Element) -> None:
    for dob in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
        kind = (child_text(dob, "TYPE_OF_DATE") or "").upper()
        start, end = child_text(dob, "FROM_YEAR"), child_text(dob, "TO_YEAR")
        if kind == "BETWEEN" and start and end:
            entity.add_many("birthDate", year_range(start, end))
            continue
        date = clean_date(child_text(dob, "DATE")) or clean_date(child_text(dob, "YEAR")) or clean_date(start)
        if date is None:
            # Some records give the date only as a note ("Nov. 1973").
            noted = parse_date(child_text(dob, "NOTE") or "")
            date = noted if noted and noted >= "1900" else None
        entity.add("birthDate", date)


def _documents(entity: Entity, elem: etree._Element) -> None:
    for doc in children(elem, "INDIVIDUAL_DOCUMENT"):
        number = child_text(doc, "NUMBER")
        if number is None:
            continue
        kind = " ".join(t for t in (child_text(doc, "TYPE_OF_DOCUMENT"), child_text(doc, "TYPE_OF_DOCUMENT2")) if t)
        lowered = kind.lower()
        passport = "passport" in lowered or "pasaporte" in lowered or "passeport" in lowered
        entity.add("passportNumber" if passport else "idNumber", number)


def _individual(entity: Entity, elem: etree._Element) -> None:
    parts = [clean_text(child_text(elem, n)) for n in _NAME_PARTS]
    entity.add("name", " ".join(p for p in parts if p))
    entity.add("firstName", parts[0])
    for part in parts[1:]:
        entity.add("secondName", part)
        if looks_patronymic(part):
            entity.add("fatherName", part)
    entity.add_many("title", _values(elem, "TITLE"))
    entity.add_many("position", _values(elem, "DESIGNATION"))
    entity.add_many("nationality", _values(elem, "NATIONALITY"))
    entity.add("gender", child_text(elem, "GENDER"))
    _aliases(entity, elem, "INDIVIDUAL_ALIAS")
    _addresses(entity, elem, "INDIVIDUAL_ADDRESS")
    _birth_dates(entity, elem)
    for pob in children(elem, "INDIVIDUAL_PLACE_OF_BIRTH"):
        entity.add("birthPlace", _join(pob, "STREET", "CITY", "STATE_PROVINCE", "COUNTRY"))
        entity.add("birthCountry", child_text(pob, "COUNTRY"))
    _documents(entity, elem)


def _record(elem: etree._Element, ctx: ParseContext) -> Entity | None:
    person = local_name(elem.tag) == "INDIVIDUAL"
    dataid = child_text(elem, "DATAID")
    where = f"DATAID {dataid}" if dataid else f"line {elem.sourceline}"
    if dataid is None:
        ctx.warn(where, "record without DATAID skipped")
        return None
    entity = ctx.make_entity("Person" if person else "LegalEntity", dataid)
    if person:
        _individual(entity, elem)
    else:
        entity.add("name", child_text(elem, "FIRST_NAME"))
        _aliases(entity, elem, "ENTITY_ALIAS")
        _addresses(entity, elem, "ENTITY_ADDRESS")
    if not entity.get("name"):
        ctx.warn(where, "record without a name skipped")
        return None
    original = child_text(elem, "NAME_ORIGINAL_SCRIPT")
    for name in split_names(original or ""):
        _add_name(entity, "alias", name)
    program = clean_text(child_text(elem, "UN_LIST_TYPE"))
    entity.add("programId", child_text(elem, "REFERENCE_NUMBER"))
    comments = child_text(elem, "COMMENTS1")
    entity.add("notes", comments)
    updated = [d for d in (clean_date(v) for v in _values(elem, "LAST_DAY_UPDATED")) if d]
    if updated:
        entity.add("modifiedAt", max(updated))
    default = _PERSON_MEASURES if person else _ENTITY_MEASURES
    measures = REGIME_MEASURES.get(program or "", default)
    listed = clean_date(child_text(elem, "LISTED_ON"))
    ctx.designate(
        entity, program, measures, listing_date=listed, reason=clean_text(comments), url=URL, authority=AUTHORITY
    )
    return entity


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the individuals and entities of a UN consolidated list file.

    Args:
        path: the XML file.
        ctx: parse context; ``ctx.published`` is set from ``dateGenerated``.

    Yields:
        One entity per ``INDIVIDUAL`` or ``ENTITY`` record.

    Raises:
        SourceError: the file is not a UN consolidated list XML.
    """
    head = read_head(path, 4096)
    root = sniff_root(head)
    # Checked here as well as in iter_records: refusing the file before lxml
    # opens it leaves no file handle behind to be closed by the collector.
    if root is not None and root.lower() == "html":
        raise ctx.error("this is an HTML page, not a list file (an error page served instead of the list?)")
    if root is not None and root != ROOT:
        raise ctx.error(f"unexpected document element <{root}>, expected <{ROOT}>")
    m = _GENERATED.search(head)
    if m is not None:
        stamp = m.group(1).decode("ascii", "replace").strip()
        ctx.published = stamp if clean_date(stamp) else None
    for elem in iter_records(path, ROOT, ("INDIVIDUAL", "ENTITY")):
        try:
            entity = _record(elem, ctx)
        except SourceError:
            raise
        except (ValueError, TypeError) as exc:
            ctx.warn(f"line {elem.sourceline}", f"record skipped ({exc})")
            continue
        if entity is not None:
            yield entity


def sniff(head: bytes, filename: str) -> bool:
    """True for an XML file whose document element is ``CONSOLIDATED_LIST``."""
    return sniff_root(head) == ROOT


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
