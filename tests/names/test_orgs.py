"""Organization and object names: legal forms, abbreviations, generic words."""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.orgs import (
    is_roman_numeral,
    join_acronyms,
    legal_forms,
    roman_value,
    spelled_initials,
    split_legal_suffix,
    trade_initials,
)

# (name, schema, [(token text, tag)])
ORG_CASES = [
    ("Polmex Sp. z o.o.", "Company", [("polmex", "unknown"), ("spzoo", "legal_form")]),
    ("Nordhavn A/S", "Company", [("nordhavn", "unknown"), ("as", "legal_form")]),
    (
        "Vostok Fund II Inc",
        "Company",
        [("vostok", "unknown"), ("fund", "generic"), ("ii", "number"), ("inc", "legal_form")],
    ),
    ("Brigade Forty-Two", "Organization", [("brigade", "generic"), ("42", "number")]),
    ("OOO Romashka", "Company", [("ooo", "legal_form"), ("romashka", "unknown")]),
    ("Romashka LLC", "Company", [("romashka", "unknown"), ("llc", "legal_form")]),
    ("Romashka Limited Liability Company", "Company", [("romashka", "unknown"), ("llc", "legal_form")]),
    ("ООО «Ромашка»", "Company", [("ooo", "legal_form"), ("romashka", "unknown")]),
    ("Общество с ограниченной ответственностью „Ромашка“", "Company", [("ooo", "legal_form"), ("romashka", "unknown")]),
    ("ZAO Almaz", "Company", [("zao", "legal_form"), ("almaz", "unknown")]),
    ("AO Almaz-Antey", "Company", [("ao", "legal_form"), ("almaz", "unknown"), ("antey", "unknown")]),
    ("PAO Sberbank", "Company", [("pao", "legal_form"), ("sberbank", "unknown")]),
    ("Siemens GmbH", "Company", [("siemens", "unknown"), ("gmbh", "legal_form")]),
    ("Acme Trading Co., Ltd.", "Company", [("acme", "unknown"), ("trading", "generic"), ("coltd", "legal_form")]),
    ("Grupo X S.A. de C.V.", "Company", [("grupo", "generic"), ("x", "initial"), ("sacv", "legal_form")]),
    ("Joint Stock Company Rosoboronexport", "Company", [("jsc", "legal_form"), ("rosoboronexport", "unknown")]),
    # abbreviations expanded to their word, which is generic
    (
        "BANK MELLI IRAN INTL TRADING COMP",
        "Organization",
        [
            ("bank", "generic"),
            ("melli", "unknown"),
            ("iran", "unknown"),
            ("international", "generic"),
            ("trading", "generic"),
            ("company", "generic"),
        ],
    ),
    (
        "Acme Hldgs Grp Int'l Mfg Co",
        "Company",
        [
            ("acme", "unknown"),
            ("holdings", "generic"),
            ("group", "generic"),
            ("international", "generic"),
            ("manufacturing", "generic"),
            ("company", "generic"),
        ],
    ),
    (
        "The Bank of Kunlun",
        "Organization",
        [("the", "generic"), ("bank", "generic"), ("of", "generic"), ("kunlun", "unknown")],
    ),
    # short legal forms only at either end: "AS" inside a name is a word
    ("AS Group", "Company", [("as", "legal_form"), ("group", "generic")]),
    ("Made As New Ltd", "Company", [("made", "unknown"), ("as", "generic"), ("new", "unknown"), ("ltd", "legal_form")]),
    # single organizations that rigour files as a "domain" keep their weight
    (
        "Al-Qaida in the Islamic Maghreb",
        "Organization",
        [
            ("al", "generic"),
            ("qaida", "unknown"),
            ("in", "generic"),
            ("the", "generic"),
            ("islamic", "generic"),
            ("maghreb", "unknown"),
        ],
    ),
    # CJK legal forms written inside the word
    (
        "長安海連技術有限公司",
        "Company",
        [
            ("zhang", "unknown"),
            ("an", "unknown"),
            ("hai", "unknown"),
            ("lian", "unknown"),
            ("ji", "unknown"),
            ("shu", "unknown"),
            ("ltd", "legal_form"),
        ],
    ),
    # objects: vessel prefixes removed, numbers kept
    ("M/V Sea Star 3", "Vessel", [("sea", "unknown"), ("star", "unknown"), ("3", "number")]),
    ("MV", "Vessel", [("mv", "unknown")]),
]


@pytest.mark.parametrize(("name", "schema", "expected"), ORG_CASES)
def test_org_tokens(name: str, schema: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.tag) for t in analyze_name(name, schema).tokens] == expected


def test_ooo_meets_llc() -> None:
    ooo = analyze_name("OOO Romashka", "Company").tokens[0]
    llc = analyze_name("Romashka LLC", "Company").tokens[1]
    gmbh = analyze_name("Romashka GmbH", "Company").tokens[1]
    assert ooo.symbols == {"orgtype:ooo", "orgtype:llc"}
    assert ooo.symbols & llc.symbols & gmbh.symbols == {"orgtype:llc"}
    assert ooo.original == "OOO"
    assert analyze_name("ООО «Ромашка»", "Company").tokens[0].original == "ООО"
    long = analyze_name("Общество с ограниченной ответственностью Ромашка", "Company").tokens[0]
    assert long.original == "Общество с ограниченной ответственностью" and "orgtype:llc" in long.symbols


def test_vessel_prefix_is_recorded() -> None:
    assert analyze_name("M/V Sea Star 3", "Vessel").removed == ("mv",)
    assert analyze_name("MV", "Vessel").removed == ()


