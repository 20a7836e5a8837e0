"""One OFAC record, read from either format, turned into an entity.

The classic XML and the legacy CSV carry the same records (the same ``uid``
/ ``ent_num``); both readers fill an :class:`OfacRecord` and
:func:`build_entity` makes the entity, so a party gets the same id, schema
and properties whichever file it came from.

Schema rule: ``Individual`` -> Person, ``Vessel`` -> Vessel, ``Aircraft`` ->
Airplane, ``Entity`` -> Organization, or Company when OFAC itself says it is
one (``Target Type`` Public/Private Company) or it issues securities (an
``ISIN`` or ``Equity Ticker``). OFAC does not otherwise tell companies from
other organizations, and guessing from name suffixes would be wrong too often.

Measures (which restrictions a designation imposes) follow OFAC's lists, see
https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists :

- any SDN program (SDN List, blocking): asset_freeze
- NS-PLC (Palestinian Legislative Council list): other
- CMIC-*, NS-CMIC (Non-SDN Chinese Military-Industrial Complex list): investment_ban
- 561-Related (CAPTA List, correspondent accounts): financial_prohibition
- FSE-* (Foreign Sanctions Evaders List): financial_prohibition
- UKRAINE-EO13662 + directive (Sectoral Sanctions Identifications): sectoral_sanctions
- RUSSIA-EO14024 + directive (NS-MBS List): sectoral_sanctions, plus
  financial_prohibition for Directive 2 (CAPTA List)
- BURMA-EO14014 + directive (Directive 1 bans financial services): financial_prohibition
- CAATSA - RUSSIA, IRAN-EO13846, ILLICIT-DRUGS-EO14059 + menu information
  (NS-MBS List, menu-based): sectoral_sanctions

"+ directive" means the record carries that order's directive or menu
information (``Executive Order 13662 Directive Determination - ...``). The
classic formats do not say which list a file is, and the same program tag is
used for blocking and non-blocking measures: in the Consolidated (non-SDN)
file a program with its directive information is the non-SDN measure, and
one without it is the record's SDN listing (the Consolidated file repeats a
party's SDN programs). In the SDN file every program blocks, except the
non-SDN tags above and the Ukraine SSI directives, which OFAC also shows on
SDN records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from embargo.model import Entity, clean_country, clean_text, parse_date, schema_properties
from embargo.names import looks_patronymic
from embargo.sources._ofac_remarks import ID_TYPES, normalize_imo, parse_birth_dates, split_country
from embargo.sources.base import ParseContext

__all__ = ["DETAILS_URL", "OfacRecord", "build_entity", "is_consolidated", "one_line_address", "program_measures"]

#: OFAC's page for one record.
DETAILS_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={uid}"

_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "entity": "Organization"}
_COMPANY_TARGETS = frozenset({"public company", "private company"})
# OFAC's "title" is mostly a position ("President"); these few are honorifics.
_HONORIFIC = re.compile(
    r"^(?:dr\.?|doctor|sheikh?|shaykh|mullah|maulavi|mawlawi|maulvi|hajj?i|qari|mufti|imam|ayatollah"
    r"|hojj?atoleslam|prince(?:ss)?|emir)$",
    re.IGNORECASE,
)
_LEI = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")
_INN = re.compile(r"^\d{10}(?:\d{2})?$")

_NON_SDN: dict[str, tuple[str, ...]] = {"NS-PLC": ("other",), "561-Related": ("financial_prohibition",)}
_NON_SDN_PREFIX: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CMIC-", ("investment_ban",)),
    ("NS-CMIC", ("investment_ban",)),
    ("FSE-", ("financial_prohibition",)),
)
# program -> (prefixes of its directive/menu information items, measures)
_DIRECTIVES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "UKRAINE-EO13662": (("Executive Order 13662 Directive",), ("sectoral_sanctions",)),
    "RUSSIA-EO14024": (
        ("Executive Order 14024 Directive", "Listing Date (EO 14024", "Effective Date (EO 14024"),
        ("sectoral_sanctions",),
    ),
    "BURMA-EO14014": (
        ("Executive Order 14014 Directive", "Listing Date (EO 14014"),
        ("financial_prohibition",),
    ),
    "CAATSA - RUSSIA": (("CAATSA Section 235",), ("sectoral_sanctions",)),
    "IRAN-EO13846": (("Executive Order 13846 information",), ("sectoral_sanctions",)),
    "ILLICIT-DRUGS-EO14059": (("Executive Order 14059 information",), ("sectoral_sanctions",)),
}
# program -> label of its "Listing Date (...)" information item
_LISTING_LABEL = {
    "CMIC": "Listing Date (CMIC",
    "RUSSIA-EO14024": "Listing Date (EO 14024",
    "BURMA": "Listing Date (EO 14014",
}


@dataclass(slots=True)
class OfacRecord:
    """The facts of one OFAC record, as either format gives them (raw text)."""

    uid: str
    sdn_type: str
    name: str
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    programs: list[str] = field(default_factory=list)
    #: (``a.k.a.``/``f.k.a.``/``n.k.a.``, ``strong``/``weak``, full name)
    names: list[tuple[str, str, str]] = field(default_factory=list)
    #: (idType, idNumber, idCountry)
    ids: list[tuple[str, str, str | None]] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    #: (one-line address, country name)
    addresses: list[tuple[str, str | None]] = field(default_factory=list)
    #: vesselInfo: callSign, vesselType, vesselFlag, vesselOwner, tonnage, grossRegisteredTonnage
    vessel: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def one_line_address(
    street: Sequence[str | None], place: Sequence[str | None], postal: str | None, country: str | None
) -> str:
    """One address line the way OFAC's CSV writes it: ``street, city, state postal, country``."""
    locality = ", ".join(p for p in place if p)
    if postal:
        locality = f"{locality} {postal}".strip()
    parts = [*(s for s in street if s), locality, country or ""]
    return ", ".join(p for p in parts if p)


