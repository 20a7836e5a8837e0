"""Organisation names as structure: legal form, descriptor, core, named-after clause, qualifiers.

Invented names written in the official styles of the lists (not taken from them).
"""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.org_structure import (
    CORE_MARK,
    core_names,
    core_reading,
    descriptor_symbols,
    is_core_reading,
    parse_org_name,
    slash_alternates,
    with_cores,
)

#: (name, core, named_after) as parse_org_name reads them (core and clause folded).
CASES: list[tuple[str, str, str]] = [
    # a quoted core, any quote style, nested
    ("State Unitary Enterprise of the Republic of Tavria 'Tavria Sea Ports'", "tavria sea ports", ""),
    ("‘State Unitary Enterprise of the Tavrian Republic ‘Tavrian River Docks’’", "tavrian river docks", ""),
    ("Federal State Budgetary Institution ‘All-Russia research institute for hops “Khmelnik” Academy’", "khmelnik", ""),
    ("АО «Конструкторское бюро «Стрела»»", "стрела", ""),
    ("ООО „Северный ветер“", "северный ветер", ""),
    ('Joint Stock Company "Orion Optics"', "orion optics", ""),
    ("Концерн ‹Горизонт›", "горизонт", ""),
    # no quotes: descriptor words and legal forms at either end come off
    ("Vostok Shipyard LLC", "vostok", ""),
    ("Судостроительный завод Восток", "восток", ""),
    ("Sudostroitelny Zavod Vostok", "vostok", ""),
    ("NPO Granit", "granit", ""),
    ("Research and Production Association Granit", "granit", ""),
    ("Державне підприємство Граніт", "граніт", ""),
    ("Mekhanicheskiy Zavod Iskra", "iskra", ""),
    # a named-after clause is set apart
    ("JSC Design Bureau Strela named after Academician P.P. Petrov", "strela", "named after academician pp petrov"),
    ("АО ‘Конструкторское бюро Стрела имени академика П.П. Петрова’", "стрела", "имени академика пп петрова"),
    # an owner or place qualifier is set apart
    ("Vostok Institute of the Russian Academy of Sciences", "vostok", ""),
    # a quote that names the owner or place is no core, whether or not a space parts it from the next quote
    ("State Unitary Enterprise of the ‘Republic of Tavria’ ‘Tavria-Avia’", "tavria avia", ""),
    ("State Unitary Enterprise of the ‘Republic of Tavria’‘Tavria-Avia’", "tavria avia", ""),
    ("Государственное унитарное предприятие ‘Республики Таврия’ ‘Таврия-Авиа’", "таврия авиа", ""),
    ("Enterprise of the 'Northern Trust' 'Polar Docks'", "polar docks", ""),
    # English and Russian abbreviations of OKOPF institutions and associations come off the core
    ("VIT Polar FSAI", "vit polar", ""),
    ("ФГАУ «Полярный технополис»", "полярный технополис", ""),
    ("OAO 'VO Polarexport'", "polarexport", ""),
    ("GBU Severnaya Zvezda", "severnaya zvezda", ""),
    # a name that is all description has no core
    ("State Research Institute", "", ""),
]


@pytest.mark.parametrize(("name", "core", "named_after"), CASES)
def test_parse(name: str, core: str, named_after: str) -> None:
    found = parse_org_name(name)
    assert found.core == core
    assert found.named_after == named_after


def test_parts_are_reported() -> None:
    found = parse_org_name("Federal State Unitary Enterprise of the Republic of Tavria 'Tavria Ports' (TAVPORT)")
    assert found.core == "tavria ports"
    assert found.short_name == "TAVPORT"
    assert found.qualifiers == ("of the republic of tavria",)
    assert found.distinct


def test_plain_company_names_have_no_distinct_core() -> None:
    # only a legal form around the name: nothing to add
    for name in ("Dawson Group Ltd", "ООО «Ромашка»", "Peukert GmbH & Co. KG", "Manço A.Ş.", "O'Brien PLC"):
        assert core_reading(name) is None, name


def test_core_reading_marks() -> None:
    found = core_reading("Судостроительный завод ‘Восток’")
    assert found is not None
    core, removed = found
    assert core == "восток"
    assert removed[0] == CORE_MARK
    assert "desc:domain:shipbuilding" in removed


def test_named_after_stays_with_the_core_reading() -> None:
    found = core_reading("JSC Institute of Optics named after V.V. Petrov")
    assert found is not None
    assert found[0] == "optics named after vv petrov"


def test_place_qualifiers_are_marked() -> None:
    found = core_reading("Municipal Unitary Enterprise of the City of Moscow 'Vostok Docks'")
    assert found is not None
    assert "qual:moscow" in found[1]


def test_descriptor_words_share_classes_across_languages() -> None:
    for words in (
        ("military", "voennyy", "военный", "военно-промышленная", "військовий"),
        ("defence", "defense", "oboronnyy", "оборонного", "абаронны"),
        ("innovative", "innovatsionnyy", "инновационный", "інноваційний"),
        ("plant", "zavod", "завод", "zavoda", "factory"),
        ("bureau", "byuro", "бюро"),
        ("association", "obedinenie", "obyedinenie", "объединение", "аб'яднанне"),
        ("enterprise", "predpriyatie", "предприятие", "pradpryemstva", "підприємство"),
        ("mechanical", "mekhanicheskiy", "механический", "механического"),
    ):
        classes = [descriptor_symbols(w) for w in words]
        assert all(c and c == classes[0] for c in classes), words


