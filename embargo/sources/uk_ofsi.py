"""UK OFSI Consolidated List of Financial Sanctions Targets (``ConList.csv``).

Published by HM Treasury's Office of Financial Sanctions Implementation at
https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv
(cp1252 text; UTF-8 is accepted too). The first line is
``Last Updated,dd/mm/yyyy`` (taken as the publication date), then the header
row, then one row per NAME of a target: rows sharing a ``Group ID`` are one
target. ``Alias Type`` says which name the row carries (``Primary name`` or,
in older files, ``Prime Alias``; ``AKA``/``Alias``/``Primary name
variation`` -> ``alias``, ``FKA`` -> ``previousName``; ``Alias Quality``
``Low quality`` -> ``weakAlias``). Person details (DOB, nationality...) are
repeated on every row of a group, and a group with several dates of birth
has a row per date.

Columns are taken by header name, so both the 2022 layout (with the
non-Latin-script columns, ``Passport Number``/``Passport Details``,
``National Identification Number``/``...Details``) and the 2020 layout
(``Passport Details``, ``NI Number``) are read; the ``Last Updated`` line may
be missing and unnamed leading columns are ignored (see :mod:`._csv_table`).

What we take: ``Name 1`` .. ``Name 5`` (given and middle names) and
``Name 6`` (surname, or the whole name of an entity or ship) joined in that
order as the name, with the parts as ``firstName``/``middleName``/
``lastName`` for people; the non-Latin-script name as an alias, with the
language the file states; ``Title``; dates of birth (``00`` for unknown day or
month); town and country of birth; nationalities (``(1) X (2) Y`` lists are
split); passport and ID numbers; position; one-line address and its
country; ``Other Information`` as notes, with its ``(UK Statement of
Reasons)`` as the reason and its list references (``UN Ref``, ``UK
Sanctions List Ref``) as ``programId``; ``Group Type`` Individual / Entity /
Ship -> Person / Organization / Vessel. One designation by ``UK OFSI`` per
``Regime``, measure asset freeze (OFSI's list is the asset-freeze list),
listed ``Listed On``.

Rows of one group are not adjacent in the published file (it is sorted by
name), so the targets are gathered while reading the rows and yielded once
the file has been read; memory grows with the number of targets, not rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from embargo.errors import SourceError
from embargo.model import Entity, clean_language, clean_text, parse_date
from embargo.sources._csv_table import Row, open_table
from embargo.sources._ofsi_values import (
    address,
    countries,
    enumerated,
    imo_numbers,
    numbers,
    references,
    statement_of_reasons,
)
from embargo.sources.base import Format, ParseContext

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "uk_ofsi"
TITLE = "UK OFSI Consolidated List (ConList.csv)"
URL = "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"
AUTHORITY = "UK OFSI"

REQUIRED = ("Name 6", "Group Type", "Group ID", "Regime")
COLUMNS = (
    *(f"Name {i}" for i in range(1, 7)),
    "Title",
    "Name Non-Latin Script",
    "Non-Latin Script Type",
    "Non-Latin Script Language",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "National Identification Number",
    "National Identification Details",
    "NI Number",
    "Position",
    *(f"Address {i}" for i in range(1, 7)),
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Regime",
    "Listed On",
    "UK Sanctions List Date Designated",
    "Last Updated",
    "Group ID",
)
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_NAME_PROPS = {
    "primary name": "name",
    "prime alias": "name",
    "primary name variation": "alias",
    "aka": "alias",
    "alias": "alias",
    "fka": "previousName",
}
_GROUP_ID = re.compile(r"^[A-Za-z0-9._-]{1,40}$")


class _Group:
    """What the rows of one Group ID say, merged into one entity."""

    __slots__ = ("entity", "fallback", "updated")

    def __init__(self, entity: Entity) -> None:
        self.entity = entity
        self.fallback: tuple[str, str] | None = None
        self.updated: str | None = None


def _names(group: _Group, row: Row, ctx: ParseContext) -> None:
    entity = group.entity
    given = [row.get(f"Name {i}") for i in range(1, 6)]
    family = row.get("Name 6")
    full = clean_text(" ".join(p for p in (*given, family) if p))
    kind = row.get("Alias Type").lower()
    prop = _NAME_PROPS.get(kind)
    if prop is None:
        if kind:
            ctx.warn(row.location, f"unknown Alias Type {row.get('Alias Type')!r}; name read as an alias")
        prop = "alias"
    if prop == "alias" and row.get("Alias Quality").lower().startswith("low"):
        prop = "weakAlias"
    if full is not None:
        if prop == "name":
            entity.add("name", full)
            if entity.schema == "Person":
                entity.add("firstName", given[0])
                for middle in given[1:]:
                    entity.add("middleName", middle)
                entity.add("lastName", family)
        else:
            stored = entity.add(prop, full)
            if stored is not None and group.fallback is None:
                group.fallback = (prop, stored)
    script = row.get("Name Non-Latin Script")
    # A cp1252 file cannot hold the script: such names come out as "????".
    if script.strip("? "):
        entity.add("alias", script, lang=clean_language(row.get("Non-Latin Script Language")))


def _details(group: _Group, row: Row) -> None:
    entity = group.entity
    if entity.schema == "Person":  # only people have titles in FtM (an entity row's Title is noise)
        entity.add_many("title", enumerated(row.get("Title")))
    entity.add_many("country", countries(row.get("Country")))
    entity.add("address", address(row))
    notes = row.get("Other Information")
    entity.add("notes", notes)
    entity.add_many("programId", references(notes))
    if entity.schema == "Vessel":
        entity.add_many("imoNumber", imo_numbers(notes))
    if entity.schema != "Person":
        return
    entity.add_many("birthDate", [d for d in (parse_date(v) for v in enumerated(row.get("DOB"))) if d])
    entity.add_many("birthPlace", enumerated(row.get("Town of Birth")))
    entity.add_many("birthCountry", countries(row.get("Country of Birth")))
    entity.add_many("nationality", countries(row.get("Nationality")))
    entity.add_many("position", enumerated(row.get("Position")))
    passports = row.get("Passport Number") or row.get("Passport Details")
    entity.add_many("passportNumber", numbers(passports))
    ids = row.get("National Identification Number") or row.get("NI Number")
    entity.add_many("idNumber", numbers(ids))


def _designate(group: _Group, row: Row, ctx: ParseContext) -> None:
    regime = clean_text(row.get("Regime"))
    listed = parse_date(row.get("Listed On"))
    reason = statement_of_reasons(row.get("Other Information"))
    ctx.designate(
        group.entity, regime, ["asset_freeze"], listing_date=listed, reason=reason, url=URL, authority=AUTHORITY
    )
    updated = parse_date(row.get("Last Updated"))
    if updated and (group.updated is None or updated > group.updated):
        group.updated = updated


def _read(path: Path, ctx: ParseContext) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    with path.open("rb") as fh:
        table = open_table(path, fh, ctx, REQUIRED, COLUMNS, legacy_encoding="cp1252")
        for line in table.preamble:
            cells = [c.strip() for c in line if c.strip()]
            if len(cells) == 2 and cells[0].lower() == "last updated":
                ctx.published = parse_date(cells[1])
        for row in table.rows:
            gid = row.get("Group ID")
            if not _GROUP_ID.match(gid):
                ctx.warn(row.location, f"row without a valid Group ID ({gid[:40]!r}) skipped")
                continue
            schema = SCHEMATA.get(row.get("Group Type").lower())
            if schema is None:
                kind = row.get("Group Type")[:40]
                ctx.warn(row.location, f"Group ID {gid}: unknown Group Type {kind!r}; row skipped")
                continue
            group = groups.get(gid)
            if group is None:
                group = groups[gid] = _Group(ctx.make_entity(schema, gid))
            elif group.entity.schema != schema:
                ctx.warn(row.location, f"Group ID {gid}: Group Type differs from the group's first row; row skipped")
                continue
            _names(group, row, ctx)
            _details(group, row)
            _designate(group, row, ctx)
    return groups


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Read an OFSI ConList.csv file, one entity per Group ID.

    Args:
        path: the CSV file.
        ctx: parse context; ``ctx.published`` is set from the ``Last Updated`` line.

    Yields:
        One entity per group, in the order groups first appear.

    Raises:
        SourceError: not an OFSI ConList CSV (no header, missing columns,
            binary content, unreadable file).
    """
    try:
        groups = _read(path, ctx)
    except SourceError:
        raise
    except OSError as exc:
        raise ctx.error(f"cannot read file: {exc.strerror or exc}") from exc
    for gid, group in groups.items():
        entity = group.entity
        if not entity.get("name"):
            if group.fallback is None:
                ctx.warn(f"Group ID {gid}", "group without any name skipped")
                continue
            # A partial file may lack the primary-name row: its first alias stands in.
            ctx.warn(f"Group ID {gid}", "no primary-name row; the first alias is used as the name")
            prop, name = group.fallback
            entity.properties[prop].remove(name)
            if not entity.properties[prop]:
                del entity.properties[prop]
            entity.add("name", name)
        if group.updated:
            entity.add("modifiedAt", group.updated)
        yield entity


def sniff(head: bytes, filename: str) -> bool:
    """True when the first lines hold an OFSI ConList header (``Name 6`` ... ``Group ID``)."""
    text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    for line in text.splitlines()[:4]:
        cells = {c.strip().strip('"') for c in line.split(",")}
        if {"Name 6", "Group Type", "Group ID"} <= cells:
            return True
    return False


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
