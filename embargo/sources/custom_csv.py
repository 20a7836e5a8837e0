"""A simple CSV format for a user's own internal list (do-not-onboard, PEPs...).

embargo defines this format; no publisher does. It is meant to be written by
hand or exported from a spreadsheet: one row per party, a header row naming
the columns. Column names are case-insensitive (spaces and hyphens read as
``_``), in any order; only ``id`` and ``name`` are required. The delimiter is
``,``, ``;`` or tab (whichever makes the header hold ``id`` and ``name``);
cells may be quoted as usual. The file is UTF-8, with or without a BOM.

=================== ======================= ====================================================
column              FtM property            notes
=================== ======================= ====================================================
id                  (record id)             required; the entity id is ``<list>-<slug(id)>``
name                name                    required; the primary name as written
schema              (schema)                Person (default), Organization, Company, LegalEntity,
                                            Vessel, Airplane; also individual, organisation,
                                            entity, ship, aircraft
aliases / alias     alias                   several, separated by ``;``
first_name          firstName
middle_name         middleName
last_name           lastName
father_name         fatherName              patronymic
birth_date          birthDate               ``1961-04-12``, ``1961``, ``12/04/1961`` (day first),
                                            ``12 Apr 1961``; several separated by ``;``
birth_place         birthPlace
nationality         nationality             country names or codes; several by ``;``
country             country                 country names or codes; several by ``;``
gender              gender                  male / female / other (m, f...)
id_number           idNumber                several by ``;``
passport_number     passportNumber          Person only; several by ``;``
imo_number          imoNumber               Vessel and Company; several by ``;``
registration_number registrationNumber      several by ``;``
address             address                 one full address
notes               notes
source_url          sourceUrl               also the designation's link
program             designation program     the entry's program or reason for listing
measures            designation measures    MEASURES keys or labels (``asset_freeze``, ``travel
                                            ban``), several by ``;``; unknown ones become ``other``
listing_date        designation date        same date forms as birth_date
reason              designation reason
authority           designation authority   default: the authority the list is imported under
=================== ======================= ====================================================

Every row gives one designation (program from ``program``, else a plain
listing). A column that does not apply to the row's schema (``birth_date`` on
a Company) and a value that cannot be cleaned (a date that is not one, an
unknown country) are warned about with their line and ignored; unknown
columns get one warning and are ignored. A row without id or name, or with
more cells than the header, is warned about and skipped.

Duplicate ids: consecutive rows with the same id are one party (so a party
may take several rows, e.g. one per address or program; the first row's
schema wins); a repeated id anywhere else is warned about and the row is
skipped, since the party was already read (this keeps the parser streaming).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from embargo.model import MEASURES, Entity, parse_date, schema_properties
from embargo.settings import use_csv_field_limit
from embargo.sources.base import Format, ParseContext

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "custom_csv"
TITLE = "Internal list (embargo CSV)"
URL: str | None = None  # users write this format; nobody publishes it

#: Column -> FtM property of the entity, with whether ``;`` separates values.
PROPERTY_COLUMNS: dict[str, tuple[str, bool]] = {
    "aliases": ("alias", True),
    "alias": ("alias", True),
    "first_name": ("firstName", False),
    "middle_name": ("middleName", False),
    "last_name": ("lastName", False),
    "father_name": ("fatherName", False),
    "birth_date": ("birthDate", True),
    "birth_place": ("birthPlace", False),
    "nationality": ("nationality", True),
    "country": ("country", True),
    "gender": ("gender", False),
    "id_number": ("idNumber", True),
    "passport_number": ("passportNumber", True),
    "imo_number": ("imoNumber", True),
    "registration_number": ("registrationNumber", True),
    "address": ("address", False),
    "notes": ("notes", False),
    "source_url": ("sourceUrl", False),
}
DESIGNATION_COLUMNS = frozenset({"program", "measures", "listing_date", "reason", "authority"})
KNOWN_COLUMNS = frozenset({"id", "name", "schema"}) | frozenset(PROPERTY_COLUMNS) | DESIGNATION_COLUMNS

_SCHEMATA = {
    "person": "Person",
    "individual": "Person",
    "organization": "Organization",
    "organisation": "Organization",
    "company": "Company",
    "legalentity": "LegalEntity",
    "legal_entity": "LegalEntity",
    "entity": "LegalEntity",
    "vessel": "Vessel",
    "ship": "Vessel",
    "airplane": "Airplane",
    "aircraft": "Airplane",
}
_MEASURE_KEYS = {key: key for key in MEASURES} | {label.lower(): key for key, label in MEASURES.items()}
_SPLIT = re.compile(r"\s*;\s*")
_COLUMN = re.compile(r"[\s\-]+")
_DELIMITERS = (",", ";", "\t")
# Header words of the publishers' CSVs (OFSI, OFAC, the EU journal extract):
# a file naming one of them is theirs, never an internal list.
_FOREIGN = frozenset({"group_id", "group_type", "name_6", "ent_num", "celex", "recordid", "programkey"})


def _column(cell: str) -> str:
    return _COLUMN.sub("_", cell.strip().lstrip("\ufeff").strip().lower())


def _split_header(line: str) -> tuple[str, list[str]] | None:
    """The delimiter and normalized column names of a header line."""
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        columns = [_column(c) for c in cells]
        if "id" in columns and "name" in columns:
            return delimiter, columns
    return None


def _lines(fh: IO[bytes], ctx: ParseContext, counter: list[int]) -> Iterator[str]:
    for raw in fh:
        counter[0] += 1
        if counter[0] == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ctx.error("the file is not UTF-8 text (save it as CSV UTF-8)", f"line {counter[0]}") from None
        if "\x00" in text:
            raise ctx.error("the file holds NUL bytes; it is not a CSV text file", f"line {counter[0]}")
        yield text


def _rows(fh: IO[bytes], ctx: ParseContext) -> Iterator[tuple[int, list[str], str]]:
    """(line, cells, delimiter) of each row, the header first."""
    counter = [0]
    lines = _lines(fh, ctx, counter)
    header = next((line for line in lines if line.strip()), None)
    if header is None:
        raise ctx.error("the file is empty")
    found = _split_header(header)
    if found is None:
        raise ctx.error("no header naming the columns id and name (see the custom_csv format)", f"line {counter[0]}")
    delimiter, columns = found
    yield counter[0], columns, delimiter
    use_csv_field_limit()  # embargo's, whatever an import set process-wide
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        start = counter[0] + 1  # a quoted cell may span lines: name the row's first
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.warn(f"line {start}", f"unreadable CSV row ({exc}); skipped")
            continue
        yield start, row, delimiter


def _values(cell: str, multi: bool = True) -> list[str]:
    values = _SPLIT.split(cell) if multi else [cell]
    return [v for v in values if v]


def _add(entity: Entity, column: str, cell: str, where: str, ctx: ParseContext) -> None:
    prop, multi = PROPERTY_COLUMNS[column]
    if prop not in schema_properties(entity.schema):
        ctx.warn(where, f"column {column} does not apply to a {entity.schema}; ignored")
        return
    for value in _values(cell, multi):
        # Dates come in the forms people type; the model takes only ISO.
        clean = parse_date(value) if prop == "birthDate" else value
        if clean is None or entity.add(prop, clean) is None:
            ctx.warn(where, f"{column} {value[:80]!r} is not usable; ignored")


def _designate(entity: Entity, cells: dict[str, str], where: str, ctx: ParseContext) -> None:
    measures: list[str] = []
    for text in _values(cells.get("measures", "")):
        key = _MEASURE_KEYS.get(text.lower().replace(" ", "_")) or _MEASURE_KEYS.get(text.lower())
        if key is None:
            ctx.warn(where, f"unknown measure {text[:80]!r}; recorded as other")
            key = "other"
        measures.append(key)
    listing = cells.get("listing_date", "")
    listing_date = parse_date(listing) if listing else None
    if listing and listing_date is None:
        ctx.warn(where, f"listing_date {listing[:80]!r} is not a date; ignored")
    ctx.designate(
        entity,
        cells.get("program") or None,
        measures,
        listing_date=listing_date,
        reason=cells.get("reason") or None,
        url=cells.get("source_url") or None,
        authority=cells.get("authority") or None,
    )


def _schema(text: str, where: str, ctx: ParseContext) -> str:
    if not text:
        return "Person"
    schema = _SCHEMATA.get(text.lower().replace(" ", ""))
    if schema is None:
        ctx.warn(where, f"unknown schema {text[:40]!r}; read as LegalEntity")
        return "LegalEntity"
    return schema


def _fill(entity: Entity, cells: dict[str, str], where: str, ctx: ParseContext) -> None:
    for column, cell in cells.items():
        if column in PROPERTY_COLUMNS and cell:
            _add(entity, column, cell, where, ctx)
    _designate(entity, cells, where, ctx)


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the parties of an internal-list CSV, one designation per row.

    Raises:
        SourceError: empty file, no header with ``id`` and ``name``, bytes
            that are not UTF-8 (the message names the line).
    """
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise ctx.error(f"cannot read file: {exc.strerror or exc}") from exc
    with fh:
        rows = _rows(fh, ctx)
        header_line, columns, _ = next(rows)
        unknown = [c for c in dict.fromkeys(columns) if c and c not in KNOWN_COLUMNS]
        if unknown:
            ctx.warn(f"line {header_line}", f"unknown columns ignored: {', '.join(unknown)}")
        current: Entity | None = None
        emitted: set[str] = set()
        for line, row, _ in rows:
            where = f"line {line}"
            if not any(c.strip() for c in row):
                continue
            if len(row) > len(columns) and not any(c.strip() for c in row[len(columns) :]):
                row = row[: len(columns)]
            if len(row) != len(columns):
                ctx.warn(where, f"{len(row)} cells where the header has {len(columns)}; row skipped")
                continue
            cells: dict[str, str] = {}
            for column, cell in zip(columns, row, strict=True):
                if column in KNOWN_COLUMNS and cell.strip():
                    # A column named twice (alias and aliases) adds up.
                    cells[column] = f"{cells[column]}; {cell.strip()}" if column in cells else cell.strip()
            rid, name = cells.get("id", ""), cells.get("name", "")
            if not rid or not name:
                ctx.warn(where, "row without id or name; skipped")
                continue
            try:
                entity = ctx.make_entity(_schema(cells.get("schema", ""), where, ctx), rid)
            except ValueError:
                ctx.warn(where, f"id {rid[:40]!r} has no letters or digits; row skipped")
                continue
            if current is not None and entity.id == current.id:
                if entity.schema != current.schema:
                    ctx.warn(where, f"schema {entity.schema} differs from the party's {current.schema}; kept")
                if current.add("name", name) is None:
                    ctx.warn(where, "name is not usable (too long?); ignored")
                _fill(current, cells, where, ctx)
                continue
            if entity.id in emitted:
                ctx.warn(where, f"id {rid[:40]!r} was already read (not on the row before); row skipped")
                continue
            if entity.add("name", name) is None:
                ctx.warn(where, "name is not usable (too long?); row skipped")
                continue
            if current is not None:
                yield current
            emitted.add(entity.id)
            current = entity
            _fill(current, cells, where, ctx)
        if current is not None:
            yield current


def sniff(head: bytes, filename: str) -> bool:
    """A header naming ``id``, ``name`` and one more of our columns, and no publisher's column."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    line = text.split("\n", 1)[0]
    found = _split_header(line)
    if found is None:
        return False
    columns = set(found[1])
    if columns & _FOREIGN:
        return False
    return len(columns & (KNOWN_COLUMNS - {"id", "name"})) >= 1


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
