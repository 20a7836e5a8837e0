"""One ``DistinctParty`` of OFAC's advanced XML, turned into an entity.

The advanced file and the classic SDN.XML are two exports of one database:
a party's ``FixedRef`` is the classic ``uid``, its features are the
classic ``idList`` items under the same names (``Additional Sanctions
Information -``, ``SWIFT/BIC``, ``Gender``...), its ``IDRegDocument``
types the classic ``idType`` (``Passport``, ``Vessel Registration
Identification``...). So a party is read into an
:class:`~._ofac_entry.OfacRecord` and built by the classic formats' own
:func:`~._ofac_entry.build_entity`: the same id, schema, properties and
measures as from SDN.XML. What only the advanced file has is added after:

* names in other scripts, with their language, and the typed name parts
  (``middleName``, ``fatherName`` for a Patronymic, ``motherName`` for a
  Matronymic) of the primary name;
* digital currency addresses also as ``idNumber`` (the classic formats
  keep them only as notes), so that screening matches them exactly;
* the listing date of each program from the sanctions entries' events;
* the relationships as :class:`~embargo.model.Link` on both parties.
"""

from __future__ import annotations

from lxml import etree

from embargo.model import Entity, Link, schema_properties
from embargo.sources._ofac_advanced_index import Index, Relation
from embargo.sources._ofac_advanced_names import LAST_NAME, Name, read_names
from embargo.sources._ofac_advanced_refs import period_values
from embargo.sources._ofac_entry import OfacRecord, build_entity
from embargo.sources._ofac_remarks import split_remarks
from embargo.sources.base import ParseContext
from embargo.sources.xml import child_text, children

__all__ = ["read_party"]

_SDN_LIST = "SDN List"
_TRANSPORT = {"vessel": "vessel", "aircraft": "aircraft"}
_CURRENCY = "digital currency address"
_VESSEL = {
    "vessel call sign": "callSign",
    "vessel type": "vesselType",
    "vessel flag": "vesselFlag",
    "vessel owner": "vesselOwner",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "grossRegisteredTonnage",
}
_PARTS = {"Middle Name": "middleName", "Patronymic": "fatherName", "Matronymic": "motherName"}
_ALL_PARTS = {LAST_NAME: "lastName", "First Name": "firstName", **_PARTS}
_NAME_PROPS = {"name": "name", "a.k.a.": "alias", "n.k.a.": "alias", "f.k.a.": "previousName"}
# Relation wording (lower case) -> (kind for the From party, kind for the To party).
_LINKS: dict[str, tuple[str, str]] = {
    "owned or controlled by": ("owned_by", "owns"),
    "owns, controls, or operates": ("owns", "owned_by"),
    "property in the interest of": ("owned_by", "owns"),
    "associate of": ("associate", "associate"),
    "family member of": ("family", "family"),
    "acting for or on behalf of": ("agent", "other"),
    "leader or official of": ("leader", "other"),
    "principal executive officer": ("leader", "other"),
}


def _put(entity: Entity, props: tuple[str, ...], value: str, lang: str | None = None) -> None:
    allowed = schema_properties(entity.schema)
    for prop in props:
        if prop in allowed:
            entity.add(prop, value, lang=lang)
            return


def _sdn_type(profile: etree._Element, index: Index) -> str:
    refs = index.refs
    sub_id = profile.get("PartySubTypeID")
    sub = (refs.value("PartySubType", sub_id) or "").lower()
    party_type = (refs.value("PartyType", refs.attr("PartySubType", sub_id, "PartyTypeID")) or "").lower()
    return _TRANSPORT.get(sub) or ("entity" if party_type == "other entity" else party_type)


def _feature(feature: etree._Element, rec: OfacRecord, wallets: list[str], index: Index, ctx: ParseContext) -> None:
    type_name = index.refs.value("FeatureType", feature.get("FeatureTypeID"))
    if type_name is None:
        ctx.warn(f"uid {rec.uid}", f"feature {feature.get('ID')} of unknown type; skipped")
        return
    key = type_name.lower()
    for version in children(feature, "FeatureVersion"):
        texts: list[str] = []
        for detail in children(version, "VersionDetail"):
            ref = detail.get("DetailReferenceID")
            text = index.refs.value("DetailReference", ref) if ref else (detail.text or "").strip()
            if text:
                texts.append(text)
        for period in children(version, "DatePeriod"):
            texts.extend(period_values(period))
        places: list[tuple[str, str | None]] = []
        for link in children(version, "VersionLocation"):
            location = index.locations.get(link.get("LocationID") or "")
            if location is None:
                ctx.warn(f"uid {rec.uid}", f"location {link.get('LocationID')} is not in the file")
            else:
                places.append(location)
        if key == "location":
            rec.addresses.extend(p for p in places if p[0])
            continue
        texts.extend(country or line for line, country in places if country or line)
        _apply(key, type_name, texts, rec, wallets)


