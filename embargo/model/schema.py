"""Schemata and properties, taken from FollowTheMoney so export is lossless.

embargo keeps its own light entity class on the hot path, but every schema
and property name it accepts is one FollowTheMoney defines, and each
property's value type (name, date, country, identifier...) comes from the
FtM model. That keeps ``embargo export --format ftm`` valid for Aleph and
yente users without a translation table.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followthemoney.schema import Schema

__all__ = ["TARGET_SCHEMATA", "is_schema", "property_type", "schema_properties"]

#: Schemata that can be designated and screened.
TARGET_SCHEMATA: tuple[str, ...] = (
    "Airplane",
    "Company",
    "LegalEntity",
    "Organization",
    "Person",
    "Vessel",
)


@cache
def _schema(name: str) -> Schema | None:
    # imported on first use: loading FtM's model takes 0.8 s, which screening does without
    from followthemoney import model

    return model.get(name)


@cache
def is_schema(name: str) -> bool:
    """Return True if ``name`` is a FollowTheMoney schema."""
    return _schema(name) is not None


@cache
def schema_properties(schema: str) -> frozenset[str]:
    """Names of the properties a schema (and its parents) define."""
    found = _schema(schema)
    if found is None:
        return frozenset()
    return frozenset(found.properties)


@cache
def property_type(schema: str, prop: str) -> str | None:
    """FtM type name (``name``, ``date``, ``country``...) of a property."""
    found = _schema(schema)
    if found is None:
        return None
    p = found.get(prop)
    if p is None:
        return None
    return str(p.type.name)
