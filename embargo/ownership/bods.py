"""Beneficial Ownership Data Standard (BODS 0.2, 0.3 and 0.4) statements: interests as links, parties as nodes.

Read from a JSON array of statements (a BODS package) or JSON lines, one
statement a line. Both shapes of the standard are read, statement by
statement:

- 0.2/0.3: ``statementType`` ``entityStatement``/``personStatement`` (nodes,
  by ``statementID``) and ``ownershipOrControlStatement`` (links), whose
  ``subject.describedByEntityStatement`` and
  ``interestedParty.describedByPersonStatement|describedByEntityStatement``
  name other statements of the file;
- 0.4: ``recordType`` ``entity``/``person`` (nodes, by ``recordId``) and
  ``relationship`` (links), ``recordDetails.subject`` and
  ``recordDetails.interestedParty`` being record ids.

Each interest of a relationship is one link, bounded by its ``startDate`` and
``endDate``:

- a ``shareholding`` or ``voting-rights`` interest with a ``share`` is an
  :class:`~embargo.ownership.links.Ownership` of that share: ``exact``, or the
  interval ``minimum``/``exclusiveMinimum`` to ``maximum``/``exclusiveMaximum``
  (an exclusive bound is taken as the closed one: ``more than 25%`` reads
  ``25-...``), a missing bound being 0 or 100;
- one without a share, an interest without a type, and ``unknown-interest``/
  ``unpublished-interest`` are holdings of an unknown share, 0-100%;
- every other interest (``appointment-of-board``, ``senior-managing-official``,
  ``other-influence-or-control``, ``control-by-legal-framework``, the trust
  roles, rights granted by contract...) is a
  :class:`~embargo.ownership.links.Control` whose kind is the type as written;
- an indirect interest (``directOrIndirect``, 0.2's ``interestLevel``:
  ``indirect``, held through intermediaries) is kept as a link of its own, as
  the statement gives it, with ``indirect`` in its source text
  (``3-joint.json: statement 676ce2ec... (shareholding, indirect)``); its
  component links, when the file has them, are links too.

Joint ownership is read as the standard's examples write it: an
``arrangement`` entity (``Joint shareholding``) holds the shares, and each
joint owner holds its part of the arrangement.

A statement listed in another's ``replacesStatements`` is left out (a link
that was updated does not count twice); a party statement that was replaced
stands for its replacement. Of several 0.4 statements of one ``recordId`` the
latest (``statementDate``, then file order) is read; a relationship whose
latest statement has ``recordStatus`` ``closed`` ends on that date. An
interested party or subject that is ``unspecified`` (a reason instead of a
statement) gives no link.

Entities and persons are nodes: the first name (``fullName``), the others as
names; ``Person`` for persons, ``Company`` for a ``registeredEntity``,
``LegalEntity`` for any other entity type; identifiers by scheme
(``GB-COH`` -> ``registration``, ``XI-LEI`` -> ``lei``, any other scheme kept
as written); the country of incorporation (0.2/0.3
``incorporatedInJurisdiction``, 0.4 ``jurisdiction``) or the first
nationality.

Anything that cannot be read refuses the whole file, naming the statement:
text that is not JSON, a statement that is not an object or of no known type,
a link to a statement or record the file does not have, a share that is not a
percentage, a date that is not a date.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from embargo.errors import QueryError, SourceError
from embargo.model.values import clean_date
from embargo.ownership.data import Node, OwnershipData
from embargo.ownership.links import Control, Ownership, Share

__all__ = ["read_bods"]

_UNKNOWN = Share(0.0, 100.0)
#: Interest types (letters only, lower case) read as holdings of a share.
_HOLDINGS = frozenset({"shareholding", "votingrights"})
#: Interest types that say nothing of the interest: a holding of an unknown share.
_UNSAID = frozenset({"", "unknowninterest", "unpublishedinterest"})
_SCHEMES = {"GB-COH": "registration", "XI-LEI": "lei"}
_PARTIES = frozenset({"entityStatement", "personStatement", "entity", "person"})
_LINKS = frozenset({"ownershipOrControlStatement", "relationship"})


class _Statement:
    """One statement, in either shape of the standard, with where it is in the file."""

    __slots__ = ("data", "details", "id", "kind", "number", "record")

    def __init__(self, number: int, data: dict[str, Any], path: Path) -> None:
        self.number, self.data = number, data
        self.id = str(data.get("statementID") or data.get("statementId") or "")
        self.record: str | None = None
        if "recordType" in data:  # 0.4
            self.kind = str(data["recordType"])
            self.record = str(data.get("recordId") or "") or None
            details = data.get("recordDetails")
            self.details: dict[str, Any] = details if isinstance(details, dict) else {}
        else:
            self.kind = str(data.get("statementType", ""))
            self.details = data
        if self.kind not in _PARTIES and self.kind not in _LINKS:
            raise SourceError(f"{self}: neither a known statementType nor a known recordType", str(path))

    def __str__(self) -> str:
        return f"statement {self.id}" if self.id else f"statement #{self.number}"


def _items(value: object) -> list[Any]:
    """A list the statement gives, or none (a value of another type is not one)."""
    return value if isinstance(value, list) else []


def _load(path: Path) -> list[dict[str, Any]]:
    """The statements of a BODS package (a JSON array) or of JSON lines."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as exc:
        raise SourceError(f"cannot read the file ({exc})", str(path)) from exc
    items: list[Any] = []
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceError(f"not JSON ({exc.msg}, line {exc.lineno})", str(path)) from exc
    else:
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SourceError(f"line {n} is not JSON ({exc.msg})", str(path)) from exc
    if not items:
        raise SourceError("no BODS statement in the file", str(path))
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise SourceError(f"statement #{n} is not a JSON object", str(path))
    return items


