"""Initials of given names written together (embargo/matching/_initials.py).

The rows are examples of the class written for these tests, not rows of any benchmark.
"""

from __future__ import annotations

import pytest

from embargo.matching import DEFAULT_THRESHOLD, compare_names
from embargo.matching._initials import expand_initials
from embargo.names import analyze_name

T = DEFAULT_THRESHOLD

#: (query, listed, low, high): the Person name score must fall in [low, high).
CASES: list[tuple[str, str, float, float]] = [
    # Initials of the given names (and patronymic) run together score as the dotted form does.
    ("JP Morgenthal", "Jean-Pierre Morgenthal", T, 0.8),
    ("SV Lavrovsky", "Sergei Viktorovich Lavrovsky", T, 0.85),
    ("MK Ostrander", "Mary Katherine Ostrander", T, 0.8),
    ("DJ Hollander", "Daniel James HOLLANDER", T, 0.8),
    # Initials that are not the given names' change nothing.
    ("JM Morgenthal", "Jean-Pierre Morgenthal", 0.0, T),
    ("SA Lavrovsky", "Sergei Viktorovich Lavrovsky", 0.0, T),
    # A short word with vowels is a name, not initials, unless it stands out in capitals.
    ("Ali Hassan", "Ahmed Li Hassan", 0.0, T),
    # Another family name beside the initials is another person.
    ("JP Hollander", "Jean-Pierre Morgenthal", 0.0, 0.3),
]


@pytest.mark.parametrize(("query", "listed", "low", "high"), CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_initials_bands(query: str, listed: str, low: float, high: float) -> None:
    assert low <= compare_names("Person", query, listed) < high


def test_the_run_together_form_scores_as_the_dotted_form() -> None:
    listed = "Jean-Pierre Morgenthal"
    assert compare_names("Person", "JP Morgenthal", listed) == pytest.approx(
        compare_names("Person", "J. P. Morgenthal", listed)
    )


@pytest.mark.parametrize(
    ("query", "listed", "expanded"),
    [
        ("JP Morgenthal", "Jean-Pierre Morgenthal", ["j", "p", "morgenthal"]),
        ("SV LAVROVSKY", "Sergei Viktorovich Lavrovsky", ["s", "v", "lavrovsky"]),
        ("Tom Morgenthal", "Jean-Pierre Morgenthal", None),
        ("KIM JONG UN", "Kim Jong Un", None),
    ],
)
def test_expansion(query: str, listed: str, expanded: list[str] | None) -> None:
    result = expand_initials(analyze_name(query).tokens, analyze_name(listed).tokens)
    if expanded is None:
        assert result is None
    else:
        assert result is not None
        assert [t.text for t in result] == expanded
        assert [t.tag for t in result[: len(expanded) - 1]] == ["initial"] * (len(expanded) - 1)
