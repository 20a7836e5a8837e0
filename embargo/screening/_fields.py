"""The field limits of a customer file (``EMBARGO_MAX_FIELD``, ``EMBARGO_MAX_FIELDS``), checked as it is read.

A portfolio load reads a customer file whole before it stores anything; a
field of megabytes, stored, would make the portfolio's index and every later
monitoring run crawl. So a field embargo reads (the columns of batch
screening) longer than the limit, or a row of more fields than the limit, is
refused naming the line and the field. The csv module reads a whole row
before its fields can be counted, so a line longer than a row within both
limits can be is refused first, by its length (:func:`bounded_lines`): a
500 MB line of short cells never becomes a list of millions of strings.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TextIO

from embargo.errors import SourceError

__all__ = ["FieldLimits", "bounded_lines", "check_fields"]

#: (longest field in characters, most fields of a row): :func:`embargo.settings.customer_limits`.
FieldLimits = tuple[int, int]


def _over(column: str, length: int, longest: int, more: str = "") -> str:
    return f"field {column!r} holds {more}{length:,} characters, over the limit of {longest:,} (EMBARGO_MAX_FIELD)"


def _too_many(count: int, most: int, more: str = "") -> str:
    return f"{more}{count:,} fields, over the limit of {most:,} (EMBARGO_MAX_FIELDS)"


def check_fields(
    row: Mapping[str, object], count: int, line: int, limits: FieldLimits, path: Path, columns: Iterable[str]
) -> None:
    """Refuse a row of more than the most fields, or whose field in one of ``columns`` is over the longest.

    Args:
        row: the row's cells by (lower-case) column.
        count: how many fields the row has (cells beyond the header included).
        line: the row's line, for the message.
        columns: the columns embargo reads (others are not stored, and only the csv module's limit applies).

    Raises:
        SourceError: naming the line and the field, with the limit and its setting.
    """
    longest, most = limits
    if count > most:
        raise SourceError(_too_many(count, most), str(path), f"line {line}")
    for column in columns:
        value = row.get(column)
        if isinstance(value, str) and len(value) > longest:
            raise SourceError(_over(column, len(value), longest), str(path), f"line {line}")


def bounded_lines(fh: TextIO, limits: FieldLimits, path: Path) -> Iterator[str]:
    """The lines of ``fh``, refusing one longer than a row within ``limits`` can be (each field quoted).

    Raises:
        SourceError: a line is too long, naming it and, when its start shows it, the field or the count.
    """
    longest, most = limits
    cap = most * (longest + 3)
    header: list[str] = []
    number = 0
    while line := fh.readline(cap + 1):
        number += 1
        if len(line) > cap and not line.endswith(("\n", "\r")):
            raise SourceError(_why_long(line, header, limits, cap), str(path), f"line {number}")
        if number == 1:
            header = _cells(line)
        yield line


def _cells(text: str) -> list[str]:
    try:
        return [c.strip().lower() for c in next(csv.reader([text]), [])]
    except csv.Error:  # a field over the csv module's limit: the caller says what it can without it
        return []


def _why_long(start: str, header: list[str], limits: FieldLimits, cap: int) -> str:
    """Why a line is too long, read from its first ``cap`` characters: too many fields, or which one is too long."""
    longest, most = limits
    cells = _cells(start)
    if len(cells) > most:
        return _too_many(most, most, "more than ")
    for i, cell in enumerate(cells):
        if len(cell) > longest:
            return _over(header[i] if i < len(header) else f"number {i + 1}", len(cell), longest, "more than ")
    return (
        f"a line longer than {cap:,} characters ({most:,} fields of {longest:,}: EMBARGO_MAX_FIELDS, EMBARGO_MAX_FIELD)"
    )
