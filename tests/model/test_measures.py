"""has_measures: whether a party's designations carry a wanted measure."""

from __future__ import annotations

import pytest

from embargo.model import MEASURES, Designation
from embargo.model.measures import has_measures


def designation(*measures: str, program: str = "P") -> Designation:
    return Designation(id=f"x-{program}", list="test", authority="T", program=program, measures=list(measures))


FREEZE_AND_BAN = [designation("asset_freeze", "travel_ban", program="A"), designation("port_entry_ban", program="B")]

CASES = [
    # (designations, wanted, expected)
    (FREEZE_AND_BAN, frozenset({"asset_freeze"}), True),
    (FREEZE_AND_BAN, frozenset({"port_entry_ban"}), True),  # the second designation carries it
    (FREEZE_AND_BAN, frozenset({"arms_embargo", "travel_ban"}), True),  # any one wanted measure is enough
    (FREEZE_AND_BAN, frozenset({"arms_embargo"}), False),
    (FREEZE_AND_BAN, frozenset(), False),  # wanting nothing matches nothing
    ([], frozenset({"asset_freeze"}), False),
    ([designation()], frozenset({"asset_freeze"}), False),  # a designation without measures
    ([designation("other")], frozenset({"other"}), True),
]


@pytest.mark.parametrize(("designations", "wanted", "expected"), CASES)
def test_has_measures(designations: list[Designation], wanted: frozenset[str], expected: bool) -> None:
    assert has_measures(designations, wanted) is expected


def test_takes_any_iterable_and_leaves_designations_alone() -> None:
    before = [d.to_dict() for d in FREEZE_AND_BAN]
    assert has_measures(iter(FREEZE_AND_BAN), frozenset({"travel_ban"}))
    assert [d.to_dict() for d in FREEZE_AND_BAN] == before


def test_every_known_measure_can_be_filtered_on() -> None:
    for key in MEASURES:
        assert has_measures([designation(key)], frozenset({key}))
        assert not has_measures([designation(key)], frozenset(MEASURES) - {key})