def _put(entity: Entity, props: Sequence[str], value: str | None) -> bool:
    """Add ``value`` to the first of ``props`` the schema has."""
    if value is None:
        return False
    allowed = schema_properties(entity.schema)
    for prop in props:
        if prop in allowed:
            return entity.add(prop, value) is not None
    return False


def _id_text(id_type: str, number: str, country: str | None) -> str:
    return f"{id_type} {number} ({country})" if country else f"{id_type} {number}"


def _apply_id(entity: Entity, id_type: str, number: str, country: str | None, notes: list[str]) -> None:
    if country is None:
        # Some XML idNumbers carry the country in the CSV way: "1026303117642 (Russia)".
        number, country = split_country(number)
    spec = ID_TYPES.get(id_type)
    imo = normalize_imo(number)
    if imo is not None and _put(entity, ("imoNumber",), imo):
        return
    if spec is None:
        notes.append(_id_text(id_type, number, country))
        return
    props = spec.props
    value: str | None = number
    if spec.kind == "date":
        value = parse_date(number)
    if id_type == "Legal Entity Number" and not _LEI.match(number):
        props = props[1:]
    if id_type == "Tax ID No." and country is not None and clean_country(country) == "ru" and _INN.match(number):
        _put(entity, ("innCode",), number)
    if not _put(entity, props, value):
        notes.append(_id_text(id_type, number, country))


def _schema(rec: OfacRecord) -> str | None:
    schema = _SCHEMA.get(rec.sdn_type)
    if schema != "Organization":
        return schema
    for id_type, number, _ in rec.ids:
        if id_type in ("ISIN", "Equity Ticker") or (id_type == "Target Type" and number.lower() in _COMPANY_TARGETS):
            return "Company"
    return schema


def _person_names(entity: Entity, rec: OfacRecord) -> None:
    entity.add("lastName", rec.last_name)
    given = (rec.first_name or "").split()
    # "Alyaksandr Hryhoryavich": East Slavic patronymics are recognisable by ending.
    if len(given) >= 2 and looks_patronymic(given[-1]):
        entity.add("fatherName", given[-1])
        given = given[:-1]
    entity.add("firstName", " ".join(given))
    if rec.title:
        prop = "title" if _HONORIFIC.match(rec.title) else "position"
        entity.add(prop, rec.title)


