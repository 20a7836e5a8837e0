"""Names in OFAC's advanced XML: aliases, documented names in every script, typed name parts.

An ``Identity`` holds ``Alias`` elements (``AliasTypeID`` A.K.A., F.K.A.,
N.K.A. or Name; ``Primary``; ``LowQuality``), each with one
``DocumentedName`` per script, made of ``DocumentedNamePart/NamePartValue``
(``ScriptID``, ``NamePartGroupID``). The identity's ``NamePartGroups`` give
each group its ``NamePartTypeID`` (Last Name, First Name, Middle Name,
Patronymic, Matronymic, Maiden Name, Nickname, Entity Name, Vessel Name,
Aircraft Name).

A name is written the way OFAC's classic XML and CSV write it: ``LAST, Rest``
when it has a last name (the other parts in the published order), else its
parts joined. The language of a non-Latin name is the one its script
implies (Chinese, Korean, Japanese, Hebrew, Greek, Georgian, Armenian);
Cyrillic and Arabic scripts serve several languages, so there the letters
decide, when they can (:func:`embargo.names.guess_language`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from embargo.model import clean_text
from embargo.names import guess_language
from embargo.sources._ofac_advanced_refs import Refs
from embargo.sources.xml import children

__all__ = ["LAST_NAME", "Name", "primary_name", "read_names"]

LAST_NAME = "Last Name"
_LATIN = frozenset({"Latn", "Latin"})
# ScriptCode as OFAC writes it -> ISO 639-1 of the one language it is used for on the list.
_SCRIPT_LANGUAGE = {
    "Hans": "zh",
    "Hant": "zh",
    "Hang": "ko",
    "Korean": "ko",
    "Kore": "ko",
    "Japanese": "ja",
    "Jpan": "ja",
    "Hebrew": "he",
    "Hebr": "he",
    "Grek": "el",
    "Geor": "ka",
    "Armn": "hy",
}
_KINDS = {"a.k.a.": "a.k.a.", "f.k.a.": "f.k.a.", "n.k.a.": "n.k.a."}


@dataclass(frozen=True, slots=True)
class Name:
    """One documented name of a party.

    Attributes:
        kind: ``name`` (the primary alias), ``a.k.a.``, ``f.k.a.`` or ``n.k.a.``.
        weak: OFAC marks the alias low quality (the classic formats' weak a.k.a.).
        full: the whole name, ``LAST, Rest`` when it has a last name.
        parts: (name part type, value) in the published order.
        latin: written in Latin script.
        lang: the language of a non-Latin name, when known.
    """

    kind: str
    weak: bool
    full: str
    parts: tuple[tuple[str, str], ...]
    latin: bool
    lang: str | None


def _compose(parts: list[tuple[str, str]]) -> str:
    last = " ".join(v for t, v in parts if t == LAST_NAME)
    rest = " ".join(v for t, v in parts if t != LAST_NAME)
    if last and rest:
        return f"{last}, {rest}"
    return last or rest


def _group_types(identity: etree._Element, refs: Refs) -> dict[str, str]:
    types: dict[str, str] = {}
    for groups in children(identity, "NamePartGroups"):
        for master in children(groups, "MasterNamePartGroup"):
            for group in children(master, "NamePartGroup"):
                ident, kind = group.get("ID"), refs.value("NamePartType", group.get("NamePartTypeID"))
                if ident is not None and kind is not None:
                    types[ident] = kind
    return types


def _documented(doc: etree._Element, kind: str, weak: bool, types: dict[str, str], refs: Refs) -> Name | None:
    parts: list[tuple[str, str]] = []
    script: str | None = None
    for part in children(doc, "DocumentedNamePart"):
        for value in children(part, "NamePartValue"):
            text = clean_text(value.text)
            if text is None:
                continue
            parts.append((types.get(value.get("NamePartGroupID") or "", ""), text))
            script = script or value.get("ScriptID")
    if not parts:
        return None
    full = _compose(parts)
    code = refs.attr("Script", script, "ScriptCode")
    latin = script is None or code is None or code in _LATIN
    lang = None if latin else _SCRIPT_LANGUAGE.get(code or "") or guess_language(full)
    return Name(kind, weak, full, tuple(parts), latin, lang)


def read_names(identity: etree._Element, refs: Refs) -> list[Name]:
    """Every documented name of an ``Identity``, primary alias first."""
    types = _group_types(identity, refs)
    primary: list[Name] = []
    others: list[Name] = []
    for alias in children(identity, "Alias"):
        is_primary = alias.get("Primary") == "true"
        alias_type = (refs.value("AliasType", alias.get("AliasTypeID")) or "").lower()
        kind = "name" if is_primary else _KINDS.get(alias_type, "a.k.a.")
        weak = alias.get("LowQuality") == "true"
        for doc in children(alias, "DocumentedName"):
            name = _documented(doc, kind, weak, types, refs)
            if name is not None:
                (primary if is_primary else others).append(name)
    # The Latin spelling first: it is the name OFAC's other formats give.
    primary.sort(key=lambda n: not n.latin)
    return primary + others


def primary_name(profile: etree._Element, refs: Refs) -> str | None:
    """The name a profile is known by (for links that point to it)."""
    for identity in children(profile, "Identity"):
        names = read_names(identity, refs)
        if names:
            return names[0].full
    return None
