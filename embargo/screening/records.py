"""The records of a batch output: one per hit, and with ``all_rows`` one per customer without a hit.

Every record says its ``status``: ``hit``, ``no hit`` (only with
``all_rows``) or ``error`` (a row that could not be screened at all, only
with ``all_rows``; without it such rows are counted in the summary, named by
line, and the command exits 1). A record carries the customer's own input
fields under ``customer`` (every input column, by its lower-cased header
name, so they cannot collide with the hit's fields), and a hit record the
designations of the matched entity (authority, programme, measures, listing
date...) and the countries the list gives for it.

Both engines make records here in two steps: :func:`hit_row` and
:func:`status_row` where the row is screened (a worker, a Spark executor),
then :func:`finish` where the store is (the parent process, the Spark
driver), which adds what only the store knows: the designations. The same
two steps give the same record, key for key, whichever engine ran.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from embargo.index import COUNTRY_PROPERTIES
from embargo.matching import Unreadable
from embargo.model.designation import Designation
from embargo.store import Store
from embargo.store.history import entity_history, record_data

__all__ = [
    "ERROR",
    "HIT",
    "NO_HIT",
    "STATUSES",
    "Listing",
    "finish",
    "hit_row",
    "listings",
    "status_row",
]

HIT, NO_HIT, ERROR = "hit", "no hit", "error"
STATUSES = (HIT, NO_HIT, ERROR)


#: What the store says of a listed entity: ``{"designations": [...], "countries": [...]}``.
Listing = dict[str, list[Any]]


def hit_row(base: Mapping[str, Any], customer: Mapping[str, str]) -> dict[str, Any]:
    """A hit's record before :func:`finish`, from its base record and the customer's input fields.

    Args:
        base: :func:`embargo.screening.batch.hit_record` (``query_id``, ``source``, the hit's fields,
            ``unreadable``), as both engines' workers make it.
        customer: the customer's input fields by lower-case column name.
    """
    return {"status": HIT, **base, "customer": dict(customer)}


def status_row(
    row_id: str,
    status: str,
    customer: Mapping[str, str],
    unreadable: Iterable[Unreadable] = (),
    error: str | None = None,
) -> dict[str, Any]:
    """The record of a customer without a hit (``no hit``) or that could not be screened (``error``)."""
    record: dict[str, Any] = {"status": status, "query_id": row_id}
    gone = [u.to_dict() for u in unreadable]
    if gone:
        record["unreadable"] = gone
    if error is not None:
        record["error"] = error
    record["customer"] = dict(customer)
    return record


def listings(store: Store, entity_ids: Iterable[str]) -> dict[str, Listing]:
    """The designations and countries of listed entities, as their lists' current versions give them.

    Read from the stored records' JSON, once per entity, on one connection,
    without making :class:`~embargo.model.Entity` objects (which would load
    FollowTheMoney's model, most of a second, into a batch run that needs none
    of it). An entity no current version holds (it cannot be: the hits come
    from the current versions) gets empty lists rather than an error.
    """
    current = {i.name: i.current.seq for i in store.view().lists() if i.current is not None}
    out: dict[str, Listing] = {}
    with store.reading("the designations of the hits") as conn:
        for entity_id in entity_ids:
            if entity_id in out:
                continue
            held = [h for h in entity_history(conn, entity_id) if current.get(h.list) == h.seq]
            data = record_data(conn, held[0].record_hash) if held else None
            out[entity_id] = _listing(json.loads(data) if data is not None else {})
    return out


def _listing(data: Mapping[str, Any]) -> Listing:
    properties = data.get("properties", {})
    countries: list[str] = []
    for prop in COUNTRY_PROPERTIES:
        countries.extend(c for c in properties.get(prop, []) if c not in countries)
    # Through the model's class, so that the keys come in the order every other output gives them.
    designations = [Designation.from_dict(d).to_dict() for d in data.get("designations", [])]
    return {"designations": designations, "countries": countries}


def finish(record: dict[str, Any], found: Mapping[str, Listing]) -> dict[str, Any]:
    """A record made whole: a hit gets its party's ``designations`` and ``countries`` (from :func:`listings`).

    A hit on a party of several lists' entities (:mod:`embargo.parties`) carries every one's
    designations (the matched entity's first) and their countries, each once.
    """
    if record.get("status") == HIT:
        designations: list[Any] = []
        countries: list[str] = []
        for entity_id in record.get("referents") or [record["entity_id"]]:
            listing = found.get(entity_id, {})
            designations.extend(listing.get("designations", []))
            countries.extend(c for c in listing.get("countries", []) if c not in countries)
        customer = record.pop("customer", {})
        record["designations"] = designations
        record["countries"] = countries
        record["customer"] = customer  # last, after the hit's own fields
    return record
