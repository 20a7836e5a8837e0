"""Series designators (embargo/matching/_series.py): another number of a named series is a sibling.

The rows are examples of the class written for these tests, not rows of any benchmark.
"""

from __future__ import annotations

import pytest

from embargo.matching import DEFAULT_THRESHOLD, compare_names
from embargo.matching._series import SERIES_REASON, SERIES_SIBLING, is_designator
from embargo.matching.alignment import compare_analyzed
from embargo.names import analyze_name

T = DEFAULT_THRESHOLD

#: (query, listed, schema, low, high): the score must fall in [low, high).
CASES: list[tuple[str, str, str, float, float]] = [
    # Another fund vintage, trust tranche or hull number of a distinctive name: a sibling, just flagged.
    ("Northgate Growth Partners IX L.P.", "Northgate Growth Partners X L.P.", "Company", T, 0.75),
    ("Meridian Home Equity Trust 2019-3", "Meridian Home Equity Trust 2020-3", "Company", T, 0.75),
    ("Ocean Pearl 7", "Ocean Pearl 8", "Vessel", T, 0.75),
    ("Barents Carrier II", "Barents Carrier 3", "Vessel", T, 0.75),
    ("Halcyon Capital Trust I", "Halcyon Capital Trust IV", "Company", T, 0.75),
    # The same number is the same vehicle, as before.
    ("Ocean Pearl 7", "Ocean Pearl 7", "Vessel", 0.95, 1.01),
    # Nothing distinctive is shared: generic words with numbers are no series.
    ("Trust 1", "Trust 2", "Company", 0.0, T),
    ("Holding 3", "Holding 4", "Company", 0.0, T),
    ("Plant No. 7", "Plant No. 8", "Company", 0.0, T),
    ("Europe Fund III", "Europe Fund IV", "Company", 0.0, T),
    ("JH 86", "JH 87", "Vessel", 0.0, T),
    # A number on one side only is no series; another word besides the number is another name.
    ("Management Company 23", "Management Company", "Company", 0.0, T),
    ("Ocean Pearl 7", "Ocean Star 8", "Vessel", 0.0, T),
    # Legal forms of different kinds still conflict.
    ("Northgate Growth Partners IX GmbH", "Northgate Growth Partners X AG", "Company", 0.0, T),
    # Persons have no series numbers.
    ("John Smith 2", "John Smith 3", "Person", 0.0, 1.01),
]


@pytest.mark.parametrize(("query", "listed", "schema", "low", "high"), CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_series_bands(query: str, listed: str, schema: str, low: float, high: float) -> None:
    assert low <= compare_names(schema, query, listed) < high


def test_a_typo_in_the_shared_part_lowers_the_sibling_score() -> None:
    exact = compare_names("Vessel", "Ocean Pearl Carrier 7", "Ocean Pearl Carrier 8")
    typo = compare_names("Vessel", "Ocean Perl Carrier 7", "Ocean Pearl Carrier 8")
    assert exact == pytest.approx(SERIES_SIBLING)
    assert typo < exact


def test_the_explanation_pairs_the_two_numbers() -> None:
    match = compare_analyzed(analyze_name("Ocean Pearl 7", "Vessel"), analyze_name("Ocean Pearl 8", "Vessel"))
    series = [p for p in match.pairs if p.reason == SERIES_REASON]
    assert len(series) == 1
    assert series[0].query is not None and series[0].query.text == "7"
    assert series[0].listed is not None and series[0].listed.text == "8"


@pytest.mark.parametrize(
    ("name", "schema", "expected"),
    [("Fund VII", "Company", True), ("Trust 2004-1", "Company", True), ("Trust 2005-AR16", "Company", True)],
)
def test_designators(name: str, schema: str, expected: bool) -> None:
    tokens = analyze_name(name, schema).tokens
    assert is_designator(tokens[-1]) is expected
    assert not is_designator(tokens[0])
