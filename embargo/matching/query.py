"""What a screening query says about the party being screened."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from embargo.errors import QueryError
from embargo.model import clean_country, clean_gender, parse_date

__all__ = ["QUERY_SCHEMATA", "Query", "compatible_schemata", "normalize_identifier"]

#: Schemata a query may have, and the listed schemata each may match.
QUERY_SCHEMATA: dict[str, frozenset[str]] = {
    "Person": frozenset({"Person", "LegalEntity"}),
    "Organization": frozenset({"Organization", "Company", "LegalEntity", "PublicBody"}),
    "Company": frozenset({"Organization", "Company", "LegalEntity", "PublicBody"}),
    "LegalEntity": frozenset({"Person", "Organization", "Company", "LegalEntity", "PublicBody"}),
    "Vessel": frozenset({"Vessel"}),
    "Airplane": frozenset({"Airplane"}),
}

_ID = re.compile(r"[^0-9A-Z]")


def normalize_identifier(value: str) -> str:
    """Upper-case letters and digits only (``IMO 9354521`` -> ``IMO9354521``)."""
    return _ID.sub("", value.upper())


def compatible_schemata(schema: str) -> frozenset[str]:
    """Listed schemata a query of ``schema`` can match.

    Raises:
        QueryError: ``schema`` is not one a query can have.
    """
    found = QUERY_SCHEMATA.get(schema)
    if found is None:
        raise QueryError(f"unknown schema {schema!r} (use one of: {', '.join(QUERY_SCHEMATA)})")
    return found


def _clean_all(values: Iterable[str], cleaner: object, what: str) -> tuple[str, ...]:
    out: list[str] = []
    for raw in values:
        if raw is None or not str(raw).strip():
            continue
        clean = cleaner(str(raw))  # type: ignore[operator]
        if clean is None:
            raise QueryError(f"cannot read {what} {raw!r}")
        if clean not in out:
            out.append(clean)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Query:
    """A party to screen. Build it with :meth:`build` to clean and check the values.

    Attributes:
        names: one or more names, in any script.
        schema: Person, Organization, Company, LegalEntity, Vessel or Airplane.
        birth_dates: ISO dates or prefixes (``1954``, ``1954-08``, ``1954-08-30``).
        nationalities: country codes.
        countries: country codes (residence, registration).
        id_numbers: identifiers (passport, national id, IMO, registration...), normalized.
        gender: male / female / other.
        id: the caller's own id for the party (echoed in results).
    """

    names: tuple[str, ...]
    schema: str = "Person"
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    gender: str | None = None
    id: str | None = None

    @classmethod
    def build(
        cls,
        names: Iterable[str],
        schema: str = "Person",
        birth_dates: Iterable[str] = (),
        nationalities: Iterable[str] = (),
        countries: Iterable[str] = (),
        id_numbers: Iterable[str] = (),
        gender: str | None = None,
        id: str | None = None,
    ) -> Query:
        """A clean query, or :class:`QueryError` naming the value that cannot be read."""
        compatible_schemata(schema)
        clean_names = tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))
        if not clean_names:
            raise QueryError("a query needs at least one name")
        ids = tuple(dict.fromkeys(normalize_identifier(i) for i in id_numbers if i and normalize_identifier(i)))
        clean_g = None
        if gender and gender.strip():
            clean_g = clean_gender(gender)
            if clean_g is None:
                raise QueryError(f"cannot read gender {gender!r}")
        return cls(
            names=clean_names,
            schema=schema,
            birth_dates=_clean_all(birth_dates, parse_date, "birth date"),
            nationalities=_clean_all(nationalities, clean_country, "nationality"),
            countries=_clean_all(countries, clean_country, "country"),
            id_numbers=ids,
            gender=clean_g,
            id=id,
        )
