"""Cell values of the DFAT Consolidated List workbook, read as the publisher writes them.

openpyxl gives a cell as ``str``, ``int``, ``float``, ``bool`` or
``datetime``; the same column mixes them. References are numbers (``2``) or
text (``2a``); dates of birth are Excel dates, bare years stored as numbers,
or text lists (``12/01/1960, 1961``, ``Approximately 1960``, ``Between 1963
and 1968``, ``5 May 1957, April 1957``). Text holds Excel's escapes for
control characters (``_x000D_``) and no-break spaces.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from embargo.model import clean_date, clean_text, parse_date, year_range

__all__ = ["birth_dates", "cell_date", "cell_flag", "cell_text", "split_listed", "split_reference", "split_values"]

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REFERENCE = re.compile(r"^(\d{1,9})\s*([A-Za-z]{0,3})$")
_BETWEEN = re.compile(r"\bbetween\s+(\d{4})\s+and\s+(\d{4})\b", re.IGNORECASE)
# Commas, semicolons, line breaks and "or" separate dates; so does a full stop between two years ("1980.1981").
_DATE_SEPARATORS = re.compile(r"[,;\n]|\bor\b|(?<=\b\d{4})\.(?=\d{4}\b)", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
_QUALIFIER = re.compile(r"^(?:approximately|approx\.?|about|circa|ca\.|c\.)\s*", re.IGNORECASE)
_LIST_MARKER = re.compile(r"(?:^|\s)[a-z]\)\s*")
_VALUE_SEPARATORS = re.compile(r"[,;:\n]")
_TRUE = frozenset({"true", "yes", "y", "x", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


def _number_text(value: float) -> str | None:
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def cell_text(value: object) -> str | None:
    """A cell as clean text: Excel escapes decoded, spaces collapsed; dates as ISO dates."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _number_text(value)
    text = str(value)
    if "_x" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return clean_text(text)


def split_reference(value: object) -> tuple[str, str] | None:
    """``2`` -> ``("2", "")``, ``"2a"`` -> ``("2", "a")``; None when it is not a reference."""
    text = cell_text(value)
    if text is None:
        return None
    m = _REFERENCE.match(text)
    if m is None:
        return None
    return str(int(m.group(1))), m.group(2).lower()


def cell_flag(value: object) -> bool | None:
    """A TRUE/FALSE cell (also ``Yes``/``No``, 1/0); False when empty, None when unreadable."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = (cell_text(value) or "").lower()
    if text in _TRUE:
        return True
    if text in _FALSE or not text:
        return False
    return None


def cell_date(value: object) -> str | None:
    """An Excel date or a written date as an ISO date (or prefix), None when there is none."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = cell_text(value)
    return parse_date(text) if text else None


def birth_dates(value: object) -> tuple[list[str], list[str]]:
    """The dates of a Date of Birth cell, and the parts of it that cannot be read.

    Returns:
        ISO dates or prefixes (``1960``, ``1960-01-12``) in the order written,
        and the unreadable parts as written (empty when all was read).
    """
    if value is None:
        return [], []
    if isinstance(value, datetime | date):
        return [cell_date(value) or ""], []
    if isinstance(value, int | float) and not isinstance(value, bool):
        year = parse_date(_number_text(value) or "")
        return ([year], []) if year and len(year) == 4 else ([], [str(value)])
    text = cell_text(value)
    if text is None:
        return [], []
    dates: list[str] = []
    for m in _BETWEEN.finditer(text):
        dates.extend(year_range(m.group(1), m.group(2)))
    bad: list[str] = []
    for raw in _DATE_SEPARATORS.split(_BETWEEN.sub(",", text)):
        piece = _QUALIFIER.sub("", raw.strip(" .")).strip()
        if not piece:
            continue
        found = _one_date(piece)
        if found is not None:
            dates.append(found)
            continue
        # Dates separated by spaces only ("1960 9/09/1966"): keep each that reads.
        words = piece.split()
        read = [_one_date(w) for w in words] if len(words) > 1 else [None]
        dates.extend(d for d in read if d)
        bad.extend(w for w, d in zip(words, read, strict=False) if d is None)
    return dates, bad


def _one_date(text: str) -> str | None:
    if m := _MONTH_YEAR.match(text):
        return clean_date(f"{m.group(2)}-{int(m.group(1)):02d}")
    return parse_date(text)


def split_values(text: str | None) -> list[str]:
    """``"Russia, Ukraine"``, ``"Somalia: Sweden"``, ``"a) Sudan b) South Sudan"`` -> one value each."""
    if not text:
        return []
    out: list[str] = []
    for chunk in _VALUE_SEPARATORS.split(_LIST_MARKER.sub(",", text)):
        value = clean_text(chunk)
        if value:
            out.append(value)
    return out


def split_listed(text: str | None) -> list[str]:
    """``"a) Kabul, Afghanistan b) Herat"`` -> one value per lettered item (commas kept)."""
    if not text:
        return []
    return [v for chunk in _LIST_MARKER.split(text) if (v := clean_text(chunk))]
