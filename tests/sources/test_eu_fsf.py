"""The EU Financial Sanctions File (XML 1.1) reader.

No real FSF file is available to the tests (every published copy is larger
than the snapshots allow), so these run on the project's own fixtures in
``tests/fixtures/eu/``, written in the FSF 1.1 layout, and on small
hand-made records for the broken cases.
"""

from __future__ import annotations

import contextlib
import random
import re
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.model import Entity
from embargo.sources import eu_fsf
from embargo.sources._eu_fsf_details import PROGRAMMES, programme_title
from embargo.sources._eu_fsf_names import is_patronymic, split_enumeration
from embargo.sources.base import ParseContext
from tests.conftest import shared_file

NS = "http://eu.europa.ec/fpi/fsd/export"


def read(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext("eu_fsf", "EU", path)
    entities = list(eu_fsf.parse(path, ctx))
    by_id = {e.source_id or "": e for e in entities}
    assert len(by_id) == len(entities), "source ids must be unique"
    return by_id, ctx


def write_export(tmp_path: Path, body: str, root: str = f'<export xmlns="{NS}" generationDate="2026-01-02">') -> Path:
    path = tmp_path / "fsf.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{root}\n{body}\n</export>\n', encoding="utf-8")
    return path


def entity_xml(inner: str, attrs: str = 'logicalId="9" euReferenceNumber="EU.1.2"') -> str:
    return f"<sanctionEntity {attrs}>{inner}</sanctionEntity>"


PERSON = '<subjectType code="person" classificationCode="P"/>'
ENTERPRISE = '<subjectType code="enterprise" classificationCode="E"/>'
REG = (
    '<regulation programme="BLR" numberTitle="765/2006 (OJ L134)" publicationDate="2006-05-20" '
    'entryIntoForceDate="2006-05-21"><publicationUrl>https://eur-lex.europa.eu/x</publicationUrl></regulation>'
)


@pytest.fixture
def sample(fixtures: Path) -> Path:
    return fixtures / "eu" / "eu_fsf_1_1_sample.xml"


@pytest.fixture
def parsed(sample: Path) -> tuple[dict[str, Entity], ParseContext]:
    return read(sample)


# --- sniffing -----------------------------------------------------------------


def test_sniff_accepts_both_fixtures(fixtures: Path) -> None:
    for name in ("eu_fsf_1_1_sample.xml", "eu_fsf_1_1_sample_no_namespace.xml"):
        path = fixtures / "eu" / name
        assert eu_fsf.sniff(path.read_bytes()[:16384], name)


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"<html><body>Service unavailable</body></html>",
        b'<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>',
        b'<?xml version="1.0"?><Designations><Designation/></Designations>',
        b'<?xml version="1.0"?><export><row a="1"/></export>',
        b"sanctionEntity,logicalId\n1,2\n",
    ],
)
def test_sniff_rejects_other_files(head: bytes) -> None:
    assert not eu_fsf.sniff(head, "list.xml")


def test_sniff_accepts_prefixed_root() -> None:
    head = f'<?xml version="1.0"?><fsd:export xmlns:fsd="{NS}"><fsd:sanctionEntity/>'.encode()
    assert eu_fsf.sniff(head, "x.xml")


def test_format_constants() -> None:
    assert eu_fsf.FORMAT.name == eu_fsf.NAME == "eu_fsf"
    assert eu_fsf.URL.startswith("https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/")
    assert eu_fsf.FORMAT.files(Path("a.xml")) == [Path("a.xml")]


# --- the sample file, record by record ---------------------------------------------------


