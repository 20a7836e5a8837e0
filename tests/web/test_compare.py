"""What the review page shows, from an alert's stored explanation: marked tokens, facts, names by script."""

from __future__ import annotations

import pytest

from embargo.model import Entity
from embargo.web.compare import (
    STATE_WORDS,
    agreement,
    fact_rows,
    latin_reading,
    marked,
    matched_alias,
    name_tokens,
    names_by_script,
    queue_facts,
)

EXPLANATION = [
    {
        "feature": "name",
        "score": 0.98,
        "tokens": [
            {"query": "Hassan", "listed": "Hasan", "similarity": 0.975, "reason": "phonetic"},
            {"query": "Nasrallah", "listed": "NASRALLAH", "similarity": 1.0, "reason": "same"},
            {"query": "Abd", "listed": None, "similarity": 0.0, "reason": "unmatched"},
        ],
    },
    {"feature": "birth_date", "score": 0.08, "detail": "exact"},
    {"feature": "country", "score": -0.05, "detail": "no country in common"},
    {"feature": "gender", "score": 0.0, "detail": "same gender (male)"},
]


@pytest.mark.parametrize(
    ("name", "tokens", "expected"),
    [
        ("NASRALLAH, Hasan", ["Hasan", "NASRALLAH"], [("NASRALLAH", True), (", ", False), ("Hasan", True)]),
        ("Hassan Abd", ["hassan"], [("Hassan", True), (" ", False), ("Abd", False)]),
        ("Лукашенко А.", ["ЛУКАШЕНКО"], [("Лукашенко", True), (" ", False), ("А", False), (".", False)]),
        ("", ["x"], []),
    ],
)
def test_marked(name: str, tokens: list[str], expected: list[tuple[str, bool]]) -> None:
    assert marked(name, tokens) == expected
    assert "".join(text for text, _ in marked(name, tokens)) == name  # nothing lost or added


def test_facts_as_the_matcher_judged_them() -> None:
    assert [t["query"] for t in name_tokens(EXPLANATION)] == ["Hassan", "Nasrallah", "Abd"]
    assert agreement(EXPLANATION)["country"] == ("conflict", "no country in common")
    customer = {"birth_dates": ["1960-08-31"], "nationalities": ["lb"], "countries": ["fr"], "gender": "male"}
    listed = {"birth_dates": ["1960-08-31"], "countries": ["sy"], "identifiers": ["042833"], "gender": "male"}
    rows = {r.label: r for r in fact_rows(customer, listed, EXPLANATION)}
    assert [(label, r.state) for label, r in rows.items()] == [
        ("Date of birth", "agree"),
        ("Nationality / country", "conflict"),
        ("Identifiers", "unknown"),
        ("Gender", "neutral"),
    ]
    assert rows["Nationality / country"].customer == ["lb", "fr"]
    assert rows["Identifiers"].listed == ["id number 042833"]  # with its kind, read from its form here


def test_names_by_script_latin_first() -> None:
    entity = Entity("Person", "x-1")
    entity.add("name", "Aliaksandr LUKASHENKA")
    entity.add("alias", "Аляксандр ЛУКАШЭНКА", lang="be")
    entity.add("alias", "Александр Лукашенко", lang="ru")
    entity.add("alias", "ألكسندر لوكاشينكو")
    groups = dict(names_by_script(entity, {}))
    assert list(groups) == ["Latin", "Arabic", "Cyrillic"]
    assert [(n["name"], n["lang"]) for n in groups["Cyrillic"]] == [
        ("Аляксандр ЛУКАШЭНКА", "be"),
        ("Александр Лукашенко", "ru"),
    ]
    # An entity no longer in the store: the names the alert kept.
    assert names_by_script(None, {"name": ["Hasan NASRALLAH"]}) == [
        ("Latin", [{"name": "Hasan NASRALLAH", "kind": "name", "lang": None, "latin": None}])
    ]


def test_a_birth_date_that_differs_never_agrees() -> None:
    """1971-05-17 against 1970-04-12 was "one year apart" and showed as agreeing (+0.024): now the matcher
    gives it nothing, and the page calls it compared, also for an alert an older algorithm scored."""
    from embargo.matching import Query
    from embargo.matching.features import ListedFacts, birth_date

    feature = birth_date(
        Query.build(["x"], birth_dates=["1971-05-17"]), ListedFacts("Person", birth_dates=("1970-04-12",))
    )
    assert feature is not None and feature.delta == 0.0 and feature.detail.endswith("one year apart")
    older = [
        {
            "feature": "birth_date",
            "score": 0.024,
            "detail": "birth date 1971-05-17 vs listed 1970-04-12: one year apart",
        }
    ]
    assert agreement(older)["birth_date"][0] == "neutral"
    same = [{"feature": "birth_date", "score": 0.08, "detail": "birth date 1971-05-17 vs listed 1971-05-17: exact"}]
    assert agreement(same)["birth_date"][0] == "agree"


