"""Batch records as flat rows, for the table formats (CSV, XLSX, Parquet).

A record's nested parts become text: ``designations`` as one readable
column (``US OFAC: BELARUS (asset freeze), listed 2006-05-19 | EU: ...``)
beside ``designations_json`` (the designations as JSON, every field), the
entity's ``countries`` and its party's ``referents`` joined by ``;``, the ownership
verdicts in words (``ownership``; ``kind`` is ``ownership`` for an entity on no list
blocked by ownership or control), the explanation as JSON, the unreadable
values in words, and each customer input field as its own column
``customer_<column>``. Every row has every column, in the order of
:func:`columns`, so a table has one header whatever its rows hold.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from embargo.model import MEASURES

__all__ = ["CUSTOMER_PREFIX", "FIELDS", "NUMBERS", "columns", "designations_text", "flatten", "ownership_text"]

#: The columns of every flat row before the customer's.
FIELDS = (
    "status",
    "query_id",
    "score",
    "probability",
    "entity_id",
    "party_id",
    "referents",
    "caption",
    "schema",
    "matched_name",
    "query_name",
    "list",
    "kind",
    "source",
    "source_id",
    "designations",
    "designations_json",
    "ownership",
    "countries",
    "algorithm",
    "explanation",
    "unreadable",
    "error",
)
#: Columns holding numbers (every other one holds text).
NUMBERS = frozenset({"score", "probability"})
#: The prefix of the customer's own input fields.
CUSTOMER_PREFIX = "customer_"


def columns(customer_columns: Sequence[str]) -> list[str]:
    """Every column of a flat row, the customer's input fields last."""
    return [*FIELDS, *(CUSTOMER_PREFIX + c for c in customer_columns)]


def designations_text(designations: Sequence[Mapping[str, Any]]) -> str:
    """The designations in words, one after the other (``|``-separated)."""
    parts = []
    for d in designations:
        text = f"{d.get('authority') or d.get('list')}: {d.get('program') or d.get('list')}"
        measures = d.get("measures") or []
        if measures:
            text += f" ({', '.join(MEASURES.get(m, m) for m in measures)})"
        if d.get("listing_date"):
            text += f", listed {d['listing_date']}"
        parts.append(text)
    return " | ".join(parts)


def ownership_text(verdicts: Sequence[Mapping[str, Any]]) -> str:
    """Ownership verdicts in words, one per rule (``|``-separated): the status, the rule, the share, the chain."""
    return " | ".join(
        f"{v['status']} under {v['rule']} ({v['share']['text']}): " + " / ".join(str(x).strip() for x in v["lines"])
        for v in verdicts
    )


def _unreadable(values: Sequence[Mapping[str, str]]) -> str:
    return "; ".join(f"{u['field']} {u['value']!r}: {u['reason']}" for u in values)


def flatten(record: Mapping[str, Any], customer_columns: Sequence[str]) -> dict[str, Any]:
    """One record as a flat row: every column of :func:`columns`, ``None`` where the record has nothing."""
    row: dict[str, Any] = {name: record.get(name) for name in FIELDS}
    if "designations" in record:
        row["designations"] = designations_text(record["designations"])
        row["designations_json"] = json.dumps(record["designations"], ensure_ascii=False)
    if "countries" in record:
        row["countries"] = ";".join(record["countries"])
    if "referents" in record:
        row["referents"] = ";".join(record["referents"])
    if record.get("ownership"):
        row["ownership"] = ownership_text(record["ownership"])
    if "explanation" in record:
        row["explanation"] = json.dumps(record["explanation"], ensure_ascii=False)
    if "unreadable" in record:
        row["unreadable"] = _unreadable(record["unreadable"])
    customer = record.get("customer") or {}
    for name in customer_columns:
        row[CUSTOMER_PREFIX + name] = customer.get(name)
    return row
