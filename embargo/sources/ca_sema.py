"""Consolidated Canadian Autonomous Sanctions List (XML).

Global Affairs Canada publishes the persons, entities and ships listed under
the Special Economic Measures Act (SEMA) regulations and the Justice for
Victims of Corrupt Foreign Officials Act (JVCFOA) as one flat XML file (see
:data:`URL`). No namespace, no attributes, no id and no date::

    <data-set>
      <record>
        <Country>Burma / Birmanie</Country>   regime, "English / French"
        <LastName/> <GivenName/>              persons
        <Entity/>                             2020 layout; EntityOrShip since
        <Title/>                              2020; TitleOrShip: title or ship type
        <ShipIMONumber/>                      ships
        <DateOfBirth/>                        2020; DateOfBirthOrShipBuildDate
        <Aliases>A, B/C, D et E</Aliases>
        <Schedule>1, Part 2</Schedule> <Item>17</Item>
        <DateOfListing>2022-03-15</DateOfListing>   not in the 2020 layout
      </record>
    </data-set>

Three spellings of the element names are read alike: the 2020 layout
(``Entity``, ``Title``, ``DateOfBirth``), the 2023 one (``EntityOrShip``,
``TitleOrShip``, ``ShipIMONumber``, ``DateOfBirthOrShipBuildDate``,
``DateOfListing``) and the bilingual names of 2026 (``LastName-NomDeFamille``,
``TitleOrShipType-TitreOuTypeDeNavire``...: the part before the ``-``
counts). Values may carry no-break and trailing spaces; they are cleaned.

What embargo takes:

* Record id: the list has none; a record is keyed by its regime (English
  part of ``Country``), ``Schedule`` and ``Item``, the way the regulations
  number their schedules (``Russia, Schedule 1, Item 94`` is the source id;
  entity id ``<list>-russia-1-94``). ``Schedule`` is ``N/A`` or missing for
  single-schedule regimes and stays part of the key as written. A record
  whose key was seen before is reported and skipped.
* ``LastName``/``GivenName`` -> Person: ``name`` (given then last name),
  ``firstName`` (the first given name), ``fatherName`` (a patronymic) or
  ``middleName`` (other given names), ``lastName``; a variant in parentheses
  (``DIKIY (DIKY)``) gives an alias with it. ``Title`` -> ``title`` (English
  part); ``DateOfBirth`` -> ``birthDate`` (``YYYY-MM-DD``, ``YYYY-MM``,
  ``YYYY``, and each date of ``A or B``).
* ``Entity``/``EntityOrShip`` -> Organization, or Vessel when the record has
  an IMO number or a ship type: ``name`` is the English part, the French
  part an alias; ships get ``imoNumber``, ``type`` (English part of
  ``TitleOrShip``) and ``buildDate``.
* ``Aliases``: each name (see :mod:`._ca_sema_names`) -> ``alias``; a
  person's partial aliases are completed from the listed name, one-word
  nicknames -> ``weakAlias``.
* One designation by "CA Global Affairs" under the regime (English part of
  ``Country``, e.g. ``Burma``, ``Justice for Victims of Corrupt Foreign
  Officials Regulations (JVCFOR)``): asset freeze (the regulations'
  prohibition of dealings), except the Russia regulations' schedules 2 and
  3, which restrict new debt and equity of the listed banks and energy
  companies (sectoral sanctions); ``DateOfListing`` is the listing date.
  The regime is not taken as the party's country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from embargo.model import Entity, clean_text, parse_date
from embargo.names import looks_patronymic
from embargo.sources._ca_sema_names import english_part, person_alias, split_aliases, split_bilingual
from embargo.sources.base import Format, ParseContext, read_head, slug
from embargo.sources.xml import iter_records, local_name, sniff_root

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "ca_sema"
TITLE = "Consolidated Canadian Autonomous Sanctions List (XML)"
URL = (
    "https://www.international.gc.ca/world-monde/assets/office_docs/"
    "international_relations-relations_internationales/sanctions/sema-lmes.xml"
)
AUTHORITY = "CA Global Affairs"
ROOT = "data-set"

#: Element names (the English part, before a ``-``) and the field each fills.
FIELDS: dict[str, str] = {
    "Country": "country",
    "LastName": "last",
    "GivenName": "given",
    "Entity": "entity",
    "EntityOrShip": "entity",
    "Title": "title",
    "TitleOrShip": "title",
    "TitleOrShipType": "title",
    "ShipIMONumber": "imo",
    "DateOfBirth": "date",
    "DateOfBirthOrShipBuildDate": "date",
    "Aliases": "aliases",
    "Schedule": "schedule",
    "Item": "item",
    "DateOfListing": "listed",
}
#: Schedules whose measure is not the dealings prohibition: (regime slug, schedule) -> measures.
SCHEDULE_MEASURES: dict[tuple[str, str], tuple[str, ...]] = {
    ("russia", "2"): ("sectoral_sanctions",),
    ("russia", "3"): ("sectoral_sanctions",),
}
_SEMA_TAG = re.compile(rb"<\s*(?:Country|Schedule|Item|LastName|EntityOrShip|Entity)(?:-[A-Za-z]+)?\s*>")
_RECORD = re.compile(rb"<\s*record[\s>]")
_IMO = re.compile(r"^(?:IMO\s*(?:number|no\.?)?\s*:?\s*)?(\d{7})$", re.IGNORECASE)
_DATES = re.compile(r"\s+or\s+|\s*[,;]\s*", re.IGNORECASE)
_VARIANT = re.compile(r"^(.+?)\s*\(([^()]+)\)$")
_ACRONYM = re.compile(r"\(([A-Z]{2,})\)$")
_RECORD_ERRORS = (ValueError, TypeError, LookupError, AttributeError)


def sniff(head: bytes, filename: str) -> bool:
    """True for a ``data-set`` of ``record`` elements holding SEMA's fields."""
    return sniff_root(head) == ROOT and bool(_RECORD.search(head)) and len(set(_SEMA_TAG.findall(head))) >= 2


