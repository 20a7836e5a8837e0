"""A Swiss SECO target's free-text details, relations and modification history.

``other-information`` holds one fact a line, often labelled (``IMO Number:
8405270``, ``Website: www.mzkt.by``, ``Registration number: 100534485``):
labelled identifiers and contacts go to their property, the rest to
``notes``. ``relation`` elements link the target to another target.
``modification`` elements, most recent first, say when the target was
listed, amended and de-listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from embargo.model import Entity, Link, clean_date, clean_text, schema_properties
from embargo.sources.base import ParseContext
from embargo.sources.xml import children

__all__ = ["Status", "read_other_information", "read_relations", "read_status"]

#: Labelled ``other-information`` lines and the property they fill.
_LABELLED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), prop)
    for pattern, prop in (
        (r"IMO(?:\s+(?:number|no\.?))?\s*:?\s*(\d{7})\.?", "imoNumber"),
        (r"(?:Website|Web site|Web)\s*:\s*((?:https?://|www\.)\S+)", "website"),
        (r"E-?mail(?:\s+address)?\s*:\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", "email"),
        (r"(?:Tel\.?|Telephone|Phone)(?:\s+number)?\s*:\s*(\+?[\d\s()./-]{6,})", "phone"),
        (r"(?:State\s+|Business\s+)?Registration\s+number\s*:\s*([\w/-]+)\.?", "registrationNumber"),
        (r"(?:Taxpayer\s+Identification\s+Number|INN)\s*:\s*(\d{10,12})\.?", "innCode"),
        (r"Tax\s+(?:registration\s+|identification\s+)?number\s*:\s*([\w/-]+)\.?", "taxNumber"),
        (r"OGRN\s*:\s*(\d{13,15})\.?", "ogrnCode"),
    )
)
#: ``relation-type`` words -> link kinds (SECO's only published type so far is ``related-to``).
_RELATIONS = (
    ("own", "owned_by"),
    ("control", "owned_by"),
    ("behalf", "agent"),
    ("family", "family"),
    ("relative", "family"),
    ("associat", "associate"),
    ("leader", "leader"),
)


def read_other_information(entity: Entity, node: etree._Element) -> None:
    """Labelled identifiers and contacts of the ``other-information`` children; the rest as notes."""
    props = schema_properties(entity.schema)
    for info in children(node, "other-information"):
        text = clean_text(info.text)
        if text is None:
            continue
        for pattern, prop in _LABELLED:
            m = pattern.fullmatch(text)
            if m is not None and prop in props:
                value = m.group(1).strip()
                if entity.add(prop, f"IMO{value}" if prop == "imoNumber" else value) is not None:
                    break
        else:
            entity.add("notes", text)


def read_relations(entity: Entity, node: etree._Element, ctx: ParseContext) -> None:
    """``relation`` elements as links to the other target (by its embargo id)."""
    for rel in children(node, "relation"):
        target = clean_text(rel.get("target-id"))
        if target is None:
            continue
        wording = clean_text(rel.get("relation-type")) or "related-to"
        kind = next((k for word, k in _RELATIONS if word in wording.lower()), "other")
        entity.links.append(
            Link(kind, target=ctx.make_id(target), relation=wording, source_id=clean_text(rel.get("ssid")))
        )


@dataclass(slots=True)
class Status:
    """Where a target stands, from its modifications.

    Attributes:
        delisted: its latest modification (in force at the list's date) de-lists it.
        listed: effective date of the latest listing.
        modified: date of the latest modification.
        ends: date of a de-listing announced for after the list's date.
    """

    delisted: bool = False
    listed: str | None = None
    modified: str | None = None
    ends: str | None = None


def _when(mod: etree._Element) -> str | None:
    for attr in ("effective-date", "publication-date", "enactment-date"):
        value = clean_date(mod.get(attr))
        if value is not None:
            return value
    return None


def read_status(target: etree._Element, list_date: str | None) -> Status:
    """The target's status from its ``modification`` children.

    The latest modification decides (by date; SECO writes them most recent
    first, which breaks ties and orders undated ones). A de-listing that takes
    effect after the list's own date leaves the target in force until then.
    """
    status = Status()
    mods = [
        ((m.get("modification-type") or "").strip().lower(), _when(m), i)
        for i, m in enumerate(children(target, "modification"))
    ]
    if not mods:
        return status
    kind, when, _ = max(mods, key=lambda m: (m[1] or "", -m[2]))
    if kind == "de-listed":
        if when is not None and list_date is not None and when > list_date:
            status.ends = when
        else:
            status.delisted = True
    listings = [w for k, w, _ in mods if k == "listed" and w]
    status.listed = max(listings) if listings else None
    dated = [w for k, w, _ in mods if w and k != "de-listed"]
    status.modified = max(dated) if dated else None
    return status
