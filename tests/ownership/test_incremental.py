"""A change recomputes only what it reaches, and ends where a propagation from scratch on the new links ends."""

from __future__ import annotations

import random

import pytest

from embargo.errors import QueryError
from embargo.ownership import (
    BLOCKED,
    EU,
    NOT_BLOCKED,
    OFAC,
    POSSIBLY,
    UK,
    Control,
    Ownership,
    Propagation,
    Rule,
    Share,
)
from tests.ownership.test_rules import own


def spread(
    links: list[Ownership], designated: list[str], rule: Rule = OFAC, controls: tuple[Control, ...] = ()
) -> Propagation:
    p = Propagation(rule, links, controls)
    p.designate(designated)
    return p


# readable cases


def test_removing_the_link_that_blocked_an_entity_unblocks_it_and_its_subsidiaries() -> None:
    p = spread([own("X", "A", 60), own("A", "B", 100), own("B", "C", 60), own("Y", "D", 70)], ["X", "Y"])
    assert p.change(removed=[own("X", "A", 60)]) == {"A", "B", "C"}
    assert [p.status(e) for e in "ABCD"] == [NOT_BLOCKED, NOT_BLOCKED, NOT_BLOCKED, BLOCKED]
    assert p.recomputed == 3  # A and what it holds, not D


def test_adding_a_link_from_a_blocked_owner_blocks_the_asset_and_what_it_holds() -> None:
    p = spread([own("X", "A", 30), own("B", "C", 50)], ["X"])
    assert p.status("B") == NOT_BLOCKED
    assert p.change(added=iter([own("X", "B", 50)])) == {"B", "C"}  # any iterable, read once
    assert p.status("C") == BLOCKED and p.explain("C")[1].strip() == "B: blocked under ofac: X holds 50% (in all 50%)"
    assert p.change(added=[own("A", "B", 10)]) == set()  # A is not blocked: its holding counts for nothing


def test_a_change_far_from_any_designated_party_changes_nothing() -> None:
    p = spread([own("X", "A", 60), own("P", "Q", 60), own("Q", "R", 60)], ["X"])
    assert p.change(added=[own("P", "S", 90)], removed=[own("Q", "R", 60)]) == set()
    assert p.recomputed == 0 and p.status("A") == BLOCKED


def test_a_delisted_party_stays_blocked_through_its_owner_and_a_cycle_does_not_keep_itself_blocked() -> None:
    links = [own("X", "A", 60), own("A", "B", 60), own("B", "A", 40), own("Y", "X", 50)]
    p = spread(links, ["X", "Y"])
    assert p.undesignate(["X"]) == {"X"}
    assert (p.status("X"), p.status("A"), p.status("B")) == (BLOCKED, BLOCKED, BLOCKED)
    # without Y's designation nothing holds A and B up: their 40% and 60% of each other count for nothing
    assert p.undesignate(["Y", "nobody"]) == {"X", "Y", "A", "B"}
    assert {p.status(e) for e in "XYAB"} == {NOT_BLOCKED}
    assert p.designate(["Y"]) == {"Y", "X", "A", "B"}


def test_records_of_one_holding_are_merged_again() -> None:
    first, second = own("X", "A", 48, start="2015-11-25"), own("X", "A", 51, start="2015-11-25")
    p = spread([first, second], ["X"])
    assert p.status("A") == POSSIBLY and str(p.verdict("A").share) == "48-51%"
    assert p.change(removed=[first]) == {"A"}
    assert p.status("A") == BLOCKED and p.verdict("A").holdings == (second,)
    assert p.change(added=[own("X", "A", 30)]) == {"A"}
    assert str(p.verdict("A").share) == "30-51%"


def test_control_links_count_only_under_a_rule_of_control() -> None:
    director = Control("X", "A", "director")
    for rule, status in ((OFAC, NOT_BLOCKED), (EU, BLOCKED), (UK, BLOCKED)):
        p = spread([], ["X"], rule)
        p.change(added=[director])
        assert p.status("A") == status
        p.change(removed=[director])
        assert p.status("A") == NOT_BLOCKED


def test_removing_a_link_that_is_not_there_changes_nothing() -> None:
    p = spread([own("X", "A", 60)], ["X"])
    with pytest.raises(QueryError, match="not in the graph"):
        p.change(added=[own("X", "B", 60)], removed=[own("X", "A", 70)])
    with pytest.raises(QueryError, match="not in the graph"):
        spread([], [], EU).change(removed=[Control("X", "A")])
    assert p.status("B") == NOT_BLOCKED and p.status("A") == BLOCKED
    # an ended link is not in the graph as of now: removing it is nothing to do
    assert p.change(removed=[own("X", "A", 60, end="2020-01-01")]) == set()


