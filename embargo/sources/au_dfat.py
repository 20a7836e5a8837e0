"""Australian Consolidated Sanctions List (DFAT), XLSX.

The Department of Foreign Affairs and Trade publishes every person, entity
and vessel under Australian sanctions law, UN and autonomous regimes alike,
as one workbook (see :data:`URL`; CC BY 4.0). Its structure: one sheet
``Consolidated List``, a header row, then one row per *name*::

    Reference | Name of Individual or Entity | Type | Name Type | Alias Strength |
    Date of Birth | Place of Birth | Citizenship | Address | Additional Information |
    Listing Information | IMO Number | Committees | Control Date | Instrument of Designation |
    Targeted Financial Sanction | Travel Ban | Arms Embargo | Maritime Restriction

    2   MOHAMMAD HASSAN AKHUND  Individual  Primary Name      1945, 1946, ...  ...  1988 (Taliban) ...
    2a  محمد حسن أخوند           Individual  Original Script   ...

A listing's rows share the number of its ``Reference`` (a number, ``2``);
its other names carry a letter suffix (text, ``2a``, ``2b``). ``Type`` is
Individual, Entity or Vessel; ``Name Type`` Primary Name, Alias (``Alias
Strength`` Strong or Weak) or Original Script. Every row repeats the
listing's details. ``Date of Birth`` mixes Excel dates, bare years stored as
numbers and text lists (``dd/mm/yyyy, yyyy``, ``mm/yyyy``, ``Approximately
1960``, ``Between 1963 and 1968``); ``Committees`` names the regime
(``1267 Committee (ISIL & Al-Qaida)``, ``Autonomous (Russia)``); ``Control
Date`` is the date DFAT last changed the entry; the four measure columns are
TRUE/FALSE.

What embargo takes: the rows of one reference number (wherever they stand
in the sheet) are one entity, id ``au-dfat-<number>``; Individual -> Person,
Entity -> Organization, Vessel -> Vessel (the Primary Name row's type; a row
with an empty ``Type`` follows its listing). Primary Name -> ``name``; Alias
-> ``alias``, a Weak (or Low) one -> ``weakAlias``; Original Script ->
``alias`` with the language its letters show (:mod:`embargo.names.language`;
Arabic script never shows one). A listing without a Primary Name row takes
its number row's name (or its first) as ``name``, with a warning. Persons:
every row's dates of birth -> ``birthDate`` (an unreadable part is a warning,
the rest is kept), ``Place of Birth`` -> ``birthPlace``, ``Citizenship`` ->
``nationality``; for others ``Citizenship`` -> ``country`` and ``Place of
Birth`` a note. ``Address`` -> ``address``, ``Additional Information`` ->
``notes`` (a UN reference opening it, ``TAi.002``, also -> ``programId``),
``IMO Number`` -> ``imoNumber`` (``IMO9288693``). One designation by
``AU DFAT`` per ``Committees`` value, with the measures of its rows: Targeted
Financial Sanction -> ``asset_freeze``, Travel Ban -> ``travel_ban``, Arms
Embargo -> ``arms_embargo``, Maritime Restriction -> ``port_entry_ban`` (a
sanctioned vessel may be directed not to enter any Australian port, DFAT's
sanctioned vessels framework); the listing date is ``Control Date`` (the
newest of its rows: for an old listing that is its last amendment, not its
first listing, which stays in the reason's text); the reason is ``Listing
Information`` and ``Instrument of Designation``. The workbook has no
publication date of its own: the newest ``Control Date`` is taken for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from embargo.model import Entity
from embargo.sources._au_dfat_cells import cell_date, cell_text, split_reference
from embargo.sources._au_dfat_entity import Row, build_entity
from embargo.sources._xlsx import ZIP_MAGIC, iter_sheet_rows
from embargo.sources.base import Format, ParseContext

__all__ = ["AUTHORITY", "COLUMNS", "FORMAT", "NAME", "REQUIRED", "SHEET", "TITLE", "URL", "parse", "sniff"]

NAME = "au_dfat"
TITLE = "Australian Consolidated Sanctions List (DFAT, XLSX)"
URL = "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx"
AUTHORITY = "AU DFAT"
SHEET = "Consolidated List"

#: The workbook's columns, as DFAT names them.
COLUMNS: tuple[str, ...] = (
    "Reference",
    "Name of Individual or Entity",
    "Type",
    "Name Type",
    "Alias Strength",
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "IMO Number",
    "Committees",
    "Control Date",
    "Instrument of Designation",
    "Targeted Financial Sanction",
    "Travel Ban",
    "Arms Embargo",
    "Maritime Restriction",
)
#: Without these a row cannot be placed or named: a sheet lacking one is refused.
REQUIRED: tuple[str, ...] = ("Reference", "Name of Individual or Entity", "Type", "Name Type")

_MAX_COLUMNS = 40
_SPACE = re.compile(r"\s+")


def sniff(head: bytes, filename: str) -> bool:
    """A zip archive named ``*.xlsx``, or one whose first members are an Excel workbook's."""
    if not head.startswith(ZIP_MAGIC):
        return False
    return filename.lower().endswith(".xlsx") or b"xl/workbook.xml" in head


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the entities of a DFAT Consolidated List workbook.

    The rows are read first (the sheet is small: about 11,000 rows) so that
    the rows of one reference are joined wherever they stand, and so that
    the publication date (the newest Control Date) is known before the first
    entity is given.

    Args:
        path: the ``.xlsx`` file.
        ctx: the import's context (warnings, publication date).

    Yields:
        One entity per reference number.

    Raises:
        SourceError: not an XLSX workbook, no ``Consolidated List`` sheet or
            a header lacking required columns, a hostile or truncated file.
    """
    groups: dict[str, list[Row]] = {}
    header: dict[str, int] | None = None
    newest: str | None = None
    for number, values in iter_sheet_rows(path, SHEET, _MAX_COLUMNS):
        if all(cell_text(v) is None for v in values):
            continue
        if header is None:
            header = _read_header(values, ctx)
            continue
        cells = {name: values[i] for name, i in header.items()}
        ref = split_reference(cells["Reference"])
        if ref is None:
            ctx.warn(f"row {number}", f"unreadable Reference {cell_text(cells['Reference'])!r}; row skipped")
            continue
        written = ref[0] + ref[1]
        groups.setdefault(ref[0], []).append((number, written, cells))
        control = cell_date(cells.get("Control Date"))
        if control is not None and (newest is None or control > newest):
            newest = control
    if header is None:
        raise ctx.error(f"sheet {SHEET!r} is empty (no header row)")
    ctx.published = newest
    for base, rows in groups.items():
        try:
            entity = build_entity(ctx, base, rows)
        except (ValueError, TypeError, LookupError) as exc:
            ctx.warn(f"Reference {base}", f"listing skipped: {exc}")
            continue
        if entity is not None:
            yield entity


def _read_header(values: tuple[Any, ...], ctx: ParseContext) -> dict[str, int]:
    """Column positions by DFAT's name (matched ignoring case and spacing)."""
    found: dict[str, int] = {}
    for i, value in enumerate(values):
        text = cell_text(value)
        if text is not None:
            found.setdefault(_SPACE.sub(" ", text).lower(), i)
    header: dict[str, int] = {}
    missing: list[str] = []
    for column in COLUMNS:
        position = found.get(column.lower())
        if position is None:
            missing.append(column)
        else:
            header[column] = position
    lacking = [c for c in missing if c in REQUIRED]
    if lacking:
        others = ", ".join(c for c in missing if c not in REQUIRED) or "none"
        raise ctx.error(
            f"sheet {SHEET!r} is not the Consolidated List: its header lacks the columns "
            f"{', '.join(lacking)} (other columns missing: {others})"
        )
    for column in missing:
        ctx.warn("header", f"no column {column!r}; its values are not read")
    return header


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
