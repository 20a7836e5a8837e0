"""Organisation names met through their core (:mod:`embargo.names.org_structure`, ``._org_rules``).

Invented names in the official styles: a core match scores a little below the whole
name, and descriptions naming other lines of business or other places take it down.
"""

from __future__ import annotations

import pytest

from embargo.matching import DEFAULT_THRESHOLD
from embargo.matching._org_rules import CORE_ONLY, core_factor, core_score
from embargo.matching.algorithm import best_name_match
from embargo.matching.alignment import TokenPair, compare_analyzed
from embargo.names import Token, analyze_name
from embargo.names.org_structure import core_names


def _score(query: str, listed: str, schema: str = "Company") -> float:
    """The name score screening gives: the query and its core readings against the listed name."""
    q = [analyze_name(query, schema), *core_names(query, schema)]
    match = best_name_match(q, [analyze_name(listed, schema)])
    return 0.0 if match is None else match.score


#: (query, listed, low, high): the name score must fall in [low, high).
CASES: list[tuple[str, str, float, float]] = [
    # the long official description around a quoted core meets the short name
    ("State Unitary Enterprise of the Republic of Tavria 'Tavria Ports'", "TAVRIA PORTS", DEFAULT_THRESHOLD, 0.96),
    ("Судостроительный завод ‘Восток’", "VOSTOK SHIPYARD LLC", DEFAULT_THRESHOLD, 0.96),
    (
        "Научно-производственное объединение ‘Гранит’",
        "STATE RESEARCH AND PRODUCTION ENTERPRISE GRANIT",
        DEFAULT_THRESHOLD,
        0.96,
    ),
    ("ОАО НПО ‘Гранит’", "FSUE GRANIT", DEFAULT_THRESHOLD, 0.96),
    (
        "Federal State Budgetary Institution 'All-Russia Institute of Hops “Khmelnik” Academy of Sciences'",
        "STATE ENTERPRISE KHMELNIK OF THE INSTITUTE OF HOPS",
        DEFAULT_THRESHOLD,
        0.96,
    ),
    ("JSC Concern Orion Radio Systems (KORS)", "KORS", DEFAULT_THRESHOLD, 0.96),
    # the owner's quote is no core: the last quote is ("'Republic of Tavria' 'Tavria-Avia'")
    (
        "State Unitary Enterprise of the ‘Republic of Tavria’‘Tavria-Avia’",
        "STATE ENTERPRISE TAVRIA-AVIA",
        DEFAULT_THRESHOLD,
        0.96,
    ),
    # two names in one: the name and, in parentheses, its short form
    ("OAO ‘VO Polarexport’ (OAO ‘VO PEX’)", "VO POLAREXPORT, OAO", DEFAULT_THRESHOLD, 1.01),
    ("OOO ‘VO Polarexport’ (OOO ‘VO PEX’)", "OOO VO PEX", DEFAULT_THRESHOLD, 1.01),
    ("Polarmontazh-Most OOO (PM-Most OOO)", "PM MOST OOO", DEFAULT_THRESHOLD, 1.01),
    # an English abbreviation of an OKOPF institution is description, not name
    ("VIT Polar FSAI", "FGAU VIT POLAR", DEFAULT_THRESHOLD, 1.01),
    # a name said twice, long and short legal form
    ("Акционерное общество ‘ПОЛЯРИС’ АО ‘ПОЛЯРИС’", "AKTSIONERNOE OBSHCHESTVO POLYARIS", DEFAULT_THRESHOLD, 1.01),
    # translated: an ordinal and the kind of business in romanized Russian meet their English words
    ("First Siberian Insurance Company", "OOO 'SIBIRSKAYA PERVAYA STRAKHOVAYA KOMPANIYA'", DEFAULT_THRESHOLD, 1.01),
    ("Second Ural Oil Company", "VTORAYA URALSKAYA NEFTYANAYA KOMPANIYA", DEFAULT_THRESHOLD, 1.01),
    # ... and another number is another company
    ("First Siberian Insurance Company", "OOO 'SIBIRSKAYA VTORAYA STRAKHOVAYA KOMPANIYA'", 0.0, DEFAULT_THRESHOLD),
    # a core of one word agrees only written the same: a near spelling stays below the threshold
    ("Судостроительный завод ‘Восток’", "VOSTOG", 0.0, DEFAULT_THRESHOLD),
    # different lines of business, one core
    ("Bank 'Vostok'", "VOSTOK SHIPYARD", 0.0, DEFAULT_THRESHOLD),
    # the whole name still scores as before
    ("Vostok Shipyard LLC", "VOSTOK SHIPYARD LLC", 0.99, 1.01),
    # a one-word core in two romanization schemes is one word, not a near spelling
    ("NPO Avtomatostroyeniya", "VPK NPO AVTOMATOSTROENIYA", DEFAULT_THRESHOLD, 1.01),
    ("NPO Avtomatostroyeniya", "MIC NPO AVTOMATOSTROENIA JSC", DEFAULT_THRESHOLD, 1.01),
    # military-industrial, defence and innovation words are description in every language
    ("Военно-промышленная корпорация ‘Полярмаш’", "VPK POLYARMASH", DEFAULT_THRESHOLD, 1.01),
    ("Военный инновационный технопарк ‘Полюс’", "MILITARY INNOVATIVE TECHNOPARK POLYUS", DEFAULT_THRESHOLD, 1.01),
    # a slash between two names of one body
    ("ПЗБ/Полярзолотобанк", "POLYARZOLOTOBANK", DEFAULT_THRESHOLD, 1.01),
    ("Polarzoloto Bank / PZB", "PZB", DEFAULT_THRESHOLD, 1.01),
    # a legal form romanized in another scheme, or with a slip, is still the legal form
    (
        "Общество с ограниченной ответственностью ‘Полярэкспорт’",
        "OBSCHESTVO S OGRANICHENNOI OTVESTVENNOSTYU POLYAREKSPORT",
        DEFAULT_THRESHOLD,
        1.01,
    ),
    ("Акционерное общество ‘Полярэкспорт’", "AKTSIONERNOYE OBSHCHESTVO POLYAREKSPORT", DEFAULT_THRESHOLD, 1.01),
    # ... and another legal form stays another company
    (
        "Открытое акционерное общество ‘Полярэкспорт’",
        "OBSCHESTVO S OGRANICHENNOI OTVESTVENNOSTYU POLYAREKSPORT",
        0.0,
        DEFAULT_THRESHOLD,
    ),
]