def test_abbreviation_keeps_original_and_symbol() -> None:
    comp = analyze_name("Acme Comp", "Company").tokens[1]
    assert (comp.text, comp.original) == ("company", "Comp")
    assert "sym:co" in comp.symbols


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S.A. de C.V.", "SA de CV"),
        ("U.S.A. Trading", "USA Trading"),
        ("J. S. C. Almaz", "JSC Almaz"),
        ("Co. Ltd", "Co. Ltd"),
        ("A.B", "AB"),
    ],
)
def test_join_acronyms(text: str, expected: str) -> None:
    assert join_acronyms(text) == expected


def test_legal_forms_positions() -> None:
    assert legal_forms(["x", "gmbh"]) == [(1, 2, "gmbh", frozenset({"orgtype:gmbh", "orgtype:llc"}))]
    assert legal_forms(["limited", "liability", "company", "x"])[0][:3] == (0, 3, "llc")
    assert legal_forms(["x", "as", "y"]) == []
    assert legal_forms([]) == []


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("長安海連技術有限公司", ("長安海連技術", "有限公司")),
        ("株式会社トヨタ", ("株式会社", "トヨタ")),
        ("技術", ("技術",)),
    ],
)
def test_split_legal_suffix(word: str, parts: tuple[str, ...]) -> None:
    assert split_legal_suffix(word) == parts


@pytest.mark.parametrize(
    ("word", "value"),
    [("ii", 2), ("iii", 3), ("iv", 4), ("vi", 6), ("ix", 9), ("xii", 12), ("xiv", 14), ("xl", 40), ("xxxix", 39)],
)
def test_roman_numerals(word: str, value: int) -> None:
    assert is_roman_numeral(word)
    assert roman_value(word) == value


@pytest.mark.parametrize("word", ["i", "v", "x", "vx", "iiii", "ivi", "mix", "civil", "lx"])
def test_not_roman_numerals(word: str) -> None:
    assert not is_roman_numeral(word)


@pytest.mark.parametrize(
    ("words", "initials"),
    [
        (["advanced", "systems", "technologies"], "ast"),
        (["bank", "of", "moscow"], "bm"),  # a function word after the first is skipped, as scoring skips it
        (["the", "islamic", "state"], "tis"),  # ...but never the first
    ],
)
def test_spelled_initials(words: list[str], initials: str) -> None:
    assert spelled_initials(words) == initials


def test_standard_abbreviations_may_be_kept_whole() -> None:
    from embargo.names.org_structure import ABBREVIATIONS

    assert spelled_initials(["dolgoprudnenskoye", "npp"], ABBREVIATIONS) == "dnpp"
    # a short word that is no standard abbreviation gives its first letter only (Sanayi's "San." is no НПП)
    assert spelled_initials(["inonu", "hayrioglu", "san"], ABBREVIATIONS) == "ihs"


@pytest.mark.parametrize(
    ("words", "initials"),
    [
        # the English noun names the plant (НПЗ), the Russian adjective leaves it to its own word (завод)
        (["kazan", "refinery"], "knpz"),
        (["omskiy", "neftepererabatyvayushchiy", "zavod"], "onpz"),
        (["perm", "oil", "refinery"], "pnpz"),  # the oil is the НП's нефте-
        (["volga", "refining", "works"], "vnpzw"),
        # no trade word, no trade spelling: the plain initials are spelled_initials'
        (["bank", "of", "moscow"], ""),
        (["oil", "and", "gas", "company"], ""),
    ],
)
def test_trade_initials(words: list[str], initials: str) -> None:
    assert trade_initials(words) == initials


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("aktsionernoye obshchestvo romashka", "ao"),  # BGN's ye
        ("akcionernoe obshhestvo romashka", "ao"),  # GOST 7.79-B
        ("publichnoye aktsionernoye obshchestvo romashka", "ao"),
        ("obschestvo s ogranichennoi otvetstvennostyu romashka", "ooo"),  # щ as sch
        ("obshchestvo s ogranichennoj otvetstvennostju romashka", "ooo"),  # й as j, ю as ju
        ("obshchestvo s ogranichennoi otvestvennostyu romashka", "ooo"),  # one slip in a long word
        ("gosudarstvennoye unitarnoye predpriyatiye romashka", "soe"),
    ],
)
def test_east_slavic_legal_forms_in_any_romanization(name: str, form: str) -> None:
    found = legal_forms(name.split())
    assert [(start, form_) for start, _, form_, _ in found] == [(0, form)]
    assert found[0][1] == len(name.split()) - 1  # the form ends where the name begins


@pytest.mark.parametrize(
    "name",
    [
        "romashka aktsionernoye",  # a form word alone is no form
        "obshchestvo romashka",
        "ogranichennoy romashka",
    ],
)
def test_a_form_word_alone_is_no_form(name: str) -> None:
    assert legal_forms(name.split()) == []


@pytest.mark.parametrize(
    ("word", "letters"),
    [
        ("stroygazmontazh", "sgm"),
        ("стройгазмонтаж", "сгм"),
        ("promtekhmontazh", "ptm"),
        ("uralvagonzavod", "uvz"),
        ("technopromexport", "tpe"),  # English spellings of the parts
        ("tekhnopromeksport", "tpe"),
        ("neftegazstroy", "ngs"),  # a linking vowel between parts
        # two parts are not read, nor a word that is not all parts
        ("gazprom", ""),
        ("rostov", ""),
        ("moskvich", ""),
        ("stroitel", ""),
    ],
)
def test_compound_names_spell_the_initials_of_their_parts(word: str, letters: str) -> None:
    from embargo.names.orgs import compound_initials

    assert compound_initials(word) == letters
