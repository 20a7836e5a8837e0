"""The UK Sanctions List's parent companies and subsidiaries, as control links.

The FCDO's UK Sanctions List (see :mod:`embargo.sources.uk_fcdo` and
:mod:`embargo.sources.uk_fcdo_csv`) gives, for a designated entity, the names
of its parent companies and subsidiaries, and nothing more: no share, no
date, no id. The fields read:

- XML: ``Designation/EntityDetails/Entity/ParentCompanies/ParentCompany`` and
  ``.../Subsidiaries/Subsidiary`` (an item without its container is read too,
  as the list reader does: :func:`embargo.sources._uk_fcdo_details.read_record`);
- CSV: the ``Parent company`` and ``Subsidiaries`` columns, one name a cell,
  gathered over the rows of one ``Unique ID`` (column names matched ignoring
  case and spacing).

Each becomes a :class:`~embargo.ownership.links.Control`: a parent company
controls the designated entity (kind ``parent company``), the designated
entity controls each subsidiary (kind ``subsidiary``); the source is ``UK
Sanctions List <Unique ID>: parent company`` (or ``subsidiary``).

Nodes: each designation (every one, whether it names a parent or not, so that
a parent that is itself listed can be tied to it later), id
``uk-fcdo:<Unique ID>``, named by its first ``Primary Name`` (Name1 to Name6
joined, as the list reader does), its other names as names, ``Person``,
``Organization`` or ``Vessel`` by ``IndividualEntityShip`` / ``Designation
Type``, the ``sanction`` topic, and ``list_id`` the ``Unique ID`` (the source
id the list readers give the entity). A parent or subsidiary is a node named
only by the text the list gives: id ``uk-fcdo-name:`` and a slug of the name
(the same name gives the same node wherever it appears), schema
``LegalEntity``, no ``list_id``: the list does not say which designation, if
any, it is.

A designation without a ``Unique ID`` that names a parent or subsidiary
refuses the file, naming it (its links could not be tied to the listed
entity); one that names none is skipped, as the list readers skip it. A file
that is neither the XML nor the CSV, or that they refuse, raises
:class:`~embargo.errors.SourceError`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from embargo.errors import SourceError
from embargo.model import clean_text
from embargo.ownership.data import Node, OwnershipData
from embargo.ownership.links import Control
from embargo.sources import uk_fcdo as uk_xml
from embargo.sources import uk_fcdo_csv as uk_csv
from embargo.sources._csv_table import open_table
from embargo.sources._uk_fcdo_details import read_record
from embargo.sources._uk_fcdo_record import SCHEMATA
from embargo.sources.base import ParseContext, read_head
from embargo.sources.xml import child_text, iter_records

__all__ = ["PARENT", "SUBSIDIARY", "name_id", "read_uk_fcdo"]

PARENT = "parent company"
SUBSIDIARY = "subsidiary"
_SLUG = re.compile(r"[\W_]+")
_LOOSE = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class _Designation:
    """What one designation says that matters here, from either file."""

    uid: str | None
    where: str
    kind: str | None = None
    names: list[tuple[str, str]] = field(default_factory=list)  # (name type, lower case; full name)
    parents: list[str] = field(default_factory=list)
    subsidiaries: list[str] = field(default_factory=list)


def name_id(name: str) -> str:
    """The node id of a company the list names only (``uk-fcdo-name:volkov-holdings-ltd``)."""
    text = _SLUG.sub("-", unicodedata.normalize("NFKC", name).casefold()).strip("-")
    return f"uk-fcdo-name:{text or hashlib.sha1(name.encode()).hexdigest()[:12]}"


def _add(data: OwnershipData, d: _Designation, path: Path) -> None:
    if d.uid is None:
        if d.parents or d.subsidiaries:
            raise SourceError(f"{d.where}: a parent company or subsidiary, but no Unique ID to tie it to", str(path))
        return
    names = list(dict.fromkeys(full for _, full in d.names if full))
    primary = next((full for kind, full in d.names if kind == "primary name" and full), None)
    caption = primary or (names[0] if names else d.uid)
    node_id = f"uk-fcdo:{d.uid}"
    schema = SCHEMATA.get((d.kind or "").lower(), "LegalEntity")
    others = tuple(n for n in names if n != caption)
    data.add_party(Node(node_id, caption, schema, ("sanction",), others, list_id=d.uid))
    for kind, found in ((PARENT, d.parents), (SUBSIDIARY, d.subsidiaries)):
        for name in found:
            other = name_id(name)
            data.add_party(Node(other, name, "LegalEntity"))
            source = f"UK Sanctions List {d.uid}: {kind}"
            controller, asset = (other, node_id) if kind == PARENT else (node_id, other)
            data.controls.append(Control(controller, asset, kind, source=source))


def _read_xml(path: Path, data: OwnershipData) -> None:
    for n, elem in enumerate(iter_records(path, "Designations", "Designation"), start=1):
        uid = child_text(elem, "UniqueID")
        where = f"UniqueID {uid}" if uid else f"Designation #{n}"
        where += f" (line {elem.sourceline})" if elem.sourceline else ""
        try:
            rec = read_record(elem)
        except (ValueError, TypeError, LookupError, AttributeError) as exc:
            raise SourceError(f"{where}: cannot be read ({exc})", str(path)) from exc
        names = [(name.kind, name.full) for name in rec.names]
        _add(data, _Designation(rec.uid, where, rec.kind, names, rec.parents, rec.subsidiaries), path)


def _read_csv(path: Path, data: OwnershipData) -> None:
    ctx = ParseContext(list_name=uk_csv.NAME, authority="UK FCDO", path=path)
    found: dict[str, _Designation] = {}
    with path.open("rb") as fh:
        table = open_table(path, fh, ctx, uk_csv.REQUIRED, uk_csv.COLUMNS)
        columns = {_LOOSE.sub("", c.lower()): c for c in table.columns}

        def cell(cells: dict[str, str], name: str) -> str | None:
            column = columns.get(_LOOSE.sub("", name.lower()))
            return None if column is None else clean_text(cells.get(column))

        for row in table.rows:
            uid = cell(row.cells, "Unique ID")
            parent, subsidiary = cell(row.cells, "Parent company"), cell(row.cells, "Subsidiaries")
            if uid is None:
                _add(data, _Designation(None, f"line {row.line}", parents=[p for p in (parent, subsidiary) if p]), path)
                continue
            d = found.setdefault(uid, _Designation(uid, f"Unique ID {uid} (line {row.line})"))
            d.kind = d.kind or cell(row.cells, "Designation Type") or cell(row.cells, "Individual, Entity, Ship")
            full = " ".join(p for i in range(1, 7) if (p := cell(row.cells, f"Name {i}")))
            if full and (key := ((cell(row.cells, "Name type") or "").lower(), full)) not in d.names:
                d.names.append(key)
            for value, into in ((parent, d.parents), (subsidiary, d.subsidiaries)):
                if value and value not in into:
                    into.append(value)
    for d in found.values():
        _add(data, d, path)


def read_uk_fcdo(path: Path) -> OwnershipData:
    """The parent-company and subsidiary links of the UK Sanctions List, XML or CSV, and its designations.

    Raises:
        SourceError: neither of the FCDO's files, a file their readers refuse, or a
            designation naming a parent or subsidiary without a Unique ID (naming it).
    """
    try:
        head = read_head(path, 8192)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc}", str(path)) from exc
    data = OwnershipData()
    if uk_xml.sniff(head, path.name):
        _read_xml(path, data)
    elif uk_csv.sniff(head, path.name):
        _read_csv(path, data)
    else:
        raise SourceError("neither the UK Sanctions List XML (<Designations>) nor its CSV", str(path))
    return data
