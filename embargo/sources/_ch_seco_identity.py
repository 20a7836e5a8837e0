"""One ``identity`` of a Swiss SECO target: its names, dates, places and documents.

A name is a list of ``name-part`` (``order``, ``name-part-type``), each with
its Latin ``value`` and ``spelling-variant`` elements (``lang``, ``script``)
that spell the same part in other languages and scripts. The full name is
the values in ``order``; each language-and-script seen among the variants
gives one more full name, built from the variants of that culture (a part
without one takes a variant of the same script, or its Latin value when the
culture is Latin; a culture that cannot be completed gives no full name).
Names are kept as published, mixed scripts included (``ЗАМУЛЕВIЧ``).
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from embargo.model import Entity, clean_country, clean_language, clean_text, schema_properties
from embargo.names.language import guess_language
from embargo.sources._ch_seco_header import Place, read_place
from embargo.sources.xml import child_text, children

__all__ = ["read_identity"]

#: ``name-type`` -> name property (``quality="low"`` makes any of them a ``weakAlias``).
_NAME_TYPES = {"primary-name": "name", "alias": "alias", "formerly-known-as": "previousName"}
#: ``name-part-type`` -> the name-part property of a Person (None: only in the full name).
_PART_PROPS: dict[str, str | None] = {
    "given-name": "firstName",
    "further-given-name": "middleName",
    "father-name": "fatherName",
    "grand-father-name": "middleName",
    "family-name": "lastName",
    "maiden-name": "lastName",
    "suffix": "nameSuffix",
    "tribal-name": None,
    "whole-name": None,
    "other": None,
}
_FAMILY = ("family-name", "maiden-name")
_PASSPORTS = ("passport", "diplomatic-passport", "official-passport", "service-passport")

# One name part: (order, type, Latin value, {(lang, script): spelling}).
_Part = tuple[int, str, str, dict[tuple[str, str], str]]


def _order(node: etree._Element, default: int) -> int:
    text = (node.get("order") or "").strip()
    return int(text) if text.isdigit() and len(text) < 6 else default


def _parts(name: etree._Element) -> list[_Part]:
    parts: list[_Part] = []
    for i, node in enumerate(children(name, "name-part")):
        value = clean_text(child_text(node, "value"))
        if value is None:
            continue
        variants: dict[tuple[str, str], str] = {}
        for var in children(node, "spelling-variant"):
            text = clean_text(var.text)
            if text is not None:
                key = ((var.get("lang") or "").strip().lower(), (var.get("script") or "").strip().upper())
                variants.setdefault(key, text)
        parts.append((_order(node, 1000 + i), (node.get("name-part-type") or "other").strip().lower(), value, variants))
    parts.sort(key=lambda p: p[0])
    return parts


def _whole(parts: Iterable[_Part]) -> str:
    return " ".join(value for _, kind, value, _ in parts if kind != "title")


def _culture_names(parts: list[_Part]) -> list[tuple[str, str | None]]:
    """One full name per language and script of the spelling variants, with its language."""
    cultures = list(dict.fromkeys(key for _, _, _, variants in parts for key in variants))
    out: list[tuple[str, str | None]] = []
    for lang, script in cultures:
        words: list[str] = []
        for _, kind, value, variants in parts:
            if kind == "title":
                continue
            word = variants.get((lang, script))
            if word is None:
                word = next((v for (_, s), v in variants.items() if s == script), None)
            if word is None and script in ("LATN", ""):
                word = value
            if word is None:
                break
            words.append(word)
        else:
            text = " ".join(words)
            latin = script == "LATN" or (not script and text.isascii())
            out.append((text, None if latin else clean_language(lang) or guess_language(text)))
    return out


def _add_parts(entity: Entity, parts: list[_Part]) -> None:
    person = entity.schema == "Person"
    for _, kind, value, variants in parts:
        if kind == "title":
            if person:
                entity.add("title", value)
            continue
        prop = _PART_PROPS.get(kind)
        if person and prop is not None:
            entity.add(prop, value)
            for (lang, script), text in variants.items():
                entity.add(prop, text, lang=None if script == "LATN" else clean_language(lang))


def _read_name(entity: Entity, name: etree._Element, prop: str, primary: list[_Part]) -> bool:
    parts = _parts(name)
    if not parts:
        return False
    kinds = {kind for _, kind, _, _ in parts}
    if entity.schema == "Person" and primary and kinds <= set(_FAMILY) and "maiden-name" in kinds:
        # A maiden name alone ("Putina") is the family name the person had: the
        # former name is the primary name with it in place of the family name.
        at = next((p[0] for p in primary if p[1] in _FAMILY), 0)
        maiden = [(at, kind, value, variants) for _, kind, value, variants in parts if kind == "maiden-name"]
        parts = sorted([p for p in primary if p[1] not in _FAMILY] + maiden, key=lambda p: p[0])
    entity.add(prop, _whole(parts))
    variant_prop = "alias" if prop == "name" else prop
    for text, lang in _culture_names(parts):
        entity.add(variant_prop, text, lang=lang)
    _add_parts(entity, parts)
    return True


def _names(entity: Entity, identity: etree._Element, main: bool) -> bool:
    found = False
    primary: list[_Part] = []
    for name in children(identity, "name"):
        kind = (name.get("name-type") or "").strip().lower()
        prop = _NAME_TYPES.get(kind, "alias")
        if prop == "name" and (not main or entity.get("name")):
            prop = "alias"
        if (name.get("quality") or "").strip().lower() == "low":
            prop = "weakAlias"
        if kind == "primary-name" and not primary:
            primary = _parts(name)
        found = _read_name(entity, name, prop, primary) or found
    return found


def _date(node: etree._Element) -> str | None:
    year = (node.get("year") or "").strip()
    if not (year.isdigit() and len(year) == 4):
        return None
    month = (node.get("month") or "").strip()
    day = (node.get("day") or "").strip()
    if not (month.isdigit() and 1 <= int(month) <= 12):
        return year
    if not (day.isdigit() and 1 <= int(day) <= 31):
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _place(node: etree._Element, places: dict[str, Place]) -> Place:
    """The place a node points to by ``place-id``, completed by its own children."""
    known = places.get((node.get("place-id") or "").strip())
    own = read_place(node)
    if known is None:
        return own
    return Place(
        own.location or known.location,
        own.area or known.area,
        own.country or known.country,
        own.country_code or known.country_code,
    )


def _address(node: etree._Element, place: Place) -> str | None:
    lines = [
        f"c/o {v}" if (v := child_text(node, "c-o")) else None,
        child_text(node, "address-details"),
        f"P.O. Box {v}" if (v := child_text(node, "p-o-box")) else None,
        " ".join(p for p in (child_text(node, "zip-code"), place.location) if p) or None,
        place.area,
        place.country,
        f"({v})" if (v := child_text(node, "remarks")) else None,
    ]
    return clean_text(", ".join(line for line in lines if line))


def read_identity(entity: Entity, identity: etree._Element, places: dict[str, Place], main: bool) -> bool:
    """Add one identity's names and details; False when it has no name part.

    Args:
        entity: the target being read.
        identity: the ``identity`` element (a direct child of the live
            ``individual``/``entity``/``object``).
        places: the file's places by ssid.
        main: this is the ``main="true"`` identity (its primary name is the name).
    """
    found = _names(entity, identity, main)
    props = schema_properties(entity.schema)
    person = entity.schema == "Person"
    for node in children(identity, "day-month-year"):
        if node.get("calendar") not in (None, "", "Gregorian"):
            continue
        prop = "birthDate" if person else "incorporationDate"
        if prop in props:
            entity.add(prop, _date(node))
    for node in children(identity, "nationality"):
        for country in children(node, "country"):
            code = clean_country(country.get("iso-code") or "") or clean_country(country.text or "")
            if "nationality" in props:
                entity.add("nationality", code)
    for node in children(identity, "place-of-birth"):
        place = _place(node, places)
        if person:
            entity.add("birthPlace", ", ".join(p for p in (place.location, place.area, place.country) if p))
            entity.add("birthCountry", place.country_code)
    for node in children(identity, "address"):
        place = _place(node, places)
        entity.add("address", _address(node, place))
        entity.add("country", place.country_code)
    for node in children(identity, "identification-document"):
        number = clean_text(child_text(node, "number"))
        kind = (node.get("document-type") or "").strip().lower()
        prop = "passportNumber" if kind in _PASSPORTS else "idNumber"
        if number is not None and prop in props:
            entity.add(prop, number)
    return found