def test_queue_facts_read_as_the_review_page_reads_them() -> None:
    """The queue's three columns are the review page's rows, in words: agrees / differs / compared / not given."""
    customer = {"birth_dates": ["1960-08-31"], "nationalities": ["lb"], "countries": ["fr"], "gender": "male"}
    listed = {"birth_dates": ["1960-08-31"], "countries": ["sy"], "identifiers": ["042833"], "gender": "male"}
    facts = queue_facts(customer, listed, EXPLANATION)
    assert [(f.feature, f.state, f.word) for f in facts] == [
        ("birth_date", "agree", "agrees"),
        ("country", "conflict", "differs"),
        ("identifier", "unknown", "not given"),  # the customer gives none
    ]
    page = {r.feature: r for r in fact_rows(customer, listed, EXPLANATION)}
    assert all(page[f.feature] == f for f in facts)
    neutral = [
        {"feature": "birth_date", "score": 0.0, "detail": "birth date 1971-05-17 vs listed 1971-04-12: same year"}
    ]
    assert queue_facts({"birth_dates": ["1971-05-17"]}, {"birth_dates": ["1971-04-12"]}, neutral)[0].word == "compared"
    # both sides give one, the explanation says nothing (an older algorithm's alert): not "not given"
    assert queue_facts({"id_numbers": ["A1"]}, {"identifiers": ["B2"]}, [])[2].word == "not compared"
    assert STATE_WORDS["conflict"] == "differs"


def test_listed_facts_typed_from_the_entity() -> None:
    entity = Entity("Person", "x-2")
    entity.add("passportNumber", "N1234567")
    entity.add("idNumber", "IMO 9187655")
    entity.add("position", "President of Belarus")
    entity.add("birthPlace", "Kopys, Vitebsk region")
    rows = {r.label: r for r in fact_rows({}, {"identifiers": ["N1234567"]}, [], entity)}
    assert rows["Identifiers"].listed == ["passport number N1234567", "IMO 9187655"]
    assert rows["Position"].listed == ["President of Belarus"] and rows["Position"].state == ""
    assert rows["Place of birth"].listed == ["Kopys, Vitebsk region"] and rows["Place of birth"].word == ""
    # without the entity (no longer stored), no position row, and identifiers typed by their form
    rows = {r.label: r for r in fact_rows({}, {"identifiers": ["IMO9187655"]}, [])}
    assert "Position" not in rows and rows["Identifiers"].listed == ["IMO 9187655"]


def test_matched_alias() -> None:
    names = {"name": ["LUKASHENKA, Alyaksandr"], "alias": ["LUKASHENKO, Aleksandr"], "previousName": ["X Y"]}
    assert matched_alias("LUKASHENKA, Alyaksandr", "LUKASHENKA, Alyaksandr", names) is None
    assert matched_alias("LUKASHENKO, Aleksandr", "LUKASHENKA, Alyaksandr", names) == ("alias", "LUKASHENKO, Aleksandr")
    assert matched_alias("X Y", "LUKASHENKA, Alyaksandr", names) == ("previous name", "X Y")
    assert matched_alias("Z", "LUKASHENKA, Alyaksandr", {}) == ("name", "Z")


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Александр Лукашенко", None, "Aleksandr Lukashenko"),
        ("Аляксандр ЛУКАШЭНКА", "be", "Alyaksandr Lukashenka"),
        ("Hasan NASRALLAH", None, None),  # Latin: nothing to read
        ("Müller", None, None),
        ("12345", None, None),
    ],
)
def test_latin_reading(name: str, lang: str | None, expected: str | None) -> None:
    assert latin_reading(name, lang) == expected


def test_every_non_latin_name_has_a_reading() -> None:
    entity = Entity("Person", "x-3")
    entity.add("name", "Kim Jong Un")
    entity.add("alias", "김정은")
    entity.add("alias", "金正恩")
    entity.add("alias", "كيم جونغ أون")
    for script, names in names_by_script(entity, {}):
        for n in names:
            assert (n["latin"] is None) == (script == "Latin"), n
