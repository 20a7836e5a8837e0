"""What the review page and the queue show: names with their aligned tokens marked, facts side by side, names by
script with a Latin reading under those in other scripts, and the listed name that matched.

Everything here is read from the alert's own explanation (made by the
matcher when the alert was raised), its snapshots of the customer and the
entity, and the stored entity: nothing is scored again. The queue's columns
and the review page's table read the same :func:`fact_rows`, so the two
never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from embargo.matching.features import DATE_DIFFERENCES
from embargo.model import Entity
from embargo.names import romanize
from embargo.names.identifiers import PROPERTY_KINDS, kind_of, listed_identifiers, normalize_identifier, shown
from embargo.names.text import detect_script

__all__ = [
    "QUEUE_FACTS",
    "STATE_WORDS",
    "FactRow",
    "agreement",
    "fact_rows",
    "latin_reading",
    "marked",
    "matched_alias",
    "name_tokens",
    "names_by_script",
    "queue_facts",
]

_WORD = re.compile(r"\w+")

#: Explanation features that compare a fact, with the row they belong to.
_FACTS = (
    ("birth_date", "Date of birth"),
    ("country", "Nationality / country"),
    ("identifier", "Identifiers"),
    ("gender", "Gender"),
)


#: The facts the queue shows for each alert, with their column heading.
QUEUE_FACTS = (("birth_date", "Birth date"), ("country", "Nationality"), ("identifier", "Identifiers"))

#: The words of each state, on the queue and on the review page alike.
STATE_WORDS = {"agree": "agrees", "conflict": "differs", "neutral": "compared", "unknown": "not given"}

#: Listed facts the matcher does not weigh, shown beside the customer's for the reviewer: property, label.
_SHOWN_ONLY = (("position", "Position"), ("birthPlace", "Place of birth"))

#: Name properties as the queue words them ("alias LUKASHENKO, Aleksandr").
_NAME_KINDS = {"name": "name", "alias": "alias", "weakAlias": "weak alias", "previousName": "previous name"}


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact of the customer and of the listed entity, and whether the matcher found them to agree.

    ``state`` is ``agree``, ``conflict``, ``neutral`` (compared, no weight), ``unknown`` (not compared)
    or ``""`` for a fact the matcher does not compare (a position, a place of birth: shown, not judged).
    ``feature`` is the explanation's feature the row reads (``birth_date``...), ``""`` for those.
    """

    label: str
    customer: list[str]
    listed: list[str]
    state: str
    detail: str
    feature: str = ""

    @property
    def word(self) -> str:
        """The state in a word (:data:`STATE_WORDS`); ``not compared`` when both sides give the fact and the
        explanation says nothing of it (an alert an older algorithm explained)."""
        if self.state == "unknown" and self.customer and self.listed:
            return "not compared"
        return STATE_WORDS.get(self.state, "")


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


def _listed_ids(listed: dict[str, Any], entity: Entity | None) -> list[str]:
    """The listed identifiers with their kind (``passport number X``, ``IMO 9187655``): typed by the property
    that holds them on the entity; from their form alone when only the alert's snapshot is left."""
    if entity is not None:
        found = listed_identifiers(entity.properties, PROPERTY_KINDS)
        if found:
            return [shown(kind, value) for kind, value in found]
    out = []
    for raw in listed.get("identifiers") or []:
        value = normalize_identifier(str(raw))
        out.append(shown(kind_of("idNumber", str(raw), value), value) if value else str(raw))
    return out


def fact_rows(
    customer: dict[str, Any], listed: dict[str, Any], explanation: list[dict[str, Any]], entity: Entity | None = None
) -> list[FactRow]:
    """Date of birth, nationality, identifiers and gender of both sides, marked as the matcher judged them.

    With the listed ``entity`` (as stored now), its identifiers are typed by their property and its
    position and place of birth are added (shown, not judged: the customer file has neither).
    """
    judged = agreement(explanation)
    sides = {
        "birth_date": (customer.get("birth_dates") or [], listed.get("birth_dates") or []),
        "country": (
            [*(customer.get("nationalities") or []), *(customer.get("countries") or [])],
            listed.get("countries") or [],
        ),
        "identifier": (customer.get("id_numbers") or [], _listed_ids(listed, entity)),
        "gender": (
            [customer["gender"]] if customer.get("gender") else [],
            [listed["gender"]] if listed.get("gender") else [],
        ),
    }
    rows = []
    for feature, label in _FACTS:
        ours, theirs = sides[feature]
        state, detail = judged.get(feature, ("unknown", "not compared (missing on one side)"))
        rows.append(FactRow(label, [str(v) for v in ours], [str(v) for v in theirs], state, detail, feature))
    for prop, label in _SHOWN_ONLY:
        values = entity.get(prop) if entity is not None else []
        if values:
            rows.append(FactRow(label, [], list(values), "", "not in the customer file; not compared"))
    return rows


def queue_facts(customer: dict[str, Any], listed: dict[str, Any], explanation: list[dict[str, Any]]) -> list[FactRow]:
    """The rows of :data:`QUEUE_FACTS` (what the queue shows of an alert), read as the review page reads them."""
    rows = {r.feature: r for r in fact_rows(customer, listed, explanation)}
    return [rows[feature] for feature, _ in QUEUE_FACTS]


def matched_alias(matched: str, caption: str, names: dict[str, list[str]]) -> tuple[str, str] | None:
    """(kind, name) of the listed name that matched when it is not the caption (``("alias", "LUKASHENKO, A.")``),
    the kind read from the alert's snapshot of the entity's names; None when the caption itself matched."""
    if not matched or matched == caption:
        return None
    for prop, kind in _NAME_KINDS.items():
        if matched in (names.get(prop) or []):
            return kind, matched
    return "name", matched


@lru_cache(maxsize=4096)
def latin_reading(name: str, lang: str | None = None) -> str | None:
    """A Latin reading of a name written in another script (``Лукашенко`` -> ``Lukashenko``); None for a
    Latin name (or one without letters). The first of :func:`embargo.names.romanize`'s renderings, in
    the schemes of the name's language where the list gives it (Belarusian and Russian differ)."""
    if detect_script(name) in ("Latin", "Common"):
        return None
    reading = romanize(name, lang)[0]
    return " ".join(word.capitalize() for word in reading.split()) or None


def names_by_script(entity: Entity | None, fallback: dict[str, list[str]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every name of the entity grouped by writing system (Latin first), each with its property, language and,
    outside the Latin script, a Latin reading (``latin``)."""
    pairs = list(entity.names()) if entity is not None else [(p, v) for p, vs in fallback.items() for v in vs]
    languages = entity.name_languages if entity is not None else {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for prop, value in pairs:
        lang = languages.get(value)
        groups.setdefault(detect_script(value), []).append(
            {"name": value, "kind": prop, "lang": lang, "latin": latin_reading(value, lang)}
        )
    return sorted(groups.items(), key=lambda item: (item[0] != "Latin", item[0]))
