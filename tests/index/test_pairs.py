"""Pair retrieval gives what the full search gives; the reverse reach finds every party a name can retrieve."""

from __future__ import annotations

import itertools

import pytest

from embargo.index import ListIndex, PairRetrieval, Rarity, build_index, find_candidates, reaching, search
from embargo.model import Entity
from embargo.names import analyze_name

GIVEN = ["Mohamed", "Mohammed", "Ali", "Omar", "Ahmad", "Ivan", "Olga", "Maria"]
FAMILY = ["Hassan", "Petrov", "Ivanova", "Rahman", "Karimov", "Smith", "Haddad", "Nasser", "Kuznetsov", "Aziz"]
QUERIES = [
    "Mohamed Hassan",
    "Mohammed Hasan",
    "Mohamed Abdul Rahman",
    "Ali Yusuf Smith",
    "Mohamed Zzyzx",
    "Olga Ivanovna Kuznetsova",
    "HADDAD, Omar",
    "Mohamed",
    "Ivan Petrof",
    "Мохамед Хасан",
]
SCHEMATA = frozenset({"Person", "LegalEntity"})


def _people(prefix: str, given: list[str], family: list[str]) -> list[Entity]:
    entities = []
    for i, (g, f, middle) in enumerate(itertools.product(given, family, ["", "Abdul", "Yusuf"])):
        e = Entity("Person", f"{prefix}-{i}", "t", str(i))
        e.add("name", " ".join(p for p in (g, middle, f) if p))
        if i % 3 == 0:
            e.add("alias", f"{f.upper()}, {g}")
        entities.append(e)
    return entities


@pytest.fixture(scope="module")
def index() -> ListIndex:
    company = Entity("Company", "c-1", "t", "c1")
    company.add("name", "Mohamed Hassan Trading LLC")
    return build_index("t", 1, [*_people("p", GIVEN, FAMILY), company])


@pytest.fixture(scope="module")
def frozen() -> Rarity:
    """Weights of another version of the list (fewer entries): not the index's own."""
    return Rarity.of(build_index("t", 0, _people("old", GIVEN[:5], FAMILY[:6])))


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("defer_from", [1, 10**9])
def test_pair_retrieval_equals_the_full_search(
    index: ListIndex, frozen: Rarity, query: str, defer_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_DEFER_FROM", defer_from)
    names = [analyze_name(query)]
    full = find_candidates([index], names, SCHEMATA, limit=None, rarity={"t": frozen})
    pairs = PairRetrieval(index, frozen)
    suits = [eid for eid in range(index.entity_count) if index.schema(eid) in SCHEMATA]  # the caller's check
    one_by_one = [pairs.candidate(names, eid) for eid in suits]
    expected = {c.entity: (c.retrieval, c.names) for c in full}
    assert {c.entity: (c.retrieval, c.names) for c in one_by_one if c is not None} == expected
    assert expected  # every query reaches something


def test_no_limit_means_every_entity_past_the_floor(index: ListIndex) -> None:
    names = [analyze_name("Mohamed Hassan")]
    every = find_candidates([index], names, SCHEMATA, limit=None)
    assert len(every) > 20
    assert [c.entity for c in find_candidates([index], names, SCHEMATA, limit=20)] == [c.entity for c in every[:20]]


def test_frozen_weights_do_not_move_with_the_list(frozen: Rarity, index: ListIndex) -> None:
    names = [analyze_name("Mohamed Hassan")]
    grown = build_index("t", 2, [*_people("p", GIVEN, FAMILY), *_people("q", ["Mohamed"], ["Aziz", "Smith"])])
    before = {
        index.entity_id(c.entity): c.retrieval
        for c in find_candidates([index], names, SCHEMATA, None, rarity={"t": frozen})
    }
    after = {
        grown.entity_id(c.entity): c.retrieval
        for c in find_candidates([grown], names, SCHEMATA, None, rarity={"t": frozen})
    }
    assert {k: v for k, v in after.items() if k in before} == before


@pytest.mark.parametrize("query", QUERIES)
def test_reverse_reach_finds_every_customer_the_entity_can_retrieve(index: ListIndex, query: str) -> None:
    """Customers as the index, one listed entity's names as the query: every customer it is a candidate for."""
    customers = build_index("portfolio", 1, _customers())
    listed = [analyze_name(query)]
    rarity = Rarity.of(index)
    found = set(reaching(customers, listed, customers.schema_codes({"Person", "LegalEntity"})).tolist())
    listed_index = build_index("t", 1, [_entity(query)])
    pairs = PairRetrieval(listed_index, rarity, floor=0.0)
    for c in range(customers.entity_count):
        names = [customers.name(n) for n in customers.entity_names(c)]
        if pairs.candidate(names, 0) is not None:
            assert c in found, customers.entity_id(c)


def _entity(name: str) -> Entity:
    e = Entity("Person", "x", "t", "x")
    e.add("name", name)
    return e


def _customers() -> list[Entity]:
    out = []
    for i, name in enumerate(
        [*(f"{g} {f}" for g, f in itertools.product(GIVEN, FAMILY)), "Mohamad Hasan", "Ivn Petrov", "Hassan"]
    ):
        e = Entity("Person", f"c{i}", "portfolio")
        e.add("name", name)
        out.append(e)
    return out
