"""Evidence besides the name: birth dates, countries, identifiers, gender.

Each feature compares what the query says with what the list says and
returns a signed adjustment to the name score with a sentence for the
reviewer. Absent information on either side is neutral: a list that gives no
birth date neither helps nor hurts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from embargo.matching.query import Query
from embargo.names.facts import ListedFacts
from embargo.names.identifiers import KINDS, agreement, check, has_form, identifies, index_key, query_keys, shown

__all__ = [
    "DATE_CONFLICT",
    "DATE_DIFFERENCES",
    "DATE_FAR_CONFLICT",
    "IDENTIFIER_FLOOR",
    "Feature",
    "ListedFacts",
    "birth_date",
    "countries",
    "date_agreement",
    "gender",
    "identifiers",
]

#: The score an entity gets at least, whatever its names say, when it carries an identifier of the
#: query that identifies alone (:func:`embargo.names.identifiers.identifies`), less the counter-evidence:
#: just above the 0.95 an exact name reaches when its identifiers differ from the query's (1.0 - 0.05), so
#: the holder of the identifier ranks above every namesake the identifiers tell apart (docs/matching.md).
IDENTIFIER_FLOOR = 0.96


#: A query birth date whose year conflicts with every listed one, but only by one digit changed or two
#: swapped (1963 / 1968 / 1936): a slip in writing one date may explain it.
DATE_CONFLICT = -0.2
#: A query birth date whose year differs from every listed year in more than one slip (1977 / 1963):
#: another person, unless every name agrees exactly; an exact full name against a conflicting date
#: of another decade is no longer a hit on its own (docs/matching.md).
DATE_FAR_CONFLICT = -0.3


def _year_slip(a: str, b: str) -> bool:
    """The years of two dates one changed digit or one swap of neighbouring digits apart, and the rest
    of the dates the same where both give it: one slip explains one difference, not a year, a month
    and a day (1959-05-29 / 1956-09-21 are two dates)."""
    ya, yb = a[:4], b[:4]
    if ya == yb:
        return False
    rest = min(len(a), len(b))
    if a[4:rest] != b[4:rest]:
        return False
    diff = [i for i in range(min(len(ya), len(yb))) if ya[i] != yb[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and ya[diff[0]] == yb[diff[1]] and ya[diff[1]] == yb[diff[0]]


@dataclass(frozen=True, slots=True)
class Feature:
    """One piece of evidence: its name, the adjustment it made, and why."""

    name: str
    delta: float
    detail: str
    #: a score this evidence guarantees alone, less the counter-evidence (a shared identifier that identifies)
    floor: float | None = None


#: How two birth dates can differ without conflicting: compared, but never agreeing (embargo-v6: they added
#: up to +0.056 before, and the review page showed 1971-05-17 against 1970-04-12 as agreeing).
DATE_DIFFERENCES = frozenset(
    {"one year apart", "same month, other day", "day and month swapped", "same year, other month"}
)


def date_agreement(a: str, b: str) -> tuple[str, float]:
    """How two ISO dates (or prefixes) agree: exact, the same month or year as far as both say (agreeing),
    a difference that is no conflict (:data:`DATE_DIFFERENCES`: worth nothing either way), or a conflict."""
    if a == b:
        return ("exact" if len(a) == 10 else "same " + ("month" if len(a) == 7 else "year")), 1.0
    ya, yb = a[:4], b[:4]
    if ya != yb:
        if abs(int(ya) - int(yb)) <= 1:
            return "one year apart", 0.0
        return "conflict", -1.0
    # Same year; compare what both give.
    if len(a) == 4 or len(b) == 4:
        return "same year", 0.6
    if a[5:7] == b[5:7]:
        if len(a) == 7 or len(b) == 7:
            return "same month", 0.8
        return "same month, other day", 0.0
    if len(a) == 10 and len(b) == 10 and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return "day and month swapped", 0.0
    return "same year, other month", 0.0


def birth_date(query: Query, listed: ListedFacts) -> Feature | None:
    """The best agreement between any query birth date and any listed one."""
    if not query.birth_dates or not listed.birth_dates:
        return None
    best: tuple[str, float, str, str] | None = None
    for qd in query.birth_dates:
        for ld in listed.birth_dates:
            label, value = date_agreement(qd, ld)
            if best is None or value > best[1]:
                best = (label, value, qd, ld)
    assert best is not None
    label, value, qd, ld = best
    if value < 0:
        listed_text = ", ".join(listed.birth_dates[:5])
        if any(_year_slip(q, d) for q in query.birth_dates for d in listed.birth_dates):
            why = "; its year is one slip of a digit from a listed one"
            return Feature(
                "birth_date", DATE_CONFLICT, f"birth date {qd} conflicts with every listed date ({listed_text}){why}"
            )
        return Feature(
            "birth_date", DATE_FAR_CONFLICT, f"birth date {qd} conflicts with every listed date ({listed_text})"
        )
    delta = 0.08 * value
    return Feature("birth_date", delta, f"birth date {qd} vs listed {ld}: {label}")


def countries(query: Query, listed: ListedFacts) -> Feature | None:
    """Nationality or country in common (weak evidence either way)."""
    wanted = set(query.nationalities) | set(query.countries)
    if not wanted or not listed.countries:
        return None
    common = sorted(wanted & set(listed.countries))
    if common:
        return Feature("country", 0.03, f"country in common: {', '.join(common)}")
    return Feature(
        "country",
        -0.06,
        f"no country in common (query {', '.join(sorted(wanted))}; listed {', '.join(listed.countries[:6])})",
    )


def identifiers(query: Query, listed: ListedFacts) -> Feature | None:
    """A shared identifier is strong evidence (a floor when it identifies alone); differing ones weak counter-evidence.

    A query's id number meets a listed identifier as the listed one's kind
    reads it (:func:`.identifiers.agreement`); the explanation names the
    kind and what its check says of the query's value.
    """
    if not query.id_numbers or not listed.identifiers:
        return None
    kinds = listed.identifier_kinds or ("id",) * len(listed.identifiers)
    keys = _query_keys(query.id_numbers)
    weak: Feature | None = None
    for kind, value in zip(kinds, listed.identifiers, strict=True):
        if index_key(kind, value) not in keys:
            continue  # agreement implies the key (tests/matching/test_identifiers.py): most pairs stop here
        for qid in query.id_numbers:
            how = agreement(qid, kind, value)
            if how is None:
                continue
            strong = identifies(kind, value)
            floor = IDENTIFIER_FLOOR if strong else None
            feature = Feature("identifier", 0.3, _met(qid, kind, value, how, strong), floor)
            if strong:
                return feature
            weak = weak or feature
    if weak is not None:
        return weak
    for qid in query.id_numbers:
        for kind, value in zip(kinds, listed.identifiers, strict=True):
            if len(qid) >= 6 and len(value) >= 6 and (qid in value or value in qid):
                return Feature("identifier", 0.3, f"identifier {qid} is part of the listed {shown(kind, value)}")
    ours = "; ".join(_query_text(qid, kinds) for qid in query.id_numbers[:4])
    theirs = ", ".join(shown(k, v) for k, v in zip(kinds[:6], listed.identifiers[:6], strict=True))
    return Feature(
        "identifier", -0.05, f"the query's identifiers differ from the listed ones (query {ours}; listed {theirs})"
    )


@lru_cache(maxsize=1024)
def _query_keys(id_numbers: tuple[str, ...]) -> frozenset[str]:
    """Every key the query's id numbers may be listed under (the same for each candidate of a query)."""
    return frozenset(k for qid in id_numbers for k in query_keys(qid))


