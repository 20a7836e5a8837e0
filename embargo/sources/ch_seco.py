"""Swiss SECO sanctions list (XML).

The State Secretariat for Economic Affairs (SECO) publishes every person,
entity and object targeted by the Swiss sanctions ordinances (Embargo Act)
as one XML file, downloaded from SESAM (see :data:`URL`; XSD
``swiss-sanctions-list_v3.1.xsd``). Its structure (no namespace)::

    <swiss-sanctions-list list-type="whole-list" date="2026-08-15">
      <sanctions-program ssid="20" version-date="...">
        <program-key lang="eng">Belarus</program-key>  (per language)
        <program-name lang="eng">Ordinance ... on measures against Belarus</program-name>
        <sanctions-set ssid="4387" lang="eng">annex ...</sanctions-set>  <origin>EU</origin>
      </sanctions-program>
      <target ssid="44348">
        <sanctions-set-id>4387</sanctions-set-id> <foreign-identifier/>
        <individual sex="male"> | <entity> | <object object-type="vessel">
          <identity ssid="..." main="true">
            <name name-type="primary-name|alias|formerly-known-as" quality="good|low">
              <name-part order="1" name-part-type="family-name|given-name|father-name|whole-name|...">
                <value>Zamulevich</value>
                <spelling-variant lang="BEL" script="CYRL">ЗАМУЛЕВIЧ</spelling-variant>
            <day-month-year day= month= year= quality=/> <place-of-birth place-id=/>
            <nationality><country iso-code="BY">Belarus</country></nationality>
            <identification-document document-type="passport"><number/><issuer code=/>
            <address place-id=><c-o/><address-details/><p-o-box/><zip-code/></address>
          </identity>
          <justification/>... <other-information/>... <relation target-id= relation-type=/>
        </individual>
        <modification modification-type="listed|amended|de-listed" effective-date=...>
          <added>...</added> <removed>...</removed>   (snapshots, nested target copies)
        </modification>
      </target>
      <place ssid="319"><location/><area/><country iso-code=/></place>
    </swiss-sanctions-list>

What embargo takes:

* ``target`` ``ssid`` is the source id. Only the live description is read:
  the ``identity`` children of the target's own ``individual`` (Person),
  ``entity`` (Organization) or ``object`` (``vessel`` -> Vessel,
  ``aircraft`` -> Airplane). The ``added``/``removed`` snapshots inside
  ``modification`` repeat old and current names and even a whole nested
  ``target``; they are history and are not read.
* **De-listed targets are skipped**: the file keeps them, with their full
  history, after their de-listing. A target whose latest modification
  (:func:`~embargo.sources._ch_seco_details.read_status`) is ``de-listed``
  is not imported; a de-listing dated after the list's ``date`` leaves the
  target in force with that date as the designation's end.
* Names (see :mod:`._ch_seco_identity`): the main identity's first primary
  name -> ``name``; other primary names and other identities' names and
  ``alias`` -> ``alias``; ``formerly-known-as`` -> ``previousName`` (a
  maiden name alone is completed with the primary given names); ``quality="low"``
  -> ``weakAlias``; full names in each language and script of the spelling
  variants -> the same property (``alias`` for the primary name) with the
  language where the script is not Latin. For persons, name parts go to
  ``firstName``, ``middleName``, ``fatherName``, ``lastName``, ``title``,
  ``nameSuffix`` in every spelling.
* ``sex`` -> ``gender``; ``day-month-year`` -> ``birthDate`` (persons) or
  ``incorporationDate``; places of birth and addresses (completed from the
  referenced ``place``) -> ``birthPlace``/``birthCountry`` and
  ``address``/``country``; ``nationality`` -> ``nationality``; passports
  -> ``passportNumber``, other documents -> ``idNumber``.
* ``other-information``: labelled IMO numbers, websites, e-mails, phones,
  registration, tax, INN and OGRN numbers to their properties, the rest
  -> ``notes``; ``foreign-identifier`` -> ``programId``; ``relation`` ->
  ``links`` (kind by ``relation-type``, target by its ssid).
* One designation by "CH SECO" per ``sanctions-set-id``: the programme
  is the ``program-name`` (English first) of the ``sanctions-program``
  holding that set; a file without programme blocks (an excerpt) names it
  "SECO sanctions set N" and says so once. Measures: asset freeze, and a
  travel ban for persons when the sanctions set's text names an entry or
  travel ban. Listing date: the latest ``listed`` modification's
  ``effective-date``; reason: the ``justification`` texts; the latest
  modification date -> ``modifiedAt``.
* The root's ``date`` is the publication date; a ``list-type`` other than
  ``whole-list`` is reported (such a file is not the whole list).

The places follow the targets in the file, so it is streamed twice: once for
programmes and places, once for targets, each element freed once read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from embargo.errors import SourceError
from embargo.model import Entity, clean_date, clean_text
from embargo.sources._ch_seco_details import read_other_information, read_relations, read_status
from embargo.sources._ch_seco_header import ROOT, Header, Program, read_header, records
from embargo.sources._ch_seco_identity import read_identity
from embargo.sources.base import Format, ParseContext, read_head
from embargo.sources.xml import child_text, children, local_name, sniff_root

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "ch_seco"
TITLE = "Swiss SECO sanctions list (XML)"
URL = (
    "https://www.sesam.search.admin.ch/sesam-search-web/pages/downloadXmlGesamtliste.xhtml"
    "?lang=en&action=downloadXmlGesamtlisteAction"
)
AUTHORITY = "CH SECO"

_OBJECTS = {"vessel": "Vessel", "ship": "Vessel", "aircraft": "Airplane", "airplane": "Airplane"}
_ROOT_TAG = re.compile(rb"<\s*swiss-sanctions-list\b([^>]*)>")
_ATTR = re.compile(rb'([\w-]+)\s*=\s*"([^"]*)"')
_RECORD_ERRORS = (ValueError, TypeError, LookupError, AttributeError)


def sniff(head: bytes, filename: str) -> bool:
    """True for an XML file whose document element is ``swiss-sanctions-list``."""
    return sniff_root(head) == ROOT


def _root_attributes(head: bytes, ctx: ParseContext) -> None:
    root = sniff_root(head)
    if root is not None and root.lower() == "html":
        raise ctx.error("this is an HTML page, not a list file (an error page served instead of the list?)")
    if root is not None and root != ROOT:
        raise ctx.error(f"unexpected document element <{root}>, expected <{ROOT}>")
    m = _ROOT_TAG.search(head)
    if m is None:
        return
    attrs = {k.decode("ascii", "replace"): v.decode("utf-8", "replace") for k, v in _ATTR.findall(m.group(1))}
    ctx.published = clean_date(attrs.get("date"))
    kind = clean_text(attrs.get("list-type"))
    if kind is not None and kind != "whole-list":
        ctx.warn("file", f"list-type is {kind!r}, not 'whole-list': this file may not hold the whole list")


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the targets in force of a SECO sanctions list file.

    Args:
        path: the XML file.
        ctx: the import's context; ``ctx.published`` is set from the root's ``date``.

    Yields:
        One entity per target that is not de-listed.

    Raises:
        SourceError: not XML, not this list, or truncated.
    """
    _root_attributes(read_head(path, 8192), ctx)
    header = read_header(path, ctx)
    if not header.programs:
        ctx.warn("file", "no <sanctions-program> blocks: programmes are named by their sanctions-set id")
    unknown: set[str] = set()
    count = 0
    for elem in records(path, ctx, ("target",)):
        count += 1
        ssid = clean_text(elem.get("ssid"))
        where = f"target {ssid}" if ssid else f"target #{count}"
        if elem.sourceline:
            where += f" (line {elem.sourceline})"
        try:
            entity = _target(elem, ssid, where, ctx, header, unknown)
        except SourceError:
            raise
        except _RECORD_ERRORS as exc:
            ctx.warn(where, f"record skipped ({exc})")
            continue
        if entity is not None:
            yield entity


