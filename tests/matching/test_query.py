"""Reading a query: what is refused, with the field and the limit in the message (issue 20)."""

from __future__ import annotations

import pytest

from embargo.errors import QueryError
from embargo.matching import read_query
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
