"""One UK Sanctions List designation, whichever of the FCDO's files it came from.

The FCDO publishes the list as XML (:mod:`embargo.sources.uk_fcdo`) and as
CSV (:mod:`embargo.sources.uk_fcdo_csv`) with the same fields. Each reader
fills a :class:`UkRecord` with the texts as published (whitespace
collapsed, each value once) and :func:`build_entity` turns it into an
entity, so one designation gives the same entity, id, links and measures
from either file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from embargo.model import Entity, Link, clean_country, clean_language, parse_date
from embargo.names.language import guess_language
from embargo.sources._eu_fsf_details import add
from embargo.sources._eu_fsf_names import is_patronymic
from embargo.sources._uk_fcdo_measures import measures_for
from embargo.sources.base import ParseContext

__all__ = ["SCHEMATA", "UkName", "UkRecord", "build_entity", "put", "uk_date"]

#: IndividualEntityShip (XML) / Designation Type (CSV), lower-cased -> schema.
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}

_T = TypeVar("_T")
_PLACEHOLDER = re.compile(r"\b(?:dd|mm|yyyy)\b", re.IGNORECASE)
_NONZERO = re.compile(r"[1-9]")
_EMAIL_SPLIT = re.compile(r"[;,\s]+")
_IMO = re.compile(r"^(?:IMO\s*(?:number|no\.?)?\s*:?\s*)?(\d{7})$", re.IGNORECASE)
# Russian company numbers the list writes with their name in front.
_REG_PREFIXES = (
    (re.compile(r"^INN\s*:?\s*(\d{10}|\d{12})$", re.IGNORECASE), "innCode"),
    (re.compile(r"^OGRN\s*:?\s*(\d{13}|\d{15})$", re.IGNORECASE), "ogrnCode"),
)


@dataclass(frozen=True, slots=True)
class UkName:
    """One ``Name``: Name1 to Name6 and its lower-cased type and alias strength."""

    parts: tuple[str | None, ...]
    kind: str = ""
    strength: str = ""

    @property
    def full(self) -> str:
        """The parts joined in order (Name1 .. Name6)."""
        return " ".join(p for p in self.parts if p)


@dataclass(slots=True)
class UkRecord:
    """What one designation says; lists hold each value once, in file order."""

    uid: str | None = None
    kind: str | None = None
    names: list[UkName] = field(default_factory=list)
    non_latin: list[tuple[str, str | None]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    addresses: list[tuple[tuple[str | None, ...], str | None]] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    other_information: str | None = None
    source: str | None = None
    un_reference: str | None = None
    ofsi_group_id: str | None = None
    last_updated: str | None = None
    date_designated: str | None = None
    regime: str | None = None
    sanctions_imposed: str | None = None
    flags: list[tuple[str, bool]] | None = None
    reasons: str | None = None
    dobs: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    birth_places: list[tuple[str | None, str | None]] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    passports: list[tuple[str, str | None]] = field(default_factory=list)
    national_ids: list[tuple[str, str | None]] = field(default_factory=list)
    entity_types: list[str] = field(default_factory=list)
    registration_numbers: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    subsidiaries: list[str] = field(default_factory=list)
    imo_numbers: list[str] = field(default_factory=list)
    flags_of_ship: list[str] = field(default_factory=list)
    previous_flags: list[str] = field(default_factory=list)
    ship_types: list[str] = field(default_factory=list)
    tonnages: list[str] = field(default_factory=list)
    lengths: list[str] = field(default_factory=list)
    years_built: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    previous_owners: list[str] = field(default_factory=list)
    hull_numbers: list[str] = field(default_factory=list)


def put(items: list[_T], value: _T | None) -> None:
    """Append ``value`` unless it is None, empty or already there."""
    if value is not None and value != "" and value not in items:
        items.append(value)


def uk_date(text: str | None) -> tuple[str | None, bool]:
    """An ISO date (or prefix) from the list's ``dd/mm/yyyy``, unknown parts ``00`` or ``dd``/``mm``.

    Returns:
        The date, and whether the text was unreadable (False for empty text
        and all-placeholder dates, which say nothing).
    """
    raw = (text or "").strip()
    if not raw:
        return None, False
    filled = _PLACEHOLDER.sub("00", raw)
    if not _NONZERO.search(filled):
        return None, False
    iso = parse_date(filled)
    return iso, iso is None


def build_entity(rec: UkRecord, ctx: ParseContext, location: str) -> Entity | None:
    """The entity of one designation, or None (reported) when it has no id or no name.

    Raises:
        ValueError: the id cannot make an entity id (the caller reports and skips).
    """
    if rec.uid is None:
        ctx.warn(location, "Designation without UniqueID; skipped")
        return None
    schema = SCHEMATA.get((rec.kind or "").lower())
    if schema is None:
        ctx.warn(location, f"unknown IndividualEntityShip {(rec.kind or '').lower()!r}; read as LegalEntity")
        schema = "LegalEntity"
    entity = ctx.make_entity(schema, rec.uid)
    problems: list[str] = []
    if not _names(rec, entity, problems):
        ctx.warn(location, "no name; skipped")
        return None
    for title in rec.titles:
        add(entity, "title", title)
    _contacts(rec, entity)
    if schema == "Person":
        _individual(rec, entity, problems)
    elif schema == "Vessel":
        _ship(rec, entity)
    else:
        _organization(rec, entity)
    add(entity, "notes", rec.other_information)
    for label, value in (
        ("Designation source", rec.source),
        ("UN reference number", rec.un_reference),
        ("OFSI group ID", rec.ofsi_group_id),
    ):
        if value is not None:
            add(entity, "notes", f"{label}: {value}")
    add(entity, "modifiedAt", uk_date(rec.last_updated)[0])
    listed, bad = uk_date(rec.date_designated)
    if bad:
        problems.append(f"unreadable DateDesignated {rec.date_designated!r}")
    for problem in problems:
        ctx.warn(location, f"{problem}; the rest of the record is kept")
    ctx.designate(
        entity,
        rec.regime,
        measures_for(rec.sanctions_imposed, rec.flags),
        listing_date=listed,
        reason=rec.reasons,
    )
    return entity


def _names(rec: UkRecord, entity: Entity, problems: list[str]) -> bool:
    """Latin and non-Latin names; False if there is none."""
    found: list[tuple[str, UkName]] = []
    for name in rec.names:
        if not name.full:
            continue
        if name.kind == "primary name":
            prop = "name"
        elif name.kind == "alias" and "low" in name.strength:
            prop = "weakAlias"
        else:
            if name.kind not in ("alias", "primary name variation"):
                problems.append(f"unknown NameType {name.kind!r}, read as an alias")
            prop = "alias"
        found.append((prop, name))
    if not found:
        return False
    primary = next((i for i, (p, _) in enumerate(found) if p == "name"), None)
    if primary is None:
        primary = next((i for i, (p, _) in enumerate(found) if p == "alias"), 0)
    for i, (prop, name) in enumerate(found):
        entity.add("name" if i == primary else "alias" if prop == "name" else prop, name.full)
        if entity.schema == "Person" and prop != "weakAlias":
            _name_parts(entity, name)
    for text, language in rec.non_latin:
        add(entity, "alias", text, lang=clean_language(language) or guess_language(text))
    return True


def _name_parts(entity: Entity, name: UkName) -> None:
    """Name1 given name, Name2-5 middle names or patronymic, Name6 surname;
    a Name6 alone is a whole name, not a surname."""
    given = name.parts[:5]
    if not any(given):
        return
    add(entity, "firstName", given[0])
    for part in given[1:]:
        add(entity, "fatherName" if is_patronymic(part) else "middleName", part)
    add(entity, "lastName", name.parts[5] if len(name.parts) > 5 else None)


def _contacts(rec: UkRecord, entity: Entity) -> None:
    for lines, country in rec.addresses:
        if any(lines):
            add(entity, "address", ", ".join(p for p in (*lines, country) if p))
        if country is not None:
            add(entity, "country", clean_country(country))
    for phone in rec.phones:
        add(entity, "phone", phone)
    for emails in rec.emails:
        for email in _EMAIL_SPLIT.split(emails):
            if "@" in email:
                add(entity, "email", email)
    for site in rec.websites:
        add(entity, "website", site)


def _individual(rec: UkRecord, entity: Entity, problems: list[str]) -> None:
    for dob in rec.dobs:
        iso, bad = uk_date(dob)
        if iso is not None:
            add(entity, "birthDate", iso)
        elif bad:
            problems.append(f"unreadable date of birth {dob!r}")
    for nationality in rec.nationalities:
        add(entity, "nationality", clean_country(nationality))
    for town, country in rec.birth_places:
        if town is not None:
            add(entity, "birthPlace", ", ".join(p for p in (town, country) if p))
        if country is not None:
            add(entity, "birthCountry", clean_country(country))
    for gender in rec.genders:
        add(entity, "gender", gender)
    for position in rec.positions:
        add(entity, "position", position)
    for number, info in rec.passports:
        _document(entity, "passportNumber", "Passport", number, info)
    for number, info in rec.national_ids:
        _document(entity, "idNumber", "National identifier", number, info)


def _document(entity: Entity, prop: str, label: str, number: str, info: str | None) -> None:
    add(entity, prop, number)
    if info is not None:
        add(entity, "notes", f"{label} {number}: {info}")


def _organization(rec: UkRecord, entity: Entity) -> None:
    for kind in rec.entity_types:
        add(entity, "classification", kind)
    for number in rec.registration_numbers:
        for pattern, prop in _REG_PREFIXES:
            if m := pattern.match(number):
                add(entity, prop, m.group(1))
                break
        else:
            add(entity, "registrationNumber", number)
    for parent in rec.parents:
        put(entity.links, Link("parent", target_name=parent, relation="Parent company"))
    for sub in rec.subsidiaries:
        put(entity.links, Link("subsidiary", target_name=sub, relation="Subsidiary"))


def _ship(rec: UkRecord, entity: Entity) -> None:
    for imo in rec.imo_numbers:
        m = _IMO.match(imo)
        add(entity, "imoNumber", f"IMO{m.group(1)}" if m else imo)  # IMO + 7 digits, as every format writes it
    for flag in rec.flags_of_ship:
        add(entity, "flag", clean_country(flag))
    for flag in rec.previous_flags:
        add(entity, "pastFlags", clean_country(flag))
    for kind in rec.ship_types:
        add(entity, "type", kind)
    for tonnage in rec.tonnages:
        add(entity, "tonnage", tonnage)
    for year in rec.years_built:
        add(entity, "buildDate", parse_date(year))
    for length in rec.lengths:
        add(entity, "notes", f"Length: {length}")
    for hull in rec.hull_numbers:
        add(entity, "notes", f"Hull identification number: {hull}")
    for owner in rec.owners:
        put(entity.links, Link("owned_by", target_name=owner, relation="Current owner/operator"))
    for owner in rec.previous_owners:
        # A former owner does not own the ship: a link, but not ownership.
        put(entity.links, Link("other", target_name=owner, relation="Previous owner/operator"))