def _body(target: etree._Element) -> tuple[etree._Element, str] | None:
    for child in target:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child.tag)
        if name == "individual":
            return child, "Person"
        if name == "entity":
            return child, "Organization"
        if name == "object":
            return child, _OBJECTS.get((child.get("object-type") or "").strip().lower(), "")
    return None


def _target(
    elem: etree._Element, ssid: str | None, where: str, ctx: ParseContext, header: Header, unknown: set[str]
) -> Entity | None:
    if ssid is None:
        ctx.warn(where, "target without ssid skipped")
        return None
    status = read_status(elem, ctx.published)
    if status.delisted:
        return None
    found = _body(elem)
    if found is None:
        ctx.warn(where, "target without individual, entity or object skipped")
        return None
    body, schema = found
    if not schema:
        ctx.warn(where, f"object-type {body.get('object-type')!r} unknown; read as LegalEntity")
        schema = "LegalEntity"
    entity = ctx.make_entity(schema, ssid)
    identities = children(body, "identity")
    identities.sort(key=lambda i: (i.get("main") or "").strip().lower() != "true")
    for i, identity in enumerate(identities):
        read_identity(entity, identity, header.places, main=i == 0)
    if not entity.get("name"):
        # No primary name: the first other name stands as the name.
        entity.add("name", next((value for _, value in entity.names()), None))
    if not entity.get("name"):
        ctx.warn(where, "target without a name skipped")
        return None
    if schema == "Person":
        entity.add("gender", body.get("sex"))
    read_other_information(entity, body)
    read_relations(entity, body, ctx)
    entity.add("programId", child_text(elem, "foreign-identifier"))
    entity.add("modifiedAt", status.modified)
    texts = (clean_text("".join(str(piece) for piece in j.itertext())) for j in children(body, "justification"))
    reasons = [text for text in texts if text]
    for program in _programs(elem, where, ctx, header, unknown):
        measures = ["asset_freeze", "travel_ban"] if program.entry_ban and schema == "Person" else ["asset_freeze"]
        ctx.designate(
            entity,
            program.name,
            measures,
            listing_date=status.listed,
            reason="\n".join(reasons) or None,
            url=URL,
            end_date=status.ends,
            authority=AUTHORITY,
        )
    return entity


def _programs(elem: etree._Element, where: str, ctx: ParseContext, header: Header, unknown: set[str]) -> list[Program]:
    ids = [t for t in (clean_text(n.text) for n in children(elem, "sanctions-set-id")) if t]
    attr = clean_text(elem.get("sanctions-set-id"))
    if attr is not None:
        ids.append(attr)
    if not ids:
        ctx.warn(where, "target without sanctions-set-id: designated without a programme")
        return [Program("SECO sanctions list")]
    out: list[Program] = []
    for set_id in dict.fromkeys(ids):
        program = header.programs.get(set_id)
        if program is None:
            if header.programs and set_id not in unknown:
                ctx.warn(where, f"sanctions-set-id {set_id} is in no <sanctions-program>")
            unknown.add(set_id)
            program = Program(f"SECO sanctions set {set_id}")
        out.append(program)
    return out


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
