"""The entity: a person, organization, company, vessel or aircraft on a list.

Shaped like a FollowTheMoney entity (a schema and multi-valued properties
named as FtM names them), plus what screening needs first-hand: the
designations, the language of original-script names, and the list and
record it came from.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from embargo.errors import ModelError
from embargo.model.designation import Designation
from embargo.model.link import Link
from embargo.model.schema import is_schema, property_type, schema_properties
from embargo.model.values import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    clean_country,
    clean_date,
    clean_gender,
    clean_text,
)

__all__ = ["NAME_PROPERTIES", "Entity"]

#: Properties that hold full names, strongest first.
NAME_PROPERTIES: tuple[str, ...] = ("name", "alias", "previousName", "weakAlias")

_TEXT_TYPES = frozenset({"text"})


def _clean(kind: str | None, value: object) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    if kind == "country":
        return clean_country(text)
    if kind == "date":
        return clean_date(text)
    if kind == "gender":
        return clean_gender(text)
    if kind == "name" and len(text) > MAX_NAME_LENGTH:
        return None
    if kind in _TEXT_TYPES:
        return text[:MAX_TEXT_LENGTH]
    if len(text) > MAX_TEXT_LENGTH:
        return None
    return text


class Entity:
    """A listed entity.

    Args:
        schema: a FollowTheMoney schema name (``Person``, ``Company``...).
        id: stable embargo id.
        list_name: embargo name of the list the entity was read from.
        source_id: the publisher's own record id.
    """

    __slots__ = ("designations", "id", "links", "list_name", "name_languages", "properties", "schema", "source_id")

    def __init__(self, schema: str, id: str, list_name: str = "", source_id: str | None = None) -> None:
        if not is_schema(schema):
            raise ModelError(f"not a FollowTheMoney schema: {schema!r}")
        self.schema = schema
        self.id = id
        self.list_name = list_name
        self.source_id = source_id
        self.properties: dict[str, list[str]] = {}
        self.designations: list[Designation] = []
        self.links: list[Link] = []
        self.name_languages: dict[str, str] = {}

    def add(self, prop: str, value: object, lang: str | None = None) -> str | None:
        """Clean ``value`` by the property's type and add it once.

        Args:
            prop: FtM property name; it must exist on the schema.
            value: raw value as the publisher wrote it.
            lang: ISO 639 code of a name's language (``be``, ``ru``), if known.

        Returns:
            The value as stored, or ``None`` if it was empty or unusable.
        """
        if prop not in schema_properties(self.schema):
            raise ModelError(f"{self.schema} has no property {prop!r}")
        kind = property_type(self.schema, prop)
        clean = _clean(kind, value)
        if clean is None:
            return None
        values = self.properties.setdefault(prop, [])
        if clean not in values:
            values.append(clean)
        if lang is not None and kind == "name":
            self.name_languages.setdefault(clean, lang)
        return clean

    def add_many(self, prop: str, values: Iterable[object], lang: str | None = None) -> None:
        """Add each of ``values`` to ``prop``."""
        for value in values:
            self.add(prop, value, lang=lang)

    def get(self, prop: str) -> list[str]:
        """Values of a property (empty list if none)."""
        return self.properties.get(prop, [])

    def first(self, prop: str) -> str | None:
        """The first value of a property, if any."""
        values = self.properties.get(prop)
        return values[0] if values else None

    def set_schema(self, schema: str) -> None:
        """Change the schema (e.g. LegalEntity to Company once the type is known)."""
        if not is_schema(schema):
            raise ModelError(f"not a FollowTheMoney schema: {schema!r}")
        allowed = schema_properties(schema)
        lost = [p for p in self.properties if p not in allowed]
        if lost:
            raise ModelError(f"{schema} has no properties {lost}")
        self.schema = schema

    @property
    def caption(self) -> str:
        """The name a reviewer sees first."""
        for prop in ("name", "alias", "previousName", "weakAlias"):
            value = self.first(prop)
            if value is not None:
                return value
        parts = [self.first(p) for p in ("firstName", "middleName", "lastName")]
        joined = " ".join(p for p in parts if p)
        return joined or self.id

    def names(self) -> Iterator[tuple[str, str]]:
        """Every full name with the property it is in, strongest first."""
        for prop in NAME_PROPERTIES:
            for value in self.properties.get(prop, []):
                yield prop, value

    def to_dict(self) -> dict[str, Any]:
        """Canonical JSON-able form (what the store keeps)."""
        data: dict[str, Any] = {
            "id": self.id,
            "schema": self.schema,
            "caption": self.caption,
            "list": self.list_name,
            "properties": {k: list(v) for k, v in sorted(self.properties.items()) if v},
            "designations": [d.to_dict() for d in self.designations],
        }
        if self.source_id is not None:
            data["source_id"] = self.source_id
        if self.name_languages:
            data["name_languages"] = dict(sorted(self.name_languages.items()))
        if self.links:  # left out when empty, so entities without links keep their content hash
            data["links"] = [link.to_dict() for link in self.links]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Inverse of :meth:`to_dict`; values are taken as already clean."""
        entity = cls(str(data["schema"]), str(data["id"]), str(data.get("list", "")), data.get("source_id"))
        entity.properties = {str(k): [str(v) for v in vs] for k, vs in data.get("properties", {}).items()}
        entity.designations = [Designation.from_dict(d) for d in data.get("designations", [])]
        entity.name_languages = dict(data.get("name_languages", {}))
        entity.links = [Link.from_dict(link) for link in data.get("links", [])]
        return entity

    def to_json(self) -> str:
        """Canonical JSON text: sorted keys, no spaces, so equal entities hash equal."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def content_hash(self) -> str:
        """SHA-1 of :meth:`to_json`: the same content gives the same hash."""
        return hashlib.sha1(self.to_json().encode("utf-8")).hexdigest()

    def __repr__(self) -> str:
        return f"<Entity {self.id} {self.schema} {self.caption!r}>"
