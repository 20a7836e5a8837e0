"""A customer of the portfolio: what screening knows of them, and its fingerprint.

The columns are those of batch screening (``id``, ``name`` and optionally
``birth_date``, ``nationality``, ``country``, ``id_number``, ``schema``,
``gender``; several values in one cell separated by ``;``). A customer is
kept as its cleaned :class:`~embargo.matching.Query` fields; its
fingerprint (SHA-256 of that canonical JSON) tells a changed customer from
an unchanged one, and a decision remembers the fingerprint it was made on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embargo.errors import SourceError
from embargo.matching import Query, Unreadable
from embargo.model import Entity
from embargo.screening import read_queries
from embargo.settings import customer_limits

__all__ = ["FIELD_LABELS", "Customer", "read_customers"]

#: Words for each field in explanations ("customer birth date changed").
FIELD_LABELS = {
    "names": "name",
    "schema": "type",
    "birth_dates": "birth date",
    "nationalities": "nationality",
    "countries": "country",
    "id_numbers": "id number",
    "gender": "gender",
}


@dataclass(frozen=True, slots=True)
class Customer:
    """One customer to watch.

    Attributes:
        id: the customer's id in the bank's file.
        query: what is screened: every value of the row that could be read.
        unreadable: the values that could not be (the customer is screened without them,
            and they are part of the fingerprint, so a corrected file re-screens the customer).
    """

    id: str
    query: Query
    unreadable: tuple[Unreadable, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Canonical JSON-able form (what the store keeps and the fingerprint covers)."""
        q = self.query
        return {
            "id": self.id,
            "names": list(q.names),
            "schema": q.schema,
            "birth_dates": list(q.birth_dates),
            "nationalities": list(q.nationalities),
            "countries": list(q.countries),
            "id_numbers": list(q.id_numbers),
            "gender": q.gender,
        } | ({"unreadable": [u.to_dict() for u in self.unreadable]} if self.unreadable else {})

    def to_json(self) -> str:
        """Canonical JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @property
    def fingerprint(self) -> str:
        """SHA-256 of :meth:`to_json`: equal data, equal fingerprint."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    @classmethod
    def from_json(cls, text: str) -> Customer:
        """Inverse of :meth:`to_json` (values are already clean)."""
        d = json.loads(text)
        query = Query.from_clean(
            names=tuple(d["names"]),
            schema=d["schema"],
            birth_dates=tuple(d["birth_dates"]),
            nationalities=tuple(d["nationalities"]),
            countries=tuple(d["countries"]),
            id_numbers=tuple(d["id_numbers"]),
            gender=d.get("gender"),
            id=d["id"],
        )
        return cls(d["id"], query, tuple(Unreadable(**u) for u in d.get("unreadable", ())))

    def to_entity(self) -> Entity:
        """The customer as an entity with its names and id numbers, for the portfolio's index."""
        entity = Entity(self.query.schema or "Person", self.id)  # a customer file's row has a kind: Person unless said
        entity.properties["name"] = list(self.query.names)
        if self.query.id_numbers:  # so that a newly listed identifier finds its customer (monitor/_incremental.py)
            entity.properties["idNumber"] = list(self.query.id_numbers)
        return entity


def read_customers(path: Path) -> Iterator[Customer]:
    """Every customer of a CSV or Parquet file.

    A value that cannot be read is left out of the customer's screening and kept
    in :attr:`Customer.unreadable` (the load reports how many customers have one).

    Raises:
        SourceError: a row has no name or no id, or an id repeats, or a field is longer than
            ``EMBARGO_MAX_FIELD`` or a row has more fields than ``EMBARGO_MAX_FIELDS``
            (:func:`embargo.settings.customer_limits`), naming the line (and the field);
            nothing of the file is stored then.
    """
    seen: set[str] = set()
    for line, query, rid, unreadable in read_queries(path, field_limits=customer_limits()):
        if isinstance(query, str):
            raise SourceError(query, str(path))
        if not rid:
            raise SourceError("a customer needs an id", str(path), f"line {line}")
        if rid in seen:
            raise SourceError(f"customer id {rid!r} appears twice", str(path), f"line {line}")
        seen.add(rid)
        yield Customer(rid, query, unreadable)