def _met(qid: str, kind: str, value: str, how: str, strong: bool) -> str:
    """The words for a query id number found on the list entry: kind, value, check, and whether it identifies."""
    notes = [KINDS.get(kind, KINDS["id"]).title]
    checked = check(kind, qid)
    if checked is not None:
        notes.append(checked[1])
    if not strong and KINDS.get(kind, KINDS["id"]).assigned:
        notes.append("too short or too plain to identify alone")
    if how == "same bank":
        return f"{shown(kind, qid)} is a branch of the listed {shown(kind, value)} ({', '.join(notes)})"
    return f"{shown(kind, qid)} is on the list entry ({', '.join(notes)})"


def _query_text(qid: str, kinds: tuple[str, ...]) -> str:
    """A query id number, with what the check of a listed kind it has the form of says when that check fails."""
    for kind in kinds:
        failed = _failed_check(qid, kind)
        if failed is not None:
            return failed
    return qid


@lru_cache(maxsize=4096)
def _failed_check(qid: str, kind: str) -> str | None:
    """``IMO 9187656: check digit fails`` when ``qid`` is written as a ``kind`` value and fails its check."""
    checked = check(kind, qid) if has_form(kind, qid) else None
    if checked is None or checked[0]:
        return None
    return f"{shown(kind, qid)}: {checked[1]}"


def gender(query: Query, listed: ListedFacts) -> Feature | None:
    """A different gender is counter-evidence."""
    if query.gender is None or listed.gender is None:
        return None
    if query.gender == listed.gender:
        return Feature("gender", 0.0, f"same gender ({query.gender})")
    return Feature("gender", -0.1, f"gender differs (query {query.gender}, listed {listed.gender})")