def _current(statements: list[_Statement]) -> tuple[list[_Statement], dict[str, str]]:
    """The statements that count, and what each replaced party statement now stands for."""
    replaced: dict[str, str] = {}
    for st in statements:
        for old in _items(st.data.get("replacesStatements")):
            replaced[str(old)] = st.id
    latest: dict[str, _Statement] = {}
    for st in statements:
        if st.record is not None:
            before = latest.get(st.record)
            if before is None or str(st.data.get("statementDate") or "") >= str(before.data.get("statementDate") or ""):
                latest[st.record] = st
    kept = [st for st in statements if st.id not in replaced and (st.record is None or latest[st.record] is st)]
    return kept, replaced


def _names(details: dict[str, Any]) -> list[str]:
    if details.get("name"):
        return [str(details["name"])]
    return [str(n["fullName"]) for n in _items(details.get("names")) if isinstance(n, dict) and n.get("fullName")]


def _node(st: _Statement, node_id: str) -> Node:
    details = st.details
    names = list(dict.fromkeys(_names(details)))
    if st.kind in ("person", "personStatement"):
        schema = "Person"
    else:
        entity_type = details.get("entityType")
        if isinstance(entity_type, dict):  # 0.4: {"type": ...}
            entity_type = entity_type.get("type")
        schema = "Company" if entity_type == "registeredEntity" else "LegalEntity"
    identifiers = tuple(
        (_SCHEMES.get(str(scheme), str(scheme)), str(i["id"]))
        for i in _items(details.get("identifiers"))
        if isinstance(i, dict) and i.get("id") and (scheme := i.get("scheme") or i.get("schemeName") or "id")
    )
    place = details.get("jurisdiction") or details.get("incorporatedInJurisdiction")
    codes = [place] if isinstance(place, dict) else []
    codes += [n for n in _items(details.get("nationalities")) if isinstance(n, dict)]
    country = next((str(c["code"]).upper() for c in codes if c.get("code")), None)
    caption = names[0] if names else node_id
    return Node(node_id, caption, schema, (), tuple(names[1:]), identifiers, country)


def _ref(value: object) -> str | None:
    """A statement or record id a relationship points to (None: unspecified)."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        for key in ("describedByEntityStatement", "describedByPersonStatement"):
            if value.get(key):
                return str(value[key])
    return None


def _share(share: dict[str, Any]) -> Share:
    def bound(*keys: str) -> float | None:
        for key in keys:
            value = share.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            if value is not None and not isinstance(value, bool):
                raise QueryError(f"share {key} {value!r} is not a number")
        return None

    exact = bound("exact")
    if exact is not None:
        return Share.exact(exact)
    low, high = bound("minimum", "exclusiveMinimum"), bound("maximum", "exclusiveMaximum")
    return Share(0.0 if low is None else low, 100.0 if high is None else high)


def _date(value: object, what: str) -> str | None:
    if value is None or value == "":
        return None
    found = clean_date(str(value))
    if found is None:
        raise QueryError(f"{what} {value!r} is not a date")
    return found


def _links(st: _Statement, owner: str, asset: str, data: OwnershipData, path: Path) -> None:
    interests = st.details.get("interests") or [{}]
    if not isinstance(interests, list):
        raise QueryError("interests is not a list")
    closed = _date(st.data.get("statementDate"), "statementDate") if st.data.get("recordStatus") == "closed" else None
    for interest in interests:
        if not isinstance(interest, dict):
            raise QueryError("an interest that is not an object")
        kind = str(interest.get("type") or "")
        key = re.sub(r"[^a-z]", "", kind.lower())
        level = interest.get("directOrIndirect") or interest.get("interestLevel")
        start = _date(interest.get("startDate"), "startDate")
        end = _date(interest.get("endDate"), "endDate") or closed
        said = ", ".join(w for w in (kind or "interest of no type", "indirect" if level == "indirect" else "") if w)
        source = f"{path.name}: {st} ({said})"
        share = interest.get("share")
        if key in _HOLDINGS and isinstance(share, dict) and share:
            data.ownerships.append(Ownership(owner, asset, _share(share), start, end, source))
        elif key in _HOLDINGS or key in _UNSAID:
            data.ownerships.append(Ownership(owner, asset, _UNKNOWN, start, end, source))
        else:
            data.controls.append(Control(owner, asset, kind, start, end, source))


def read_bods(path: Path) -> OwnershipData:
    """The ownership and control links and the parties of a BODS file (0.2, 0.3 or 0.4).

    Raises:
        SourceError: not JSON, a statement that is not one, a link to a statement the file
            does not have, or an interest that cannot be read (naming the statement).
    """
    statements = [_Statement(n, item, path) for n, item in enumerate(_load(path), start=1)]
    kept, replaced = _current(statements)
    data = OwnershipData()
    for st in kept:
        if st.kind in _PARTIES:
            data.add_party(_node(st, st.record or st.id or f"#{st.number}"))

    def resolve(ref: str) -> str:
        seen = {ref}
        while ref in replaced and ref not in data.parties and replaced[ref] not in seen:
            ref = replaced[ref]
            seen.add(ref)
        return ref

    for st in kept:
        if st.kind not in _LINKS:
            continue
        subject, party = _ref(st.details.get("subject")), _ref(st.details.get("interestedParty"))
        if subject is None or party is None:
            continue  # unspecified: a reason, no party
        subject, party = resolve(subject), resolve(party)
        for ref in (subject, party):
            if ref not in data.parties:
                raise SourceError(f"{st}: no entity or person statement {ref} in the file", str(path))
        try:
            _links(st, party, subject, data, path)
        except QueryError as exc:
            raise SourceError(f"{st}: {exc}", str(path)) from exc
    return data
