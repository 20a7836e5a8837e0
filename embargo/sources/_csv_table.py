"""Reading a published CSV list row by row, with its header found by name.

Publishers' CSV files are not always a clean header plus rows: OFSI puts a
``Last Updated,dd/mm/yyyy`` line before the header, and re-saved copies gain
an unnamed leading column (a spreadsheet or pandas index). So the header is
the row among the first few whose cells name the most known columns; rows
above it are kept as the preamble, and unnamed leading header cells are
ignored, whether the data rows carry a value for them or not.

Bytes are decoded line by line: UTF-8 (a BOM is dropped) or, where the
caller allows a legacy encoding (OFSI's cp1252), that encoding, chosen by
the first line that is not ASCII. Everything that goes wrong is reported as
a :class:`~embargo.errors.SourceError` (broken file) or a ``ctx.warn`` (a
broken row), never as a ``csv.Error`` or ``UnicodeDecodeError``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from embargo.errors import SourceError
from embargo.settings import use_csv_field_limit
from embargo.sources.base import ParseContext

__all__ = ["Row", "Table", "open_table"]

#: Names users know encodings by.
_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}
#: Rows read while looking for the header.
MAX_PREAMBLE = 10
#: Consecutive unreadable rows after which the file is given up as broken.
MAX_BAD_ROWS = 50


@dataclass(slots=True)
class Row:
    """One data row: its cells by column name and where it ends in the file."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        """Stripped cell text, ``""`` for a missing column."""
        return self.cells.get(column, "").strip()

    @property
    def location(self) -> str:
        return f"line {self.line}"


@dataclass(slots=True)
class Table:
    """A CSV file once its header is known.

    Attributes:
        columns: named header cells, in file order.
        preamble: rows above the header (e.g. OFSI's ``Last Updated`` line).
        rows: the data rows, read lazily.
    """

    columns: list[str]
    preamble: list[list[str]]
    rows: Iterator[Row] = field(repr=False)


class _Lines:
    """Decoded text lines of a binary file, numbered for error messages."""

    def __init__(self, fh: IO[bytes], ctx: ParseContext, legacy: str | None) -> None:
        self.fh = fh
        self.ctx = ctx
        self.legacy = legacy
        self.encoding: str | None = None
        self.number = 0
        self.bom = False

    def _legacy(self) -> str:
        """Switch to the legacy encoding; a byte-order mark that said UTF-8 was wrong, and is reported."""
        assert self.legacy is not None
        if self.bom:
            self.ctx.warn(
                f"line {self.number}",
                f"the file starts with a UTF-8 byte-order mark but its bytes are not UTF-8; "
                f"the mark was ignored and the file read as {_NAMES.get(self.legacy, self.legacy)}",
            )
            self.bom = False
        self.encoding = self.legacy
        return self.legacy

    def _decode(self, raw: bytes) -> str:
        # A byte-order mark claims UTF-8 but decides nothing by itself (see embargo.sources._encoding).
        if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
            self.bom = True
        if raw.isascii():
            return raw.decode("ascii")
        if self.encoding is None:
            try:
                text = raw.decode("utf-8")
                self.encoding = "utf-8"
                return text
            except UnicodeDecodeError:
                if self.legacy is None:
                    raise self.ctx.error("the file is not UTF-8 text", f"line {self.number}") from None
                self._legacy()
        assert self.encoding is not None
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError:
            if self.legacy is None:
                raise self.ctx.error("the file is not UTF-8 text", f"line {self.number}") from None
            # cp1252 leaves five bytes undefined; latin-1 reads every byte.
            return raw.decode("latin-1")

    def __iter__(self) -> Iterator[str]:
        for raw in self.fh:
            self.number += 1
            text = self._decode(raw)
            if "\x00" in text:
                raise self.ctx.error("the file holds NUL bytes; it is not a CSV text file", f"line {self.number}")
            yield text


def _rows(reader: Iterator[list[str]], lines: _Lines, ctx: ParseContext) -> Iterator[tuple[int, list[str]]]:
    bad = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            bad += 1
            if bad > MAX_BAD_ROWS:
                raise ctx.error(f"not a readable CSV file ({exc})", f"line {lines.number}") from exc
            ctx.warn(f"line {lines.number}", f"unreadable CSV row skipped ({exc})")
            continue
        bad = 0
        yield lines.number, row


def _pick_header(rows: Sequence[list[str]], known: frozenset[str]) -> int | None:
    best, best_hits = None, 1
    for i, row in enumerate(rows):
        hits = sum(1 for cell in row if cell.strip() in known)
        if hits > best_hits:
            best, best_hits = i, hits
    return best


def open_table(
    path: Path,
    fh: IO[bytes],
    ctx: ParseContext,
    required: Sequence[str],
    known: Iterable[str],
    legacy_encoding: str | None = None,
    max_preamble: int = MAX_PREAMBLE,
) -> Table:
    """Find the header of a CSV list file and return its rows by column name.

    Args:
        path: the file (for messages).
        fh: the file opened in binary mode; it must stay open while rows are read.
        ctx: the parse context (warnings, errors).
        required: columns without which the file cannot be read.
        known: every column name the format defines (to recognize the header).
        legacy_encoding: encoding to fall back to when a line is not UTF-8.
        max_preamble: how many rows may come before the header.

    Raises:
        SourceError: empty file, no header, header without required columns,
            undecodable or binary content.
    """
    lines = _Lines(fh, ctx, legacy_encoding)
    use_csv_field_limit()  # embargo's, whatever an import set process-wide
    reader = csv.reader(iter(lines), strict=False)
    rows = _rows(reader, lines, ctx)
    head: list[tuple[int, list[str]]] = []
    for item in rows:
        head.append(item)
        if len(head) > max_preamble:
            break
    if not any(any(c.strip() for c in r) for _, r in head):
        raise SourceError("the file is empty", str(path))
    names = frozenset(known) | frozenset(required)
    index = _pick_header([r for _, r in head], names)
    if index is None:
        raise ctx.error(f"no header row found (expected columns {', '.join(required)})")
    header = [c.strip() for c in head[index][1]]
    missing = [c for c in required if c not in header]
    if missing:
        raise ctx.error(f"the header lacks required columns: {', '.join(missing)}", f"line {head[index][0]}")
    lead = 0
    while lead < len(header) and not header[lead]:
        lead += 1
    preamble = [r for _, r in head[:index]]
    rest = head[index + 1 :]

    def data() -> Iterator[Row]:
        for line, cells in _chain(rest, rows):
            if not any(c.strip() for c in cells):
                continue
            values = _align(cells, len(header), lead)
            if values is None:
                ctx.warn(f"line {line}", f"{len(cells)} cells where the header has {len(header)}; row skipped")
                continue
            yield Row(line, {name: value for name, value in zip(header, values, strict=True) if name})

    return Table([c for c in header if c], preamble, data())


def _chain(
    first: list[tuple[int, list[str]]], rest: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    yield from first
    yield from rest


def _align(cells: list[str], width: int, lead: int) -> list[str] | None:
    """Cells lined up with the header, or None when the count cannot be explained."""
    if len(cells) == width:
        return cells
    if lead and len(cells) == width - lead:
        # The unnamed leading header cells have no counterpart in the data rows.
        return [""] * lead + cells
    if len(cells) > width and not any(c.strip() for c in cells[width:]):
        return cells[:width]
    return None
