"""UK Sanctions List (FCDO), CSV.

The FCDO publishes the UK Sanctions List (see :mod:`embargo.sources.uk_fcdo`
for the XML) also as ``UK-Sanctions-List.csv`` (see :data:`URL`), UTF-8,
possibly with a byte-order mark. Its first line is the report date, then
comes the header, then the rows::

    Report Date: 13-Feb-2026
    Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,...,Name 5,Name type,
      Alias strength,Title,Name non-latin script,Non-latin script type,Non-latin script language,
      Regime Name,Designation Type,Designation source,Sanctions Imposed,Other Information,
      UK Statement of Reasons,Address Line 1,...,Address Line 6,Address Postal Code,Address Country,
      Phone number,Website,Email address,Date Designated,D.O.B,Nationality(/ies),
      National Identifier number,National Identifier additional information,Passport number,
      Passport additional information,Position,Gender,Town of birth,Country of birth,Type of entity,
      Subsidiaries,Parent company,Business registration number (s),IMO number,
      Current owner/operator (s),Previous owner/operator (s),Current believed flag of ship,
      Previous flags,Type of ship,Tonnage of ship,Length of ship,Year Built,
      Hull identification number (HIN)

58 columns, each the CSV twin of an XML element. A designation has one row
per name and per address (and per further value of a repeated field), all
with its ``Unique ID``; the designation's own fields are repeated on each
row. A cell holds one value: ``Sanctions Imposed`` keeps the XML's
``|``-joined text. There are no ``SanctionsImposedIndicators`` columns, so
the measures come from ``Sanctions Imposed`` alone.

What embargo takes: everything the XML reader takes, from the same fields
and by the same code (:mod:`._uk_fcdo_record`), so a designation gives the
same entity (id ``ctx.make_id(Unique ID)``, properties, links, measures)
from either file. Within a row, the Name 1-6 cells with Name type and Alias
strength are one name, the non-Latin cells one non-Latin name, the address
cells one address, a document number with its additional information one
document and a town of birth with its country one birth place. Columns are
found by header name, ignoring case (some copies write ``Parent Company``),
and ``Individual, Entity, Ship`` is read as ``Designation Type``. The
``Hull identification number (HIN)`` of a ship becomes a note. The report
date is the publication date.

Judgements on broken input: a file without the ``Report Date`` line is
read, with a warning (it is the only thing lost). A row without ``Unique
ID``, or whose Designation Type contradicts the designation's first row, is
reported and skipped. A file whose last row ends before its last cell (a
download cut short) raises :class:`~embargo.errors.SourceError`, and so do
a file that is not UTF-8 and one without the ``Unique ID``/``Name 6``
header; a cut that falls exactly between two rows cannot be seen, as the
file states no row count. Rows of one designation need not be adjacent, so
the designations are gathered while reading and yielded once the whole file
has been read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from embargo.errors import SourceError
from embargo.model import Entity, clean_text, parse_date
from embargo.sources._csv_table import Row, open_table
from embargo.sources._uk_fcdo_record import UkName, UkRecord, build_entity, put, uk_date
from embargo.sources.base import Format, ParseContext

__all__ = ["COLUMNS", "FORMAT", "HEADER", "NAME", "TITLE", "URL", "parse", "sniff"]

NAME = "uk_fcdo_csv"
TITLE = "UK Sanctions List (FCDO, CSV)"
URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"

#: The header line of the published file.
HEADER = (
    "Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,"
    "Name type,Alias strength,Title,Name non-latin script,Non-latin script type,Non-latin script language,"
    "Regime Name,Designation Type,Designation source,Sanctions Imposed,Other Information,"
    "UK Statement of Reasons,Address Line 1,Address Line 2,Address Line 3,Address Line 4,Address Line 5,"
    "Address Line 6,Address Postal Code,Address Country,Phone number,Website,Email address,Date Designated,"
    "D.O.B,Nationality(/ies),National Identifier number,National Identifier additional information,"
    "Passport number,Passport additional information,Position,Gender,Town of birth,Country of birth,"
    "Type of entity,Subsidiaries,Parent company,Business registration number (s),IMO number,"
    "Current owner/operator (s),Previous owner/operator (s),Current believed flag of ship,Previous flags,"
    "Type of ship,Tonnage of ship,Length of ship,Year Built,Hull identification number (HIN)"
)
#: Its 58 columns, in order.
COLUMNS: tuple[str, ...] = tuple(HEADER.split(","))
REQUIRED = ("Unique ID", "Name 6")
# Other spellings of a column, seen in copies of the file.
_ALTERNATIVES = {"Designation Type": ("Individual, Entity, Ship",)}
_ADDRESS_COLUMNS = (*(f"Address Line {i}" for i in range(1, 7)), "Address Postal Code")
_REPORT_DATE = re.compile(r"^\s*report\s+date\s*:?\s*(.*)$", re.IGNORECASE)
_LOOSE = re.compile(r"[^a-z0-9]+")
# Scalar fields: the first non-empty cell of a designation's rows.
_SCALARS = (
    ("kind", "Designation Type"),
    ("other_information", "Other Information"),
    ("source", "Designation source"),
    ("un_reference", "UN Reference Number"),
    ("ofsi_group_id", "OFSI Group ID"),
    ("last_updated", "Last Updated"),
    ("date_designated", "Date Designated"),
    ("regime", "Regime Name"),
    ("sanctions_imposed", "Sanctions Imposed"),
    ("reasons", "UK Statement of Reasons"),
)
# List fields: one value per cell.
_LISTS = (
    ("titles", "Title"),
    ("phones", "Phone number"),
    ("emails", "Email address"),
    ("websites", "Website"),
    ("dobs", "D.O.B"),
    ("nationalities", "Nationality(/ies)"),
    ("genders", "Gender"),
    ("positions", "Position"),
    ("entity_types", "Type of entity"),
    ("registration_numbers", "Business registration number (s)"),
    ("parents", "Parent company"),
    ("subsidiaries", "Subsidiaries"),
    ("imo_numbers", "IMO number"),
    ("flags_of_ship", "Current believed flag of ship"),
    ("previous_flags", "Previous flags"),
    ("ship_types", "Type of ship"),
    ("tonnages", "Tonnage of ship"),
    ("lengths", "Length of ship"),
    ("years_built", "Year Built"),
    ("owners", "Current owner/operator (s)"),
    ("previous_owners", "Previous owner/operator (s)"),
    ("hull_numbers", "Hull identification number (HIN)"),
)


def _loose(name: str) -> str:
    return _LOOSE.sub("", name.lower())


class _Cells:
    """Cells of a row by column name, whatever the header's case and spacing."""

    def __init__(self, header: list[str]) -> None:
        self.columns = {_loose(c): c for c in header}

    def find(self, name: str) -> str | None:
        for candidate in (name, *_ALTERNATIVES.get(name, ())):
            column = self.columns.get(_loose(candidate))
            if column is not None:
                return column
        return None

    def get(self, row: Row, name: str) -> str | None:
        column = self.find(name)
        return None if column is None else clean_text(row.cells.get(column))


