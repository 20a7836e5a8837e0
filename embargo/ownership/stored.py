"""Ownership data to and from the store's rows, and the import of one file as a dataset's new version."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from embargo.errors import QueryError
from embargo.model import Entity, is_schema, schema_properties
from embargo.ownership.data import Node, OwnershipData
from embargo.ownership.links import Control, Ownership, Share
from embargo.ownership.readers import read_ownership, sniff
from embargo.store import Store
from embargo.store.ownership import LinkRow, NodeRow, OwnershipVersion, add_version

__all__ = ["ImportOutcome", "data_of", "entity_of", "import_file", "node_of", "rows_of"]

#: Node identifier kinds as FtM properties (the first the schema has is used; else ``idNumber``).
_ID_PROPERTIES: dict[str, tuple[str, ...]] = {
    "registration": ("registrationNumber",),
    "ogrn": ("ogrnCode", "registrationNumber"),
    "inn": ("innCode", "taxNumber"),
    "tax": ("taxNumber",),
    "vat": ("vatCode", "taxNumber"),
    "lei": ("leiCode",),
    "bic": ("swiftBic",),
    "imo": ("imoNumber",),
    "passport": ("passportNumber",),
}
_DATASET = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def rows_of(data: OwnershipData) -> tuple[list[NodeRow], list[LinkRow]]:
    """The store's rows of a dataset read from a file."""
    nodes = [
        NodeRow(
            n.id,
            n.caption,
            n.schema,
            {
                "topics": list(n.topics),
                "names": list(n.names),
                "identifiers": [list(pair) for pair in n.identifiers],
                "country": n.country,
                "list_id": n.list_id,
            },
        )
        for n in sorted(data.parties.values(), key=lambda n: n.id)
    ]
    links = [
        LinkRow("ownership", o.owner, o.asset, o.share.low, o.share.high, o.start, o.end, "", o.source)
        for o in data.ownerships
    ]
    links += [
        LinkRow("control", c.controller, c.asset, None, None, c.start, c.end, c.kind, c.source) for c in data.controls
    ]
    return nodes, links


def node_of(row: NodeRow) -> Node:
    """A stored party as a :class:`Node`."""
    d = row.data
    return Node(
        row.node_id,
        row.caption,
        row.schema,
        tuple(d.get("topics") or ()),
        tuple(d.get("names") or ()),
        tuple((str(k), str(v)) for k, v in d.get("identifiers") or ()),
        d.get("country"),
        d.get("list_id"),
    )


def data_of(nodes: list[NodeRow], links: list[LinkRow]) -> OwnershipData:
    """A stored version as :class:`OwnershipData`."""
    data = OwnershipData()
    for row in nodes:
        data.add_party(node_of(row))
    for x in links:
        if x.kind == "ownership":
            share = Share(x.low if x.low is not None else 0.0, x.high if x.high is not None else 100.0)
            data.ownerships.append(Ownership(x.owner, x.asset, share, x.start, x.end, x.source))
        else:
            data.controls.append(Control(x.owner, x.asset, x.role, x.start, x.end, x.source))
    return data


def entity_of(node: Node, key: str) -> Entity:
    """The party as an entity to screen and show (id ``key``, list ``ownership``).

    Identifiers go to the FtM property of their kind the schema has (else ``idNumber``), so a
    screened query's number finds it; unknown schemata are read as ``LegalEntity``.
    """
    schema = node.schema if is_schema(node.schema) else "LegalEntity"
    entity = Entity(schema, key, "ownership", node.id)
    props = schema_properties(schema)
    for name in dict.fromkeys((node.caption, *node.names)):
        entity.add("name" if name == node.caption else "alias", name)
    for kind, value in node.identifiers:
        prop = next(
            (p for p in _ID_PROPERTIES.get(kind, ()) if p in props), "idNumber" if "idNumber" in props else None
        )
        if prop is not None:
            entity.add(prop, value)
    if node.country and "country" in props:
        entity.add("country", node.country)
    return entity


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What importing one file did: the new version (None: the file is the current version already)."""

    dataset: str
    format: str
    version: OwnershipVersion | None
    parties: int
    ownerships: int
    controls: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "dataset": self.dataset,
            "format": self.format,
            "version": self.version.to_dict() if self.version else None,
            "unchanged": self.version is None,
            "parties": self.parties,
            "ownerships": self.ownerships,
            "controls": self.controls,
        }


def dataset_name(path: Path) -> str:
    """A dataset's default name: the file's stem, lower case, other characters as ``-``."""
    name = re.sub(r"[^a-z0-9_.-]+", "-", path.name.split(".")[0].lower()).strip("-")
    return name or "ownership"


def import_file(
    store: Store, path: Path, fmt: str | None = None, dataset: str | None = None, now: str = ""
) -> ImportOutcome:
    """Read ``path`` and store it as the next version of ``dataset`` (by default named after the file).

    The file is read whole before anything is written: a file that cannot be read
    changes nothing (:class:`~embargo.errors.SourceError` names the line or element).

    Raises:
        QueryError: a dataset name that is not lower-case letters, digits, ``_.-``.
        SourceError: the file cannot be read as ``fmt`` (or as any known format).
    """
    name = dataset or dataset_name(path)
    if not _DATASET.match(name):
        raise QueryError(f"dataset name {name!r}: use lower-case letters, digits, '_', '.', '-' (at most 64)")
    found = fmt or sniff(path)
    data = read_ownership(path, found)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    nodes, links = rows_of(data)
    with store.transaction() as conn:
        when = now or datetime.now(UTC).isoformat(timespec="seconds")
        version = add_version(conn, name, found, path.name, digest, when, nodes, links)
    return ImportOutcome(name, found, version, len(data.parties), len(data.ownerships), len(data.controls))
