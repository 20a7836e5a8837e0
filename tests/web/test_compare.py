"""What the review page shows, from an alert's stored explanation: marked tokens, facts, names by script."""

from __future__ import annotations

import pytest

from embargo.model import Entity
from embargo.web.compare import agreement, fact_rows, marked, name_tokens, names_by_script

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
    assert rows["Nationality / country"].customer == ["lb", "fr"] and rows["Identifiers"].listed == ["042833"]


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
        ("Latin", [{"name": "Hasan NASRALLAH", "kind": "name", "lang": None}])
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