def _merge(rec: UkRecord, row: Row, cells: _Cells) -> None:
    """Add what one row says to its designation's record."""
    for attr, column in _SCALARS:
        if getattr(rec, attr) is None:
            setattr(rec, attr, cells.get(row, column))
    for attr, column in _LISTS:
        put(getattr(rec, attr), cells.get(row, column))
    parts = tuple(cells.get(row, f"Name {i}") for i in range(1, 7))
    if any(parts):
        kind, strength = cells.get(row, "Name type") or "", cells.get(row, "Alias strength") or ""
        put(rec.names, UkName(parts, kind.lower(), strength.lower()))
    script = cells.get(row, "Name non-latin script")
    if script is not None:
        put(rec.non_latin, (script, cells.get(row, "Non-latin script language")))
    lines = tuple(cells.get(row, column) for column in _ADDRESS_COLUMNS)
    country = cells.get(row, "Address Country")
    if any(lines) or country is not None:
        put(rec.addresses, (lines, country))
    town, birth_country = cells.get(row, "Town of birth"), cells.get(row, "Country of birth")
    if town is not None or birth_country is not None:
        put(rec.birth_places, (town, birth_country))
    for target, number, info in (
        (rec.passports, "Passport number", "Passport additional information"),
        (rec.national_ids, "National Identifier number", "National Identifier additional information"),
    ):
        value = cells.get(row, number)
        if value is not None:
            put(target, (value, cells.get(row, info)))