def program_measures(program: str, info: Sequence[str], consolidated: bool) -> tuple[list[str], str | None]:
    """Measures of one program tag of a record, and the directive text that decided them.

    Args:
        program: OFAC program tag (``BELARUS``, ``UKRAINE-EO13662``...).
        info: the record's information items (directive determinations...).
        consolidated: the file is OFAC's Consolidated (non-SDN) list.
    """
    if program in _NON_SDN:
        return list(_NON_SDN[program]), None
    for prefix, measures in _NON_SDN_PREFIX:
        if program.startswith(prefix):
            return list(measures), None
    directive = _DIRECTIVES.get(program)
    if directive is not None and (consolidated or program == "UKRAINE-EO13662"):
        prefixes, measures = directive
        found = [i for i in info if i.startswith(prefixes)]
        if found:
            result = list(measures)
            if program == "RUSSIA-EO14024" and any("Directive 2)" in i for i in found):
                result.append("financial_prohibition")
            return result, "; ".join(found)
    return ["asset_freeze"], None


def _listing_date(program: str, info: Sequence[str]) -> str | None:
    dates: list[str] = []
    for key, label in _LISTING_LABEL.items():
        if program.startswith(key):
            for item in info:
                if item.startswith(label):
                    value = parse_date(item.rsplit(")", 1)[-1].lstrip(": "))
                    if value is not None:
                        dates.append(value)
    return min(dates) if dates else None


def build_entity(ctx: ParseContext, rec: OfacRecord, consolidated: bool) -> Entity | None:
    """The entity for one OFAC record; None (with a warning) when it is unusable."""
    where = f"uid {rec.uid}"
    schema = _schema(rec)
    if schema is None:
        ctx.warn(where, f"unknown record type {rec.sdn_type!r}; skipped")
        return None
    entity = ctx.make_entity(schema, rec.uid)
    if entity.add("name", rec.name) is None:
        ctx.warn(where, "no usable name; skipped")
        return None
    notes: list[str] = []
    if schema == "Person":
        _person_names(entity, rec)
    elif rec.title:
        notes.append(rec.title)
    for kind, category, name in rec.names:
        prop = "weakAlias" if category == "weak" else "previousName" if kind == "f.k.a." else "alias"
        entity.add(prop, name)
    for text in rec.birth_dates:
        dates = parse_birth_dates(text)
        if not dates:
            notes.append(f"DOB {text}")
        for date in dates:
            _put(entity, ("birthDate",), date)
    for place in rec.birth_places:
        _put(entity, ("birthPlace",), place)
        _put(entity, ("birthCountry",), clean_country(place.rsplit(",", 1)[-1]))
    for nat in rec.nationalities:
        _put(entity, ("nationality", "country"), nat)
    for cit in rec.citizenships:
        _put(entity, ("citizenship", "country"), cit)
    for id_type, number, country in rec.ids:
        _apply_id(entity, id_type, number, country, notes)
    for line, country in rec.addresses:
        entity.add("address", line)
        if country:
            entity.add("country", country)
    _apply_vessel(entity, rec.vessel, notes)
    notes.extend(n for n in rec.notes if n != rec.title)
    info = [n for n in notes if not n.startswith("DOB ")]
    if notes:
        entity.add("notes", "; ".join(dict.fromkeys(notes)))
    url = DETAILS_URL.format(uid=rec.uid)
    entity.add("sourceUrl", url)
    if not rec.programs:
        ctx.warn(where, "no program given")
    for program in rec.programs or [""]:
        measures, reason = program_measures(program, info, consolidated)
        listing = _listing_date(program, info)
        ctx.designate(entity, program or None, measures, listing_date=listing, reason=reason, url=url)
    return entity


def _apply_vessel(entity: Entity, vessel: dict[str, str], notes: list[str]) -> None:
    if not vessel:
        return
    _put(entity, ("callSign",), vessel.get("callSign"))
    _put(entity, ("type",), vessel.get("vesselType"))
    _put(entity, ("flag", "country"), vessel.get("vesselFlag"))
    for key, prop in (("tonnage", "tonnage"), ("grossRegisteredTonnage", "grossRegisteredTonnage")):
        value = clean_text(vessel.get(key))
        if value is not None:
            _put(entity, (prop,), value.replace(",", ""))
    owner = vessel.get("vesselOwner")
    if owner:
        notes.append(f"Vessel owner: {owner}")


def is_consolidated(list_name: str, filename: str) -> bool:
    """Whether a file is OFAC's Consolidated (non-SDN) list rather than the SDN list.

    Neither classic format says so inside the file; the official names do
    (``CONSOLIDATED.XML``, ``cons_prim.csv``), and so may the list name the
    import was given.
    """
    return "cons" in list_name.lower() or filename.lower().startswith("cons")
