"""UN Security Council Consolidated List XML: fixture, real list, broken input."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from embargo.errors import SourceError
from embargo.model import Entity
from embargo.sources import un_sc
from embargo.sources.base import ParseContext
from tests.conftest import shared_data_dir, shared_file

REAL = "un/consolidated.xml"


def run(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name="un_sc", authority="UN Security Council", path=path)
    entities = {e.source_id or "": e for e in un_sc.parse(path, ctx)}
    return entities, ctx


def write(tmp_path: Path, body: str, name: str = "list.xml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# --- project fixture --------------------------------------------------------


def test_fixture_counts_and_publication(fixtures: Path) -> None:
    entities, ctx = run(fixtures / "un" / "consolidated.xml")
    assert ctx.published == "2026-03-01T00:00:05.120Z"
    assert ctx.issue_count == 0
    assert sorted(entities) == ["9900001", "9900002", "9900003", "9900101"]
    assert [e.schema for e in entities.values()] == ["Person", "Person", "Person", "LegalEntity"]


def test_fixture_individual_with_year_range_and_documents(fixtures: Path) -> None:
    e = run(fixtures / "un" / "consolidated.xml")[0]["9900001"]
    assert e.id == "un-sc-9900001"
    assert e.get("name") == ["ABD AL-KARIM SALIH MAHMUD AL-FARAJI"]
    assert e.get("firstName") == ["ABD AL-KARIM"]
    assert e.get("secondName") == ["SALIH", "MAHMUD", "AL-FARAJI"]
    assert e.get("lastName") == []
    assert e.get("alias") == [
        "Abdul Karim Saleh al-Faraji",
        "Karim Mahmoud",
        "Kareem Mahmood",
        "عبد الكريم صالح محمود الفرجي",
    ]
    # Arabic script is shared by Arabic, Persian, Pashto and Urdu: no language.
    assert e.name_languages == {}
    assert e.get("weakAlias") == ["أبو سالم", "Abu Salim", "Abu Saleem"]
    assert e.get("birthDate") == ["1972-03-04", "1970", "1971", "1972", "1973"]
    assert e.get("birthPlace") == ["Mosul", "Tall Afar, Ninawa Province, Iraq"]
    assert e.get("birthCountry") == ["iq"]
    assert e.get("nationality") == ["iq", "sy"]
    assert e.get("title") == ["Sheikh"]
    assert e.get("position") == ["Treasurer of the group"]
    assert e.get("passportNumber") == ["A1234567"]
    assert e.get("idNumber") == ["00451239"]
    assert e.get("address") == ["Al-Rashid Street, Mosul, Ninawa Province, Iraq"]
    assert e.get("country") == ["iq"]
    assert e.get("programId") == ["QDi.901"]
    assert e.get("modifiedAt") == ["2021-01-10"]
    assert e.get("notes")[0].startswith("Financier of a listed group (QDe.950).")
    (d,) = e.designations
    assert d.authority == "UN Security Council"
    assert d.program == "Al-Qaida"
    assert d.measures == ["asset_freeze", "travel_ban", "arms_embargo"]
    assert d.listing_date == "2014-09-23"
    assert d.source_id == "9900001"
    assert d.reason == e.get("notes")[0]


def test_fixture_cyrillic_original_script_and_patronymic(fixtures: Path) -> None:
    e = run(fixtures / "un" / "consolidated.xml")[0]["9900002"]
    assert e.get("name") == ["RUSLAN MAGOMEDOVICH TASHAEV"]
    assert e.get("fatherName") == ["MAGOMEDOVICH"]
    assert e.get("alias") == ["Руслан Магомедович Ташаев"]
    assert e.name_languages == {"Руслан Магомедович Ташаев": "ru"}
    assert e.get("gender") == ["male"]
    assert e.get("birthDate") == ["1985-11-30", "1984"]
    assert e.get("birthPlace") == ["Grozny, Russian Federation"]
    assert e.get("passportNumber") == ["620123456"]
    assert e.get("modifiedAt") == []
    assert e.designations[0].listing_date == "2016-02-19"


def test_fixture_regime_with_fewer_measures_and_date_in_note(fixtures: Path) -> None:
    e = run(fixtures / "un" / "consolidated.xml")[0]["9900003"]
    assert e.designations[0].program == "GB"
    assert e.designations[0].measures == ["travel_ban"]
    assert e.get("birthDate") == ["1961-11"]
    assert e.get("title") == ["Colonel"]
    assert e.get("notes") == []


def test_fixture_entity(fixtures: Path) -> None:
    e = run(fixtures / "un" / "consolidated.xml")[0]["9900101"]
    assert e.schema == "LegalEntity"
    assert e.get("name") == ["NORTHERN LIGHT CHARITABLE FOUNDATION"]
    assert e.get("alias") == ["Nur al-Shamal Foundation", "مؤسسة نور الشمال الخيرية"]
    assert e.get("previousName") == ["Northern Light Relief Society"]
    assert e.get("address") == ["Building 12, Al-Nasr Road, Aleppo, Syrian Arab Republic", "Istanbul, 34000, Türkiye"]
    assert e.get("country") == ["sy", "tr"]
    assert e.designations[0].measures == ["asset_freeze", "arms_embargo"]
    assert e.designations[0].listing_date == "2011-06-07"


# --- the real published list ------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[dict[str, Entity], ParseContext, etree._ElementTree]:
    """The real list parsed once for the module (the ``shared_data`` rule, module-scoped)."""
    shared = shared_data_dir()
    if not shared.is_dir():
        pytest.skip(f"real data not found at {shared} (set EMBARGO_SHARED_DATA)")
    path = shared_file(shared, REAL)
    entities, ctx = run(path)
    return entities, ctx, etree.parse(str(path))


def test_real_counts(real: tuple[dict[str, Entity], ParseContext, etree._ElementTree]) -> None:
    entities, ctx, tree = real
    individuals = tree.xpath("//INDIVIDUALS/INDIVIDUAL/DATAID/text()")
    groups = tree.xpath("//ENTITIES/ENTITY/DATAID/text()")
    assert (len(individuals), len(groups)) == (730, 273)
    assert len(entities) == 1003
    assert ctx.issue_count == 0
    assert ctx.published == tree.getroot().get("dateGenerated") == "2026-02-27T00:00:09.554Z"
    assert {k for k, e in entities.items() if e.schema == "Person"} == {x.strip() for x in individuals}
    assert {k for k, e in entities.items() if e.schema == "LegalEntity"} == {x.strip() for x in groups}
    assert all(len(e.designations) == 1 for e in entities.values())


def test_real_programs_are_all_known(real: tuple[dict[str, Entity], ParseContext, etree._ElementTree]) -> None:
    entities, _, tree = real
    codes = {x.strip() for x in tree.xpath("//UN_LIST_TYPE/text()")}
    assert codes <= set(un_sc.PROGRAMS)
    assert {e.designations[0].program for e in entities.values()} == codes


def test_real_aliases_land_in_the_property_their_quality_says(
    real: tuple[dict[str, Entity], ParseContext, etree._ElementTree],
) -> None:
    entities, _, tree = real
    props = {"Good": "alias", "a.k.a.": "alias", "Low": "weakAlias", "f.k.a.": "previousName"}
    checked = 0
    for node in tree.xpath("//INDIVIDUAL_ALIAS | //ENTITY_ALIAS"):
        name = " ".join((node.findtext("ALIAS_NAME") or "").split())
        if not name or ";" in name or "(" in name:
            continue
        entity = entities[node.getparent().findtext("DATAID").strip()]
        assert name in entity.get(props[node.findtext("QUALITY").strip()]), name
        checked += 1
    # 2,308 + 735 alias elements, 291 empty, 27 holding lists of names,
    # 58 more with a parenthesis (an original-script form, a remark).
    assert checked == 2308 + 735 - 291 - 27 - 58


def test_real_birth_dates_and_documents(real: tuple[dict[str, Entity], ParseContext, etree._ElementTree]) -> None:
    entities, _, tree = real
    dates = years = ranges = docs = 0
    for dob in tree.xpath("//INDIVIDUAL_DATE_OF_BIRTH"):
        entity = entities[dob.getparent().findtext("DATAID").strip()]
        if dob.findtext("DATE"):
            assert dob.findtext("DATE").strip() in entity.get("birthDate")
            dates += 1
        elif dob.findtext("YEAR"):
            assert dob.findtext("YEAR").strip() in entity.get("birthDate")
            years += 1
        elif dob.findtext("FROM_YEAR"):
            births = entity.get("birthDate")
            assert dob.findtext("FROM_YEAR").strip() in births
            assert dob.findtext("TO_YEAR").strip() in births
            ranges += 1
    assert (dates, years, ranges) == (454, 378, 31)
    for doc in tree.xpath("//INDIVIDUAL_DOCUMENT[NUMBER]"):
        entity = entities[doc.getparent().findtext("DATAID").strip()]
        number = " ".join(doc.findtext("NUMBER").split())
        assert number in entity.get("passportNumber") + entity.get("idNumber")
        docs += 1
    assert docs == 454
    persons = [e for e in entities.values() if e.schema == "Person"]
    assert sum(1 for e in persons if e.get("birthDate")) == len(
        tree.xpath("//INDIVIDUAL[INDIVIDUAL_DATE_OF_BIRTH[DATE or YEAR or FROM_YEAR]]")
    ) + sum(
        # records whose only date is in a note or an alias
        1
        for n in tree.xpath("//INDIVIDUAL[not(INDIVIDUAL_DATE_OF_BIRTH[DATE or YEAR or FROM_YEAR])]")
        if entities[n.findtext("DATAID").strip()].get("birthDate")
    )


def test_real_spot_checks(real: tuple[dict[str, Entity], ParseContext, etree._ElementTree]) -> None:
    entities = real[0]
    badege = entities["6907993"]
    assert badege.get("name") == ["ERIC BADEGE"]
    assert badege.get("programId") == ["CDi.001"]
    assert badege.get("birthDate") == ["1971"]
    assert badege.get("nationality") == ["cd"]
    assert badege.get("gender") == ["male"]
    assert badege.get("country") == ["rw"]
    assert badege.designations[0].program == "DRC"
    assert badege.designations[0].listing_date == "2012-12-31"

    chataev = entities["6908489"]
    assert chataev.get("name") == ["AKHMED RAJAPOVICH CHATAEV"]
    assert chataev.get("fatherName") == ["RAJAPOVICH"]
    assert chataev.name_languages == {"Ахмед Ражапович Чатаев": "ru"}
    assert chataev.get("weakAlias") == ["Odnorukiy"]
    assert chataev.get("birthDate") == ["1980-07-04"]
    assert chataev.get("passportNumber") == ["9600133195"]

    ghul = entities["2983746"]
    assert {"حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"} <= set(ghul.get("alias"))

    adf = entities["6908402"]
    assert adf.schema == "LegalEntity"
    assert adf.get("name") == ["ADF"]
    assert adf.get("previousName") == [
        "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda",
        "ADF/NALU",
        "NALU",
    ]
    assert adf.designations[0].measures == ["asset_freeze", "arms_embargo"]

    amar = entities["3012888"]
    assert amar.get("birthDate") == ["1977", "1978", "1979", "1980", "1981", "1982"]
    assert amar.get("alias")[-1] == "عبد الرحمن ولد العامر"


# --- sniffing and broken input ----------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2026-01-01">', True),
        (b'\xef\xbb\xbf<CONSOLIDATED_LIST xmlns:xsi="x">', True),
        (b'<?xml version="1.0"?><sdnList xmlns="x">', False),
        (b"<html><body>Service unavailable</body></html>", False),
        (b"celex,recordId,programKey", False),
    ],
)
def test_sniff(head: bytes, expected: bool) -> None:
    assert un_sc.sniff(head, "consolidated.xml") is expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "empty"),
        ("<html><body>Error 503</body></html>", "HTML page"),
        ("<sdnList><sdnEntry/></sdnList>", "unexpected document element"),
        ("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>", "not well-formed"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><CONSOLIDATED_LIST/>', "DTD"),
        ("this is not xml at all", "not well-formed"),
    ],
)
def test_broken_files_raise_source_error(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(SourceError, match=message):
        run(path)


def test_broken_records_are_warned_and_skipped(tmp_path: Path) -> None:
    body = """<CONSOLIDATED_LIST dateGenerated="not a date">
      <INDIVIDUALS>
        <INDIVIDUAL><FIRST_NAME>NO ID</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE></INDIVIDUAL>
        <INDIVIDUAL><DATAID>5</DATAID><UN_LIST_TYPE>DRC</UN_LIST_TYPE></INDIVIDUAL>
        <INDIVIDUAL><DATAID>6</DATAID><FIRST_NAME>KEPT</FIRST_NAME><LISTED_ON>garbage</LISTED_ON>
          <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>x</FROM_YEAR>
          <TO_YEAR>1970</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
          <NATIONALITY><VALUE>Atlantis</VALUE></NATIONALITY></INDIVIDUAL>
      </INDIVIDUALS>
      <ENTITIES><ENTITY><DATAID>7</DATAID><FIRST_NAME>{long}</FIRST_NAME></ENTITY></ENTITIES>
    </CONSOLIDATED_LIST>""".replace("{long}", "X" * 600)
    entities, ctx = run(write(tmp_path, body))
    assert list(entities) == ["6"]
    assert ctx.published is None
    assert [i.location for i in ctx.issues] == ["line 3", "DATAID 5", "DATAID 7"]
    kept = entities["6"]
    assert kept.get("name") == ["KEPT"]
    assert kept.get("nationality") == []
    assert kept.get("birthDate") == []
    assert kept.designations[0].listing_date is None


def test_format_object() -> None:
    assert un_sc.FORMAT.name == "un_sc"
    assert un_sc.FORMAT.parse is un_sc.parse
    assert un_sc.URL.startswith("https://scsanctions.un.org/")
