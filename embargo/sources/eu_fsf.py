"""EU Financial Sanctions File (FSF), XML version 1.1.

The European Commission (DG FISMA) publishes the consolidated list of
persons, groups and entities subject to EU financial sanctions as
``xmlFullSanctionsList_1_1`` (see :data:`URL`). Its structure::

    <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="..." globalFileId="...">
      <sanctionEntity logicalId="..." euReferenceNumber="EU.4189.62" unitedNationId=""
                      designationDate="2020-11-06" designationDetails="">
        <remark>...</remark>
        <regulation programme="BLR" numberTitle="2020/1648 (OJ L370I)" publicationDate=""
                    entryIntoForceDate="" regulationType="" organisationType="">
          <publicationUrl>https://eur-lex.europa.eu/...</publicationUrl></regulation>
        <subjectType code="person|enterprise" classificationCode="P|E"/>
        <nameAlias wholeName="" firstName="" middleName="" lastName="" nameLanguage="BE"
                   strong="true|false" gender="M|F" title="" function="" logicalId=""/>
        <citizenship countryIso2Code="BY" countryDescription="BELARUS"/>
        <birthdate birthdate="1954-08-30" dayOfMonth="30" monthOfYear="8" year="1954"
                   yearRangeFrom="" yearRangeTo="" circa="false" city="" place="" region="" .../>
        <identification identificationTypeCode="passport|id|regnumber|fiscalcode|..." number=""
                        latinNumber="" diplomatic="" knownExpired="" issuedBy="" .../>
        <address street="" poBox="" zipCode="" city="" place="" region="" countryIso2Code="">
          <contactInfo key="PHONE|FAX|EMAIL|WEB" value=""/></address>
      </sanctionEntity>
    </export>

Nested elements carry ``regulationSummary`` children (ignored). Elements are
matched by local name, so the default namespace, a prefix, or none at all
are read alike.

What embargo takes:

* source id: ``logicalId`` (stable across files); ``person`` -> Person,
  ``enterprise`` -> Organization (the FSF does not say whether an
  enterprise is a company; any other subject type -> LegalEntity, warned);
* names: the first strong ``wholeName`` is ``name``, other strong ones
  ``alias``, ``strong="false"`` ones (and remarks saying "low quality")
  ``weakAlias``; ``nameLanguage`` (ISO 639-1) is kept as the name's language;
  name parts of strong names go to ``firstName``/``middleName``/``lastName``,
  a patronymic middle name (``Ryhoravich``) to ``fatherName``;
* ``gender``, ``title`` and ``function`` (-> ``position``, or ``notes`` for
  organizations), citizenships, birth dates (exact, partial, year ranges;
  ``circa`` keeps the year only), birth places, documents, addresses,
  contacts and remarks (-> ``notes``);
* one designation per ``programme`` (code as program, see
  :data:`~embargo.sources._eu_fsf_details.PROGRAMMES` for names) with the
  measure ``asset_freeze`` (the FSF is the asset-freeze list), the listing
  date ``designationDate`` (else the earliest regulation date), the
  regulation's URL, and a reason naming the EU reference number
  (``euReferenceNumber``), UN reference, programme, legal act and
  ``designationDetails`` so a reviewer can find the entry;
* ``generationDate`` of the root as the publication time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from lxml import etree

from embargo.model import Entity, clean_date, clean_language, clean_text, parse_date
from embargo.sources._eu_fsf_details import (
    add,
    attr,
    programme_title,
    read_addresses,
    read_birthdates,
    read_citizenships,
    read_identifications,
)
from embargo.sources._eu_fsf_names import is_patronymic, split_enumeration
from embargo.sources.base import Format, ParseContext, read_head
from embargo.sources.xml import child_text, children, iter_records, sniff_root

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "eu_fsf"
TITLE = "EU Financial Sanctions File (XML 1.1)"
URL = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"

#: The FSF is the list of EU asset freezes; it carries no other measure.
MEASURES = ("asset_freeze",)

_SCHEMATA = {"person": "Person", "p": "Person", "enterprise": "Organization", "e": "Organization"}
_GENERATED = re.compile(rb"<(?:\w+:)?export\b[^>]*?\sgenerationDate\s*=\s*[\"']([^\"']+)[\"']")
# What lxml or the decoder may raise on a broken file, beyond XMLSyntaxError.
# What a broken record can raise while read; it is then skipped and reported.
_RECORD_ERRORS = (ValueError, TypeError, LookupError, AttributeError)


def sniff(head: bytes, filename: str) -> bool:
    """True for an FSF XML file: root ``export`` with FSF content."""
    if sniff_root(head) != "export":
        return False
    return b"sanctionEntity" in head or b"fpi/fsd/export" in head


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the entities of an FSF XML file.

    Args:
        path: the XML file.
        ctx: the import's context (warnings, publication date).

    Yields:
        One entity per ``sanctionEntity``.

    Raises:
        SourceError: not XML, not an FSF file, or truncated.
    """
    records = iter_records(path, "export", "sanctionEntity")
    count = 0
    for elem in records:
        count += 1
        if ctx.published is None:
            root = elem.getparent()
            ctx.published = _published(root.get("generationDate") if root is not None else None)
        location = _location(elem, count)
        try:
            entity = _read_entity(elem, ctx, location)
        except _RECORD_ERRORS as exc:
            ctx.warn(location, f"record skipped: {exc}")
            continue
        if entity is not None:
            yield entity
    if ctx.published is None:
        m = _GENERATED.search(read_head(path, 65536))
        ctx.published = _published(m.group(1).decode("ascii", "replace") if m else None)