def test_sample_counts_and_publication(parsed: tuple[dict[str, Entity], ParseContext], sample: Path) -> None:
    entities, ctx = parsed
    # counted independently of the parser: the record tags in the text
    assert len(re.findall(r"<sanctionEntity\b", sample.read_text("utf-8"))) == len(entities) == 7
    assert sorted(entities) == ["1051", "131231", "131240", "131262", "139528", "160722", "2178"]
    schemata = {sid: e.schema for sid, e in entities.items()}
    assert schemata == {
        "1051": "Person",
        "131231": "Person",
        "131240": "Person",
        "131262": "Person",
        "139528": "Organization",
        "160722": "Person",
        "2178": "Person",
    }
    assert ctx.published == "2026-05-08T16:10:07.449+02:00"
    # only the deliberately broken birth date of 131262 is reported
    assert [(i.location.split(" (")[0], i.message) for i in ctx.issues] == [
        ("logicalId 131262", "unreadable birth date '21.11.1964 / 1965'; the rest of the record is kept")
    ]
    assert all(e.id == f"eu-fsf-{sid}" and e.list_name == "eu_fsf" for sid, e in entities.items())


def test_aliaksandr_lukashenka(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["131231"]
    assert e.properties == {
        "name": ["Aliaksandr Ryhoravich LUKASHENKA"],
        "alias": [
            "Alexander Grigorievich LUKASHENKO",
            "Alexandr Grigorievich LUKASHENKO",
            "Аляксандр Рыгоравіч ЛУКАШЭНКА",
            "Александр Григорьевич ЛУКАШЕНКО",
        ],
        "firstName": ["Aliaksandr", "Alexander", "Alexandr", "Аляксандр", "Александр"],
        "fatherName": ["Ryhoravich", "Grigorievich", "Рыгоравіч", "Григорьевич"],
        "lastName": ["LUKASHENKA", "LUKASHENKO", "ЛУКАШЭНКА", "ЛУКАШЕНКО"],
        "gender": ["male"],
        "position": ["President of the Republic of Belarus"],
        "nationality": ["by"],
        "birthDate": ["1954-08-30"],
        "birthPlace": ["Kopys, Vitebsk/Viciebsk Region/Oblast, BELARUS"],
        "birthCountry": ["by"],
    }
    assert e.name_languages == {
        "Alexander Grigorievich LUKASHENKO": "en",
        "Alexandr Grigorievich LUKASHENKO": "en",
        "Аляксандр Рыгоравіч ЛУКАШЭНКА": "be",
        "Александр Григорьевич ЛУКАШЕНКО": "ru",
    }
    assert [d.to_dict() for d in e.designations] == [
        {
            "id": "eu-fsf-131231-blr",
            "list": "eu_fsf",
            "authority": "EU",
            "program": "BLR",
            "measures": ["asset_freeze"],
            "listing_date": "2020-11-06",
            "reason": "EU reference number: EU.4189.62; Programme: BLR (Belarus); Legal act: 2020/1648 (OJ L370I)",
            "source_id": "131231",
            "url": "https://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32020R1648",
        }
    ]


def test_viktar_lukashenka_mixed_script_patronymic(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["131240"]
    assert e.first("name") == "Viktar Aliaksandravich LUKASHENKA"
    # the Official Journal types a Latin "i" inside the Belarusian Cyrillic; kept as written
    assert "Вiктар Аляксандравiч ЛУКАШЭНКА" in e.get("alias")
    assert e.get("fatherName") == ["Aliaksandravich", "Aleksandrovich", "Аляксандравiч", "Александрович"]
    assert "middleName" not in e.properties
    assert e.get("idNumber") == ["3281175A014PB8"]
    assert "notes" not in e.properties  # a plain ID card has nothing to note
    assert e.get("position") == [
        "Former National Security Advisor to the President, Member of the Security Council",
        "President of the National Olympic Committee of Belarus",
    ]
    assert e.get("birthDate") == ["1975-11-28"]
    assert e.get("birthPlace") == ["Mahiliou/Mogilev, BELARUS"]


def test_enterprise_with_registration_and_address(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["139528"]
    assert e.schema == "Organization"
    assert e.properties == {
        "name": ["‘Inter Tobacco’ LLC"],
        "alias": [
            "Таварыства з абмежаванай адказнасцю ‘Iнтэр Табак’",
            "Общество с ограниченной ответственностью ‘Интер Тобако’",
        ],
        "registrationNumber": ["808000714"],
        "notes": ["Registration Number 808000714: Date of registration: 10.10.2002", "Minsk Free Economic Zone"],
        "address": [
            "131 Novodvorskiy village, Novodvorskiy village council, Minsk District, 223016, Minsk Region/Oblast, BELARUS"
        ],
        "country": ["by"],
    }
    assert e.name_languages == {
        "Таварыства з абмежаванай адказнасцю ‘Iнтэр Табак’": "be",
        "Общество с ограниченной ответственностью ‘Интер Тобако’": "ru",
    }
    (d,) = e.designations
    assert (d.program, d.listing_date, d.measures) == ("BLR", "2022-06-03", ["asset_freeze"])
    assert d.reason == "EU reference number: EU.7432.45; Programme: BLR (Belarus); Legal act: 2022/876 (OJ L153)"


def test_year_range_birth_date(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["160722"]
    assert e.get("birthDate") == ["1979", "1980", "1981"]
    assert e.get("birthCountry") == ["by"]
    assert "birthPlace" not in e.properties  # only a country: no place text
    assert "gender" not in e.properties  # gender="" on every alias
    assert e.designations[0].listing_date == "2025-03-27"


def test_circa_keeps_only_the_year(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["2178"]
    assert e.get("birthDate") == ["1966"]
    assert e.get("notes") == [
        "Former Commander of the Special Rapid Response Unit (SOBR) at the Ministry of Internal Affairs."
    ]
    assert e.get("address") == [
        "Belarusian Association of Veterans of Special Forces of the Ministry of Internal Affairs ‘Honour’, "
        "111 Mayakovskogo St., 220028 Minsk, BELARUS"
    ]
    assert e.get("position") == [
        "Former Commander of the Special Rapid Response Unit (SOBR)",
        "Commander of an OMON unit",
    ]
    assert e.designations[0].listing_date == "2004-09-24"


def test_broken_birth_date_keeps_the_rest(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["131262"]
    assert e.get("birthDate") == ["1965"]  # from the second, readable birthdate element
    assert e.get("birthPlace") == ["Kletsk, Minsk Region, BELARUS"]  # place of the broken one is kept
    assert e.get("email") == ["skriba_s@bseu.by"]
    assert e.get("address") == ["Minsk, BELARUS"]
    assert e.get("nationality") == ["by"]
    assert len(e.get("alias")) == 3


def test_un_listed_person_with_documents_and_weak_alias(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["1051"]
    assert e.properties == {
        "name": ["Sami Ben Khamis Ben Saleh Elsseid"],
        "alias": ["Omar El Mouhajer", "سامي بن خميس بن صالح الصيد"],
        "weakAlias": ["Saber"],
        "firstName": ["Sami"],
        "middleName": ["Ben Khamis Ben Saleh"],
        "lastName": ["Elsseid"],
        "gender": ["male"],
        "nationality": ["tn"],
        "birthDate": ["1968-02-10"],
        "birthPlace": ["Menzel Jemil, Bizerte, TUNISIA"],
        "birthCountry": ["tn"],
        "passportNumber": ["K929139"],
        "idNumber": ["00319547"],
        "taxNumber": ["SSDSBN68B10Z352F"],
        "address": ["Ibn Al-Haythman Street, Number 6, Manubah, Tunis, TUNISIA"],
        "country": ["tn"],
        "notes": [
            "National passport K929139: known expired; issued on 14.2.1995, expired on 13.2.2000",
            "Mother’s name is Beya Al-Saidani. Deported from Italy to Tunisia on 2.6.2008.",
        ],
    }
    assert e.name_languages == {"سامي بن خميس بن صالح الصيد": "ar"}
    (d,) = e.designations
    assert d.program == "TAQA"
    # no designationDate: the earliest date of the regulation is used
    assert d.listing_date == "2002-05-29"
    assert d.reason == (
        "EU reference number: EU.2617.39; UN reference number: QDi.064; "
        "Programme: TAQA (ISIL (Da'esh) and Al-Qaida); Legal act: 881/2002 (OJ L139)"
    )
    assert d.url == "http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2002:139:0009:0022:EN:PDF"


# --- namespaces ------------------------------------------------------------------------------


def _prefixed(text: str) -> str:
    """The same document with every element in an ``fsd:`` prefixed namespace."""
    text = text.replace(f'xmlns="{NS}"', f'xmlns:fsd="{NS}"')
    return re.sub(r"<(/?)([A-Za-z])", r"<\1fsd:\2", text)


def test_namespace_variants_read_alike(fixtures: Path, tmp_path: Path) -> None:
    with_ns, _ = read(fixtures / "eu" / "eu_fsf_1_1_sample.xml")
    without_ns, ctx = read(fixtures / "eu" / "eu_fsf_1_1_sample_no_namespace.xml")
    prefixed_path = tmp_path / "prefixed.xml"
    prefixed_path.write_text(_prefixed((fixtures / "eu" / "eu_fsf_1_1_sample.xml").read_text("utf-8")), "utf-8")
    assert "<fsd:sanctionEntity" in prefixed_path.read_text("utf-8")
    prefixed, _ = read(prefixed_path)
    want = {k: v.to_dict() for k, v in with_ns.items()}
    assert {k: v.to_dict() for k, v in without_ns.items()} == want
    assert {k: v.to_dict() for k, v in prefixed.items()} == want
    assert ctx.published == "2026-05-08T16:10:07.449+02:00"


# --- broken and unusual records ------------------------------------------------------------


def test_record_without_logical_id_is_skipped(tmp_path: Path) -> None:
    body = entity_xml(PERSON + '<nameAlias wholeName="No Id"/>', attrs='euReferenceNumber="EU.9.9"')
    body += entity_xml(PERSON + '<nameAlias wholeName="Kept"/>')
    entities, ctx = read(write_export(tmp_path, body))
    assert [e.caption for e in entities.values()] == ["Kept"]
    assert ctx.issues[0].location.startswith("sanctionEntity #1")
    assert "without logicalId" in ctx.issues[0].message


def test_record_with_unusable_id_is_skipped(tmp_path: Path) -> None:
    entities, ctx = read(write_export(tmp_path, entity_xml(PERSON + '<nameAlias wholeName="A"/>', 'logicalId="***"')))
    assert entities == {}
    assert ctx.issues[0].location.startswith("logicalId ***")
    assert ctx.issues[0].message.startswith("record skipped: ")


def test_record_without_names_is_skipped(tmp_path: Path) -> None:
    body = entity_xml(PERSON + '<nameAlias wholeName="" firstName="" lastName=""/>')
    entities, ctx = read(write_export(tmp_path, body))
    assert entities == {}
    assert ctx.issues[0].message == "no name; skipped"
    assert ctx.issues[0].location.startswith("logicalId 9")


@pytest.mark.parametrize(
    ("subject", "schema", "warned"),
    [
        ('<subjectType code="person"/>', "Person", False),
        ('<subjectType code="" classificationCode="P"/>', "Person", False),
        ('<subjectType code="ENTERPRISE"/>', "Organization", False),
        ('<subjectType code="vessel" classificationCode="V"/>', "LegalEntity", True),
        ("", "LegalEntity", True),
    ],
)
def test_subject_types(tmp_path: Path, subject: str, schema: str, warned: bool) -> None:
    entities, ctx = read(write_export(tmp_path, entity_xml(subject + '<nameAlias wholeName="X Y"/>')))
    assert entities["9"].schema == schema
    assert bool(ctx.issues) == warned


def test_names_from_parts_weak_first_and_remarks(tmp_path: Path) -> None:
    inner = (
        PERSON
        + '<nameAlias wholeName="Abu Weak" strong="false"/>'
        + '<nameAlias firstName="Ivan" middleName="Petrovich" lastName="SIDOROV" wholeName="" strong="true" '
        'title="(a) Colonel, (b) Doctor" gender="F" nameLanguage="XX"/>'
        + '<nameAlias wholeName="Vanya"><remark>Low quality alias</remark></nameAlias>'
        + '<nameAlias wholeName="Ivan SIDOROFF"><remark>Spelling used in his passport</remark></nameAlias>'
    )
    e = read(write_export(tmp_path, entity_xml(inner)))[0]["9"]
    assert e.get("name") == ["Ivan Petrovich SIDOROV"]  # first strong name, built from its parts
    assert e.get("weakAlias") == ["Abu Weak", "Vanya"]
    assert e.get("alias") == ["Ivan SIDOROFF"]
    assert e.get("fatherName") == ["Petrovich"]
    assert e.get("title") == ["Colonel", "Doctor"]
    assert e.get("gender") == ["female"]
    assert e.get("notes") == ["Spelling used in his passport"]
    assert e.name_languages == {}  # "XX" is no language


def test_only_weak_names_still_give_a_name(tmp_path: Path) -> None:
    inner = ENTERPRISE + '<nameAlias wholeName="ABC" strong="false" function="Front company"/>'
    e = read(write_export(tmp_path, entity_xml(inner)))[0]["9"]
    assert e.get("name") == ["ABC"]
    assert "weakAlias" not in e.properties
    assert e.get("notes") == ["Front company"]  # an organization's function is a note


@pytest.mark.parametrize(
    ("attrs", "dates", "problem"),
    [
        ('birthdate="1960-04-10"', ["1960-04-10"], None),
        ('birthdate="10/04/1960"', ["1960-04-10"], None),
        ('year="1961"', ["1961"], None),
        ('year="1961" monthOfYear="3"', ["1961-03"], None),
        ('year="1961" monthOfYear="3" dayOfMonth="7"', ["1961-03-07"], None),
        ('year="1961" month="3" day="7"', ["1961-03-07"], None),
        ('year="1961" monthOfYear="2" dayOfMonth="30"', ["1961-02"], None),
        ('yearRangeFrom="1970" yearRangeTo="1972"', ["1970", "1971", "1972"], None),
        ('yearRangeFrom="1970"', ["1970"], None),
        ('birthdate="1960-04-10" circa="true"', ["1960"], None),
        ('year="19x1"', [], "unreadable birth date 'year=19x1 month=None day=None'"),
        ('birthdate="sometime" year=""', [], "unreadable birth date 'sometime'"),
        ('yearRangeFrom="abc" yearRangeTo="1972"', [], "unreadable birth date 'abc to 1972'"),
        ('birthdate="" city="Minsk"', [], None),
    ],
)
def test_birth_date_forms(tmp_path: Path, attrs: str, dates: list[str], problem: str | None) -> None:
    inner = PERSON + '<nameAlias wholeName="A B"/>' + f"<birthdate {attrs}/>"
    entities, ctx = read(write_export(tmp_path, entity_xml(inner)))
    assert entities["9"].get("birthDate") == dates
    assert [i.message for i in ctx.issues] == ([f"{problem}; the rest of the record is kept"] if problem else [])


def test_addresses_contacts_and_document_flags(tmp_path: Path) -> None:
    inner = (
        ENTERPRISE
        + '<nameAlias wholeName="Shipping LLC"/>'
        + '<address street="1 Quay" poBox="123" zipCode="" city="Dubai" countryIso2Code="AE" '
        'countryDescription="UNITED ARAB EMIRATES" asAtListingTime="true">'
        '<contactInfo key="PHONE" value="+971 1, +971 2"/><contactInfo key="EMAIL" value="a@b.ae; c@d.ae"/>'
        '<contactInfo key="WEB" value="https://ship.ae"/><contactInfo key="TELEX" value="1"/></address>'
        + '<address city="" countryIso2Code="00" countryDescription="UNKNOWN"/>'
        + '<identification identificationTypeCode="imo" number="9123456" identificationTypeDescription="IMO number"/>'
        + '<identification identificationTypeCode="passport" number="P1" latinNumber="P1-LAT" diplomatic="true" '
        'issuedBy="Ministry" nameOnDocument="X" identificationTypeDescription="National passport"/>'
        + '<identification identificationTypeCode="swiftbic" number="ABCDAEAD"/>'
        + '<identification identificationTypeCode="tradelic" number=""/>'
        + '<citizenship countryIso2Code="AE"/>'
    )
    e = read(write_export(tmp_path, entity_xml(inner)))[0]["9"]
    assert e.get("address") == ["1 Quay, P.O. Box 123, Dubai, UNITED ARAB EMIRATES"]
    assert e.get("country") == ["ae"]  # citizenship of an organization and address country
    assert e.get("phone") == ["+971 1", "+971 2"]
    assert e.get("email") == ["a@b.ae", "c@d.ae"]
    assert e.get("website") == ["https://ship.ae"]
    assert e.get("imoNumber") == ["9123456"]
    # an organization has no passportNumber: the number is an idNumber, with its flags noted
    assert e.get("idNumber") == ["P1", "P1-LAT"]
    assert e.get("notes") == ["National passport P1: diplomatic; issued by Ministry; name on document X"]
    assert e.get("swiftBic") == ["ABCDAEAD"]


def test_designations_per_programme(tmp_path: Path) -> None:
    inner = (
        PERSON
        + '<nameAlias wholeName="Two Programmes"/>'
        + REG
        + '<regulation programme="ukr" numberTitle="269/2014 (OJ L78)" publicationDate="2014-03-17" '
        'publicationUrl="https://eur-lex.europa.eu/y"/>'
        + '<regulation programme="UKR" numberTitle="2022/330 (OJ L53)" entryIntoForceDate="2022-02-25"/>'
        + '<regulation numberTitle="1/2000"/>'
    )
    attrs = 'logicalId="9" designationDetails="Listed for X" unitedNationId=""'
    e = read(write_export(tmp_path, entity_xml(inner, attrs)))[0]["9"]
    got = {d.program: (d.listing_date, d.url, d.reason) for d in e.designations}
    assert got == {
        "BLR": (
            "2006-05-20",
            "https://eur-lex.europa.eu/x",
            "Listed for X; Programme: BLR (Belarus); Legal act: 765/2006 (OJ L134)",
        ),
        "UKR": (
            "2014-03-17",
            "https://eur-lex.europa.eu/y",
            "Listed for X; Programme: UKR (Ukraine); Legal act: 269/2014 (OJ L78), 2022/330 (OJ L53)",
        ),
        None: (None, None, "Listed for X; Legal act: 1/2000"),
    }
    assert all(d.measures == ["asset_freeze"] for d in e.designations)


def test_entity_without_regulation_is_still_designated(tmp_path: Path) -> None:
    e = read(write_export(tmp_path, entity_xml(PERSON + '<nameAlias wholeName="A B"/>')))[0]["9"]
    (d,) = e.designations
    assert (d.program, d.measures, d.reason) == (None, ["asset_freeze"], "EU reference number: EU.1.2")


def test_published_from_root_of_empty_list(tmp_path: Path) -> None:
    path = write_export(tmp_path, "", root=f'<export xmlns="{NS}" generationDate="2026-02-03T04:05:06.789+01:00">')
    entities, ctx = read(path)
    assert entities == {}
    assert ctx.published == "2026-02-03T04:05:06.789+01:00"


@pytest.mark.parametrize(
    ("value", "published"), [("2026-01-02", "2026-01-02"), ("02/01/2026", "2026-01-02"), ("soon", None)]
)
def test_published_forms(tmp_path: Path, value: str, published: str | None) -> None:
    path = write_export(
        tmp_path, entity_xml(PERSON + '<nameAlias wholeName="A"/>'), root=f'<export generationDate="{value}">'
    )
    assert read(path)[1].published == published


# --- broken files ---------------------------------------------------------------------------


BROKEN_FILES = {
    "empty": b"",
    "blank": b" \n\t\n",
    "html": b"<!DOCTYPE html><html><head><title>503</title></head><body>Service Unavailable</body></html>",
    "html-no-doctype": b"<html><body>Login required</body></html>",
    "wrong-root": b'<?xml version="1.0"?><sdnList><sdnEntry><uid>1</uid></sdnEntry></sdnList>',
    "not-xml": b"logicalId;wholeName\n1;Someone\n",
    "binary": bytes(range(256)) * 4,
    "dtd": b'<?xml version="1.0"?><!DOCTYPE export [<!ENTITY x "y">]><export>&x;</export>',
    "bad-encoding-name": b'<?xml version="1.0" encoding="no-such-codec"?><export/>',
    "latin1-declared-utf8": '<?xml version="1.0" encoding="UTF-8"?><export><sanctionEntity logicalId="1">'
    '<nameAlias wholeName="Café"/></sanctionEntity></export>'.encode("latin-1"),
    "unclosed": b'<?xml version="1.0"?><export><sanctionEntity logicalId="1">',
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_files_raise_source_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(BROKEN_FILES[name])
    with pytest.raises(SourceError) as info:
        read(path)
    assert str(path) in str(info.value)


def test_truncated_sample_raises_with_line(sample: Path, tmp_path: Path) -> None:
    data = sample.read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError) as info:
        read(path)
    assert "not well-formed" in info.value.message
    assert info.value.location is not None
    assert info.value.location.startswith("line ")


def test_mutated_bytes_raise_only_source_error(sample: Path, tmp_path: Path) -> None:
    """Random damage never lets anything but SourceError out (a cheap stand-in
    for the project-wide Hypothesis test)."""
    data = sample.read_bytes()
    rng = random.Random(20260508)
    path = tmp_path / "mutated.xml"
    for _ in range(150):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(len(buf))
            op = rng.random()
            if op < 0.4:
                buf[pos] = rng.randrange(256)
            elif op < 0.7:
                del buf[pos : pos + rng.randint(1, 40)]
            else:
                buf[pos:pos] = rng.choice([b"<", b">", b"&", b'"', b"\x00", b"\xff", b"<sanctionEntity>", b"</export>"])
        path.write_bytes(bytes(buf))
        with contextlib.suppress(SourceError):
            read(path)


# --- helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Ryhoravich", True),
        ("Aliaksandravich", True),
        ("Grigoryevich", True),
        ("Ilyich", True),
        ("Valereuna", True),
        ("Vladimirovna", True),
        ("Рыгоравіч", True),
        ("Аляксандравiч", True),  # Latin "i" as the Official Journal types it
        ("Валер’еўна", True),
        ("Григорьевич", True),
        ("Ulrich", False),
        ("Gabriel", False),
        ("Ben Khamis", False),
        ("Ivan", False),
        ("", False),
        (None, False),
    ],
)
def test_is_patronymic(word: str | None, expected: bool) -> None:
    assert is_patronymic(word) is expected


def test_split_enumeration() -> None:
    assert split_enumeration("(a) Mullah, (b) Maulavi") == ["Mullah", "Maulavi"]
    assert split_enumeration("Commander (SOBR)") == ["Commander (SOBR)"]
    assert split_enumeration("") == []


def test_programme_titles() -> None:
    assert programme_title("BLR") == "Belarus"
    assert programme_title("blr") == "Belarus"
    assert programme_title("NEW") is None
    assert programme_title(None) is None
    assert all(code == code.upper() and title for code, title in PROGRAMMES.items())


def test_real_excerpt(shared_data: Path) -> None:
    """The real FSF 1.1 excerpt of 2026-08-05: 4 real entries, and a synthetic one without a name, reported."""
    path = shared_file(shared_data, "eu/fsf_excerpt_2026-08-05.xml")
    assert eu_fsf.sniff(path.read_bytes()[:16384], path.name)
    ctx = ParseContext("eu_fsf", "EU", path)
    found = {e.source_id: e for e in eu_fsf.parse(path, ctx)}
    assert sorted(found) == ["13", "191", "330", "980"]
    assert ctx.published == "2026-08-05T16:47:04.449+02:00"
    assert [str(i) for i in ctx.issues] == ["logicalId 999999 (line 181): no name; skipped"]
    assert {k: e.schema for k, e in found.items()} == {
        "13": "Person",
        "191": "Person",
        "330": "Organization",
        "980": "Organization",
    }
    assert [d.program for d in found["330"].designations] == ["TAQA"]
    assert len(found["330"].get("address")) == 11
