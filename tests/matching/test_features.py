from __future__ import annotations

import pytest

from embargo.errors import QueryError
from embargo.matching import ListedFacts, Query
from embargo.matching.features import DATE_CONFLICT, DATE_FAR_CONFLICT, birth_date, countries, gender, identifiers

LISTED = ListedFacts(
    schema="Person",
    birth_dates=("1954-08-30",),
    countries=("by",),
    identifiers=("MP1234567",),
    gender="male",
)

DOB_CASES = [
    (("1954-08-30",), 0.07, "exact"),
    (("1954-08",), 0.05, "same month"),
    (("1954",), 0.04, "same year"),
    (("1954-30-08",), 0.07, "exact"),  # day and month written the other way round
    (("1954-31-31",), None, None),  # not a date: refused by Query.build
    (("1954-03-08",), 0.0, "other month"),
    (("1955",), 0.0, "one year apart"),
    (("1970",), -0.3, "conflicts"),
    (("1958",), -0.2, "one slip"),  # one digit changed
    (("1945-08-30",), -0.2, "one slip"),  # two neighbouring digits swapped
    (("1970", "1954-08-30"), 0.07, "exact"),
]


@pytest.mark.parametrize(
    ("dob", "delta"),
    [
        ("1970", DATE_FAR_CONFLICT),
        ("1958", DATE_CONFLICT),
        ("1945", DATE_CONFLICT),
        ("1994", DATE_CONFLICT),
        ("1958-08-30", DATE_CONFLICT),  # a slip in the year of the listed day
        ("1958-03-12", DATE_FAR_CONFLICT),  # a year one digit away and another day: another date
    ],
)
def test_birth_date_conflict_grades(dob: str, delta: float) -> None:
    """A year one slip of a digit from the listed year conflicts less than a year apart in more."""
    f = birth_date(Query.build(["x"], birth_dates=(dob,)), LISTED)
    assert f is not None and f.delta == delta
    assert DATE_FAR_CONFLICT < DATE_CONFLICT < 0


@pytest.mark.parametrize(("dobs", "at_least", "words"), DOB_CASES)
def test_birth_date(dobs: tuple[str, ...], at_least: float | None, words: str | None) -> None:
    if at_least is None:
        with pytest.raises(QueryError):
            Query.build(["x"], birth_dates=dobs)
        return
    f = birth_date(Query.build(["x"], birth_dates=dobs), LISTED)
    assert f is not None
    assert f.delta >= at_least
    assert words is not None and words in f.detail


def test_day_month_swap_is_compared_not_agreeing() -> None:
    """Day and month swapped is said, and no conflict; but two dates that differ never add (embargo-v6)."""
    listed = ListedFacts("Person", birth_dates=("1954-03-08",))
    f = birth_date(Query.build(["x"], birth_dates=["1954-08-03"]), listed)
    assert f is not None and f.delta == 0.0 and "swapped" in f.detail


def test_missing_information_is_neutral() -> None:
    q = Query.build(["x"])
    assert birth_date(q, LISTED) is None
    assert countries(q, LISTED) is None
    assert identifiers(q, LISTED) is None
    assert gender(q, LISTED) is None
    assert birth_date(Query.build(["x"], birth_dates=["1954"]), ListedFacts("Person")) is None


def test_countries_identifiers_gender() -> None:
    f = countries(Query.build(["x"], nationalities=["Belarus"]), LISTED)
    assert f is not None and f.delta > 0
    f = countries(Query.build(["x"], countries=["France"]), LISTED)
    assert f is not None and f.delta < 0
    f = identifiers(Query.build(["x"], id_numbers=["mp 1234567"]), LISTED)
    assert f is not None and f.delta >= 0.3
    f = identifiers(Query.build(["x"], id_numbers=["XX999999"]), LISTED)
    assert f is not None and f.delta < 0
    f = gender(Query.build(["x"], gender="F"), LISTED)
    assert f is not None and f.delta < 0


def test_query_validation() -> None:
    with pytest.raises(QueryError, match="schema"):
        Query.build(["x"], schema="Martian")
    with pytest.raises(QueryError, match="name"):
        Query.build(["  "])
    with pytest.raises(QueryError, match="nationality"):
        Query.build(["x"], nationalities=["Atlantis"])
    q = Query.build(["x", "x", " y "], nationalities=["BY", "Belarus"])
    assert q.names == ("x", "y")
    assert q.nationalities == ("by",)