def _report_date(preamble: list[list[str]]) -> tuple[bool, str | None]:
    """Whether there is a Report Date line, and its date (``13-Feb-2026``, ``13/02/2026``) in ISO form."""
    for line in preamble:
        if m := _REPORT_DATE.match(",".join(line)):
            text = m.group(1).strip(' ,"')
            return True, uk_date(text)[0] or parse_date(text.replace("-", " "))
    return False, None


def _file_end(path: Path) -> tuple[int, bool]:
    """The number of the file's last line, and whether that line is complete (or blank)."""
    newlines, tail = 0, b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            newlines += chunk.count(b"\n")
            cut = chunk.rfind(b"\n")
            tail = chunk[cut + 1 :] if cut >= 0 else tail + chunk
            tail = tail[-4096:]
    return newlines + 1, not tail.strip()


def _read(path: Path, ctx: ParseContext) -> dict[str, tuple[UkRecord, int]]:
    records: dict[str, tuple[UkRecord, int]] = {}
    last_line, clean_end = _file_end(path)
    with path.open("rb") as fh:
        table = open_table(path, fh, ctx, REQUIRED, COLUMNS)
        last_row = len(table.preamble) + 1  # the header's line, unless a cell above spans lines
        found, ctx.published = _report_date(table.preamble)
        if not found:
            ctx.warn("line 1", "no 'Report Date' line before the header; the publication date is unknown")
        elif ctx.published is None:
            ctx.warn("line 1", "unreadable Report Date; the publication date is unknown")
        cells = _Cells(table.columns)
        if cells.find("Designation Type") is None:
            ctx.warn("header", "no 'Designation Type' column; every designation is read as a LegalEntity")
        for row in table.rows:
            last_row = row.line
            uid = cells.get(row, "Unique ID")
            if uid is None:
                ctx.warn(row.location, "row without a Unique ID skipped")
                continue
            if uid not in records:
                records[uid] = (UkRecord(uid=uid), row.line)
            rec = records[uid][0]
            kind = cells.get(row, "Designation Type")
            if kind is not None and rec.kind is not None and kind.lower() != rec.kind.lower():
                problem = f"Designation Type {kind!r} differs from the one of its first row; row skipped"
                ctx.warn(row.location, f"Unique ID {uid}: {problem}")
                continue
            _merge(rec, row, cells)
    if not clean_end and last_row != last_line:
        raise ctx.error("the file ends in the middle of a row (a download cut short?)", f"line {last_line}")
    return records


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Read a UK Sanctions List CSV file, one entity per ``Unique ID``.

    Args:
        path: the CSV file.
        ctx: the import's context; ``ctx.published`` is set from the Report Date line.

    Yields:
        One entity per designation, in the order designations first appear.

    Raises:
        SourceError: not this CSV (no header, missing columns), not UTF-8,
            binary, unreadable or truncated.
    """
    try:
        records = _read(path, ctx)
    except SourceError:
        raise
    except (OSError, csv.Error) as exc:
        raise ctx.error(f"cannot read file: {exc}") from exc
    for uid, (rec, line) in records.items():
        location = f"Unique ID {uid} (line {line})"
        try:
            entity = build_entity(rec, ctx, location)
        except (ValueError, TypeError, LookupError) as exc:
            ctx.warn(location, f"record skipped: {exc}")
            continue
        if entity is not None:
            yield entity


def sniff(head: bytes, filename: str) -> bool:
    """True for a ``Report Date`` first line or a header naming ``Unique ID`` and ``Name 6``."""
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    lines = text.splitlines()[:4]
    if lines and _REPORT_DATE.match(lines[0].strip('"')):
        return True
    for line in lines:
        try:
            cells = {_loose(c) for c in next(csv.reader([line]), [])}
        except csv.Error:
            continue
        if {"uniqueid", "name6"} <= cells and cells & {"regimename", "nametype"}:
            return True
    return False


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
