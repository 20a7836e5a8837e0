"""Value cleaners: each returns a clean value, or ``None`` for a bad one.

They never raise on bad input (the habit of followthemoney's property types
and rigour's validators): a parser adds what a publisher wrote and the model
keeps what is usable.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import lru_cache

from normality.cleaning import remove_unsafe_chars
from rigour.langs import iso_639_alpha2, iso_639_alpha3
from rigour.territories import lookup_territory

__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "clean_country",
    "clean_date",
    "clean_gender",
    "clean_language",
    "clean_text",
    "parse_date",
    "year_range",
]

#: A name longer than this is not a name (hostile or broken input).
MAX_NAME_LENGTH = 500
#: Longer free text (remarks, reasons) is cut to this many characters.
MAX_TEXT_LENGTH = 20_000

_WS = re.compile(r"\s+")
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NOW = re.compile(r"\(\s*now\s+([^)]+)\)", re.IGNORECASE)
_FORMER = re.compile(r"^(?:the\s+)?former\s+", re.IGNORECASE)


def clean_text(value: object) -> str | None:
    """NFC-normalize, drop control characters, collapse whitespace.

    Returns:
        The cleaned text, or ``None`` when nothing is left.
    """
    if value is None:
        return None
    text = str(value)
    text = unicodedata.normalize("NFC", text.translate(_CONTROL))
    text = _WS.sub(" ", text).strip()
    return text or None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2200:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        # A month that cannot be one (and could not be swapped with the day): the date is garbage.
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        datetime(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def clean_date(value: object) -> str | None:
    """Clean an ISO date or a prefix of one (``1954``, ``1954-08``, ``1954-08-30``).

    A time part is dropped. Zero months or days (``1980-00-00``) shorten the
    date to what is known.
    """
    text = clean_text(value)
    if text is None:
        return None
    text = text[:10]
    m = _ISO.match(text)
    if m is None:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month == 0:
        month, day = None, None
    if day == 0:
        day = None
    if month is not None and day is not None:
        return _day_month(year, month, day)
    return _iso(year, month, day)


_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$")
_D_MON_Y = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$", re.IGNORECASE)
_MON_D_Y = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.IGNORECASE)
_MON_Y = re.compile(r"^([a-z]+)\.?,?\s+(\d{4})$", re.IGNORECASE)
_Y = re.compile(r"^(\d{4})$")


def _day_month(year: int, month: int, day: int) -> str | None:
    """A numeric date; when the month cannot be one but the day can, they were written the other way round
    (``08/30/1954`` in the US order, ``1954-30-08``), which is unambiguous and common in customer data."""
    if month > 12 and 1 <= day <= 12:
        month, day = day, month
    return _iso(year, month or None, day or None)


@lru_cache(maxsize=65536)
def parse_date(value: str) -> str | None:
    """Read a date as the lists write it, return an ISO date or prefix.

    Understands ISO (``1954-08-30``), day-first numeric (``30/08/1954``,
    ``30.8.1954``, ``00/00/1980``), ``30 Aug 1954``, ``Aug 30, 1954``,
    ``Aug 1954`` and a bare year. Numeric dates are read day first, as every
    list except OFAC's (which spells months out) writes them.
    """
    text = clean_text(value)
    if text is None:
        return None
    text = text.strip(" .;,")
    iso = clean_date(text)
    if iso is not None and _ISO.match(text[:10]):
        return iso
    if m := _DMY.match(text):
        return _day_month(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _YMD.match(text):
        return _day_month(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _D_MON_Y.match(text):
        month = _MONTHS.get(m.group(2).lower())
        if month is not None:
            return _iso(int(m.group(3)), month, int(m.group(1)))
    if m := _MON_D_Y.match(text):
        month = _MONTHS.get(m.group(1).lower())
        if month is not None:
            return _iso(int(m.group(3)), month, int(m.group(2)))
    if m := _MON_Y.match(text):
        month = _MONTHS.get(m.group(1).lower())
        if month is not None:
            return _iso(int(m.group(2)), month)
    if m := _Y.match(text):
        return _iso(int(m.group(1)))
    return None


def year_range(start: str, end: str, limit: int = 15) -> list[str]:
    """Years from ``start`` to ``end`` inclusive, for "1960 to 1962" birth dates.

    A range wider than ``limit`` years gives only its ends: listing thirty
    birth years would make the date useless as evidence.
    """
    try:
        a, b = int(start[:4]), int(end[:4])
    except ValueError:
        return []
    if a > b:
        a, b = b, a
    if b - a > limit:
        return [f"{a:04d}", f"{b:04d}"]
    return [f"{y:04d}" for y in range(a, b + 1)]


def _ftm_country(text: str) -> str | None:
    """FollowTheMoney's ``registry.country.clean``, step for step, without importing FtM.

    Importing followthemoney loads its whole model (0.8 s); screening needs
    only this. tests/model/test_values.py checks it against FtM itself.
    """
    text = remove_unsafe_chars(unicodedata.normalize("NFC", text)).strip()
    if not text:
        return None
    territory = lookup_territory(text)
    return None if territory is None else territory.ftm_country


@lru_cache(maxsize=4096)
def clean_country(value: str) -> str | None:
    """Turn a country name or code into a lower-case ISO-style code.

    Uses FollowTheMoney's country cleaning (rigour's territory data), which knows official,
    short and historic names. ``"former USSR (now Russian Federation)"`` gives
    the current country named in the parenthesis.
    """
    text = clean_text(value)
    if text is None:
        return None
    code = _ftm_country(text)
    if code is not None:
        return str(code)
    if m := _NOW.search(text):
        code = _ftm_country(m.group(1).strip())
        if code is not None:
            return str(code)
    stripped = _FORMER.sub("", _NOW.sub("", text)).strip(" ,.")
    if stripped and stripped != text:
        code = _ftm_country(stripped)
        if code is not None:
            return str(code)
    return None


def clean_gender(value: str) -> str | None:
    """``male``, ``female`` or ``other`` from the many ways lists write it."""
    text = clean_text(value)
    if text is None:
        return None
    key = text.lower().strip(". ")
    if key in ("m", "male", "man", "masculine", "мужской"):
        return "male"
    if key in ("f", "female", "woman", "feminine", "женский"):
        return "female"
    if key in ("other", "x", "diverse", "non-binary"):
        return "other"
    return None


@lru_cache(maxsize=1024)
def clean_language(value: str | None) -> str | None:
    """ISO 639-1 code (``be``) of a language code or English language name.

    Lists write the language of a name as a two- or three-letter code
    (``rus``) or in words (``Russian``, ``Farsi``); rigour's language table
    reads both. A language without a two-letter code keeps its ISO 639-3
    code (Dari gives ``prs``). Empty or unknown values (``Cyrillic``) give
    ``None``.
    """
    text = clean_text(value)
    if text is None:
        return None
    try:
        code = iso_639_alpha2(text) or iso_639_alpha3(text)
    except (ValueError, TypeError, KeyError):
        return None
    return str(code) if code else None
