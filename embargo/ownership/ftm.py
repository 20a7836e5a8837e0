"""FollowTheMoney ownership data: ``Ownership`` and ``Directorship`` entities as links, the parties as nodes.

Read from FtM JSON lines (the shape yente and OpenSanctions export; nested
``properties``, ids, ``topics``):

- an ``Ownership`` with a ``percentage`` is a holding of that share; one without
  a percentage whose ``role`` says subsidiary or parent is a control link (a
  parent controls its subsidiary); one with neither (a count of shares, no
  total) is a holding of an unknown share, 0-100%;
- a ``Directorship`` is a control link of its ``role`` (``director`` when none);
- ``startDate`` and ``endDate`` bound each link; the source is the file and the
  FtM entity's id;
- every party (a ``Person``, ``Company``, ``Organization``, ``Vessel``...) is a
  node: its caption, names, schema, topics (a party with the ``sanction`` topic
  is designated somewhere), identifiers and country; its FtM id is the id a
  list's FtM export gives it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from embargo.errors import SourceError
from embargo.ownership.data import Node, OwnershipData
from embargo.ownership.links import Control, Ownership, Share

__all__ = ["read_ftm"]

_UNKNOWN = Share(0.0, 100.0)

#: The FtM schemata of parties (a ``Sanction``, an ``Address``, a ``Family`` link... are not nodes).
PARTY_SCHEMATA = frozenset(
    {"LegalEntity", "Company", "Organization", "PublicBody", "Person", "Vessel", "Airplane", "Asset", "Security"}
)

#: FtM identifier properties, as the identifier kinds of :class:`~embargo.ownership.data.Node`.
_IDENTIFIERS = {
    "registrationNumber": "registration",
    "ogrnCode": "ogrn",
    "innCode": "inn",
    "taxNumber": "tax",
    "vatCode": "vat",
    "leiCode": "lei",
    "swiftBic": "bic",
    "imoNumber": "imo",
    "idNumber": "id",
    "passportNumber": "passport",
}


def _first(props: dict[str, Any], name: str) -> str | None:
    values = props.get(name) or []
    return str(values[0]) if values else None


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise SourceError(f"line {n} is not UTF-8 text", str(path)) from exc
            if not line.strip():
                continue
            try:
                found = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceError(f"line {n} is not JSON ({exc.msg})", str(path)) from exc
            if not isinstance(found, dict) or not isinstance(found.get("properties", {}), dict):
                raise SourceError(f"line {n} is not an FtM entity (a JSON object with properties)", str(path))
            yield n, found


def read_ftm(path: Path) -> OwnershipData:
    """The ownership and control links and the parties of an FtM JSON lines file.

    Raises:
        SourceError: a line that is not JSON, or a link without its two ends (naming the line).
    """
    data = OwnershipData()
    for n, entity in _lines(path):
        schema, eid = str(entity.get("schema", "")), str(entity.get("id", ""))
        props: dict[str, Any] = entity.get("properties") or {}
        source = f"{path.name}: {eid}"
        if schema == "Ownership":
            owner, asset = _first(props, "owner"), _first(props, "asset")
            if not owner or not asset:
                raise SourceError(f"line {n}: an Ownership without its owner or asset", str(path))
            start, end = _first(props, "startDate"), _first(props, "endDate")
            percentage, role = _first(props, "percentage"), (_first(props, "role") or "").lower()
            if percentage is not None:
                try:
                    share = Share.exact(float(percentage))
                except ValueError as exc:
                    raise SourceError(f"line {n}: percentage {percentage!r} is not a number", str(path)) from exc
                data.ownerships.append(Ownership(owner, asset, share, start, end, source))
            elif "subsidiar" in role or "parent" in role:
                data.controls.append(Control(owner, asset, "parent", start, end, source))
            else:
                data.ownerships.append(Ownership(owner, asset, _UNKNOWN, start, end, source))
        elif schema == "Directorship":
            director, org = _first(props, "director"), _first(props, "organization")
            if not director or not org:
                raise SourceError(f"line {n}: a Directorship without its director or organization", str(path))
            role = _first(props, "role") or "director"
            data.controls.append(
                Control(director, org, role, _first(props, "startDate"), _first(props, "endDate"), source)
            )
        elif schema in PARTY_SCHEMATA:
            if not eid:
                raise SourceError(f"line {n}: a {schema or 'FtM'} entity without an id", str(path))
            topics = tuple(str(t) for t in props.get("topics") or [])
            caption = str(entity.get("caption") or _first(props, "name") or eid)
            names = tuple(dict.fromkeys(str(v) for key in ("name", "alias") for v in props.get(key) or []))
            ids = tuple(
                (kind, str(v)) for prop, kind in _IDENTIFIERS.items() for v in dict.fromkeys(props.get(prop) or [])
            )
            country = _first(props, "jurisdiction") or _first(props, "country") or _first(props, "nationality")
            data.add_party(
                Node(eid, caption, schema, topics, names, ids, country.upper() if country else None, list_id=eid)
            )
    return data
