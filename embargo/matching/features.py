"""Evidence besides the name: birth dates, countries, identifiers, gender.

Each feature compares what the query says with what the list says and
returns a signed adjustment to the name score with a sentence for the
reviewer. Absent information on either side is neutral: a list that gives no
birth date neither helps nor hurts.
"""

from __future__ import annotations

from dataclasses import dataclass

from embargo.matching.query import Query

__all__ = ["Feature", "ListedFacts", "birth_date", "countries", "gender", "identifiers"]


@dataclass(frozen=True, slots=True)
class ListedFacts:
    """What the matcher needs to know of a listed entity besides its names."""

    schema: str
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class Feature:
    """One piece of evidence: its name, the adjustment it made, and why."""

    name: str
    delta: float
    detail: str


def _date_agreement(a: str, b: str) -> tuple[str, float]:
    """How two ISO dates (or prefixes) agree: exact, month, year, swapped, near, or conflict."""
    if a == b:
        return ("exact" if len(a) == 10 else "same " + ("month" if len(a) == 7 else "year")), 1.0
    ya, yb = a[:4], b[:4]
    if ya != yb:
        if abs(int(ya) - int(yb)) <= 1:
            return "one year apart", 0.3
        return "conflict", -1.0
    # Same year; compare what both give.
    if len(a) == 4 or len(b) == 4:
        return "same year", 0.6
    if a[5:7] == b[5:7]:
        if len(a) == 7 or len(b) == 7:
            return "same month", 0.8
        return "same month, other day", 0.5
    if len(a) == 10 and len(b) == 10 and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return "day and month swapped", 0.7
    return "same year, other month", 0.2


def birth_date(query: Query, listed: ListedFacts) -> Feature | None:
    """The best agreement between any query birth date and any listed one."""
    if not query.birth_dates or not listed.birth_dates:
        return None
    best: tuple[str, float, str, str] | None = None
    for qd in query.birth_dates:
        for ld in listed.birth_dates:
            label, value = _date_agreement(qd, ld)
            if best is None or value > best[1]:
                best = (label, value, qd, ld)
    assert best is not None
    label, value, qd, ld = best
    delta = 0.08 * value if value > 0 else -0.2
    if value < 0:
        listed_text = ", ".join(listed.birth_dates[:5])
        return Feature("birth_date", delta, f"birth date {qd} conflicts with every listed date ({listed_text})")
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
    """A shared identifier is strong evidence; differing ones weak counter-evidence."""
    if not query.id_numbers or not listed.identifiers:
        return None
    listed_ids = set(listed.identifiers)
    for qid in query.id_numbers:
        if qid in listed_ids or any(
            len(qid) >= 6 and (qid in lid or lid in qid) for lid in listed_ids if len(lid) >= 6
        ):
            return Feature("identifier", 0.3, f"identifier {qid} is on the list entry")
    return Feature("identifier", -0.05, "the query's identifiers differ from the listed ones")


def gender(query: Query, listed: ListedFacts) -> Feature | None:
    """A different gender is counter-evidence."""
    if query.gender is None or listed.gender is None:
        return None
    if query.gender == listed.gender:
        return Feature("gender", 0.0, f"same gender ({query.gender})")
    return Feature("gender", -0.1, f"gender differs (query {query.gender}, listed {listed.gender})")
