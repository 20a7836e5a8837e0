"""First pass over an OFAC advanced XML file: the small records the parties refer to.

The file puts its parties (``DistinctParties``, most of its 120 MB) before
the relationships and sanctions entries that name them, and a party's
addresses and documents sit in ``Locations`` and ``IDRegDocuments``. Rather
than holding every party until the end, :func:`collect` reads the file once
and keeps only the small facts, already turned into words:

* reference value sets (:class:`~._ofac_advanced_refs.Refs`);
* each ``Location`` as a one-line address and country;
* each ``IDRegDocument`` as (type, number, issuing country), by identity;
* each ``ProfileRelationship``, under both of its profiles;
* each ``SanctionsEntry`` as (list, programs, date), by profile;
* each party's fixed id and primary name, by profile (for link targets).

The parties are then streamed in a second pass. Memory grows with the
number of these small records (about 100 bytes each), not with the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from embargo.sources._ofac_advanced_names import primary_name
from embargo.sources._ofac_advanced_refs import Refs, date_of, read_location
from embargo.sources.base import ParseContext
from embargo.sources.xml import child_text, children, iter_records, local_name

__all__ = ["NAMESPACES", "RECORDS", "ROOT", "Entry", "Index", "Relation", "collect"]

ROOT = "Sanctions"
#: The namespace since 2023, and the one of older files (the UN's sanctions data model).
NAMESPACES = (
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML",
    "http://www.un.org/sanctions/1.0",
)
#: Records both passes ask for, so that each is freed once read, whichever pass needs it.
RECORDS = (
    "DateOfIssue",
    "ReferenceValueSets",
    "Location",
    "IDRegDocument",
    "DistinctParty",
    "ProfileRelationship",
    "SanctionsEntry",
)
_PROGRAM = "Program"  # the SanctionsType whose measure's Comment names the program
_PROGRAM_ID = "1"


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``SanctionsEntry`` of a profile: the list, its programs, the earliest entry event."""

    list_name: str | None
    programs: tuple[str, ...]
    date: str | None


@dataclass(frozen=True, slots=True)
class Relation:
    """One ``ProfileRelationship`` seen from one of its profiles.

    ``forward`` is True for the ``From`` profile: the relation's words are
    said of it (``From`` is "Owned or Controlled By" ``To``).
    """

    id: str
    wording: str
    other: str
    forward: bool
    former: bool


@dataclass(slots=True)
class Index:
    """What the first pass keeps."""

    refs: Refs = field(default_factory=Refs)
    published: str | None = None
    locations: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    documents: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    relations: dict[str, list[Relation]] = field(default_factory=dict)
    #: profile id -> (the party's FixedRef, its primary name)
    parties: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    party_count: int = 0


def _document(elem: etree._Element, index: Index, ctx: ParseContext) -> None:
    refs = index.refs
    identity, number = elem.get("IdentityID"), child_text(elem, "IDRegistrationNo")
    doc_type = refs.value("IDRegDocType", elem.get("IDRegDocTypeID"))
    if identity is None or number is None or doc_type is None:
        ctx.warn(f"IDRegDocument {elem.get('ID')}", "no identity, type or number; skipped")
        return
    country = refs.country(elem.get("IssuedBy-CountryID"))
    index.documents.setdefault(identity, []).append((doc_type, number, country))


def _relation(elem: etree._Element, index: Index, ctx: ParseContext) -> None:
    rid, source, target = elem.get("ID"), elem.get("From-ProfileID"), elem.get("To-ProfileID")
    if not (rid and source and target):
        ctx.warn(f"ProfileRelationship {rid}", "no id or profile; skipped")
        return
    wording = index.refs.value("RelationType", elem.get("RelationTypeID")) or "Linked To"
    former = elem.get("Former") == "true"
    index.relations.setdefault(source, []).append(Relation(rid, wording, target, True, former))
    index.relations.setdefault(target, []).append(Relation(rid, wording, source, False, former))


def _entry(elem: etree._Element, index: Index, ctx: ParseContext) -> None:
    refs = index.refs
    profile = elem.get("ProfileID")
    if not profile:
        ctx.warn(f"SanctionsEntry {elem.get('ID')}", "no profile; skipped")
        return
    programs: list[str] = []
    for measure in children(elem, "SanctionsMeasure"):
        type_id = measure.get("SanctionsTypeID")
        kind = refs.value("SanctionsType", type_id)
        program = child_text(measure, "Comment")
        if program and (kind == _PROGRAM or (kind is None and type_id == _PROGRAM_ID)) and program not in programs:
            programs.append(program)
    dates = [d for event in children(elem, "EntryEvent") for node in children(event, "Date") if (d := date_of(node))]
    entry = Entry(refs.value("List", elem.get("ListID")), tuple(programs), min(dates) if dates else None)
    index.entries.setdefault(profile, []).append(entry)


def _party(elem: etree._Element, index: Index, ctx: ParseContext) -> None:
    index.party_count += 1
    fixed = elem.get("FixedRef")
    if fixed is None:
        return  # reported by the second pass
    for profile in children(elem, "Profile"):
        index.parties[profile.get("ID") or fixed] = (fixed, primary_name(profile, index.refs))


def _location(elem: etree._Element, index: Index, ctx: ParseContext) -> None:
    ident = elem.get("ID")
    if ident is not None:
        index.locations[ident] = read_location(elem, index.refs)


def _refs(elem: etree._Element, index: Index, ctx: ParseContext) -> None:
    index.refs.read(elem)


def _issue(elem: etree._Element, index: Index, ctx: ParseContext) -> None:
    index.published = date_of(elem) or index.published


_READERS: dict[str, Callable[[etree._Element, Index, ParseContext], None]] = {
    "DateOfIssue": _issue,
    "ReferenceValueSets": _refs,
    "Location": _location,
    "IDRegDocument": _document,
    "DistinctParty": _party,
    "ProfileRelationship": _relation,
    "SanctionsEntry": _entry,
}


def collect(path: Path, ctx: ParseContext) -> Index:
    """Read everything but the parties' details (first pass).

    Raises:
        SourceError: not XML, not a ``Sanctions`` document, cut short, or
            without the reference value sets every advanced file starts with.
    """
    index = Index()
    namespace: str | None = None
    for elem in iter_records(path, ROOT, RECORDS):
        name = local_name(elem.tag)
        if namespace is None:
            namespace = str(elem.tag)[1:].split("}", 1)[0] if str(elem.tag).startswith("{") else ""
        try:
            _READERS[name](elem, index, ctx)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            ctx.warn(f"{name} {elem.get('ID') or elem.get('FixedRef') or ''}".strip(), f"unreadable ({exc}); skipped")
    if not index.refs:
        raise ctx.error("no ReferenceValueSets: not an OFAC advanced XML file")
    if namespace and namespace not in NAMESPACES:
        ctx.warn(ROOT, f"unknown namespace {namespace!r}; read as OFAC advanced XML")
    return index
