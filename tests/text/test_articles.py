"""Every mention and verdict of the project's own articles (English, Russian, Belarusian, a saved page)."""

from __future__ import annotations

import pytest

from embargo.text import TextScreener
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "text"
L, N, A = "listed", "not_listed", "ambiguous"

# (surface form, resolved name, verdict), in text order.
EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "en_crackdown.txt": [
        ("Alexander Lukashenko", "Alexander Lukashenko", L),
        ("Lukashenko", "Alexander Lukashenko", L),  # surname back-reference
        ("Sviatlana Tsikhanouskaya", "Sviatlana Tsikhanouskaya", N),
        ("Ales Bialiatski", "Ales Bialiatski", N),
        ("Dzmitry Paulichenka", "Dzmitry Paulichenka", L),  # the model says ORG, the dictionary says Person
        ("Paulichenka", "Dzmitry Paulichenka", L),
        ("Sberbank", "Sberbank", L),
        # 'the Group', 'the Bank' and 'Alexander said' are not names of anyone: no mention
        ("Lukashenko", "Alexander Lukashenko", L),  # "Lukashenko's cousin"
        ("Pavel Lukashenko", "Pavel Lukashenko", N),  # a relative, not listed
    ],
    "ru_crackdown.txt": [
        ("Александр Лукашенко", "Александр Лукашенко", L),
        ("Лукашенко", "Александр Лукашенко", L),
        ("Светлана Тихановская", "Светлана Тихановская", N),
        ("Тихановской", "Светлана Тихановская", N),  # inflected back-reference
        ("Дмитрий Павличенко", "Дмитрий Павличенко", L),
        ("Павличенко", "Дмитрий Павличенко", L),
        ("Алесь Беляцкий", "Алесь Беляцкий", N),
        ("Петр Сидоренко", "Петр Сидоренко", N),
        ("Сбербанк", "Сбербанк", L),
    ],
    "be_crackdown.txt": [
        ("Аляксандр Лукашэнка", "Аляксандр Лукашэнка", L),
        ("Лукашэнкі", "Аляксандр Лукашэнка", L),  # genitive
        ("Святлана Ціханоўская", "Святлана Ціханоўская", N),
        ("Ціханоўскай", "Святлана Ціханоўская", N),
        ("Сяргей Скрыба", "Сяргей Скрыба", L),
        ("Скрыбу", "Сяргей Скрыба", L),  # accusative
        ("Алесь Бяляцкі", "Алесь Бяляцкі", N),
    ],
    "page_crackdown.html": [
        # Only the article: the cookie banner, menu, related stories, 'Read more' and donation appeal
        # name Sberbank, Viktar Lukashenko, Yuri Chorny, Alexander Lukashenko and Inter Tobacco, all listed.
        ("Belarusian State Economic University", "Belarusian State Economic University", N),
        ("Siarhei Skryba", "Siarhei Skryba", L),
        ("Skryba", "Siarhei Skryba", L),
        ("Maria Ivanova", "Maria Ivanova", N),
        ("Nasta Loika", "Nasta Loika", N),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_mention_and_verdict(text_screener: TextScreener, name: str) -> None:
    report = text_screener.screen((ARTICLES / name).read_text(encoding="utf-8"))
    got = [(r.mention.text, r.mention.resolved, r.verdict) for r in report.mentions]
    assert got == EXPECTED[name]
    for r in report.mentions:
        assert report.text[r.mention.start : r.mention.end] == r.mention.text
        if r.verdict == L:
            assert r.hits and r.hits[0]["designations"], r.mention.text


def test_listed_hits_name_the_entity_and_designation(text_screener: TextScreener) -> None:
    report = text_screener.screen("Dzmitry Paulichenka was seen in Minsk.")
    (r,) = report.mentions
    top = r.hits[0]
    assert top["entity_id"] == "eu-fsf-2178" and top["score"] >= 0.85
    assert top["designations"][0]["authority"] and top["designations"][0]["program"] == "BLR"


TRAPS = [
    ("Alexander said the talks would go on.", []),  # a given name alone
    ("The Group and the Bank declined to comment.", []),  # generic words of listed companies
    ("Protesters gathered in Minsk on Sunday.", []),  # a city
    ("His cousin Pavel Lukashenko was not charged.", [("Pavel Lukashenko", N)]),  # same surname, other given name
    ("Lukashenko spoke.", [("Lukashenko", A)]),  # a surname alone, no full name before: which Lukashenko?
    (
        "Viktar Lukashenko and Alexander Lukashenko arrived. Lukashenko spoke.",
        [
            ("Viktar Lukashenko", L),
            ("Alexander Lukashenko", L),
            ("Lukashenko", L),  # two listed Lukashenkos before: which is unclear, but each is listed
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TRAPS)
def test_traps(text_screener: TextScreener, text: str, expected: list[tuple[str, str]]) -> None:
    report = text_screener.screen(text)
    assert [(r.mention.text, r.verdict) for r in report.mentions] == expected