def test_english_stems_match_whole_words_only() -> None:
    assert descriptor_symbols("plants")
    assert not descriptor_symbols("plantronics")
    assert not descriptor_symbols("statesman")


def test_abbreviations_expand_to_their_classes() -> None:
    assert descriptor_symbols("нпо") == descriptor_symbols("npo")
    assert descriptor_symbols("впк") == descriptor_symbols("vpk") == descriptor_symbols("mic")
    assert "domain:military" in descriptor_symbols("vpk")
    assert "sym:bureau" in descriptor_symbols("okb")
    # as a word's symbols an abbreviation would be one class of three: not given
    assert not descriptor_symbols("npo", abbreviations=False)


def test_symbols_meet_across_languages() -> None:
    # Mekhanicheskiy Zavod ~ Mechanical Plant ~ механический завод share classes through the name data
    a = analyze_name("Mekhanicheskiy Zavod", "Company")
    b = analyze_name("Mechanical Plant", "Company")
    c = analyze_name("механический завод", "Company")
    for x, y, z in zip(a.tokens, b.tokens, c.tokens, strict=True):
        assert x.symbols & y.symbols & z.symbols
        assert x.tag == y.tag == z.tag == "generic"


def test_core_names_only_for_organisations() -> None:
    assert core_names("Vostok Shipyard LLC", "Person") == ()
    (core,) = core_names("Vostok Shipyard LLC", "Company")
    assert is_core_reading(core)
    assert core.original == "Vostok Shipyard LLC"
    assert [t.text for t in core.tokens] == ["vostok"]


def test_short_name_is_a_reading() -> None:
    texts = [[t.text for t in c.tokens] for c in core_names("JSC Concern Orion Radio Systems (KORS)", "Company")]
    assert ["kors"] in texts


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Polarmontazh-Most OOO (PM-Most OOO)", "PM-Most OOO"),
        ("OAO ‘VO Polarexport’ (OAO ‘VO PEX’)", "OAO ‘VO PEX’"),
        ("Northern Radio Systems Concern (NRSC)", "NRSC"),
    ],
)
def test_short_names_of_a_few_words(name: str, short: str) -> None:
    assert parse_org_name(name).short_name == short
    texts = [" ".join(t.text for t in c.tokens) for c in core_names(name, "Company")]
    # both the short name and the name without it are readings: the whole holds two names
    assert len(texts) >= 2


@pytest.mark.parametrize(
    "name",
    ["Polar Docks LLC (in liquidation)", "Polar Docks (formerly Arctic Docks)", "Polar Docks LLC (LLC)", "Polar (JSC)"],
)
def test_parentheses_that_are_no_short_name(name: str) -> None:
    assert parse_org_name(name).short_name == ""


def test_a_name_said_twice_reads_as_its_core() -> None:
    reading = core_reading("Акционерное общество ‘ПОЛЯРИС’ АО ‘ПОЛЯРИС’")
    assert reading is not None
    assert reading[0] == "полярис"
    # said once, with legal forms only around it, the name is its own reading
    assert core_reading("АО ‘ПОЛЯРИС’") is None
    # a core inside another word is not said twice ("vega" in "vegaservice")
    assert core_reading("JSC 'Vega' Vegaservice") is None


def test_with_cores_adds_each_core_once() -> None:
    names = [analyze_name(n, "Company") for n in ("Vostok Shipyard LLC", "JSC Vostok Shipyard", "Vostok")]
    out = with_cores(names)
    assert out[:3] == names
    assert len(out) == 3  # the core "vostok" is already a name


def test_never_raises_on_odd_quotes() -> None:
    for name in ("'", "«»", "‘‘’’", "A ' B", "“unclosed", "closed”", "„", "AO ''"):
        parse_org_name(name)
        core_names(name, "Company")


def test_an_abbreviation_rigour_reads_as_a_legal_form_is_still_description() -> None:
    # НПО is a research and production association here, a non-profit organisation in rigour's table
    found = core_reading("НПО ‘Полярприбор’")
    assert found is not None
    assert found[0] == "полярприбор"
    assert "desc:sym:assoc" in found[1]


@pytest.mark.parametrize(
    ("name", "sides"),
    [
        ("ПЗБ/Полярзолотобанк", ("ПЗБ", "Полярзолотобанк")),
        ("Polarzoloto Bank / PZB", ("Polarzoloto Bank", "PZB")),
        ("Alpha Trading/Beta Shipping LLC", ("Alpha Trading", "Beta Shipping LLC")),
        # an abbreviation's slash separates no names
        ("Nordhavn A/S", ()),
        ("M/V Polar Star", ()),
        ("Acme c/o Beta Ltd", ()),
        ("Co/Ltd", ()),
        # a side that is a legal form alone, or too short to name anything
        ("OOO Polar / OOO", ()),
        ("Polar/AB", ()),
        ("Polar Bank", ()),
    ],
)
def test_slash_alternates(name: str, sides: tuple[str, ...]) -> None:
    assert slash_alternates(name) == sides


def test_each_side_of_a_slash_is_a_core_reading() -> None:
    readings = core_names("ПЗБ/Полярзолотобанк", "Company")
    assert [[t.text for t in r.tokens] for r in readings] == [["pzb"], ["polyarzolotobank"]]
    assert all(is_core_reading(r) and r.original == "ПЗБ/Полярзолотобанк" for r in readings)
    assert core_names("ПЗБ/Полярзолотобанк", "Person") == ()
