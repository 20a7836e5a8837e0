"""Candidate retrieval: deferring common words gives the scores and order of a full pass."""

from __future__ import annotations

import itertools

import pytest

from embargo.index import ListIndex, build_index, find_candidates, search
from embargo.model import Entity
from embargo.names import analyze_name

GIVEN = ["Mohamed", "Mohammed", "Ali", "Omar", "Ahmad", "Ivan", "Olga", "Maria"]
FAMILY = ["Hassan", "Petrov", "Ivanova", "Rahman", "Karimov", "Smith", "Haddad", "Nasser", "Kuznetsov", "Aziz"]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    entities = []
    combos = itertools.product(GIVEN, FAMILY, ["", "Abdul", "Yusuf"])
    for i, (given, family, middle) in enumerate(combos):
        e = Entity("Person", f"p-{i}", "t", str(i))
        e.add("name", " ".join(p for p in (given, middle, family) if p))
        if i % 3 == 0:
            e.add("alias", f"{family.upper()}, {given}")
        entities.append(e)
    company = Entity("Company", "c-1", "t", "c1")
    company.add("name", "Mohamed Hassan Trading LLC")
    entities.append(company)
    return build_index("t", 1, entities)


QUERIES = [
    "Mohamed Hassan",
    "Mohammed Hasan",
    "Mohamed Abdul Rahman",
    "Ali Yusuf Smith",
    "Mohamed Zzyzx",
    "Olga Ivanovna Kuznetsova",
    "HADDAD, Omar",
    "Mohamed",
    "Ivan",
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("floor", [0.3, 0.45, 0.6])
def test_deferring_keeps_scores_and_order(
    index: ListIndex, query: str, floor: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = analyze_name(query)
    full = [(n, v) for n, v in search._score_names(index, name, 0.0).items() if v >= floor]
    monkeypatch.setattr(search, "_DEFER_FROM", 1)
    monkeypatch.setattr(search, "_NAME_COST", 0)  # the deferred slots look at the reached names' words
    deferred = [(n, v) for n, v in search._score_names(index, name, floor).items() if v >= floor]
    assert deferred == full
    schemata = frozenset({"Person", "LegalEntity"})
    with_deferring = find_candidates([index], [name], schemata, limit=10, floor=floor)
    monkeypatch.setattr(search, "_DEFER_FROM", 10**9)
    without = find_candidates([index], [name], schemata, limit=10, floor=floor)
    assert [(c.entity, c.retrieval, c.names) for c in with_deferring] == [
        (c.entity, c.retrieval, c.names) for c in without
    ]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("floor", [0.0, 0.3, 0.45, 0.6])
@pytest.mark.parametrize("defer_from", [1, 10**9])
def test_numpy_reach_equals_plain_python(
    index: ListIndex, query: str, floor: float, defer_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = analyze_name(query)
    schemata = frozenset({"Person", "LegalEntity"})
    monkeypatch.setattr(search, "_DEFER_FROM", defer_from)
    runs = []
    for numpy_from, name_cost in [(10**9, 4), (0, 4), (0, 0), (0, 10**6)]:
        monkeypatch.setattr(search, "_NUMPY_FROM", numpy_from)
        monkeypatch.setattr(search, "_NAME_COST", name_cost)
        found = find_candidates([index, index], [name, name], schemata, limit=7, floor=floor)
        # names only deferred slots reach stay below the floor: which of them are listed does not matter
        reached = [(n, v) for n, v in search._score_names(index, name, floor).items() if v >= floor]
        runs.append((reached, [(c.entity, c.retrieval, c.names) for c in found]))
    assert all(run == runs[0] for run in runs)


KINDS = ["Aviation", "Bank", "Water Supply", "Energy", "Telecom", "Insurance", "Airlines", "Shipping", "Mining"]


@pytest.fixture(scope="module")
def places() -> ListIndex:
    """Many organisations of one place, one of them its ports, listed last."""
    entities = []
    for i, kind in enumerate(KINDS * 3):
        e = Entity("Company", f"o-{i}", "t", str(i))
        e.add("name", f"Tavria {kind} {'Company' if i % 2 else 'Enterprise'} {i}")
        entities.append(e)
    ports = Entity("Company", "ports", "t", "ports")
    ports.add("name", "TAVRIA PORTS")
    entities.append(ports)
    return build_index("t", 1, entities)


@pytest.mark.parametrize("query", ["Tavria Ports", "Tavria Sea Ports", "Таврия порты", "State Enterprise Tavria Porty"])
def test_an_industry_word_ranks_the_name_that_holds_it(places: ListIndex, query: str) -> None:
    names = [analyze_name(query, "Company")]
    found = find_candidates([places], names, frozenset({"Company"}), limit=5)
    assert "ports" in [places.entity_id(c.entity) for c in found]
    assert all(0.0 <= c.retrieval <= 1.0 for c in found)


def test_industry_words_reach_no_name_alone(places: ListIndex) -> None:
    """A word of the name never reaches the names holding an industry word, nor does the word alone."""
    names = [analyze_name("Zzyzx Ports", "Company")]
    assert [places.entity_id(c.entity) for c in find_candidates([places], names, frozenset({"Company"}))] == []


def test_frozen_weights_rank_industry_words_too(places: ListIndex) -> None:
    """With a version's frozen word weights (monitoring), an industry word weighs its frozen weight."""
    from embargo.index.rarity import Rarity

    names = [analyze_name("Tavrya Ports", "Company")]  # a typo: not found by its exact words
    frozen = Rarity.of(places)
    found = find_candidates([places], names, frozenset({"Company"}), limit=5, rarity={"t": frozen})
    assert "ports" in [places.entity_id(c.entity) for c in found]
    # a version in which the word weighed nothing ranks nothing by it
    weightless = Rarity({**frozen.weights, "#ports": 0.0}, frozen.top)
    found = find_candidates([places], names, frozenset({"Company"}), limit=5, rarity={"t": weightless})
    assert "ports" not in [places.entity_id(c.entity) for c in found]


@pytest.fixture(scope="module")
def acronyms() -> ListIndex:
    """Bodies listed under an acronym or under the words one abbreviates, among others sharing no word."""
    listed = {
        "short": "AKTSIONERNOE OBSHCHESTVO KVT",
        "long": "OTKRYTOE AKTSIONERNOE OBSHCHESTVO ZELENODOLSKOE NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE",
        "mixed": "ZELENODOLSKOE NPP OAO",
        "other": "Kuznetsk Valve Trading Bureau",
        "skipping": "Volga Bank of Trade",
    }
    entities = []
    for key, name in listed.items():
        e = Entity("Company", key, "t", key)
        e.add("name", name)
        entities.append(e)
    return build_index("t", 1, entities)


@pytest.mark.parametrize(
    ("query", "reached"),
    [
        ("JSC ZNPP", {"long", "mixed"}),  # an acronym finds the words it stands for
        ("Kompaniya Vysokikh Tekhnologiy", {"short"}),  # and words find the acronym that stands for them
        ("VBT Ltd", {"skipping"}),  # the initials scoring reads: "of" after the first word left out
    ],
)
def test_an_acronym_meets_its_words(acronyms: ListIndex, query: str, reached: set[str]) -> None:
    names = [analyze_name(query, "Company")]
    found = {acronyms.entity_id(c.entity) for c in find_candidates([acronyms], names, frozenset({"Company"}))}
    assert reached <= found, found


def test_initials_do_not_meet_initials(acronyms: ListIndex) -> None:
    """Two names of several words whose initials agree are not acronyms of each other."""
    from embargo.index.keys import acronym_keys

    query = acronym_keys(analyze_name("Kalinin Vagon Trust", "Company"), query=True)
    listed = acronym_keys(analyze_name("Kuznetsk Valve Trading Bureau", "Company"), query=False)
    assert query == ("acro:kvt",)
    assert not set(query) & set(listed)


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("OOO Promtekhmontazh", "PTM LLC"),  # the acronym finds the compound name
        ("PTM OOO", "ООО «Промтехмонтаж»"),  # and the compound name the acronym
    ],
)
def test_a_compound_name_meets_the_initials_of_its_parts(listed: str, query: str) -> None:
    """Промтехмонтаж is пром + тех + монтаж: ПТМ, as SGM is Stroygazmontazh."""
    e = Entity("Company", "ptm", "t", "ptm")
    e.add("name", listed)
    other = Entity("Company", "other", "t", "other")
    other.add("name", "Polar Trading Marine")
    index = build_index("t", 1, [e, other])
    found = find_candidates([index], [analyze_name(query, "Company")], frozenset({"Company"}))
    assert "ptm" in [index.entity_id(c.entity) for c in found]


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("POLARCAPITALBANK, OAO", "Polar Capital Bank"),  # the query apart, the list as one word
        ("Polar Capital Bank", "POLARCAPITALBANK"),  # and the other way round
        ("PZMBANK OOO", "PZM Bank LLC"),
        ("Polarinvest Kholding Severnyy Filial", "Polar Invest Kholding Severnyy Filial"),  # inside a longer name
    ],
)
def test_words_written_as_one_meet_the_words_apart(listed: str, query: str) -> None:
    e = Entity("Company", "joined", "t", "joined")
    e.add("name", listed)
    others = []
    for i, name in enumerate(("Polar Trading", "Capital Invest Group", "Bank of the North", "Kholding Filial Group")):
        other = Entity("Company", f"o{i}", "t", f"o{i}")
        other.add("name", name)
        others.append(other)
    index = build_index("t", 1, [e, *others])
    found = find_candidates([index], [analyze_name(query, "Company")], frozenset({"Company"}), limit=2)
    assert "joined" in [index.entity_id(c.entity) for c in found]


