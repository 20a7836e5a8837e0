"""A yente query example (a FtM entity sketch) turned into an embargo :class:`Query`.

Full names come from the name properties; when there are none, they are put
together from name parts (``firstName``, ``fatherName``, ``lastName``...).
Dates, countries and identifiers go where the FtM model types them. Values
that cannot be read (a birth date ``unknown``) are dropped, as yente drops
them; the echoed query shows what was used. A query with no name at all, or
of a schema embargo cannot screen, is a :class:`QueryError` (HTTP 400).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from followthemoney import model as ftm

from embargo.errors import QueryError
from embargo.matching import QUERY_SCHEMATA, Query, Unreadable
from embargo.model import clean_country, clean_gender, parse_date
from embargo.model.values import MAX_NAME_LENGTH

__all__ = ["SCHEMA_ALIASES", "query_from_example"]

#: FtM schemata that are not query schemata themselves but stand for one.
SCHEMA_ALIASES = {"PublicBody": "Organization", "Thing": "LegalEntity"}

_NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "abbreviation")
_PART_PROPS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
_NATIONALITY_PROPS = frozenset({"nationality", "citizenship"})
# Where someone was born says nothing about where they live or a company is registered.
_NOT_COUNTRIES = frozenset({"birthCountry"})
#: Values one property may hold: enough for any real party; more is refused, never cut silently.
MAX_VALUES = 50
#: Longest value of a property other than a name (names have their own limit, ``EMBARGO_MAX_NAME``):
#: a longer one is left out of the query and reported as unreadable.
_MAX_VALUE_LENGTH = MAX_NAME_LENGTH


def _values(raw: object, depth: int = 0) -> list[str]:
    """Flatten a property value (string, number, list of them) into strings."""
    if raw is None or depth > 3:
        return []
    if isinstance(raw, bool):
        return []
    if isinstance(raw, str | int | float):
        text = str(raw).strip()
        return [text] if text else []
    if isinstance(raw, list | tuple):
        out: list[str] = []
        for item in raw:
            out.extend(_values(item, depth + 1))
        return out
    return []


def _combined_names(parts: dict[str, list[str]]) -> list[str]:
    firsts = parts.get("firstName") or [""]
    lasts = parts.get("lastName") or [""]
    middle = [parts[p][0] for p in ("secondName", "middleName", "fatherName") if parts.get(p)]
    names = []
    for first in firsts[:3]:
        for last in lasts[:3]:
            name = " ".join(p for p in (first, *middle, last) if p)
            if name:
                names.append(name)
    return names


def _schema(name: str) -> str:
    query_schema = SCHEMA_ALIASES.get(name, name)
    if query_schema in QUERY_SCHEMATA:
        return query_schema
    if ftm.get(name) is None:
        raise QueryError(f"Unknown schema: {name!r} (use one of: {', '.join(QUERY_SCHEMATA)})")
    raise QueryError(f"schema {name!r} cannot be screened (use one of: {', '.join(QUERY_SCHEMATA)})")


def _clean(values: Iterable[str], cleaner: Any, prop: str, what: str, unreadable: list[Unreadable]) -> list[str]:
    out = []
    for value in values:
        clean = cleaner(value)
        if clean is None:
            if str(value).strip():
                unreadable.append(Unreadable(prop, str(value), f"not a {what}; screened without it"))
            continue
        if clean not in out:
            out.append(clean)
    return out


def query_from_example(
    schema: str, properties: dict[str, Any], key: str, id: str | None = None
) -> tuple[Query, dict[str, list[str]], tuple[Unreadable, ...]]:
    """Build a query from a yente example.

    Args:
        schema: FtM schema name of the example.
        properties: FtM property name to a value or a list of values.
        key: the query's key in the batch (named in errors).
        id: the caller's own id, echoed back.

    Returns:
        The query, the properties as used (cleaned values; unknown properties left out), and the
        values that could not be read (left out of the screening, and said so in the answer).

    Raises:
        QueryError: unknown or unscreenable schema, or no name to screen.
    """
    query_schema = _schema(schema)
    ftm_schema = ftm.get(schema) or ftm.get(query_schema)
    used: dict[str, list[str]] = {}
    names: list[str] = []
    parts: dict[str, list[str]] = {}
    births: list[str] = []
    nationalities: list[str] = []
    countries: list[str] = []
    ids: list[str] = []
    genders: list[str] = []
    unreadable: list[Unreadable] = []
    for prop_name, raw in properties.items():
        prop = ftm_schema.get(prop_name) if ftm_schema is not None else None
        if prop is None:
            continue
        values = _values(raw)
        if len(values) > MAX_VALUES:
            raise QueryError(f"query {key!r}: {prop_name} holds {len(values):,} values, over the limit of {MAX_VALUES}")
        kind = prop.type.name
        if prop_name not in _NAME_PROPS and prop_name not in _PART_PROPS:
            for value in values:
                if len(value) > _MAX_VALUE_LENGTH:
                    reason = f"longer than {_MAX_VALUE_LENGTH} characters; left out"
                    unreadable.append(Unreadable(prop_name, value[:40] + "...", reason))
            values = [v for v in values if len(v) <= _MAX_VALUE_LENGTH]
        if prop_name in _NAME_PROPS:
            names.extend(values)
        elif prop_name in _PART_PROPS:
            parts[prop_name] = values
        elif prop_name == "birthDate":
            values = _clean(values, parse_date, prop_name, "date", unreadable)
            births.extend(values)
        elif kind == "country":
            values = _clean(values, clean_country, prop_name, "country", unreadable)
            if prop_name in _NATIONALITY_PROPS:
                nationalities.extend(values)
            elif prop_name not in _NOT_COUNTRIES:
                countries.extend(values)
        elif kind == "identifier":
            ids.extend(values)
        elif prop_name == "gender":
            values = _clean(values, clean_gender, prop_name, "gender", unreadable)
            genders.extend(values)
        if values:
            used[prop_name] = values
    if not names:
        names = _combined_names(parts)
    names = list(dict.fromkeys(names))  # too many or too long: refused by read_query, with the limit
    if not names:
        raise QueryError(f"query {key!r} has no name to screen (give name, alias, or firstName and lastName)")
    query = Query.build(
        names=names,
        schema=query_schema,
        birth_dates=births,
        nationalities=nationalities,
        countries=countries,
        id_numbers=ids,
        gender=genders[0] if genders else None,
        id=id,
    )
    return query, used, tuple(unreadable)
