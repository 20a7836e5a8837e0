"""The reference blocks of the Swiss SECO list: sanctions programmes and places.

A SECO file names, beside its ``target`` records, the sanctions programmes
(``sanctions-program``: the ordinance, with its ``sanctions-set`` ids that
targets point to) and the places (``place``: a location, area and country
that addresses and places of birth point to by ``place-id``). The full file
puts the places after the targets, so they are read in a first streaming
pass over the file (:func:`read_header`) before the targets are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from embargo.model import clean_country, clean_text
from embargo.sources.base import ParseContext
from embargo.sources.xml import children, iter_records, local_name

__all__ = ["ROOT", "Header", "Place", "Program", "read_header", "records"]

ROOT = "swiss-sanctions-list"

#: Languages a programme's name is taken in, preferred first (SECO's codes).
_LANGS = ("eng", "ger", "fre", "ita")
#: A sanctions set whose text names an entry or travel ban (English, German, French, Italian).
_ENTRY_BAN = re.compile(
    r"\b(?:entry|travel|transit)[\s-]*ban|\bban on (?:entry|travel)"
    r"|einreise|interdiction d.entr[ée]e|divieto d.entrata",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Program:
    """A sanctions programme as a target's ``sanctions-set-id`` resolves it.

    Attributes:
        name: the programme's name (the ordinance), in English where given.
        entry_ban: the sanctions set says its targets are banned from entry.
    """

    name: str
    entry_ban: bool = False


@dataclass(slots=True)
class Place:
    """A ``place``: where addresses and places of birth are."""

    location: str | None = None
    area: str | None = None
    country: str | None = None
    country_code: str | None = None


@dataclass(slots=True)
class Header:
    """What the first pass found: programmes by sanctions-set id, places by ssid."""

    programs: dict[str, Program] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    program_count: int = 0


def records(path: Path, ctx: ParseContext, names: tuple[str, ...]) -> Iterator[etree._Element]:
    """The file's top-level records named ``names`` (any read error is a :class:`SourceError`)."""
    return iter_records(path, ROOT, names)


def read_header(path: Path, ctx: ParseContext) -> Header:
    """Read every ``sanctions-program`` and ``place`` of the file (targets are skipped and freed)."""
    header = Header()
    for elem in records(path, ctx, ("sanctions-program", "place", "target")):
        name = local_name(elem.tag)
        if name == "sanctions-program":
            header.program_count += 1
            _read_program(elem, header)
        elif name == "place":
            ssid = clean_text(elem.get("ssid"))
            if ssid is not None:
                header.places[ssid] = read_place(elem)
    return header


def _texts(elem: etree._Element, tag: str) -> dict[str, str]:
    """Texts of the children named ``tag`` by their ``lang`` (first one per language)."""
    out: dict[str, str] = {}
    for child in children(elem, tag):
        text = clean_text(child.text)
        if text is not None:
            out.setdefault((child.get("lang") or "").lower(), text)
    return out


def _preferred(texts: dict[str, str]) -> str | None:
    for lang in _LANGS:
        if lang in texts:
            return texts[lang]
    return next(iter(texts.values()), None)


def _read_program(elem: etree._Element, header: Header) -> None:
    name = _preferred(_texts(elem, "program-name")) or _preferred(_texts(elem, "program-key"))
    if name is None:
        name = f"SECO sanctions program {clean_text(elem.get('ssid')) or header.program_count}"
    for node in children(elem, "sanctions-set"):
        ssid = clean_text(node.get("ssid"))
        if ssid is None:
            continue
        program = header.programs.setdefault(ssid, Program(name))
        text = clean_text("".join(str(t) for t in node.itertext()))
        if text and _ENTRY_BAN.search(text):
            program.entry_ban = True


def read_place(elem: etree._Element) -> Place:
    """A ``place`` (or the same children inline in an address or place of birth)."""
    place = Place()
    place.location = clean_text(_first_text(elem, "location"))
    place.area = clean_text(_first_text(elem, "area"))
    for country in children(elem, "country"):
        place.country = clean_text(country.text)
        code = clean_text(country.get("iso-code"))
        place.country_code = clean_country(code or "") or clean_country(place.country or "")
        break
    return place


def _first_text(elem: etree._Element, tag: str) -> str | None:
    for child in children(elem, tag):
        return child.text
    return None
