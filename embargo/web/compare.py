"""What the review page shows: names with their aligned tokens marked, facts side by side, names by script.

Everything here is read from the alert's own explanation (made by the
matcher when the alert was raised) and from the stored entity: nothing is
scored again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from embargo.matching.features import DATE_DIFFERENCES
from embargo.model import Entity
from embargo.names.text import detect_script

__all__ = ["FactRow", "agreement", "fact_rows", "marked", "name_tokens", "names_by_script"]

_WORD = re.compile(r"\w+")

#: Explanation features that compare a fact, with the row they belong to.
_FACTS = (
    ("birth_date", "Date of birth"),
    ("country", "Nationality / country"),
    ("identifier", "Identifiers"),
    ("gender", "Gender"),
)


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact of the customer and of the listed entity, and whether the matcher found them to agree.

    ``state`` is ``agree``, ``conflict``, ``neutral`` (compared, no weight) or ``unknown`` (not compared).
    """

    label: str
    customer: list[str]
    listed: list[str]
    state: str
    detail: str


def _key(text: str) -> str:
    return "".join(_WORD.findall(text)).casefold()


def marked(name: str, tokens: Iterable[str | None]) -> list[tuple[str, bool]]:
    """``name`` cut into pieces, each word flagged True when it is one of the aligned ``tokens``."""
    keys = {_key(t) for t in tokens if t}
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _WORD.finditer(name):
        if m.start() > pos:
            pieces.append((name[pos : m.start()], False))
        pieces.append((m.group(), m.group().casefold() in keys))
        pos = m.end()
    if pos < len(name):
        pieces.append((name[pos:], False))
    return pieces


def name_tokens(explanation: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The token pairs of the explanation's name feature (query token, listed token, similarity, reason)."""
    for part in explanation:
        if part.get("feature") == "name":
            return list(part.get("tokens") or [])
    return []


def agreement(explanation: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Feature name to (state, the matcher's words) for each compared fact."""
    found: dict[str, tuple[str, str]] = {}
    for part in explanation:
        feature = str(part.get("feature"))
        if feature == "name" or feature in found:
            continue
        score = float(part.get("score") or 0.0)
        detail = str(part.get("detail") or "")
        state = "agree" if score > 0 else "conflict" if score < 0 else "neutral"
        if feature == "birth_date" and detail.rsplit(": ", 1)[-1] in DATE_DIFFERENCES:
            state = "neutral"  # a date that differs never agrees, also in an alert an older algorithm scored
        found[feature] = (state, detail)
    return found


def fact_rows(customer: dict[str, Any], listed: dict[str, Any], explanation: list[dict[str, Any]]) -> list[FactRow]:
    """Date of birth, nationality, identifiers and gender of both sides, marked as the matcher judged them."""
    judged = agreement(explanation)
    sides = {
        "birth_date": (customer.get("birth_dates") or [], listed.get("birth_dates") or []),
        "country": (
            [*(customer.get("nationalities") or []), *(customer.get("countries") or [])],
            listed.get("countries") or [],
        ),
        "identifier": (customer.get("id_numbers") or [], listed.get("identifiers") or []),
        "gender": (
            [customer["gender"]] if customer.get("gender") else [],
            [listed["gender"]] if listed.get("gender") else [],
        ),
    }
    rows = []
    for feature, label in _FACTS:
        ours, theirs = sides[feature]
        state, detail = judged.get(feature, ("unknown", "not compared (missing on one side)"))
        rows.append(FactRow(label, [str(v) for v in ours], [str(v) for v in theirs], state, detail))
    return rows


def names_by_script(entity: Entity | None, fallback: dict[str, list[str]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every name of the entity grouped by writing system (Latin first), each with its property and language."""
    pairs = list(entity.names()) if entity is not None else [(p, v) for p, vs in fallback.items() for v in vs]
    languages = entity.name_languages if entity is not None else {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for prop, value in pairs:
        groups.setdefault(detect_script(value), []).append({"name": value, "kind": prop, "lang": languages.get(value)})
    return sorted(groups.items(), key=lambda item: (item[0] != "Latin", item[0]))