def _fields(record: etree._Element, unknown: set[str], ctx: ParseContext) -> dict[str, str]:
    row: dict[str, str] = {}
    for child in record:
        if not isinstance(child.tag, str):
            continue
        tag = local_name(child.tag)
        key = FIELDS.get(tag.split("-", 1)[0])
        if key is None:
            if tag not in unknown:
                unknown.add(tag)
                ctx.warn(f"line {child.sourceline}", f"unknown element <{tag}> ignored")
            continue
        value = clean_text("".join(str(t) for t in child.itertext()))
        if value is not None:
            row.setdefault(key, value)
    return row


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the records of a SEMA consolidated list file.

    Args:
        path: the XML file.
        ctx: the import's context (the file carries no publication date).

    Yields:
        One entity per record.

    Raises:
        SourceError: not XML, not this list, or truncated.
    """
    root = sniff_root(read_head(path, 4096))
    if root is not None and root.lower() == "html":
        raise ctx.error("this is an HTML page, not a list file (an error page served instead of the list?)")
    if root is not None and root != ROOT:
        raise ctx.error(f"unexpected document element <{root}>, expected <{ROOT}>")
    stream = iter_records(path, ROOT, "record")
    seen: set[str] = set()
    unknown: set[str] = set()
    count = 0
    for elem in stream:
        count += 1
        where = f"record #{count}" + (f" (line {elem.sourceline})" if elem.sourceline else "")
        try:
            entity = _record(_fields(elem, unknown, ctx), where, ctx, seen)
        except _RECORD_ERRORS as exc:
            ctx.warn(where, f"record skipped ({exc})")
            continue
        if entity is not None:
            yield entity


def _record(row: dict[str, str], where: str, ctx: ParseContext, seen: set[str]) -> Entity | None:
    regime = english_part(row.get("country"))
    item = row.get("item")
    if regime is None or item is None:
        ctx.warn(where, "record without Country or Item skipped (they are its key)")
        return None
    schedule = row.get("schedule")
    acronym = _ACRONYM.search(regime)
    entity_id = ctx.make_id(acronym.group(1) if acronym else regime, schedule or "", item)
    source_id = ", ".join(p for p in (regime, f"Schedule {schedule}" if schedule else None, f"Item {item}") if p)
    if entity_id in seen:
        ctx.warn(where, f"{source_id} given twice; the second record is skipped")
        return None
    seen.add(entity_id)
    if row.get("last") or row.get("given"):
        entity = Entity("Person", entity_id, ctx.list_name, source_id)
        _person(entity, row, where, ctx)
    elif row.get("entity"):
        ship = "imo" in row or "title" in row
        entity = Entity("Vessel" if ship else "Organization", entity_id, ctx.list_name, source_id)
        _organization(entity, row, where, ctx)
    else:
        ctx.warn(where, f"{source_id} has no name; skipped")
        return None
    measures = SCHEDULE_MEASURES.get((slug(regime), schedule or ""), ("asset_freeze",))
    listed = parse_date(row.get("listed") or "")
    if row.get("listed") and listed is None:
        ctx.warn(where, f"unreadable DateOfListing {row['listed']!r}; the rest of the record is kept")
    ctx.designate(entity, regime, measures, listing_date=listed, url=URL, authority=AUTHORITY)
    return entity


def _dates(entity: Entity, prop: str, text: str | None, where: str, ctx: ParseContext) -> None:
    for piece in _DATES.split(text or ""):
        if not piece:
            continue
        date = parse_date(piece)
        if date is None:
            ctx.warn(where, f"unreadable date {piece!r}; the rest of the record is kept")
        entity.add(prop, date)


def _variants(part: str | None) -> tuple[str | None, str | None]:
    """``DIKIY (DIKY)`` -> (``DIKIY``, ``DIKY``)."""
    if part is None:
        return None, None
    m = _VARIANT.match(part)
    return (m.group(1), m.group(2)) if m else (part, None)


def _person(entity: Entity, row: dict[str, str], where: str, ctx: ParseContext) -> None:
    last, last_variant = _variants(row.get("last"))
    given, given_variant = _variants(row.get("given"))
    entity.add("name", " ".join(p for p in (given, last) if p))
    if last_variant or given_variant:
        entity.add("alias", " ".join(p for p in (given_variant or given, last_variant or last) if p))
    words = (given or "").split()
    if words:
        entity.add("firstName", words[0])
    for word in words[1:]:
        entity.add("fatherName" if looks_patronymic(word) else "middleName", word)
    entity.add("lastName", last)
    entity.add("lastName", last_variant)
    entity.add("title", english_part(row.get("title")))
    _dates(entity, "birthDate", row.get("date"), where, ctx)
    if row.get("imo") or row.get("entity"):
        ctx.warn(where, "a person's record with an entity name or IMO number; those are left out")
    for alias in split_aliases(row.get("aliases")):
        prop, full = person_alias(alias, given, last)
        entity.add(prop, full)


def _organization(entity: Entity, row: dict[str, str], where: str, ctx: ParseContext) -> None:
    names = split_bilingual(row.get("entity") or "")
    entity.add("name", names[0] if names else row.get("entity"))
    entity.add_many("alias", names[1:])
    entity.add_many("alias", split_aliases(row.get("aliases")))
    if entity.schema != "Vessel":
        if row.get("date"):
            entity.add("notes", f"Date: {row['date']}")
        return
    imo = row.get("imo")
    if imo is not None:
        m = _IMO.match(imo)
        if m is not None:
            entity.add("imoNumber", f"IMO{m.group(1)}")
        else:
            ctx.warn(where, f"ShipIMONumber {imo!r} is not an IMO number; kept in notes")
            entity.add("notes", f"ShipIMONumber: {imo}")
    entity.add("type", english_part(row.get("title")))
    _dates(entity, "buildDate", row.get("date"), where, ctx)


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