# random graphs against a propagation from scratch

SHARES = [(25.0, 50.0), (50.0, 75.0), (75.0, 100.0), (10.0, 30.0), (0.0, 100.0)]
DATES = [None, None, None, "2018-01-01", "2020-01-01", "2022-01-01"]


def _link(rng: random.Random, n: int) -> Ownership:
    asset = rng.randrange(n)
    owner = rng.randrange(n) if rng.random() < 0.15 else max(0, asset - rng.randrange(1, 12))  # some cycles
    if rng.random() < 0.6:
        low = high = float(rng.choice([10, 20, 25, 30, 40, 49, 50, 51, 60, 75, 100, rng.randrange(1, 101)]))
    else:
        low, high = rng.choice(SHARES)
    start, end = rng.choice(DATES), rng.choice(DATES)
    if start and end and end <= start:
        start, end = end, None if end == start else start
    return Ownership(f"n{owner}", f"n{asset}", Share(low, high), start, end, rng.choice(["", "a", "b"]))


def _control(rng: random.Random, n: int) -> Control:
    asset = rng.randrange(n)
    return Control(f"n{max(0, asset - rng.randrange(1, 6))}", f"n{asset}", rng.choice(["director", "parent"]))


def _same(p: Propagation, links: list[Ownership], controls: list[Control], designated: set[str], n: int) -> None:
    fresh = Propagation(p.rule, links, controls, p.as_of)
    fresh.designate(sorted(designated))
    assert (p.designated, p.certain, p.possible) == (fresh.designated, fresh.certain, fresh.possible)
    for i in range(n):
        e = f"n{i}"
        assert p.verdict(e) == fresh.verdict(e), e
        if e not in designated:  # what a later change builds on: the share counted so far
            assert (p._low.get(e, 0.0), p._high.get(e, 0.0)) == (fresh._low.get(e, 0.0), fresh._high.get(e, 0.0)), e


def _case(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randrange(30, 201)
    rule = rng.choice([OFAC, EU, UK])
    as_of = rng.choice([None, "2019-06-01", "2021-06-01"])
    links = [_link(rng, n) for _ in range(rng.randrange(n, 3 * n))]
    links += [
        Ownership(x.owner, x.asset, Share(max(0.0, x.share.low - 2), x.share.high)) for x in rng.sample(links, n // 10)
    ]
    controls = [_control(rng, n) for _ in range(rng.randrange(0, n // 3))]
    designated = {f"n{rng.randrange(n)}" for _ in range(rng.randrange(1, max(2, n // 15)))}
    p = Propagation(rule, list(links), list(controls), as_of)
    p.designate(designated)
    _same(p, links, controls, designated, n)
    for _ in range(6):
        before = {f"n{i}": p.status(f"n{i}") for i in range(n)}
        op = rng.random()
        if op < 0.15:
            new = {f"n{rng.randrange(n)}" for _ in range(rng.randrange(1, 3))}
            reached = p.designate(new)
            assert reached == {e for e in before if before[e] == NOT_BLOCKED and p.status(e) != NOT_BLOCKED}
            designated |= new
            _same(p, links, controls, designated, n)
            continue
        if op < 0.3 and designated:
            gone = set(rng.sample(sorted(designated), rng.randrange(1, min(3, len(designated)) + 1)))
            changed = p.undesignate(gone)
            designated -= gone
        else:
            removed: list[Ownership | Control] = []
            for _ in range(rng.randrange(0, 4)):
                if links and rng.random() < 0.7:
                    removed.append(links.pop(rng.randrange(len(links))))
                elif controls:
                    removed.append(controls.pop(rng.randrange(len(controls))))
            added: list[Ownership | Control] = [
                _link(rng, n) if rng.random() < 0.8 else _control(rng, n) for _ in range(rng.randrange(0, 4))
            ]
            if links and rng.random() < 0.2:  # a republished record of a pair
                x = rng.choice(links)
                added.append(
                    Ownership(x.owner, x.asset, Share(x.share.low, min(100.0, x.share.high + 3)), x.start, x.end, "c")
                )
            changed = p.change(added, removed)
            links += [x for x in added if isinstance(x, Ownership)]
            controls += [x for x in added if isinstance(x, Control)]
        _same(p, links, controls, designated, n)
        assert changed == {e for e in before if p.status(e) != before[e]}


@pytest.mark.parametrize("block", range(6))
def test_random_changes_end_where_a_propagation_from_scratch_ends(block: int) -> None:
    for seed in range(block * 50, block * 50 + 50):
        _case(seed)
