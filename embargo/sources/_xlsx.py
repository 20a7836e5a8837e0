"""Safe, streaming reading of an XLSX worksheet, for the list formats published as spreadsheets.

An XLSX workbook is a zip archive of XML parts (``xl/workbook.xml``, one
``xl/worksheets/sheetN.xml`` per sheet, ``xl/sharedStrings.xml`` holding the
text of the cells...). openpyxl reads it; before openpyxl opens anything the
archive itself is checked with :mod:`zipfile`, so that a hostile file is
refused rather than read:

* it must be a readable zip (a truncated download has no central directory);
* at most :data:`MAX_ENTRIES` members, compressed with deflate or stored (all
  Excel writes), whose declared uncompressed sizes add up to at most
  :data:`MAX_UNCOMPRESSED` bytes: a zip bomb is refused from its directory.
  :mod:`zipfile` never inflates a member past its declared size and checks its
  CRC, so the declared sizes bound what is inflated;
* it must hold ``xl/workbook.xml`` (a zip that is not a workbook is refused);
* no member may declare a DTD or an entity (no workbook does; openpyxl's XML
  readers would expand internal entities).

The sheet is then read with openpyxl in read-only mode (rows streamed from
the sheet's XML, formulas as their cached values), each row cut to a fixed
number of columns, at most Excel's own 1,048,576 rows. zipfile and openpyxl
raise many kinds of exception on broken bytes (``BadZipFile``, ``KeyError``,
``ParseError``, ``zlib.error``, ``EOFError``, ``ValueError``...): every one
becomes a :class:`~embargo.errors.SourceError` naming the file.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import openpyxl

from embargo.errors import SourceError

__all__ = ["MAX_ENTRIES", "MAX_ROWS", "MAX_UNCOMPRESSED", "ZIP_MAGIC", "iter_sheet_rows"]

ZIP_MAGIC = b"PK\x03\x04"
#: Largest total uncompressed size accepted (the DFAT list is about 10 MB).
MAX_UNCOMPRESSED = 500 * 1024 * 1024
#: Most members a workbook archive may have.
MAX_ENTRIES = 10_000
#: Excel's own row limit; a sheet claiming more is broken or hostile.
MAX_ROWS = 1_048_576

_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_DECLARATIONS = tuple(
    word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(d) for d in _DECLARATIONS)
_CHUNK = 1 << 20
_BATCH = 1000
_SPACE = re.compile(r"\s+")

T = TypeVar("T")


def _wrapped(path: Path, what: str, call: Callable[[], T]) -> T:
    """Run one zipfile/openpyxl step: its warnings silenced, any exception a SourceError."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it skips (styles, extensions, print
            # settings); they do not change the cell values read here.
            warnings.simplefilter("ignore")
            return call()
    except (StopIteration, SourceError):
        raise
    except Exception as exc:  # third-party readers raise any type on broken bytes; see the module doc
        detail = str(exc) or type(exc).__name__
        raise SourceError(f"{what} ({type(exc).__name__}: {detail[:200]})", str(path)) from exc


def _check_archive(path: Path, source: BinaryIO) -> None:
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
        if len(members) > MAX_ENTRIES:
            raise SourceError(f"the archive has {len(members)} members; refused (more than {MAX_ENTRIES})", str(path))
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED:
            raise SourceError(
                f"the archive would inflate to {total:,} bytes; refused as a zip bomb (limit {MAX_UNCOMPRESSED:,})",
                str(path),
            )
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            raise SourceError("a zip archive, but not an XLSX workbook (no xl/workbook.xml)", str(path))
        for member in members:
            if member.compress_type not in _METHODS:
                raise SourceError(f"unexpected compression of {member.filename}; refused", str(path))
            if member.flag_bits & 0x1:
                raise SourceError(f"{member.filename} is encrypted", str(path))
            _refuse_declarations(path, archive, member)


def _refuse_declarations(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Scan a member for ``<!DOCTYPE``/``<!ENTITY`` (in UTF-8 or UTF-16), which no workbook has."""
    tail = b""
    with archive.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            window = tail + chunk
            if any(d in window for d in _DECLARATIONS):
                raise SourceError(
                    f"{member.filename} declares a DTD or entities; refused (no workbook does, "
                    "and entities can be used to attack the reader)",
                    str(path),
                )
            tail = window[-_OVERLAP:]


def _find_sheet(path: Path, names: list[str], sheet: str) -> str:
    wanted = _SPACE.sub(" ", sheet).strip().lower()
    for name in names:
        if _SPACE.sub(" ", name).strip().lower() == wanted:
            return name
    found = ", ".join(repr(n) for n in names) or "none"
    raise SourceError(f"the workbook has no sheet {sheet!r} (sheets: {found})", str(path))


def iter_sheet_rows(path: Path, sheet: str, max_col: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Stream the rows of one sheet of an XLSX workbook.

    Args:
        path: the ``.xlsx`` file.
        sheet: the sheet's name (matched ignoring case and runs of spaces).
        max_col: columns kept per row (cells further right are not read).

    Yields:
        ``(row number, values)``, row numbers counted from 1, values as
        openpyxl gives them (``str``, ``int``, ``float``, ``bool``,
        ``datetime`` or ``None``), each row exactly ``max_col`` long; rows
        with no value are left out (their numbers are counted).

    Raises:
        SourceError: not a zip, not a workbook, a zip bomb, a DTD, no such
            sheet, too many rows, or a part openpyxl cannot read.
    """
    try:
        source = path.open("rb")
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc
    # The file is opened here and handed to zipfile and openpyxl, so that it is closed
    # however reading ends (openpyxl leaves its own handle open when a workbook is broken).
    with source:
        _wrapped(path, "not a readable zip archive (truncated or damaged?)", lambda: _check_archive(path, source))
        book = _wrapped(
            path,
            "cannot open the workbook",
            lambda: openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False),
        )
        try:
            yield from _rows(path, book, sheet, max_col)
        finally:
            _wrapped(path, "cannot close the workbook", book.close)


def _open_rows(worksheet: Any, max_col: int) -> Iterator[tuple[Any, ...]]:
    # Read every row the sheet holds, not only those inside the <dimension> it declares:
    # a stale dimension would otherwise drop rows without a word.
    worksheet.reset_dimensions()
    return iter(worksheet.iter_rows(max_col=max_col, values_only=True))


def _rows(path: Path, book: Any, sheet: str, max_col: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    name = _find_sheet(path, list(book.sheetnames), sheet)
    rows = _wrapped(path, f"cannot read sheet {name!r}", lambda: _open_rows(book[name], max_col))
    number = 0
    while True:
        # Rows are taken from openpyxl in batches: its warnings are silenced and its errors
        # converted only while it runs, never while the caller holds a row.
        batch = _wrapped(path, f"cannot read sheet {name!r} after row {number}", lambda: list(islice(rows, _BATCH)))
        if not batch:
            return
        for row in batch:
            number += 1
            if number > MAX_ROWS:
                raise SourceError(f"sheet {name!r} has more than {MAX_ROWS:,} rows; refused", str(path))
            if all(v is None for v in row):
                continue
            if len(row) != max_col:
                row = (tuple(row) + (None,) * max_col)[:max_col]
            yield number, tuple(row)
