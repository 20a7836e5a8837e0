"""The authorities' worked examples as tests: OFAC FAQs 398 and 401, and the EU's and UK's equivalents."""

from __future__ import annotations

import pytest

from embargo.errors import QueryError
from embargo.ownership import (
    BLOCKED,
    DESIGNATED,
    EU,
    NOT_BLOCKED,
    OFAC,
    POSSIBLY,
    UK,
    Control,
    Ownership,
    Propagation,
    Share,
    rule,
)


def own(owner: str, asset: str, low: float, high: float | None = None, **when: str) -> Ownership:
    return Ownership(owner, asset, Share(low, low if high is None else high), **when)


def blocked(links: list[Ownership], rule_: object = OFAC, controls: tuple[Control, ...] = (), **kw: str) -> Propagation:
    p = Propagation(rule_, links, controls, **kw)  # type: ignore[arg-type]
    p.designate(["X"])
    return p


def test_faq_401_example_1_through_a_blocked_subsidiary() -> None:
    p = blocked([own("X", "A", 50), own("A", "B", 50)])
    assert (p.status("A"), p.status("B")) == (BLOCKED, BLOCKED)
    assert p.explain("B") == [
        "B: blocked under ofac: A holds 50% (in all 50%)",
        "  A: blocked under ofac: X holds 50% (in all 50%)",
        "    X: designated",
    ]


def test_faq_401_example_2_aggregated_through_two_blocked_entities() -> None:
    p = blocked([own("X", "A", 50), own("X", "B", 50), own("A", "C", 25), own("B", "C", 25)])
    assert p.status("C") == BLOCKED and str(p.verdict("C").share) == "50%"


def test_faq_401_example_3_direct_and_indirect_add_up() -> None:
    p = blocked([own("X", "A", 50), own("X", "B", 10), own("A", "B", 40)])
    assert p.status("B") == BLOCKED


def test_no_aggregation_through_an_unblocked_entity() -> None:
    # X holds 40% of A (A is not blocked), A holds 40% of B, X holds 10% of B directly: B is not blocked
    p = blocked([own("X", "A", 40), own("X", "B", 10), own("A", "B", 40)])
    assert (p.status("A"), p.status("B")) == (NOT_BLOCKED, NOT_BLOCKED)
    assert str(p.verdict("B").share) == "10%"


def test_faq_399_holdings_of_several_blocked_persons_add_up() -> None:
    p = Propagation(OFAC, [own("X", "A", 25), own("Y", "A", 25)])
    p.designate(["X", "Y"])
    assert p.status("A") == BLOCKED
    uk = Propagation(UK, [own("X", "A", 25), own("Y", "A", 25)])
    uk.designate(["X", "Y"])
    assert uk.status("A") == NOT_BLOCKED  # OFSI: holdings of different designated persons are not added up


def test_faq_398_control_alone_does_not_block_under_ofac_but_does_under_eu_and_uk() -> None:
    links = [own("X", "A", 30)]
    controls = (Control("X", "A", "director"),)
    assert blocked(links, OFAC, controls).status("A") == NOT_BLOCKED
    assert blocked(links, EU, controls).status("A") == BLOCKED
    assert blocked(links, UK, controls).status("A") == BLOCKED
    assert "X controls it (director)" in blocked(links, EU, controls).explain("A")[0]


def test_fifty_percent_exactly_blocks_under_ofac_and_the_eu_not_under_the_uk() -> None:
    links = [own("X", "A", 50)]
    assert blocked(links, OFAC).status("A") == BLOCKED
    assert blocked(links, EU).status("A") == BLOCKED
    assert blocked(links, UK).status("A") == NOT_BLOCKED
    assert blocked([own("X", "A", 50.01)], UK).status("A") == BLOCKED


def test_bands_give_intervals() -> None:
    p = blocked([own("X", "A", 25, 50), own("X", "B", 50, 75), own("X", "C", 10, 25)])
    assert (p.status("A"), p.status("B"), p.status("C")) == (POSSIBLY, BLOCKED, NOT_BLOCKED)
    assert str(p.verdict("A").share) == "25-50%"
    # what a possibly blocked entity holds is possibly blocked too
    q = blocked([own("X", "A", 25, 50), own("A", "D", 100)])
    assert q.status("D") == POSSIBLY and str(q.verdict("D").share) == "0-100%"


def test_cycles_end() -> None:
    p = blocked([own("X", "A", 60), own("A", "B", 60), own("B", "A", 30), own("B", "C", 20), own("C", "B", 20)])
    assert (p.status("A"), p.status("B"), p.status("C")) == (BLOCKED, BLOCKED, NOT_BLOCKED)
    assert p.explain("B")[-1].strip() == "X: designated"


def test_ended_links_count_until_they_end() -> None:
    links = [own("X", "A", 60, start="2019-01-01", end="2023-06-30")]
    assert blocked(links, as_of="2022-01-01").status("A") == BLOCKED
    assert blocked(links, as_of="2024-01-01").status("A") == NOT_BLOCKED
    assert blocked(links).status("A") == NOT_BLOCKED  # today: the holding has ended


def test_a_new_designation_spreads_from_it_alone() -> None:
    p = Propagation(OFAC, [own("X", "A", 30), own("Y", "A", 30), own("A", "B", 100)])
    assert p.designate(["X"]) == {"X"}
    assert p.status("A") == NOT_BLOCKED
    assert p.designate(["Y"]) == {"Y", "A", "B"}
    assert p.status("X") == DESIGNATED and p.status("B") == BLOCKED


def test_shares_and_rules_are_checked() -> None:
    with pytest.raises(QueryError):
        Share(60, 50)
    with pytest.raises(QueryError):
        Share(0, 120)
    assert rule("OFAC") is OFAC
    with pytest.raises(QueryError, match="unknown ownership rule"):
        rule("swiss")


def test_overlapping_records_of_one_holding_are_one_holding_with_the_span_of_their_shares() -> None:
    # a register republishing one holding as 50%, 48% and 51% from the same day: not 149%
    links = [own("X", "A", 50, start="2015-11-25"), own("X", "A", 48, start="2015-11-25"), own("X", "A", 51)]
    p = blocked(links)
    assert p.status("A") == POSSIBLY and str(p.verdict("A").share) == "48-51%"


@pytest.mark.parametrize("order", [("Y", "Z", "X"), ("X", "Y", "Z"), ("Z", "X", "Y")])
def test_the_order_shares_are_added_in_does_not_decide_at_the_threshold(order: tuple[str, ...]) -> None:
    links = [own("X", "A", 49.7), own("Y", "A", 0.1), own("Z", "A", 0.2)]  # 50.00000000000001 or 50.0 in floats
    for r, expected in ((OFAC, BLOCKED), (EU, BLOCKED)):
        p = Propagation(r, links)
        p.designate(order)
        assert p.status("A") == expected
