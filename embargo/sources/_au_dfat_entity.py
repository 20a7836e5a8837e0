"""One DFAT listing (the rows of one reference number) made into an entity; see :mod:`.au_dfat`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from embargo.model import Entity, schema_properties
from embargo.names.language import guess_language
from embargo.sources._au_dfat_cells import birth_dates, cell_date, cell_flag, cell_text, split_listed, split_values
from embargo.sources.base import ParseContext

__all__ = ["MEASURE_COLUMNS", "Row", "build_entity"]

#: The measure columns and the measure each TRUE stands for.
MEASURE_COLUMNS: dict[str, str] = {
    "Targeted Financial Sanction": "asset_freeze",
    "Travel Ban": "travel_ban",
    "Arms Embargo": "arms_embargo",
    "Maritime Restriction": "port_entry_ban",
}

Row = tuple[int, str, dict[str, Any]]

_SCHEMATA = {"individual": "Person", "entity": "Organization", "vessel": "Vessel"}
_UN_REFERENCE = re.compile(r"^([A-Z]{2}[ie]\.\d{3})\b")
_IMO = re.compile(r"^(?:IMO\s*(?:number|no\.?)?\s*:?\s*)?(\d{7})$", re.IGNORECASE)


def _text(cells: dict[str, Any], column: str) -> str | None:
    return cell_text(cells.get(column))


def _distinct(rows: Sequence[Row], column: str) -> list[str]:
    """A column's texts over the rows, each once, in order (rows repeat the listing's details)."""
    return list(dict.fromkeys(t for _, _, cells in rows if (t := _text(cells, column)) is not None))


def build_entity(ctx: ParseContext, base: str, rows: Sequence[Row]) -> Entity | None:
    """The entity of one listing, or None (with a warning) when no row names it."""
    where = f"Reference {base}"
    primary = [r for r in rows if (_text(r[2], "Name Type") or "").lower() == "primary name"]
    entity = ctx.make_entity(_schema(ctx, where, rows, primary), base)
    if not _names(ctx, where, entity, rows, primary):
        ctx.warn(where, "no row has a name; listing skipped")
        return None
    _details(ctx, where, entity, rows)
    _designations(ctx, entity, rows, primary)
    return entity


def _schema(ctx: ParseContext, where: str, rows: Sequence[Row], primary: list[Row]) -> str:
    kinds = list(dict.fromkeys(k.lower() for k in _distinct(rows, "Type")))
    first = _text(primary[0][2], "Type") if primary else None
    kind = first.lower() if first else (kinds[0] if kinds else "")
    if len(kinds) > 1:
        ctx.warn(where, f"rows disagree on Type ({', '.join(kinds)}); read as {kind}")
    schema = _SCHEMATA.get(kind)
    if schema is None:
        ctx.warn(where, f"unknown Type {kind!r}; read as LegalEntity")
        return "LegalEntity"
    return schema


def _names(ctx: ParseContext, where: str, entity: Entity, rows: Sequence[Row], primary: list[Row]) -> bool:
    named: list[tuple[Row, str, str, str | None]] = []
    for row in rows:
        number, ref, cells = row
        name = _text(cells, "Name of Individual or Entity")
        if name is None:
            ctx.warn(f"Reference {ref} (row {number})", "no name; row skipped")
            continue
        kind = (_text(cells, "Name Type") or "").lower()
        strength = (_text(cells, "Alias Strength") or "").lower()
        lang = None
        if kind == "primary name":
            prop = "name" if row is primary[0] else "alias"
            if prop == "alias":
                ctx.warn(f"Reference {ref} (row {number})", "a second Primary Name row; read as an alias")
        elif kind == "original script":
            prop, lang = "alias", guess_language(name)
        elif kind == "alias":
            prop = "weakAlias" if "weak" in strength or "low" in strength else "alias"
        else:
            ctx.warn(f"Reference {ref} (row {number})", f"unknown Name Type {kind!r}; read as an alias")
            prop = "alias"
        named.append((row, prop, name, lang))
    if not named:
        return False
    if not any(prop == "name" for _, prop, _, _ in named):
        # No Primary Name row: the number's own row (else the first) names the listing.
        pick = next((i for i, item in enumerate(named) if item[0][1].isdigit()), 0)
        row, _, name, lang = named[pick]
        named[pick] = (row, "name", name, lang)
        ctx.warn(where, f"no Primary Name row; {name!r} (Reference {row[1]}) taken as the name")
    for _, prop, name, lang in named:
        entity.add(prop, name, lang=lang)
    return bool(entity.get("name"))


def _details(ctx: ParseContext, where: str, entity: Entity, rows: Sequence[Row]) -> None:
    person = entity.schema == "Person"
    if person:
        seen: set[object] = set()
        for number, ref, cells in rows:
            raw = cells.get("Date of Birth")
            if raw is None or raw in seen:
                continue
            seen.add(raw)
            dates, bad = birth_dates(raw)
            entity.add_many("birthDate", dates)
            if bad:
                ctx.warn(
                    f"Reference {ref} (row {number})",
                    f"unreadable Date of Birth {', '.join(map(repr, bad))} in {cell_text(raw)!r}; the rest is kept",
                )
    for place in _distinct(rows, "Place of Birth"):
        if person:
            entity.add_many("birthPlace", split_listed(place))
        else:
            entity.add("notes", f"Place of Birth: {place}")
    for text in _distinct(rows, "Citizenship"):
        for country in split_values(text):
            if entity.add("nationality" if person else "country", country) is None:
                ctx.warn(where, f"unknown country {country!r} in Citizenship; not kept")
    for address in _distinct(rows, "Address"):
        entity.add_many("address", split_listed(address))
    for note in _distinct(rows, "Additional Information"):
        entity.add("notes", note)
        if m := _UN_REFERENCE.match(note):
            entity.add("programId", m.group(1))
    for imo in _distinct(rows, "IMO Number"):
        m = _IMO.match(imo)
        if m is None:
            ctx.warn(where, f"unreadable IMO Number {imo!r}; kept as a note")
            entity.add("notes", f"IMO Number: {imo}")
        elif "imoNumber" in schema_properties(entity.schema):
            entity.add("imoNumber", f"IMO{m.group(1)}")
        else:
            entity.add("notes", f"IMO Number: IMO{m.group(1)}")


def _designations(ctx: ParseContext, entity: Entity, rows: Sequence[Row], primary: list[Row]) -> None:
    """One designation per Committees value, its measures those of any of its rows."""
    programs: dict[str | None, list[Row]] = {}
    for row in rows:
        programs.setdefault(_text(row[2], "Committees"), []).append(row)
    for program, members in programs.items():
        measures: list[str] = []
        for number, ref, cells in members:
            for column, measure in MEASURE_COLUMNS.items():
                flag = cell_flag(cells.get(column))
                if flag is None:
                    ctx.warn(f"Reference {ref} (row {number})", f"unreadable {column} {_text(cells, column)!r}")
                elif flag and measure not in measures:
                    measures.append(measure)
        dates = [d for _, _, cells in members if (d := cell_date(cells.get("Control Date")))]
        first = next((r for r in primary if r in members), members[0])[2]
        reason: list[str] = []
        for column in ("Listing Information", "Instrument of Designation"):
            text = _text(first, column)
            # The instrument is often named in the listing information already.
            if text is not None and not any(text in r for r in reason):
                reason.append(text)
        ctx.designate(
            entity,
            program,
            sorted(measures, key=list(MEASURE_COLUMNS.values()).index),
            listing_date=max(dates) if dates else None,
            reason="\n".join(reason) or None,
        )
