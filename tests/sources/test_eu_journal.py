"""EU Official Journal annexes (OpenSanctions CSV): fixtures, real files, name helpers, broken input."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.model import Entity, parse_date
from embargo.names.language import guess_language as guess_lang
from embargo.sources import eu_journal
from embargo.sources._name_split import split_names
from embargo.sources.base import ParseContext
from tests.conftest import shared_data_dir, shared_file

BELARUS = "eu/opensanctions_eu_journal_32006R0765_belarus.csv"
RUSSIA = "eu/opensanctions_eu_journal_32014R0269_russia_ukraine.csv"
HEADER = ",".join(eu_journal.COLUMNS[:7])


def run(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name="eu_journal", authority="EU", path=path)
    entities: dict[str, Entity] = {}
    for entity in eu_journal.parse(path, ctx):
        assert entity.source_id not in entities
        entities[entity.source_id or ""] = entity
    return entities, ctx


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "journal.csv"
    path.write_bytes(data)
    return path


# --- name helpers -------------------------------------------------------------

LANG_CASES = [
    ("Александр Григорьевич ЛУКАШЕНКО", "ru"),
    ("Аляксандр Рыгоравіч ЛУКАШЭНКА", "be"),
    ("Уладзімір Уладзіміравіч НАВУМАЎ", "be"),
    ("Вiктар Аляксандравiч ЛУКАШЭНКА", "be"),  # Latin i standing in for і
    ("Мікалай Васільевіч СЯРГЕЕВIЧ", "be"),  # і alone, with a -віч patronymic
    ("Олег Євгенович БУГРОВ", "uk"),
    ("Галина Олександрiвна ХУЛАПОВА", "uk"),
    ("Володимир Васильович САЛЬДО", "uk"),
    ("Сергей Виĸторович ШАТИЛО", "ru"),  # Latin kra from PDF extraction
    ("Ольга Ігорівна БЕСЕДІНА", None),  # і without и, ы, э: Belarusian or Ukrainian
    ("ЛУКАШЕНКО", None),
    ("Александър Петров", None),  # Bulgarian vowel ъ
    ("Ђорђе Петровић", None),  # Serbian
    ("صدام حسين التكريتي", None),  # Arabic script: several languages
    ("김정은", "ko"),
    ("金正恩", None),
    ("Aliaksandr LUKASHENKA", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "lang"), LANG_CASES)
def test_guess_lang(text: str, lang: str | None) -> None:
    assert guess_lang(text) == lang


SPLIT_CASES = [
    ("A B; C D", ["A B", "C D"]),
    ("Alexander (Alexandr) Grigorievich LUKASHENKO", ["Alexander (Alexandr) Grigorievich LUKASHENKO"]),
    ("حسن غول (Hassan Ghul; Hassan Gul)", ["حسن غول", "Hassan Ghul", "Hassan Gul"]),
    ("Sergei AKSENOV (Сергей АКСЁНОВ)", ["Sergei AKSENOV", "Сергей АКСЁНОВ"]),
    ("Валентина МАТВИЕНКО (born ТЮТИНА)", ["Валентина МАТВИЕНКО (born ТЮТИНА)"]),
    ("Ольга КОСТЮК (née ПЕТРОВА; Olga PETROVA)", ["Ольга КОСТЮК", "ПЕТРОВА", "Olga PETROVA"]),
    ("Mohammed Sabet; Mohammad Sabet b) M. Javad Sabet", ["Mohammed Sabet", "Mohammad Sabet", "M. Javad Sabet"]),
    ("HTS (هيئة تحرير الشام (original script); Hayat Tahrir)", ["HTS", "هيئة تحرير الشام", "Hayat Tahrir"]),
    ("unbalanced (a; b", ["unbalanced (a", "b"]),
    ("Bornstein; born Smith", ["Bornstein", "Smith"]),
    ("Amir Khazmat (original script: Амир Хазмат)", ["Amir Khazmat", "Амир Хазмат"]),
    ("EL PARA (COMBAT NAME)", ["EL PARA (COMBAT NAME)"]),
    ("A; A; ;", ["A"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "names"), SPLIT_CASES)
def test_split_names(text: str, names: list[str]) -> None:
    assert split_names(text) == names


def test_split_names_survives_deep_nesting() -> None:
    assert split_names("x" + "(a;" * 5000 + ")" * 5000)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("7.2.1956", ["1956-02-07"]),
        ("1966", ["1966"]),
        ("1.1.1970 or 8.7.1963", ["1970-01-01", "1963-07-08"]),
        ("10.2.1983 (or 10.3.1983)", ["1983-02-10", "1983-03-10"]),
        ("1979, 1980 or 1981", ["1979", "1980", "1981"]),
        ("21.11.1964 / 1965", ["1964-11-21", "1965"]),
        ("March/April 1965", ["1965"]),
        ("January 1980", ["1980-01"]),
        ("7.8. 1978", ["1978-08-07"]),
        ("28.01 1966", ["1966-01-28"]),
        ("20.8.1963 POB: Tokmak, Kirghiz SSR", ["1963-08-20"]),
        ("10 October (year unknown)", []),
        ("N/D", []),
    ],
)
def test_dates(text: str, dates: list[str]) -> None:
    assert eu_journal.dates(text) == dates


# --- project fixtures ---------------------------------------------------------


def test_fixture_belarus(fixtures: Path) -> None:
    entities, ctx = run(fixtures / "eu" / "journal_32006R0765.csv")
    assert list(entities) == [
        "32006R0765/I.A/1",
        "32006R0765/I.A/2",
        "32006R0765/I.B/1",
        "32006R0765/V/Minsk Special Equipment Plant OJSC",
        "32006R0765/IX/Belarusian Development Bank",
        "32006R0765/XV/Belarusian Development Bank",
    ]
    assert [str(i) for i in ctx.issues] == [
        "line 8: 32006R0765/XXXIV/Belarusian digital token: schema 'Asset' is not a party to screen; row skipped"
    ]
    judge = entities["32006R0765/I.A/1"]
    assert judge.id == "eu-journal-32006r0765-i-a-1"
    assert judge.schema == "Person"
    assert judge.get("name") == ["Siarhei Mikalaevich HRYNEVICH"]
    assert judge.get("alias") == [
        "Sergei Nikolaevich GRINEVICH",
        "Сяргей Мікалаевіч ГРЫНЕВІЧ",
        "Сергей Николаевич ГРИНЕВИЧ",
    ]
    assert judge.name_languages == {"Сяргей Мікалаевіч ГРЫНЕВІЧ": "be", "Сергей Николаевич ГРИНЕВИЧ": "ru"}
    assert judge.get("nationality") == ["by", "ru"]
    assert judge.get("birthDate") == ["1970-01-01", "1963-07-08"]
    assert judge.get("birthPlace") == ["Baranavichy, former USSR (now Belarus)"]
    assert judge.get("position") == [
        "Chairman of the Leninsky District Court of Minsk",
        "former judge of the Minsk City Court",
    ]
    assert judge.get("passportNumber") == ["MP3303172"]
    assert judge.get("idNumber") == ["3010171A012PB1"]
    assert judge.get("gender") == ["male"]
    (d,) = judge.designations
    assert (d.authority, d.program, d.measures, d.listing_date) == ("EU", "EU-BLR", ["asset_freeze"], "2020-10-02")
    assert d.reason is not None
    assert d.reason.startswith("Head of a district court")
    assert d.url == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R0765"
    assert d.source_id == "32006R0765/I.A/1"

    warden = entities["32006R0765/I.A/2"]
    assert warden.get("birthDate") == ["1979", "1980", "1981"]
    assert warden.get("alias")[-2:] == ["ПЕТРОВА", "Olga PETROVA"]

    plant = entities["32006R0765/I.B/1"]
    assert plant.schema == "LegalEntity"
    assert plant.get("registrationNumber") == ["100123456"]
    assert plant.get("incorporationDate") == ["1997-06-30"]
    assert plant.get("address") == ["Partyzanski Avenue 99, 220033 Minsk, Belarus", "Minsk, Belarus"]
    assert plant.get("phone") == ["+375 17 123 45 67", "+375 17 123 45 68"]
    assert plant.get("website") == ["www.msep.example", "https://msep.example/en"]
    assert plant.get("gender") == []
    assert plant.name_languages == {"ОАО ‘Минский завод спецтехники’": "ru", "ААТ ‘Мінскі завод спецтэхнікі’": "be"}

    export = entities["32006R0765/V/Minsk Special Equipment Plant OJSC"]
    assert export.designations[0].measures == ["export_restriction"]
    assert export.designations[0].listing_date is None
    bank = entities["32006R0765/XV/Belarusian Development Bank"]
    assert bank.designations[0].measures == ["financial_prohibition"]
    assert bank.designations[0].listing_date == "2022-03-20"


def test_fixture_russia_ukraine(fixtures: Path) -> None:
    entities, ctx = run(fixtures / "eu" / "journal_32014R0269.csv")
    assert ctx.issue_count == 0
    assert [e.schema for e in entities.values()] == ["Person", "Company", "LegalEntity"]
    deputy = entities["32014R0269/I.PERSONS/1"]
    assert deputy.get("alias") == [
        "Nikolai Vasilievich SAVCHUK",
        "Николай Васильевич САВЧУК",
        "Микола Васильович САВЧУК",
    ]
    assert deputy.name_languages == {"Николай Васильевич САВЧУК": "ru", "Микола Васильович САВЧУК": "uk"}
    assert deputy.get("nationality") == ["ua", "ru"]
    assert deputy.get("birthDate") == ["1964-11-21", "1965"]
    assert deputy.get("taxNumber") == ["650100123456"]
    plant = entities["32014R0269/I.ENTITIES/1"]
    assert plant.get("previousName") == ["Federal State Unitary Enterprise ‘Volga Ammunition Plant’"]
    assert plant.get("kppCode") == ["630001001"]
    assert plant.get("alias") == ["Акционерное общество ‘Волжский патронный завод’", "AO VPZ"]
    shipping = entities["32014R0269/I.ENTITIES/2"]
    assert shipping.get("country") == ["ru"]
    assert shipping.get("notes") == ["Ongoing bankruptcy proceedings."]
    assert shipping.designations[0].program == "EU-UKR"


# --- the real files -----------------------------------------------------------


@pytest.fixture(scope="module")
def belarus() -> tuple[list[dict[str, str]], dict[str, Entity], ParseContext]:
    shared = shared_data_dir()
    if not shared.is_dir():
        pytest.skip(f"real data not found at {shared} (set EMBARGO_SHARED_DATA)")
    path = shared_file(shared, BELARUS)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    entities, ctx = run(path)
    return rows, entities, ctx


def test_real_belarus_counts(belarus: tuple[list[dict[str, str]], dict[str, Entity], ParseContext]) -> None:
    rows, entities, ctx = belarus
    assert len(rows) == 408
    # recordId is numbered per annex (Annex I.A entry 1 and Annex I.B entry 1
    # are different parties), and Annexes V, IX, XV and XXXIV have no numbers:
    # SOURCES.md's "376 listings" counts (annex, recordId) pairs with the 36
    # unnumbered rows collapsed into one per annex. Every row is one listing.
    numbered = [(r["annex"], r["recordId"]) for r in rows if r["recordId"]]
    unnumbered = [(r["annex"], r["name"]) for r in rows if not r["recordId"]]
    assert (len(numbered), len(set(numbered)), len(unnumbered), len(set(unnumbered))) == (372, 372, 36, 36)
    assert len({(r["annex"], r["recordId"]) for r in rows}) == 376
    schemas = Counter(r["schema"] for r in rows)
    assert schemas == {"Person": 312, "LegalEntity": 95, "Asset": 1}
    assert len(entities) == 407
    assert Counter(e.schema for e in entities.values()) == {"Person": 312, "LegalEntity": 95}
    assert ctx.issue_count == 1  # the Asset row (the digital rouble)


def test_real_belarus_rows_field_by_field(
    belarus: tuple[list[dict[str, str]], dict[str, Entity], ParseContext],
) -> None:
    rows, entities, _ = belarus
    single_date = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
    for r in rows:
        if r["schema"] == "Asset":
            continue
        tail = r["recordId"] or r["name"]
        entity = entities[f"{r['celex']}/{r['annex']}/{tail}"]
        assert entity.get("name") == [" ".join(r["name"].split())]
        for alias in r["alias"].split("; "):
            if alias and "(" not in alias:
                assert alias in entity.get("alias")
        if single_date.match(r["birthDate"]):
            assert entity.get("birthDate") == [parse_date(r["birthDate"])]
        (d,) = entity.designations
        assert d.program == r["programKey"] == "EU-BLR"
        assert d.listing_date == parse_date(r["startDate"])
        assert d.measures == [eu_journal.MEASURES[r["measure"].lower()]]


def test_real_belarus_lukashenka(belarus: tuple[list[dict[str, str]], dict[str, Entity], ParseContext]) -> None:
    entities = belarus[1]
    luka = entities["32006R0765/I.A/45"]
    assert luka.get("name") == ["Aliaksandr Ryhoravich LUKASHENKA"]
    assert luka.get("alias") == [
        "Alexander (Alexandr) Grigorievich LUKASHENKO",
        "Аляксандр Рыгоравіч ЛУКАШЭНКА",
        "Александр Григорьевич ЛУКАШЕНКО",
    ]
    assert luka.name_languages == {"Александр Григорьевич ЛУКАШЕНКО": "ru", "Аляксандр Рыгоравіч ЛУКАШЭНКА": "be"}
    assert luka.get("birthDate") == ["1954-08-30"]
    assert luka.get("gender") == ["male"]
    assert luka.get("position") == ["President of the Republic of Belarus"]
    assert luka.designations[0].listing_date == "2020-11-06"
    assert luka.designations[0].reason is not None
    assert luka.designations[0].reason.startswith("As President of Belarus")
    son = entities["32006R0765/I.A/46"]
    assert son.name_languages["Вiктар Аляксандравiч ЛУКАШЭНКА"] == "be"
    assert son.get("idNumber") == ["3281175A014PB8"]


def test_real_russia_ukraine_counts(shared_data: Path) -> None:
    path = shared_file(shared_data, RUSSIA)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(r["annex"], r["recordId"]) for r in rows]
    assert len(rows) == len(set(keys)) == 2802
    entities, ctx = run(path)
    assert len(entities) == 2802
    assert Counter(e.schema for e in entities.values()) == Counter(r["schema"] for r in rows)
    assert Counter(e.schema for e in entities.values()) == {"Person": 1984, "LegalEntity": 622, "Company": 196}
    # three birth dates without a year ("10 October (year unknown)", "N/D")
    assert ctx.issue_count == 3
    born = sum(1 for e in entities.values() if e.get("birthDate"))
    assert born == sum(1 for r in rows if re.search(r"\d{4}", r["birthDate"]))


# --- sniffing and broken input ------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (HEADER.encode() + b",reason\r\n32006R0765,1", True),
        (b"\xef\xbb\xbf" + HEADER.encode(), True),
        (b'"celex","recordId","programKey"\n', True),
        (b"Last Updated,20/03/2024\nName 6,Name 1", False),
        (b"<?xml version='1.0'?><export/>", False),
        (b"id,schema,name\n", False),
    ],
)
def test_sniff(head: bytes, expected: bool) -> None:
    assert eu_journal.sniff(head, "journal.csv") is expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<html><body>Not found</body></html>", "no header row"),
        (b"celex,recordId,programKey,annex,name\n", "lacks required columns: measure, schema"),
        (HEADER.encode() + b",name\n32006R0765,1,EU-BLR,I.A,Asset freeze,1.1.2020,Person,\xff\xfe\n", "not UTF-8"),
        (b"\x00\x01\x02celex,recordId\n", "NUL"),
    ],
)
def test_broken_files_raise_source_error(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        run(write(tmp_path, data))


def test_broken_rows_are_warned_and_adjacent_repeats_merged(tmp_path: Path) -> None:
    lines = [
        "celex,recordId,programKey,annex,measure,startDate,schema,name,birthDate",
        "32006R0765,1,EU-BLR,I.A,Asset freeze,2.10.2020,Person,Good One,1.2.1960",
        "32006R0765,1,EU-BLR,I.A,Travel ban,2.10.2020,Person,Good One,",
        "32006R0765,2,EU-BLR,I.A,Asset freeze,2.10.2020,Person,,",
        "32006R0765,3,EU-BLR,I.A,Asset freeze",
        "32006R0765,4,EU-BLR,I.A,Asset freeze,99.99.2020,Person,Bad Dates,sometime",
        "32006R0765,1,EU-BLR,I.A,Asset freeze,2.10.2020,Person,Good One,",
        "32006R0765,5,EU-BLR,I.A,Secret measure,2.10.2020,Thing,Not A Party,",
        ",6,EU-BLR,I.A,Asset freeze,2.10.2020,Person,No Celex,",
        "32006R0765,7,EU-BLR,I.A,Asset freeze,2.10.2020,Person," + "X" * 600 + ",",
    ]
    entities, ctx = run(write(tmp_path, "\n".join(lines).encode()))
    assert list(entities) == ["32006R0765/I.A/1", "32006R0765/I.A/4"]
    good = entities["32006R0765/I.A/1"]
    assert good.designations[0].measures == ["asset_freeze", "travel_ban"]
    assert good.get("birthDate") == ["1960-02-01"]
    bad = entities["32006R0765/I.A/4"]
    assert bad.designations[0].listing_date is None  # an impossible date is dropped, not guessed
    assert bad.get("birthDate") == []
    assert [i.location for i in ctx.issues] == ["line 4", "line 5", "line 6", "line 7", "line 8", "line 9", "line 10"]


def test_name_with_its_original_script_form(tmp_path: Path) -> None:
    data = "celex,recordId,programKey,annex,measure,schema,name\n32014R0269,9,EU-UKR,I,Asset freeze,Person,"
    data += "Dmitry KOZAK (Дмитрий КОЗАК)\n"
    (person,) = run(write(tmp_path, data.encode()))[0].values()
    assert person.get("name") == ["Dmitry KOZAK (Дмитрий КОЗАК)"]
    assert person.get("alias") == ["Dmitry KOZAK", "Дмитрий КОЗАК"]
    assert person.name_languages == {"Дмитрий КОЗАК": "ru"}


def test_unknown_measure_is_other(tmp_path: Path) -> None:
    data = "celex,recordId,programKey,annex,measure,schema,name\n32099R0001,1,EU-XYZ,I,Port ban,Vessel,SEA STAR\n"
    entities, _ = run(write(tmp_path, data.encode()))
    (vessel,) = entities.values()
    assert vessel.schema == "Vessel"
    assert vessel.designations[0].measures == ["other"]
    assert vessel.designations[0].program == "EU-XYZ"


def test_format_object() -> None:
    assert eu_journal.FORMAT.name == "eu_journal"
    assert "not an official format" in eu_journal.TITLE
    assert set(eu_journal.PROGRAMS) == {"EU-BLR", "EU-UKR"}
