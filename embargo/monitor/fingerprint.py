"""What of a listed entity a match depends on, and the words for what changed.

A decision is remembered against the customer's fingerprint and the
entity's *match fingerprint*: its schema, names, birth dates, countries,
identifiers, gender and designations (program and measures). A change
elsewhere (a new remark, a corrected address) leaves a false positive
suppressed; a change here brings the match back with the reason in words
("entity gained alias 'X'", "customer birth date changed: +1961-02-03").
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from embargo.index import COUNTRY_PROPERTIES, IDENTIFIER_PROPERTIES
from embargo.model import NAME_PROPERTIES, Entity
from embargo.monitor.customers import FIELD_LABELS

__all__ = ["SHOWN", "customer_changes", "entity_changes", "entity_snapshot", "snapshot_fingerprint"]

_ENTITY_LABELS = {
    "schema": "type",
    "birth_dates": "birth date",
    "countries": "country",
    "identifiers": "identifier",
    "gender": "gender",
    "designations": "designation",
}


def entity_snapshot(entity: Entity) -> dict[str, Any]:
    """The match-relevant content of a listed entity, as canonical JSON-able data."""
    names: dict[str, list[str]] = {}
    for prop in NAME_PROPERTIES:
        values = sorted(entity.get(prop))
        if values:
            names[prop] = values
    return {
        "id": entity.id,
        "schema": entity.schema,
        "names": names,
        "birth_dates": sorted(entity.get("birthDate")),
        "countries": sorted({c for p in COUNTRY_PROPERTIES for c in entity.get(p)}),
        "identifiers": sorted({v for p in IDENTIFIER_PROPERTIES for v in entity.get(p)}),
        "gender": entity.first("gender"),
        "designations": sorted(
            f"{d.program or d.list}: {', '.join(sorted(d.measures))}" if d.measures else (d.program or d.list)
            for d in entity.designations
        ),
    }


#: A snapshot's key for what is shown, not matched (an ownership hit's verdicts with their sources): not fingerprinted.
SHOWN = "shown"


def snapshot_fingerprint(snapshot: dict[str, Any]) -> str:
    """SHA-256 of a snapshot's canonical JSON (but its :data:`SHOWN` part)."""
    kept = {k: v for k, v in snapshot.items() if k != SHOWN}
    text = json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _gained_lost(who: str, label: str, before: object, after: object) -> list[str]:
    a, b = _as_list(before), _as_list(after)
    out = [f"{who} gained {label} {v!r}" for v in b if v not in a]
    out += [f"{who} lost {label} {v!r}" for v in a if v not in b]
    return out


def entity_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What changed in an entity's match-relevant content, in words."""
    out: list[str] = []
    old_names, new_names = before.get("names", {}), after.get("names", {})
    for prop in NAME_PROPERTIES:
        out += _gained_lost("entity", "alias" if prop != "name" else "name", old_names.get(prop), new_names.get(prop))
    for key, label in _ENTITY_LABELS.items():
        out += _gained_lost("entity", label, before.get(key), after.get(key))
    out += _ownership_changes(before.get("ownership") or [], after.get("ownership") or [])
    return out


def _ownership_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    """What changed in the verdicts of an entity blocked by ownership (:mod:`embargo.monitor.owned`), in words."""
    old, new = {v["rule"]: v for v in before}, {v["rule"]: v for v in after}
    out: list[str] = []
    for rule in sorted(old.keys() | new.keys()):
        a, b = old.get(rule), new.get(rule)
        if a is None or b is None:
            out.append(f"now {b['status']} by ownership under {rule}" if b else f"no longer blocked under {rule}")
            continue
        if (a["status"], a["share"]) != (b["status"], b["share"]):
            out.append(f"ownership under {rule}: {a['status']} {a['share']} -> {b['status']} {b['share']}")
        links_a = {x for step in a["chain"] for x in step["holdings"] + step["controls"]}
        links_b = {x for step in b["chain"] for x in step["holdings"] + step["controls"]}
        out += [f"ownership chain under {rule}: +{x}" for x in sorted(links_b - links_a)]
        out += [f"ownership chain under {rule}: -{x}" for x in sorted(links_a - links_b)]
    return out


def customer_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What changed in a customer's data, in words ("customer birth date changed: ...")."""
    out: list[str] = []
    for key, label in FIELD_LABELS.items():
        a, b = _as_list(before.get(key)), _as_list(after.get(key))
        if a != b:
            parts = [f"+{v!r}" for v in b if v not in a] + [f"-{v!r}" for v in a if v not in b]
            out.append(f"customer {label} changed: {', '.join(parts) or 'reordered'}")
    return out