@pytest.mark.parametrize(("query", "listed", "low", "high"), CASES)
def test_core_score_band(query: str, listed: str, low: float, high: float) -> None:
    assert low <= _score(query, listed) < high


def test_core_match_ranks_below_the_whole_name() -> None:
    whole = _score("Vostok Shipyard", "VOSTOK SHIPYARD")
    core = _score("Судостроительный завод ‘Восток’", "VOSTOK SHIPYARD")
    assert core < whole
    assert core == pytest.approx(CORE_ONLY, abs=0.05)


def test_places_that_differ_lower_a_core_match() -> None:
    same = core_names("State Unitary Enterprise of the Republic of Belarus 'Vostok Docks'", "Company")[0]
    other = core_names("Municipal Unitary Enterprise of the City of Moscow 'Vostok Docks'", "Company")[0]
    assert core_factor(same, same) == pytest.approx(CORE_ONLY)
    assert core_factor(same, other) < CORE_ONLY
    assert compare_analyzed(same, other).score * core_factor(same, other) < DEFAULT_THRESHOLD


def test_no_core_no_factor() -> None:
    a, b = analyze_name("Vostok Shipyard", "Company"), analyze_name("Vostok LLC", "Company")
    assert core_factor(a, b) == 1.0


def test_one_word_core_by_typo_is_capped() -> None:
    token = Token("vostok", "Vostok", "unknown", "FSTK", frozenset())
    near = Token("vostog", "Vostog", "unknown", "FSTK", frozenset())
    assert core_score(1.0, CORE_ONLY, [TokenPair(token, token, 1.0, "same")]) == pytest.approx(CORE_ONLY)
    assert core_score(1.0, CORE_ONLY, [TokenPair(token, near, 0.9, "typo")]) < DEFAULT_THRESHOLD


def test_person_queries_have_no_core() -> None:
    q = analyze_name("Ivan Petrov", "Person")
    match = best_name_match([q], [analyze_name("Ivan Petrov", "Person")])
    assert match is not None
    assert match.score == pytest.approx(1.0)


#: An acronym meets the words it abbreviates only when every letter agrees.
ACRONYMS: list[tuple[str, str, bool]] = [
    ("CORS", "Concern Orion Radio Systems", True),
    ("CORT", "Concern Orion Radio Systems", False),
    ("CRS", "Concern Orion Radio Systems", False),
    # three letters are spelled by thousands of names: no hit on their own, whichever side holds them
    ("COR", "Concern Orion Radio", False),
    # a word in Hangul or Chinese characters spells no Latin initials
    ("네오", "New Eastern Outlook", False),
]


#: A listed acronym of up to three letters among the query's words says little too.
LISTED_ACRONYMS: list[tuple[str, str, bool]] = [
    ("Sensoy Demir Sanayi", "SDS", False),
    ("Concern Orion Radio Systems", "CORS", True),
]