def _apply(key: str, type_name: str, texts: list[str], rec: OfacRecord, wallets: list[str]) -> None:
    if key == "birthdate":
        rec.birth_dates.extend(texts)
    elif key == "place of birth":
        rec.birth_places.extend(texts)
    elif key == "nationality country":
        rec.nationalities.extend(texts)
    elif key == "citizenship country":
        rec.citizenships.extend(texts)
    elif key == "title" and texts and rec.title is None:
        rec.title = texts[0]
        rec.notes.extend(texts[1:])
    elif key in _VESSEL and texts:
        rec.vessel.setdefault(_VESSEL[key], texts[0])
    else:
        # As the classic idList item of the same type: a property where one fits, else a note.
        rec.ids.extend((type_name, text, None) for text in texts)
        if key.startswith(_CURRENCY):
            wallets.extend(texts)


def _add_names(entity: Entity, names: list[Name], rec: OfacRecord) -> None:
    person = entity.schema == "Person"
    for name in names:
        main = name.kind == "name" and name.full == rec.name
        if not name.latin or main:
            if not name.latin:  # build_entity added the Latin names; these need their language
                entity.add("weakAlias" if name.weak else _NAME_PROPS[name.kind], name.full, lang=name.lang)
            if person and name.kind == "name":
                # lastName and firstName of the Latin name are build_entity's, as for SDN.XML.
                table = _ALL_PARTS if not name.latin else _PARTS
                for part_type, value in name.parts:
                    if part_type in table:
                        entity.add(table[part_type], value, lang=name.lang)


def _links(entity: Entity, relations: list[Relation], index: Index, ctx: ParseContext) -> None:
    for rel in relations:
        forward, backward = _LINKS.get(rel.wording.lower(), ("other", "other"))
        kind = forward if rel.forward else backward
        relation = rel.wording
        if rel.former:
            kind, relation = "other", f"{rel.wording} (former)"
        party = index.parties.get(rel.other)
        if party is None:
            ctx.warn(f"ProfileRelationship {rel.id}", f"profile {rel.other} is not in the file; link kept without it")
        target = ctx.make_id(party[0]) if party is not None else None
        name = party[1] if party is not None else None
        entity.links.append(Link(kind, target=target, target_name=name, relation=relation, source_id=rel.id))


def _record(
    party: etree._Element, profile: etree._Element, uid: str, index: Index, ctx: ParseContext
) -> tuple[OfacRecord, list[Name], list[str]]:
    rec = OfacRecord(uid=uid, sdn_type=_sdn_type(profile, index), name="")
    names = [n for identity in children(profile, "Identity") for n in read_names(identity, index.refs)]
    latin = [n for n in names if n.latin]
    main = next((n for n in latin if n.kind == "name"), None) or next(iter(latin or names), None)
    if main is not None:
        rec.name = main.full
        if main.kind != "name":
            ctx.warn(f"uid {uid}", "no primary name; the first alias is used")
        if main.latin:
            rec.last_name = " ".join(v for t, v in main.parts if t == LAST_NAME) or None
            rec.first_name = " ".join(v for t, v in main.parts if t == "First Name") or None
    for name in latin:
        if name is not main:
            kind = "a.k.a." if name.kind == "name" else name.kind
            rec.names.append((kind, "weak" if name.weak else "strong", name.full))
    wallets: list[str] = []
    for feature in children(profile, "Feature"):
        _feature(feature, rec, wallets, index, ctx)
    for identity in children(profile, "Identity"):
        rec.ids.extend(index.documents.get(identity.get("ID") or "", []))
    comment = child_text(party, "Comment")
    if comment:
        rec.notes.extend(split_remarks(comment))
    return rec, names, wallets


def read_party(party: etree._Element, index: Index, ctx: ParseContext) -> Entity | None:
    """The entity for one ``DistinctParty``; None (with a warning) when it is unusable."""
    uid = party.get("FixedRef")
    if uid is None or not (uid.isascii() and uid.isdigit()) or len(uid) > 12:
        ctx.warn("DistinctParty", f"missing or bad FixedRef {uid!r}; skipped")
        return None
    profile = next(iter(children(party, "Profile")), None)
    if profile is None:
        ctx.warn(f"uid {uid}", "no profile; skipped")
        return None
    rec, names, wallets = _record(party, profile, uid, index, ctx)
    if not rec.name:
        ctx.warn(f"uid {uid}", "no name; skipped")
        return None
    entries = index.entries.get(profile.get("ID") or uid, [])
    for entry in entries:
        rec.programs.extend(p for p in entry.programs if p not in rec.programs)
    # The file says which list each entry is on; a party on any other list reads as in the Consolidated list.
    consolidated = any(e.list_name != _SDN_LIST for e in entries)
    entity = build_entity(ctx, rec, consolidated)
    if entity is None:
        return None
    _add_names(entity, names, rec)
    for wallet in wallets:
        _put(entity, ("idNumber", "registrationNumber"), wallet)
    for designation in entity.designations:
        dates = [e.date for e in entries if e.date and designation.program in e.programs]
        if dates:
            designation.listing_date = min(dates)
    _links(entity, index.relations.get(profile.get("ID") or uid, []), index, ctx)
    return entity