@pytest.fixture(scope="module")
def refinery() -> ListIndex:
    """One refinery listed under its English name and under a spelling of its Russian acronym with a slip."""
    e = Entity("Company", "kazan", "t", "kazan")
    e.add("name", "OJSC KAZAN REFINERY")
    e.add("alias", "OAO KNPS")
    return build_index("t", 1, [e])


def test_a_trade_acronym_meets_the_english_name() -> None:
    """КНПЗ is the Kazan НПЗ (нефтеперерабатывающий завод): its key meets the English name's."""
    e = Entity("Company", "kazan", "t", "kazan")
    e.add("name", "OJSC KAZAN OIL REFINERY")
    index = build_index("t", 1, [e])
    names = [analyze_name("АО «КНПЗ»", "Company")]
    found = find_candidates([index], names, frozenset({"Company"}))
    assert [index.entity_id(c.entity) for c in found] == ["kazan"]


def test_a_key_brings_every_name_of_an_entity_found_by_words(refinery: ListIndex) -> None:
    """Found by its words through one name (KNPS) and by the acronym key through another, the entity
    is scored on all of its names, so the name the key met is among them."""
    names = [analyze_name("АО «КНПЗ»", "Company")]
    (found,) = find_candidates([refinery], names, frozenset({"Company"}))
    assert {refinery.name(n).original for n in found.names} == {"OJSC KAZAN REFINERY", "OAO KNPS"}
