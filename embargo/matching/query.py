"""What a screening query says about the party being screened."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from embargo.errors import QueryError
from embargo.model import clean_country, clean_gender, parse_date
from embargo.names.identifiers import normalize_identifier
from embargo.settings import name_limits

__all__ = [
    "QUERY_SCHEMATA",
    "Query",
    "ReadQuery",
    "Unreadable",
    "check_unicode",
    "compatible_schemata",
    "normalize_identifier",
    "read_query",
]

#: Schemata a query may have, and the listed schemata each may match.
QUERY_SCHEMATA: dict[str, frozenset[str]] = {
    "Person": frozenset({"Person", "LegalEntity"}),
    "Organization": frozenset({"Organization", "Company", "LegalEntity", "PublicBody"}),
    "Company": frozenset({"Organization", "Company", "LegalEntity", "PublicBody"}),
    "LegalEntity": frozenset({"Person", "Organization", "Company", "LegalEntity", "PublicBody"}),
    "Vessel": frozenset({"Vessel"}),
    "Airplane": frozenset({"Airplane"}),
}


def compatible_schemata(schema: str) -> frozenset[str]:
    """Listed schemata a query of ``schema`` can match.

    Raises:
        QueryError: ``schema`` is not one a query can have.
    """
    found = QUERY_SCHEMATA.get(schema)
    if found is None:
        raise QueryError(f"unknown schema {schema!r} (use one of: {', '.join(QUERY_SCHEMATA)})")
    return found


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A value a query gave that could not be read, and was left out of its screening.

    Attributes:
        field: the query's field (``birth_date``, ``nationality``, ``country``, ``gender``, ``schema``).
        value: the value as given.
        reason: why it could not be read.
    """

    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field} {self.value!r}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        """JSON-able form."""
        return {"field": self.field, "value": self.value, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ReadQuery:
    """A query screened on what could be read, and the values left out (never silently)."""

    query: Query
    unreadable: tuple[Unreadable, ...] = ()


def _read_all(
    values: Iterable[str], cleaner: object, field: str, what: str, problems: list[Unreadable]
) -> tuple[str, ...]:
    out: list[str] = []
    for raw in values:
        if raw is None or not str(raw).strip():
            continue
        clean = cleaner(str(raw))  # type: ignore[operator]
        if clean is None:
            problems.append(Unreadable(field, str(raw), f"not a {what}"))
            continue
        if clean not in out:
            out.append(clean)
    return tuple(out)


@dataclass(frozen=True, slots=True, init=False)
class Query:
    """A party to screen; building one cleans and checks every value (one way to build a query).

    ``Query(["Lukashenko"], birth_dates=["1954"], nationalities=["Belarus"])`` reads
    each value (names stripped and deduplicated, dates to ISO prefixes, countries to
    codes, identifiers normalized; a single string is one name) and raises
    :class:`QueryError` naming the first one it cannot read, as :meth:`build` does.
    To screen on what can be read and hear about the rest instead, use
    :func:`read_query`. :meth:`from_clean` is the engine's own constructor for
    values it has read already (a stored customer, a copy with another schema).

    Attributes:
        names: one or more names, in any script.
        schema: Person, Organization, Company, LegalEntity, Vessel or Airplane; ``None`` (the
            default) for a party of unknown kind, which :meth:`Screener.screen
            <embargo.screening.Screener.screen>` screens as every kind.
        birth_dates: ISO dates or prefixes (``1954``, ``1954-08``, ``1954-08-30``).
        nationalities: country codes.
        countries: country codes (residence, registration).
        id_numbers: identifiers (passport, national id, IMO, registration...), normalized.
        gender: male / female / other.
        id: the caller's own id for the party (echoed in results).
    """

    names: tuple[str, ...]
    schema: str | None = None
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    gender: str | None = None
    id: str | None = None

    def __init__(
        self,
        names: Iterable[str] | str,
        schema: str | None = None,
        birth_dates: Iterable[str] | str = (),
        nationalities: Iterable[str] | str = (),
        countries: Iterable[str] | str = (),
        id_numbers: Iterable[str] | str = (),
        gender: str | None = None,
        id: str | None = None,
    ) -> None:
        if schema is not None:
            compatible_schemata(schema)
        read = read_query(names, schema, birth_dates, nationalities, countries, id_numbers, gender, id)
        if read.unreadable:
            first = read.unreadable[0]
            raise QueryError(f"cannot read {_WORDS.get(first.field, first.field)} {first.value!r}")
        for name in _FIELDS:
            object.__setattr__(self, name, getattr(read.query, name))

    @classmethod
    def from_clean(
        cls,
        names: tuple[str, ...],
        schema: str | None = None,
        birth_dates: tuple[str, ...] = (),
        nationalities: tuple[str, ...] = (),
        countries: tuple[str, ...] = (),
        id_numbers: tuple[str, ...] = (),
        gender: str | None = None,
        id: str | None = None,
    ) -> Query:
        """A query of values that are clean already (what :func:`read_query` made), without checking them again.

        For the engine's own copies and stored customers; anything from outside goes through ``Query(...)``.
        """
        query = object.__new__(cls)
        for name, value in zip(
            _FIELDS, (names, schema, birth_dates, nationalities, countries, id_numbers, gender, id), strict=True
        ):
            object.__setattr__(query, name, value)
        return query

    def with_schema(self, schema: str) -> Query:
        """The same party screened as another kind (``schema`` must be one of :data:`QUERY_SCHEMATA`)."""
        if schema == self.schema:
            return self
        compatible_schemata(schema)
        return Query.from_clean(
            self.names,
            schema,
            self.birth_dates,
            self.nationalities,
            self.countries,
            self.id_numbers,
            self.gender,
            self.id,
        )

    @classmethod
    def build(
        cls,
        names: Iterable[str],
        schema: str | None = None,
        birth_dates: Iterable[str] = (),
        nationalities: Iterable[str] = (),
        countries: Iterable[str] = (),
        id_numbers: Iterable[str] = (),
        gender: str | None = None,
        id: str | None = None,
    ) -> Query:
        """A clean query, or :class:`QueryError` naming the first value that cannot be read: ``Query(...)``.

        The strict form of :func:`read_query`, for callers that must refuse a
        value rather than screen without it (a typed option, a stored customer).
        """
        return cls(names, schema, birth_dates, nationalities, countries, id_numbers, gender, id)


#: The fields of a query, in order.
_FIELDS = ("names", "schema", "birth_dates", "nationalities", "countries", "id_numbers", "gender", "id")


def _values(given: Iterable[str] | str) -> Iterable[str]:
    """A field's values: one string is one value (``birth_dates="1954"``), not its characters."""
    return (given,) if isinstance(given, str) else given


#: Words for the fields in :meth:`Query.build`'s messages.
_WORDS = {"birth_date": "birth date"}


#: A lone UTF-16 surrogate: a JSON ``\ud800`` escape decodes to one, and no text can be encoded with it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_unicode(value: str, field: str) -> str:
    """``value``, or :class:`QueryError` naming ``field`` when it holds a lone surrogate (not Unicode text).

    JSON lets a client send ``"\ud800"``, which Python reads as a lone surrogate; nothing can
    encode such a string (an index key, a log line, the answer), so it is refused here as bad input.
    """
    found = _SURROGATE.search(value)
    if found is not None:
        code = f"U+{ord(found.group()):04X}"
        raise QueryError(f"{field}: not Unicode text (a lone surrogate, {code}, at character {found.start() + 1})")
    return value


@cache
def _limits() -> tuple[int, int]:
    return name_limits()


def _check_size(names: tuple[str, ...]) -> None:
    """Refuse a query whose names are too long or too many for the settings (:func:`embargo.settings.name_limits`)."""
    longest, most = _limits()
    if len(names) > most:
        raise QueryError(f"{len(names):,} names in one query, over the limit of {most:,} (EMBARGO_MAX_NAMES)")
    for name in names:
        if len(name) > longest:
            raise QueryError(
                f"name: {len(name):,} characters, over the limit of {longest:,} (EMBARGO_MAX_NAME): {name[:40]!r}..."
            )


def read_query(
    names: Iterable[str] | str,
    schema: str | None = "Person",
    birth_dates: Iterable[str] | str = (),
    nationalities: Iterable[str] | str = (),
    countries: Iterable[str] | str = (),
    id_numbers: Iterable[str] | str = (),
    gender: str | None = None,
    id: str | None = None,
) -> ReadQuery:
    """A query of every value that can be read, and the ones that cannot.

    One typo in a birth date must not let a listed person through: the party is
    screened on its name and the other readable values, and each value left out
    is returned so that the caller shows it (a batch flags the row, the API says
    so in its answer). An unknown schema screens as ``LegalEntity`` (any kind of
    party), the widest reading; a blank one as ``Person``; ``None`` leaves the
    kind unknown (screened as every kind).

    Raises:
        QueryError: nothing to screen on: no name.
    """
    problems: list[Unreadable] = []
    kind = None if schema is None else schema.strip() or "Person"
    if kind is not None and kind not in QUERY_SCHEMATA:
        problems.append(
            Unreadable("schema", kind, f"not a schema (one of {', '.join(QUERY_SCHEMATA)}); screened as any party")
        )
        kind = "LegalEntity"
    clean_names = tuple(dict.fromkeys(check_unicode(n, "name").strip() for n in _values(names) if n and n.strip()))
    if not clean_names:
        raise QueryError("a query needs at least one name")
    _check_size(clean_names)
    ids = tuple(
        dict.fromkeys(
            normalize_identifier(check_unicode(i, "id_number"))
            for i in _values(id_numbers)
            if i and normalize_identifier(i)
        )
    )
    clean_g = None
    if gender and gender.strip():
        clean_g = clean_gender(gender)
        if clean_g is None:
            problems.append(Unreadable("gender", gender, "not a gender (male, female or other)"))
    query = Query.from_clean(
        names=clean_names,
        schema=kind,
        birth_dates=_read_all(_values(birth_dates), parse_date, "birth_date", "date", problems),
        nationalities=_read_all(_values(nationalities), clean_country, "nationality", "country", problems),
        countries=_read_all(_values(countries), clean_country, "country", "country", problems),
        id_numbers=ids,
        gender=clean_g,
        id=id,
    )
    return ReadQuery(query, tuple(problems))