def _published(value: str | None) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return parse_date(text)
    return text


def _location(elem: etree._Element, count: int) -> str:
    logical_id = clean_text(elem.get("logicalId"))
    where = f"logicalId {logical_id}" if logical_id else f"sanctionEntity #{count}"
    return f"{where} (line {elem.sourceline})" if elem.sourceline else where


def _schema(elem: etree._Element, ctx: ParseContext, location: str) -> str:
    for node in children(elem, "subjectType"):
        for key in ("code", "classificationCode"):
            schema = _SCHEMATA.get((attr(node, key) or "").lower())
            if schema is not None:
                return schema
        ctx.warn(location, f"unknown subject type {attr(node, 'code')!r}; read as LegalEntity")
        return "LegalEntity"
    ctx.warn(location, "no subjectType; read as LegalEntity")
    return "LegalEntity"


def _read_entity(elem: etree._Element, ctx: ParseContext, location: str) -> Entity | None:
    logical_id = clean_text(elem.get("logicalId"))
    if logical_id is None:
        ctx.warn(location, "sanctionEntity without logicalId; skipped")
        return None
    entity = ctx.make_entity(_schema(elem, ctx, location), logical_id)
    if not _read_names(elem, entity):
        ctx.warn(location, "no name; skipped")
        return None
    problems: list[str] = []
    read_citizenships(elem, entity)
    if entity.schema == "Person":
        read_birthdates(elem, entity, problems)
    read_identifications(elem, entity)
    read_addresses(elem, entity)
    for remark in children(elem, "remark"):
        add(entity, "notes", remark.text)
    for problem in problems:
        ctx.warn(location, f"{problem}; the rest of the record is kept")
    _designate(elem, entity, ctx)
    return entity


def _is_weak(alias: etree._Element) -> bool:
    if (attr(alias, "strong") or "true").lower() == "false":
        return True
    return any("low quality" in (r.text or "").lower() for r in children(alias, "remark"))


def _whole_name(alias: etree._Element) -> str | None:
    whole = attr(alias, "wholeName")
    if whole is not None:
        return whole
    parts = [attr(alias, k) for k in ("firstName", "middleName", "lastName")]
    return " ".join(p for p in parts if p) or None


def _read_names(elem: etree._Element, entity: Entity) -> bool:
    """Names and the facts kept beside them; False if there is no name."""
    aliases = [(a, _whole_name(a)) for a in children(elem, "nameAlias")]
    named = [(a, n) for a, n in aliases if n is not None]
    if not named:
        return False
    # the first strong name is the primary one; failing that, the first name
    primary = next((a for a, _ in named if not _is_weak(a)), named[0][0])
    person = entity.schema == "Person"
    for alias, whole in named:
        lang = clean_language(alias.get("nameLanguage"))
        weak = _is_weak(alias) and alias is not primary
        prop = "name" if alias is primary else "weakAlias" if weak else "alias"
        entity.add(prop, whole, lang=lang)
        if person and not weak:
            add(entity, "firstName", attr(alias, "firstName"))
            middle = attr(alias, "middleName")
            add(entity, "fatherName" if is_patronymic(middle) else "middleName", middle)
            add(entity, "lastName", attr(alias, "lastName"))
        if person:
            add(entity, "gender", attr(alias, "gender"))
            for title in split_enumeration(attr(alias, "title")):
                add(entity, "title", title)
        for function in split_enumeration(attr(alias, "function")):
            add(entity, "position" if person else "notes", function)
        for remark in children(alias, "remark"):
            text = clean_text(remark.text)
            if text is not None and "quality" not in text.lower():
                add(entity, "notes", text)
    return True


def _designate(elem: etree._Element, entity: Entity, ctx: ParseContext) -> None:
    """One designation per programme, as the regulations name them."""
    by_programme: dict[str | None, list[etree._Element]] = {}
    for reg in children(elem, "regulation"):
        code = attr(reg, "programme")
        by_programme.setdefault(code.upper() if code else None, []).append(reg)
    if not by_programme:
        by_programme[None] = []
    designated = clean_date(attr(elem, "designationDate"))
    for programme, regs in by_programme.items():
        dates = [clean_date(attr(r, k)) for r in regs for k in ("entryIntoForceDate", "publicationDate")]
        listing = designated or min((d for d in dates if d), default=None)
        urls = [child_text(r, "publicationUrl") or attr(r, "publicationUrl") for r in regs]
        ctx.designate(
            entity,
            programme,
            MEASURES,
            listing_date=listing,
            reason=_reason(elem, programme, regs),
            url=next((u for u in urls if u), None),
        )


def _reason(elem: etree._Element, programme: str | None, regs: list[etree._Element]) -> str | None:
    parts = [attr(elem, "designationDetails")]
    ref, un_id = attr(elem, "euReferenceNumber"), attr(elem, "unitedNationId")
    parts.append(f"EU reference number: {ref}" if ref else None)
    parts.append(f"UN reference number: {un_id}" if un_id else None)
    if programme is not None:
        title = programme_title(programme)
        parts.append(f"Programme: {programme} ({title})" if title else f"Programme: {programme}")
    acts = list(dict.fromkeys(t for t in (attr(r, "numberTitle") for r in regs) if t))
    parts.append(f"Legal act: {', '.join(acts)}" if acts else None)
    text = "; ".join(p for p in parts if p)
    return text or None


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
