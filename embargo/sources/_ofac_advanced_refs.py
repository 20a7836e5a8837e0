"""The lookup tables and shared shapes of OFAC's advanced XML: reference values, dates, locations.

An advanced file says almost nothing in words inside a record: a party's
feature is ``FeatureTypeID="8"``, a name part ``NamePartGroupID="71648"``,
a document ``IDRegDocTypeID="1571"``. The words are in ``ReferenceValueSets``
at the top of the file, one ``<KindValues>`` list per kind::

    <FeatureTypeValues><FeatureType ID="8" FeatureTypeGroupID="1">Birthdate</FeatureType>...
    <ScriptValues><Script ID="160" ScriptCode="Arab">Arabic</Script>...

:class:`Refs` keeps them all (a few hundred kilobytes even for the SDN
list). Dates are written as ``Year``/``Month``/``Day`` children, and a
feature's date as a ``DatePeriod`` whose ``Start`` and ``End`` each have a
``From`` and a ``To``; :func:`period_values` turns a period into what OFAC's
classic XML would have written (a day, a month, a year, or each year of a
range). A ``Location`` is an address made of typed parts
(``ADDRESS1``, ``CITY``...) and a country.
"""

from __future__ import annotations

import calendar

from lxml import etree

from embargo.model import clean_date, clean_text, year_range
from embargo.sources._ofac_entry import one_line_address
from embargo.sources.xml import child_text, children, local_name

__all__ = ["Refs", "date_of", "period_values", "read_location"]

#: A country OFAC uses for "not known"; it is no country.
_NO_COUNTRY = "undetermined"
_STREET = ("ADDRESS1", "ADDRESS2", "ADDRESS3", "UNKNOWN")
_PLACE = ("CITY", "STATE/PROVINCE", "REGION")


class Refs:
    """The reference value sets: for each kind, ID -> words and ID -> attributes."""

    __slots__ = ("_attrs", "_values")

    def __init__(self) -> None:
        self._values: dict[str, dict[str, str]] = {}
        self._attrs: dict[str, dict[str, dict[str, str]]] = {}

    def read(self, elem: etree._Element) -> None:
        """Add the sets of one ``ReferenceValueSets`` element."""
        for group in elem:
            if not isinstance(group.tag, str):
                continue
            kind = local_name(group.tag).removesuffix("Values")
            values = self._values.setdefault(kind, {})
            attrs = self._attrs.setdefault(kind, {})
            for item in group:
                ident = item.get("ID")
                if not isinstance(item.tag, str) or ident is None:
                    continue
                text = clean_text(item.text)
                if text is not None:
                    values[ident] = text
                attrs[ident] = {str(k): str(v) for k, v in item.attrib.items()}

    def value(self, kind: str, ident: str | None) -> str | None:
        """The words for ``ident`` in the set ``kind`` (``FeatureType``, ``Country``...)."""
        if ident is None:
            return None
        return self._values.get(kind, {}).get(ident)

    def attr(self, kind: str, ident: str | None, name: str) -> str | None:
        """An attribute of a reference value (``ScriptCode`` of a ``Script``...)."""
        if ident is None:
            return None
        return self._attrs.get(kind, {}).get(ident, {}).get(name)

    def country(self, ident: str | None) -> str | None:
        """A country's name, or None for an unknown or "undetermined" one."""
        name = self.value("Country", ident)
        return None if name is None or name.lower() == _NO_COUNTRY else name

    def __bool__(self) -> bool:
        return bool(self._values)


def _number(elem: etree._Element, name: str) -> int | None:
    text = child_text(elem, name)
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > 4:
        return None
    return int(text)


def date_of(elem: etree._Element) -> str | None:
    """ISO date (or prefix) of an element with ``Year``, ``Month`` and ``Day`` children."""
    year = _number(elem, "Year")
    if year is None:
        return None
    month, day = _number(elem, "Month"), _number(elem, "Day")
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}"
        if day:
            text += f"-{day:02d}"
    return clean_date(text)


def _bound(elem: etree._Element | None, first: str, second: str) -> str | None:
    if elem is None:
        return None
    for name in (first, second):
        for node in children(elem, name):
            value = date_of(node)
            if value is not None:
                return value
    return None


def _whole_month(start: str, end: str) -> bool:
    if len(start) != 10 or len(end) != 10 or start[:7] != end[:7] or start[8:] != "01":
        return False
    last = calendar.monthrange(int(start[:4]), int(start[5:7]))[1]
    return int(end[8:]) == last


def period_values(period: etree._Element) -> list[str]:
    """What a ``DatePeriod`` says, as OFAC's classic XML writes it.

    One day (start equals end), a month (its first to its last day), a year
    or years (1 January to 31 December), else every year from start to end
    (:func:`~embargo.model.year_range`), as for ``01 Jan 1960 to 31 Dec 1962``.
    """
    start_elem = next(iter(children(period, "Start")), None)
    end_elem = next(iter(children(period, "End")), None)
    start = _bound(start_elem, "From", "To")
    end = _bound(end_elem, "To", "From")
    if start is None or end is None or start == end:
        single = start or end
        return [single] if single else []
    if start > end:
        start, end = end, start
    if start[4:] in ("", "-01-01") and end[4:] in ("", "-12-31"):
        return year_range(start, end) if start[:4] != end[:4] else [start[:4]]
    if _whole_month(start, end):
        return [start[:7]]
    return year_range(start, end)


def _part_values(elem: etree._Element, refs: Refs) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {}
    for part in children(elem, "LocationPart"):
        kind = (refs.value("LocPartType", part.get("LocPartTypeID")) or "UNKNOWN").upper()
        values = children(part, "LocationPartValue")
        primary = [v for v in values if v.get("Primary") == "true"] or values[:1]
        for value in primary:
            text = child_text(value, "Value")
            if text:
                parts.setdefault(kind, []).append(text)
    return parts


def read_location(elem: etree._Element, refs: Refs) -> tuple[str, str | None]:
    """A ``Location`` as (one-line address, country name); the line is empty when it says nothing."""
    country = None
    for node in children(elem, "LocationCountry"):
        country = country or refs.country(node.get("CountryID"))
    for node in children(elem, "LocationAreaCode"):
        country = country or refs.country(refs.attr("AreaCode", node.get("AreaCodeID"), "CountryID"))
    parts = _part_values(elem, refs)
    known = set(_STREET) | set(_PLACE) | {"POSTAL CODE"}
    street = [v for k in _STREET for v in parts.get(k, [])]
    street += [v for k, vs in parts.items() if k not in known for v in vs]
    place = [v for k in _PLACE for v in parts.get(k, [])]
    postal = " ".join(parts.get("POSTAL CODE", [])) or None
    return one_line_address(street, place, postal, country), country
