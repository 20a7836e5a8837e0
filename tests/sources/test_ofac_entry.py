"""Building entities from OFAC records: schema, names, identifiers, measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.sources._ofac_entry import OfacRecord, build_entity, is_consolidated, one_line_address, program_measures
from embargo.sources.base import ParseContext

SSI = "Executive Order 13662 Directive Determination - Subject to Directive 2"
D2 = "Listing Date (EO 14024 Directive 2): 24 Feb 2022"
D3 = "Executive Order 14024 Directive Information - Subject to Directive 3 - All transactions in ..."

MEASURE_CASES = [
    # (program, info items, consolidated file?, measures)
    ("BELARUS", [], False, ["asset_freeze"]),
    ("SDGT", [], True, ["asset_freeze"]),  # the Consolidated file repeats SDN programs
    ("NS-PLC", [], True, ["other"]),
    ("NS-PLC", [], False, ["other"]),
    ("CMIC-EO13959", [], True, ["investment_ban"]),
    ("561-Related", [], True, ["financial_prohibition"]),
    ("FSE-SY", [], False, ["financial_prohibition"]),
    ("UKRAINE-EO13662", [SSI], True, ["sectoral_sanctions"]),
    ("UKRAINE-EO13662", [SSI], False, ["sectoral_sanctions"]),  # SSI shown on an SDN record
    ("UKRAINE-EO13662", [], False, ["asset_freeze"]),  # blocked under EO 13662 (Rotenberg)
    ("RUSSIA-EO14024", [D2], True, ["sectoral_sanctions", "financial_prohibition"]),
    ("RUSSIA-EO14024", [D3], True, ["sectoral_sanctions"]),
    ("RUSSIA-EO14024", [D2], False, ["asset_freeze"]),
    ("RUSSIA-EO14024", [SSI], True, ["asset_freeze"]),  # another order's directive does not count
    (
        "BURMA-EO14014",
        ["Executive Order 14014 Directive Information: Subject to Directive 1"],
        True,
        ["financial_prohibition"],
    ),
    (
        "CAATSA - RUSSIA",
        ["CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2)"],
        True,
        ["sectoral_sanctions"],
    ),
    ("CAATSA - RUSSIA", ["CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2)"], False, ["asset_freeze"]),
    ("ILLICIT-DRUGS-EO14059", ["Executive Order 14059 information: Prohibition on ..."], True, ["sectoral_sanctions"]),
    ("IRAN-EO13846", ["Executive Order 13846 information: LOANS FROM ..."], True, ["sectoral_sanctions"]),
]


@pytest.mark.parametrize(("program", "info", "consolidated", "measures"), MEASURE_CASES)
def test_program_measures(program: str, info: list[str], consolidated: bool, measures: list[str]) -> None:
    assert program_measures(program, info, consolidated)[0] == measures


def test_is_consolidated() -> None:
    assert is_consolidated("us_ofac_cons", "whatever.xml")
    assert is_consolidated("ofac", "CONSOLIDATED.XML")
    assert is_consolidated("ofac", "cons_prim.csv")
    assert not is_consolidated("us_ofac_sdn", "SDN.XML")


@pytest.mark.parametrize(
    ("street", "place", "postal", "country", "expected"),
    [
        (
            ["172 Xibin Rd", "Ranghulu District", None],
            ["Daqing", None],
            "163453",
            "China",
            "172 Xibin Rd, Ranghulu District, Daqing 163453, China",
        ),
        ([None], ["Xinjiang", "Karamay"], "834000", "China", "Xinjiang, Karamay 834000, China"),
        ([None], [None, None], None, "Region: Gaza", "Region: Gaza"),
        ([None], [None, None], None, None, ""),
    ],
)
def test_one_line_address(
    street: list[str | None], place: list[str | None], postal: str | None, country: str | None, expected: str
) -> None:
    assert one_line_address(street, place, postal, country) == expected


@pytest.fixture
def ctx() -> ParseContext:
    return ParseContext("us_ofac_sdn", "US OFAC", Path("SDN.XML"))


def test_person_parts_patronymic_and_position(ctx: ParseContext) -> None:
    rec = OfacRecord(
        "24306", "individual", "VEKSELBERG, Viktor Feliksovich", "Viktor Feliksovich", "VEKSELBERG", "Director"
    )
    entity = build_entity(ctx, rec, consolidated=False)
    assert entity is not None
    assert entity.get("firstName") == ["Viktor"]
    assert entity.get("fatherName") == ["Feliksovich"]
    assert entity.get("lastName") == ["VEKSELBERG"]
    assert entity.get("position") == ["Director"]
    # An Arabic compound given name is not split.
    rec = OfacRecord("9639", "individual", "HANIYA, Ismail Abdul Salah", "Ismail Abdul Salah", "HANIYA", "Sheikh")
    entity = build_entity(ctx, rec, consolidated=False)
    assert entity is not None
    assert entity.get("firstName") == ["Ismail Abdul Salah"]
    assert entity.get("fatherName") == []
    assert entity.get("title") == ["Sheikh"]


def test_company_rule_and_identifier_specials(ctx: ParseContext) -> None:
    ids = [
        ("Target Type", "Private Company", None),
        ("Tax ID No.", "7707083893", "Russia"),
        ("Legal Entity Number", "253400WSS48YWMBUA688", None),
        ("Legal Entity Number", "851683897", "Netherlands"),
        ("ISIN", "RU0009029540", None),
        ("Company Number", "IMO 5055293", None),
        ("Fax", "(98)(21)(22224537)", None),
        ("Registration ID", "1026303117642 (Russia)", None),
    ]
    rec = OfacRecord("17018", "entity", "SBERBANK", ids=ids, programs=["RUSSIA-EO14024"])
    entity = build_entity(ctx, rec, consolidated=False)
    assert entity is not None
    assert entity.schema == "Company"
    assert entity.get("classification") == ["Private Company"]
    assert entity.get("taxNumber") == ["7707083893"]
    assert entity.get("innCode") == ["7707083893"]
    assert entity.get("leiCode") == ["253400WSS48YWMBUA688"]
    assert entity.get("registrationNumber") == ["851683897", "1026303117642"]
    assert entity.get("isinCode") == ["RU0009029540"]
    assert entity.get("imoNumber") == ["IMO5055293"]
    assert entity.get("notes") == ["Fax (98)(21)(22224537)"]
    # Without a company hint an OFAC entity is an Organization.
    plain = build_entity(ctx, OfacRecord("1", "entity", "HAMAS", programs=["SDGT"]), consolidated=False)
    assert plain is not None
    assert plain.schema == "Organization"


def test_names_by_type_and_category(ctx: ParseContext) -> None:
    names = [
        ("a.k.a.", "strong", "A"),
        ("n.k.a.", "strong", "N"),
        ("f.k.a.", "strong", "F"),
        ("a.k.a.", "weak", "W"),
        ("f.k.a.", "weak", "FW"),
    ]
    entity = build_entity(ctx, OfacRecord("2", "entity", "X", names=names, programs=["SDGT"]), consolidated=False)
    assert entity is not None
    assert entity.get("alias") == ["A", "N"]
    assert entity.get("previousName") == ["F"]
    assert entity.get("weakAlias") == ["W", "FW"]


def test_broken_records_are_warned(ctx: ParseContext) -> None:
    assert build_entity(ctx, OfacRecord("3", "spaceship", "X", programs=["SDGT"]), consolidated=False) is None
    assert build_entity(ctx, OfacRecord("4", "entity", "x" * 600, programs=["SDGT"]), consolidated=False) is None
    entity = build_entity(ctx, OfacRecord("5", "entity", "NO PROGRAM"), consolidated=False)
    assert entity is not None
    assert [d.program for d in entity.designations] == [None]
    assert [(i.location, i.message.split(";")[0]) for i in ctx.issues] == [
        ("uid 3", "unknown record type 'spaceship'"),
        ("uid 4", "no usable name"),
        ("uid 5", "no program given"),
    ]


def test_unparseable_birth_date_kept_in_notes(ctx: ParseContext) -> None:
    rec = OfacRecord("6", "individual", "DOE, John", "John", "DOE", birth_dates=["sometime", "1954"], programs=["SDGT"])
    entity = build_entity(ctx, rec, consolidated=False)
    assert entity is not None
    assert entity.get("birthDate") == ["1954"]
    assert entity.get("notes") == ["DOB sometime"]


def test_listing_date_from_directive_information(ctx: ParseContext) -> None:
    rec = OfacRecord(
        "7",
        "entity",
        "X",
        programs=["CMIC-EO13959"],
        notes=["Listing Date (CMIC) 03 Jun 2021", "Effective Date (CMIC) 02 Aug 2021"],
    )
    entity = build_entity(ctx, rec, consolidated=True)
    assert entity is not None
    assert entity.designations[0].listing_date == "2021-06-03"
    assert entity.designations[0].measures == ["investment_ban"]
