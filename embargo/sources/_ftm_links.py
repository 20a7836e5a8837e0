"""First pass over an FtM file: the small linked entities a target needs.

FtM keeps a designation (``Sanction``), an address (``Address``) and an
identity document (``Passport``, ``Identification``) as entities of their
own that point to, or are pointed to by, the listed party, in any order in
the file. :func:`collect_links` reads them into memory so the second pass can
stream the parties and attach what belongs to each.

Only these small records are kept, never the parties themselves: memory grows
with the number of sanctions and addresses (a few hundred bytes each), not
with the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from embargo.model import MEASURES, Designation, clean_date, clean_text, schema_properties
from embargo.model.values import MAX_TEXT_LENGTH
from embargo.sources.base import ParseContext, slug

__all__ = [
    "LINK_SCHEMATA",
    "Links",
    "add_link_record",
    "holder_property",
    "measures_of",
    "sanction_designation",
    "strings",
]

#: Schemata read in the first pass (line pre-filter: their quoted names).
LINK_SCHEMATA: frozenset[str] = frozenset({"Sanction", "Address", "Passport", "Identification"})

_LABELS: dict[str, str] = {label.lower(): key for key, label in MEASURES.items()} | {key: key for key in MEASURES}

# Publisher wordings seen in OpenSanctions' ``provisions`` (OFAC "Block",
# DFAT "Targeted financial sanction", Ukraine's NSDC in Ukrainian...). First
# match wins; anything else is kept as "other".
_PROVISIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"freez|frozen|\bblock|targeted financial|блокуван|заморож", re.IGNORECASE), "asset_freeze"),
    (re.compile(r"travel ban|entry ban|ban on entry|admission|в['’]?їзд|въезд", re.IGNORECASE), "travel_ban"),
    (re.compile(r"\bvisa", re.IGNORECASE), "visa_ban"),
    (re.compile(r"\barms\b|weapon", re.IGNORECASE), "arms_embargo"),
    (re.compile(r"director disqualif", re.IGNORECASE), "director_disqualification"),
    (re.compile(r"\bexport|\bEAR\b", re.IGNORECASE), "export_restriction"),
    (re.compile(r"trust services", re.IGNORECASE), "trust_services_ban"),
    (re.compile(r"sectoral|\bdebt\b|\bequity\b", re.IGNORECASE), "sectoral_sanctions"),
    (re.compile(r"транзит|перевезен|заходження|\bport\b|transport|flight", re.IGNORECASE), "transport_ban"),
)


def strings(value: object) -> list[str]:
    """The non-empty strings of an FtM property value (a list, or a lone string)."""
    items: Iterable[object] = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
    return out


def _join(values: list[str]) -> str | None:
    if not values:
        return None
    return "; ".join(dict.fromkeys(values))[:MAX_TEXT_LENGTH]


def measures_of(provisions: list[str], skip: Iterable[str] = ()) -> list[str]:
    """MEASURES keys for FtM ``provisions`` texts.

    Our own export writes the MEASURES labels, which map back exactly;
    publisher wordings go through a small keyword table; the rest is
    ``other``. Values in ``skip`` (the program codes OpenSanctions repeats in
    ``provisions``) are ignored.
    """
    skipped = {s.lower() for s in skip}
    out: list[str] = []
    for text in provisions:
        key = text.lower()
        if key in skipped:
            continue
        measure = _LABELS.get(key)
        if measure is None:
            measure = next((m for pattern, m in _PROVISIONS if pattern.search(text)), "other")
        if measure not in out:
            out.append(measure)
    return out


def _first_date(values: list[str], latest: bool = False) -> str | None:
    dates = sorted(d for d in (clean_date(v) for v in values) if d is not None)
    if not dates:
        return None
    return dates[-1] if latest else dates[0]


def sanction_designation(sid: str, props: dict[str, Any], ctx: ParseContext) -> Designation:
    """The designation a ``Sanction`` entity describes (its ``entity`` not resolved)."""
    programs = strings(props.get("program"))
    program_ids = strings(props.get("programId"))
    listing = strings(props.get("listingDate")) or strings(props.get("startDate"))
    return Designation(
        id=sid,
        list=ctx.list_name,
        authority=_join(strings(props.get("authority"))) or ctx.authority,
        program=_join(programs) or _join(program_ids),
        measures=measures_of(strings(props.get("provisions")), skip=programs + program_ids),
        listing_date=_first_date(listing),
        end_date=_first_date(strings(props.get("endDate")), latest=True),
        reason=_join(strings(props.get("reason"))),
        source_id=_join(strings(props.get("authorityId"))) or _join(strings(props.get("unscId"))),
        url=next(iter(strings(props.get("sourceUrl"))), None),
    )


def _address_text(props: dict[str, Any]) -> list[str]:
    full = [t for t in (clean_text(v) for v in strings(props.get("full"))) if t]
    if full:
        return full
    parts = [strings(props.get(p)) for p in ("street", "postalCode", "city", "region")]
    joined = clean_text(", ".join(p[0] for p in parts if p))
    return [joined] if joined else []


@dataclass(slots=True)
class Links:
    """What the first pass found, keyed by the id of the entity it belongs to.

    Attributes:
        designations: Sanction-derived designations by target entity id.
        addresses: one-line address texts by Address id (and its referents).
        identifiers: (property, number) pairs by holder id.
        published: newest ``last_seen`` in the file (when the exporter ran).
        unlinked: Sanction or identity records that point to nothing.
    """

    designations: dict[str, list[Designation]] = field(default_factory=dict)
    addresses: dict[str, list[str]] = field(default_factory=dict)
    identifiers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    published: str | None = None
    unlinked: int = 0


def add_link_record(links: Links, data: dict[str, Any], ctx: ParseContext) -> None:
    """Remember one Sanction, Address, Passport or Identification record."""
    schema, rid, props = data.get("schema"), data.get("id"), data.get("properties")
    if not isinstance(rid, str) or not rid or not isinstance(props, dict):
        return  # the second pass reports it
    if schema == "Sanction":
        targets = list(dict.fromkeys(strings(props.get("entity"))))
        if not targets:
            links.unlinked += 1
            return
        base = sanction_designation(rid, props, ctx)
        for target in targets:
            # A Sanction naming several parties gives each its own designation id.
            did = rid if len(targets) == 1 else f"{rid}-{slug(target)}"
            links.designations.setdefault(target, []).append(replace(base, id=did, measures=list(base.measures)))
    elif schema == "Address":
        texts = _address_text(props)
        if texts:
            for key in [rid, *strings(data.get("referents"))]:
                links.addresses.setdefault(key, []).extend(texts)
    elif schema in ("Passport", "Identification"):
        numbers = strings(props.get("number")) + strings(props.get("passportNumber"))
        holders = strings(props.get("holder"))
        if not numbers or not holders:
            links.unlinked += 1
            return
        prop = "passportNumber" if schema == "Passport" else "idNumber"
        for holder in holders:
            links.identifiers.setdefault(holder, []).extend((prop, n) for n in numbers)


def holder_property(schema: str, prop: str) -> str | None:
    """Where an identity number goes on a holder of ``schema`` (None: nowhere)."""
    allowed = schema_properties(schema)
    if prop in allowed:
        return prop
    return "idNumber" if "idNumber" in allowed else None
