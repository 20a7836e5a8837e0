"""Reading a query: what is refused, with the field and the limit in the message (issue 20)."""

from __future__ import annotations

import pickle

import pytest

from embargo.errors import QueryError
from embargo.matching import Query, read_query
from embargo.settings import MAX_NAME, MAX_NAMES


def test_a_name_over_the_limit_is_refused_with_the_limit() -> None:
    read_query(["x" * MAX_NAME])
    with pytest.raises(QueryError, match=f"over the limit of {MAX_NAME:,}.*EMBARGO_MAX_NAME"):
        read_query(["x" * (MAX_NAME + 1)])


def test_too_many_names_are_refused_with_the_limit() -> None:
    read_query([f"Name {i}" for i in range(MAX_NAMES)])
    with pytest.raises(QueryError, match=f"over the limit of {MAX_NAMES}.*EMBARGO_MAX_NAMES"):
        read_query([f"Name {i}" for i in range(MAX_NAMES + 1)])


@pytest.mark.parametrize(
    ("names", "ids", "field"), [(["Ivan \ud800 Petrov"], [], "name"), (["Ivan"], ["A\udfff"], "id_number")]
)
def test_text_that_is_not_unicode_is_refused(names: list[str], ids: list[str], field: str) -> None:
    with pytest.raises(QueryError, match=f"^{field}: not Unicode text"):
        read_query(names, id_numbers=ids)


def test_a_surrogate_pair_is_unicode() -> None:
    """An emoji sent as a JSON surrogate pair arrives as one character: it is text."""
    assert read_query(["Ivan 😀 Petrov"]).query.names == ("Ivan 😀 Petrov",)


def test_building_a_query_reads_every_value() -> None:
    """``Query(...)`` is the one way to build a query: it cleans like :func:`read_query` and refuses what it cannot read."""
    q = Query(
        ["  Lukashenko ", "Lukashenko"], birth_dates="1954-08-30", nationalities=["Belarus"], id_numbers=["ab 12"]
    )
    assert q.names == ("Lukashenko",)
    assert q.birth_dates == ("1954-08-30",)
    assert q.nationalities == ("by",)
    assert q.id_numbers == ("AB12",)
    assert q.schema is None
    assert Query("Putin").names == ("Putin",)
    assert Query.build(["Lukashenko"], birth_dates=["1954-08-30"], nationalities=["Belarus"]) == Query(
        ["Lukashenko"], birth_dates=["1954-08-30"], nationalities=["Belarus"]
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"names": []}, "at least one name"),
        ({"names": ["x"], "birth_dates": ["not a date"]}, "cannot read birth date 'not a date'"),
        ({"names": ["x"], "nationalities": ["Atlantis"]}, "cannot read nationality 'Atlantis'"),
        ({"names": ["x"], "schema": "Bogus"}, "unknown schema 'Bogus'"),
        ({"names": ["x"], "gender": "?"}, "cannot read gender"),
    ],
)
def test_building_a_query_refuses_what_it_cannot_read(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        Query(**kwargs)  # type: ignore[arg-type]


def test_a_clean_query_survives_copies() -> None:
    q = Query(["Lukashenko"], birth_dates=["1954"])
    assert pickle.loads(pickle.dumps(q)) == q
    assert q.with_schema("Organization").schema == "Organization"
    assert q.with_schema("Organization").names == q.names
    with pytest.raises(QueryError, match="unknown schema"):
        q.with_schema("Bogus")
    assert Query.from_clean(q.names, "Person", q.birth_dates) == q.with_schema("Person")
