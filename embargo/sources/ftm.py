"""FollowTheMoney entity JSON lines: OpenSanctions exports, yente data, our own export.

FollowTheMoney (FtM, https://followthemoney.tech) is the entity model of
OpenSanctions, yente and Aleph. A file holds one JSON object per line::

    {"id": "NK-2KeU...", "schema": "Person", "caption": "...",
     "properties": {"name": ["..."], "birthDate": ["1967-12-19"]},
     "datasets": ["eu_fsf"], "referents": [...], "target": true,
     "first_seen": "...", "last_seen": "...", "last_change": "..."}

Only ``id``, ``schema`` and ``properties`` are required. OpenSanctions
publishes such files per dataset (``entities.ftm.json``, see :data:`URL`).

What is read:

* **Parties.** Every schema FtM marks *matchable* that descends from
  ``Thing`` becomes an :class:`~embargo.model.Entity`, except ``Address``
  (folded into its owner, below), ``Position`` and ``Territory`` (not parties
  that can be listed). That is the target schemata (Person, Organization,
  Company, LegalEntity, Vessel, Airplane) plus PublicBody, Vehicle,
  CryptoWallet, Security, BankAccount and UserAccount, which OpenSanctions
  does list. The FtM id is kept as the entity id and as its ``source_id``
  (FtM ids are already stable and unique). Every property the FtM model
  knows for the schema is kept and cleaned by the model's types (a date-time
  becomes its date); an unknown property is warned about and its values
  skipped; an unknown schema skips the record. When ``caption`` is one of the
  names it is put first, so it stays the name reviewers see.
* **Sanction** entities become a :class:`~embargo.model.Designation` of the
  entity in their ``entity`` property (also matched through the party's
  ``referents``): ``authority``; ``program`` (else ``programId``);
  ``provisions`` mapped to MEASURES keys (our own labels map back exactly,
  publisher wordings through a keyword table, anything else ``other``;
  provision values equal to a program code are ignored); the earliest
  ``listingDate`` (else ``startDate``); the latest ``endDate``; ``reason``;
  ``authorityId`` (else ``unscId``) as source id; the first ``sourceUrl``.
  Several values of a text field are joined with ``"; "``.
* **Address** entities named in a party's ``addressEntity`` (by id or by
  one of their ``referents``) give their ``full`` text to ``address``.
* **Passport / Identification** entities give their ``number`` to their
  ``holder``'s ``passportNumber`` / ``idNumber``.
* A party with ``"target": true`` (or, when ``target`` is absent, the
  ``sanction`` topic) that no Sanction entity designates gets one
  designation per dataset it is in (except OpenSanctions' ``ext_`` and
  ``ann_`` enrichment datasets, which are not lists), with the dataset name
  as program, the import's authority and no measures (the file does not say
  which).

What is dropped: relationship and other interval schemata (Ownership,
Directorship, Family, Payment...) and other non-party schemata are counted
and skipped with one summary warning (embargo screens parties, not links);
``datasets``, ``referents``, ``first_seen``/``last_seen``/``last_change`` of
parties; a Sanction's ``country``, ``summary``, ``status``, ``duration``,
``programUrl`` and its provision texts beyond their mapped measure. A
designation's ``list`` is the import's list name. Records repeating an id
already read are skipped with a warning (aggregate fragments first, e.g.
``ftm aggregate``). ``ctx.published`` is the newest ``last_seen`` in the
file, i.e. when the exporter last ran.

Memory: the file is read twice. The first pass keeps only Sanction,
Address and identity records (small, and they may come before or after their
party); the second streams the parties. So memory grows with the number of
sanctions and addresses (plus the set of party ids, to refuse duplicates),
not with the size of the parties.

Round trip: :func:`export_entities` writes what FtM has no place for (a
``source_id`` other than the id, name languages, the ``sanction`` topic it
added) in a top-level ``"embargo"`` key, read back here, so exporting then
importing under the same list name gives equal ``Entity.to_dict()``;
designation texts are stripped and empty ones dropped, a designation's
empty authority becomes the import's authority, and its ``list`` becomes the
import's list name (the same, as ``ctx.designate`` gives the entity's list).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from followthemoney import model as ftm_model

from embargo.model import Designation, Entity, clean_text, property_type, schema_properties
from embargo.sources._ftm_export import EXTENSION, export_entities
from embargo.sources._ftm_links import LINK_SCHEMATA, Links, add_link_record, holder_property, strings
from embargo.sources.base import Format, ParseContext

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "export_entities", "parse", "sniff"]

NAME = "ftm"
TITLE = "FollowTheMoney entities (JSON lines; OpenSanctions, yente)"
URL = "https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json"

_NOT_PARTIES = frozenset({"Address", "Position", "Territory"})
_MAX_ID = 1000
_NOT_LISTS = ("ext_", "ann_")
_LINK_MARKERS = tuple(f'"{s}"' for s in LINK_SCHEMATA)
_LAST_SEEN = re.compile(r'"last_seen"\s*:\s*"(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?)')
_SNIFF_SCHEMA = re.compile(rb'"schema"\s*:\s*"[A-Z][A-Za-z]+"')
_SNIFF_PROPS = re.compile(rb'"properties"\s*:\s*\{')


def _is_party(schema: str) -> bool:
    found = ftm_model.get(schema)
    return bool(found is not None and found.matchable and found.is_a("Thing") and schema not in _NOT_PARTIES)


def _lines(path: Path, ctx: ParseContext) -> Iterator[tuple[int, str | None]]:
    """(line number, text) of each non-blank line; text is None if not UTF-8."""
    try:
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                try:
                    yield number, raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield number, None
    except OSError as exc:
        raise ctx.error(f"cannot read file: {exc.strerror or exc}") from exc


def _load(text: str | None) -> tuple[dict[str, Any] | None, str]:
    """The JSON object on a line, or None and why not."""
    if text is None:
        return None, "not UTF-8 text"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, f"not valid JSON ({str(exc)[:80]})"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    return data, ""


def _collect(path: Path, ctx: ParseContext) -> Links:
    """First pass: check the file is JSON lines, keep the linked records."""
    links = Links()
    first = True
    for number, text in _lines(path, ctx):
        if first:
            first = False
            data, why = _load(text)
            if data is None:
                hint = " (an HTML page?)" if text is not None and text.lstrip().startswith("<") else ""
                raise ctx.error(f"not FollowTheMoney JSON lines: the first line is {why}{hint}", f"line {number}")
            if "schema" not in data:
                raise ctx.error("not FollowTheMoney JSON lines: the first object has no schema", f"line {number}")
        if text is None:
            continue
        if m := _LAST_SEEN.search(text):
            links.published = max(links.published or "", m.group(1))
        # Only parse lines that may be a linked record: most lines are parties.
        if any(marker in text for marker in _LINK_MARKERS):
            data, _ = _load(text)
            if data is not None:
                add_link_record(links, data, ctx)
    if first:
        raise ctx.error("the file is empty")
    return links


def _add_properties(entity: Entity, data: dict[str, Any], props: dict[str, Any], where: str, ctx: ParseContext) -> None:
    allowed = schema_properties(entity.schema)
    unknown = sorted(str(p)[:60] for p in props if p not in allowed)
    if unknown:
        names = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        ctx.warn(where, f"{entity.schema} has no properties {names}; their values are skipped")
    caption = clean_text(data.get("caption")) if isinstance(data.get("caption"), str) else None
    for prop, value in props.items():
        if prop not in allowed:
            continue
        values = strings(value)
        if prop == "name" and caption is not None:
            # The exporter's chosen caption stays the first name.
            values.sort(key=lambda v: clean_text(v) != caption)
        for item in values:
            entity.add(prop, item)


def _apply_extension(entity: Entity, data: dict[str, Any]) -> None:
    ext = data.get(EXTENSION)
    if not isinstance(ext, dict):
        return
    added = strings(ext.get("added_topics"))
    topics = [t for t in entity.get("topics") if t not in added]
    if topics:
        entity.properties["topics"] = topics
    else:
        entity.properties.pop("topics", None)
    if "source_id" in ext and (ext["source_id"] is None or isinstance(ext["source_id"], str)):
        entity.source_id = ext["source_id"]
    languages = ext.get("name_languages")
    if isinstance(languages, dict):
        names = {v for p, vs in entity.properties.items() if property_type(entity.schema, p) == "name" for v in vs}
        for name, lang in languages.items():
            if isinstance(name, str) and isinstance(lang, str) and name in names:
                entity.name_languages[name] = lang


def _attach(entity: Entity, data: dict[str, Any], links: Links, used: set[str], ctx: ParseContext) -> None:
    keys = [entity.id, *strings(data.get("referents"))]
    seen: set[str] = set()
    for key in keys:
        found: list[Designation] = links.designations.get(key, [])
        if found:
            used.add(key)
        for designation in found:
            if designation.id not in seen:
                seen.add(designation.id)
                entity.designations.append(replace(designation, measures=list(designation.measures)))
        for prop, number in links.identifiers.get(key, []):
            target = holder_property(entity.schema, prop)
            if target is not None:
                entity.add(target, number)
    for ref in strings(entity.get("addressEntity")):
        for text in links.addresses.get(ref, []):
            entity.add("address", text)
    target_flag = data.get("target")
    topics = strings(data.get("properties", {}).get("topics"))
    if not entity.designations and (target_flag is True or (target_flag is None and "sanction" in topics)):
        # OpenSanctions' ext_ (enrichment) and ann_ (annotation) datasets are not lists.
        lists: list[str | None] = [d for d in strings(data.get("datasets")) if not d.startswith(_NOT_LISTS)]
        for dataset in lists or [None]:
            ctx.designate(entity, dataset)


def _read_party(data: dict[str, Any], where: str, links: Links, used: set[str], ctx: ParseContext) -> Entity | None:
    eid, schema, props = data.get("id"), data.get("schema"), data.get("properties", {})
    if not isinstance(eid, str) or not eid.strip() or len(eid) > _MAX_ID:
        ctx.warn(where, "record without a usable id; skipped")
        return None
    if not isinstance(props, dict):
        ctx.warn(where, f"{eid}: properties is not an object; skipped")
        return None
    entity = Entity(str(schema), eid, ctx.list_name, source_id=eid)
    _add_properties(entity, data, props, where, ctx)
    _apply_extension(entity, data)
    _attach(entity, data, links, used, ctx)
    return entity


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the parties of an FtM JSON-lines file, with their designations.

    Raises:
        SourceError: the file is empty, unreadable, or its first line is not
            an FtM entity object (HTML, a JSON array, CSV...).
    """
    links = _collect(path, ctx)
    ctx.published = links.published
    skipped: Counter[str] = Counter()
    emitted: set[str] = set()
    used: set[str] = set()
    for number, text in _lines(path, ctx):
        where = f"line {number}"
        data, why = _load(text)
        if data is None:
            ctx.warn(where, f"{why}; skipped")
            continue
        schema = data.get("schema")
        if not isinstance(schema, str) or ftm_model.get(schema) is None:
            ctx.warn(where, f"unknown FollowTheMoney schema {str(schema)[:60]!r}; skipped")
            continue
        if schema in LINK_SCHEMATA:
            continue
        if not _is_party(schema):
            skipped[schema] += 1
            continue
        try:
            entity = _read_party(data, where, links, used, ctx)
        except (ValueError, TypeError, AttributeError) as exc:
            ctx.warn(where, f"unreadable entity ({exc}); skipped")
            continue
        if entity is None:
            continue
        if entity.id in emitted:
            ctx.warn(where, f"{entity.id} appears again; this copy is skipped (aggregate the file first)")
            continue
        emitted.add(entity.id)
        yield entity
    if skipped:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        ctx.warn("file", f"skipped {counts} (relationships and other non-party records are not screened)")
    dangling = sum(len(v) for k, v in links.designations.items() if k not in used) + links.unlinked
    if dangling:
        ctx.warn("file", f"{dangling} Sanction or identity records not used (no party in the file, or no number)")


def sniff(head: bytes, filename: str) -> bool:
    """An FtM JSON-lines file: starts with an object holding a schema and properties."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return False
    line = text.split(b"\n", 1)[0]
    if _SNIFF_SCHEMA.search(line) and _SNIFF_PROPS.search(line):
        return True
    # A first line longer than the head may hide its schema: trust the name.
    name = filename.lower()
    return name.endswith((".ftm.json", ".ftm.jsonl", ".ftm.json.txt")) and bool(_SNIFF_PROPS.search(line))


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
