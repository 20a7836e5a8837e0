"""Column mapping of a customer file (``--map full_name=name,dob=birth_date``): its columns to the fields screened.

A customer file's columns are read by name: ``id`` and ``name``, and
optionally ``birth_date``, ``nationality``, ``country``, ``id_number``,
``schema``, ``gender`` (:data:`FIELDS`). A mapping names, for columns called
otherwise, the field each one holds. Names are compared lower-cased and
stripped, as headers are read. A mapped column replaces a column already
called by its field's name (``--map full_name=name`` with a ``name`` column
too: ``full_name`` is screened); both are still echoed in the output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from embargo.errors import QueryError, SourceError

__all__ = ["FIELDS", "REQUIRED", "apply_mapping", "check_mapping", "fields_of", "parse_mapping"]

REQUIRED = ("id", "name")
OPTIONAL = ("birth_date", "nationality", "country", "id_number", "schema", "gender")
#: The fields of a customer row that screening reads.
FIELDS = REQUIRED + OPTIONAL


def parse_mapping(text: str | Sequence[str] | None) -> dict[str, str]:
    """``"full_name=name,dob=birth_date"`` (or several such texts) as ``{column: field}``.

    Raises:
        QueryError: a pair without ``=``, an empty side, a field screening does not read,
            or a column or field given twice.
    """
    if text is None:
        return {}
    texts = [text] if isinstance(text, str) else list(text)
    mapping: dict[str, str] = {}
    fields: set[str] = set()
    for part in (p for t in texts for p in t.split(",")):
        if not part.strip():
            continue
        column, sep, field = (s.strip().lower() for s in part.partition("="))
        if not sep or not column or not field:
            raise QueryError(f"--map: {part.strip()!r} is not COLUMN=FIELD (e.g. full_name=name)")
        if field not in FIELDS:
            raise QueryError(f"--map: unknown field {field!r} (known: {', '.join(FIELDS)})")
        if column in mapping:
            raise QueryError(f"--map: column {column!r} mapped twice")
        if field in fields:
            raise QueryError(f"--map: field {field!r} mapped twice")
        mapping[column] = field
        fields.add(field)
    return mapping


def check_mapping(mapping: Mapping[str, str], header: Sequence[str], path: str) -> None:
    """Refuse a mapping whose column the file does not have.

    Raises:
        SourceError: naming the column, the file and its header.
    """
    missing = [c for c in mapping if c not in header]
    if missing:
        raise SourceError(f"--map: no column {', '.join(repr(c) for c in missing)} (header: {', '.join(header)})", path)


def apply_mapping(cells: Mapping[str, str], mapping: Mapping[str, str]) -> dict[str, str]:
    """A row's cells by field name: mapped columns under their field's name, over any column of that name."""
    if not mapping:
        return dict(cells)
    fields = {k: v for k, v in cells.items() if k not in mapping.values()}
    for column, field in mapping.items():
        fields[field] = cells.get(column, "")
    return fields


def fields_of(header: Sequence[str], mapping: Mapping[str, str]) -> list[str]:
    """The field names a header gives, once mapped (to check the required ones are there)."""
    return [mapping.get(h, h) for h in header]