@pytest.mark.parametrize(("query", "listed", "hit"), LISTED_ACRONYMS)
def test_short_listed_acronyms_need_more(query: str, listed: str, hit: bool) -> None:
    score = compare_analyzed(analyze_name(query, "Company"), analyze_name(listed, "Company")).score
    assert (score >= DEFAULT_THRESHOLD) is hit


@pytest.mark.parametrize(("query", "listed", "hit"), ACRONYMS)
def test_acronym_letters_agree_exactly(query: str, listed: str, hit: bool) -> None:
    score = compare_analyzed(analyze_name(query, "Company"), analyze_name(listed, "Company")).score
    assert (score >= DEFAULT_THRESHOLD) is hit


def _screen_score(query: str, listed: str, schema: str = "Company") -> float:
    """The name score screening gives, with every query reading screening makes."""
    from embargo.matching import Query
    from embargo.screening.screener import analyze_query

    match = best_name_match(analyze_query(Query(names=(query,), schema=schema)), [analyze_name(listed, schema)])
    return 0.0 if match is None else match.score


#: (query, listed, hit?): a query read without its named-after clause meets a listed name that has none,
#: never one named after someone else
NAMED_AFTER: list[tuple[str, str, bool]] = [
    ("АО «Конструкторское бюро точного машиностроения им. академика П.П. Петрова»",
     "KONSTRUKTORSKOE BYURO TOCHNOGO MASHINOSTROENIYA OAO", True),
    ("JSC Vega Design Bureau named after Academician P.P. Petrov", "VEGA DESIGN BUREAU", True),
    ("АО «Конструкторское бюро точного машиностроения им. академика П.П. Петрова»",
     "KONSTRUKTORSKOE BYURO TOCHNOGO MASHINOSTROENIYA IMENI A.A. SIDOROVA", False),
    ("JSC Vega Design Bureau named after Academician P.P. Petrov",
     "JSC Vega Design Bureau named after Academician I.I. Sidorov", False),
]  # fmt: skip


@pytest.mark.parametrize(("query", "listed", "hit"), NAMED_AFTER)
def test_named_after_clause_may_be_left_out(query: str, listed: str, hit: bool) -> None:
    assert (_screen_score(query, listed) >= DEFAULT_THRESHOLD) is hit


def test_named_after_reading_is_for_queries_only() -> None:
    from embargo.names.org_structure import NAMED_AFTER_MARK, without_named_after

    name = "JSC Vega Design Bureau named after Academician P.P. Petrov"
    reading = without_named_after(name, "Company")
    assert reading is not None and reading.removed[1] == NAMED_AFTER_MARK
    assert [t.text for t in reading.tokens] == ["jsc", "vega", "design", "bureau"]
    assert all(NAMED_AFTER_MARK not in c.removed for c in core_names(name, "Company"))
    assert without_named_after("Vega Design Bureau", "Company") is None
    assert without_named_after("Ivan Petrov named after his father", "Person") is None


#: (query, listed, hit?): adjectives of place, industry words and two-word phrases in translation
TRANSLATED: list[tuple[str, str, bool]] = [
    ("Пермские морские порты", "PERM SEA PORTS", True),
    ("Омская железная дорога", "OMSK RAILWAY", True),
    ("Омская железная дорога", "OMSK PORTS", False),
    ("Orenburgskiy Neftepererabatyvayushchiy Zavod", "ORENBURG REFINERY", True),
    ("Orenburgskiy Neftepererabatyvayushchiy Zavod", "ORSK REFINERY", False),
    ("Permskiye Avtomobili", "PERM AUTOMOBILES", True),
    ("Permskiye Avtomobili", "PERM MACHINES", False),
    # a word of description (sea, making) or a function word another list leaves out weighs little
    ("Пермские морские порты", "PERM PORTS", True),
    ("JSC Design Bureau of Gyroscope-Making", "GYROSCOPE DESIGN BUREAU", True),
    # a word of the company's kind keeps its weight
    ("Perm Ports Holding Company", "PERM PORTS", True),
    ("Perm Ports Trading Corporation", "PERM RAILWAY", False),
]


@pytest.mark.parametrize(("query", "listed", "hit"), TRANSLATED)
def test_translated_organisation_names(query: str, listed: str, hit: bool) -> None:
    assert (_screen_score(query, listed) >= DEFAULT_THRESHOLD) is hit


def test_a_surname_in_sky_is_no_place() -> None:
    assert _screen_score("Ivan Permskiy", "Ivan Perm", "Person") < DEFAULT_THRESHOLD
