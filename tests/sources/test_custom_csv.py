"""Internal-list CSV: the documented columns, delimiters, encodings, duplicates, broken input, sniffing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embargo.errors import SourceError
from embargo.model import Entity
from embargo.sources import custom_csv
from embargo.sources.base import ParseContext
from tests.conftest import shared_file

FIXTURE = "custom/internal_list.csv"


def run(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name="internal", authority="ACME Compliance", path=path)
    entities: dict[str, Entity] = {}
    for entity in custom_csv.parse(path, ctx):
        assert entity.id not in entities
        entities[entity.source_id or ""] = entity
    return entities, ctx


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode(encoding))
    return path


# --- project fixture (Excel "CSV UTF-8": BOM, CRLF, title-case headers) -----------


def test_fixture_rows_and_warnings(fixtures: Path) -> None:
    entities, ctx = run(fixtures / FIXTURE)
    assert list(entities) == ["C-001", "C-002", "V-7", "P-9", "X-1", "P-10"]
    assert ctx.published is None
    assert [str(i) for i in ctx.issues] == [
        "line 1: unknown columns ignored: risk_score",
        "line 4: column birth_date does not apply to a Company; ignored",
        "line 4: unknown measure 'freeze of everything'; recorded as other",
        "line 6: row without id or name; skipped",
        "line 7: 28 cells where the header has 25; row skipped",
        "line 8: birth_date 'not known' is not usable; ignored",
        "line 8: nationality 'Narnia' is not usable; ignored",
        "line 8: gender 'unknown' is not usable; ignored",
        "line 8: listing_date 'sometime' is not a date; ignored",
        "line 9: unknown schema 'Corp'; read as LegalEntity",
        "line 9: column passport_number does not apply to a LegalEntity; ignored",
        "line 10: id 'C-001' was already read (not on the row before); row skipped",
    ]


def test_fixture_person_merged_from_two_rows(fixtures: Path) -> None:
    person = run(fixtures / FIXTURE)[0]["C-001"]
    assert (person.id, person.schema, person.list_name) == ("internal-c-001", "Person", "internal")
    assert person.properties == {
        "name": ["Ivan Petrovich SIDOROV"],
        "alias": ["Иван Петрович СИДОРОВ", "Ivan Sidorov", "Ivan P. Sidorov"],
        "firstName": ["Ivan"],
        "lastName": ["SIDOROV"],
        "fatherName": ["Petrovich"],
        "birthDate": ["1961-04-12", "1962"],
        "birthPlace": ["Tula, Russia"],
        "nationality": ["ru"],
        "gender": ["male"],
        "passportNumber": ["720000001"],
        "address": ["ul. Sovetskaya 1, Tula, 300000"],
        "notes": ["Reviewed by compliance"],
        "sourceUrl": ["https://intranet.example.com/cases/1"],
    }
    assert [d.to_dict() for d in person.designations] == [
        {
            "id": "internal-c-001-internal-high-risk",
            "list": "internal",
            "authority": "ACME Compliance",
            "program": "Internal high risk",
            "measures": ["asset_freeze", "travel_ban"],
            "listing_date": "2024-01-15",
            "reason": "Adverse media: procurement fraud",
            "source_id": "C-001",
            "url": "https://intranet.example.com/cases/1",
        },
        {
            "id": "internal-c-001-client-exit",
            "list": "internal",
            "authority": "ACME Compliance",
            "program": "Client exit",
            "measures": ["other"],
            "listing_date": "2024-03-01",
            "source_id": "C-001",
        },
    ]


def test_fixture_company_vessel_and_multiline_cell(fixtures: Path) -> None:
    entities, _ = run(fixtures / FIXTURE)
    company = entities["C-002"]
    assert company.schema == "Company"
    assert company.get("alias") == ["Northwind Trading", "Нортвинд Трейдинг"]
    assert company.get("country") == ["ae"]  # "United Arab Emirates; AE" is one country
    assert company.get("registrationNumber") == ["CN-1234567"]
    [d] = company.designations
    assert (d.authority, d.measures, d.listing_date) == ("Group Compliance", ["asset_freeze", "other"], "2023-02-01")
    vessel = entities["V-7"]
    assert (vessel.schema, vessel.get("imoNumber"), vessel.get("country")) == ("Vessel", ["IMO9000001"], ["pa"])
    assert [(d.id, d.program, d.measures) for d in vessel.designations] == [("internal-v-7-listing", None, [])]
    assert entities["X-1"].schema == "LegalEntity"
    olena = entities["P-10"]
    assert olena.get("name") == ["Олена Коваленко"]
    assert (olena.get("birthDate"), olena.get("nationality"), olena.get("gender")) == (["1975-07"], ["ua"], ["female"])
    assert olena.designations[0].reason == "Line one of the reason\nline two of the reason"


# --- layout variants ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "id,name,birth_date,nationality\nk1,Anna Berg,03/05/1970,Sweden\n",
        "\ufeffID;NAME;Birth Date;Nationality\nk1;Anna Berg;1970-05-03;SE\n",
        "Nationality\tBirth-Date\tName\tId\nSE\t3 May 1970\tAnna Berg\tk1\n",
        '"id","name","birth_date","nationality"\r\n"k1","Anna Berg","1970-05-03","se"\r\n',
        "\n\nid,name,birth_date,nationality,\nk1,Anna Berg,1970-05-03,Sweden,\n\n",
    ],
    ids=["comma", "semicolon-bom", "tab-reordered", "quoted-crlf", "blank-lines-trailing-delimiter"],
)
def test_layouts(tmp_path: Path, text: str) -> None:
    entities, ctx = run(write(tmp_path, text))
    anna = entities["k1"]
    assert anna.schema == "Person"
    assert anna.properties == {"name": ["Anna Berg"], "birthDate": ["1970-05-03"], "nationality": ["se"]}
    assert [d.id for d in anna.designations] == ["internal-k1-listing"]
    assert ctx.issues == []


def test_semicolon_file_with_quoted_multi_values(tmp_path: Path) -> None:
    text = (
        'id;name;alias;measures;schema\nq1;Blue Ocean Ltd;"Blue Ocean; BO Ltd";"Asset freeze; arms embargo";company\n'
    )
    [entity] = run(write(tmp_path, text))[0].values()
    assert entity.schema == "Company"
    assert entity.get("alias") == ["Blue Ocean", "BO Ltd"]
    assert entity.designations[0].measures == ["asset_freeze", "arms_embargo"]


def test_duplicates(tmp_path: Path) -> None:
    text = (
        "id,name,alias,program,schema\n"
        "a1,Alpha Co,Alpha,P1,Company\n"
        "a1,Alpha Co,Alpha Company,P2,Person\n"
        "b2,Beta,,,\n"
        "A1,Alpha again,,,\n"  # a different id giving the same entity id
        "a1,Alpha thrice,,,\n"
    )
    entities, ctx = run(write(tmp_path, text))
    assert list(entities) == ["a1", "b2"]
    alpha = entities["a1"]
    assert alpha.schema == "Company"
    assert alpha.get("alias") == ["Alpha", "Alpha Company"]
    assert [d.program for d in alpha.designations] == ["P1", "P2"]
    assert [str(i) for i in ctx.issues] == [
        "line 3: schema Person differs from the party's Company; kept",
        "line 5: id 'A1' was already read (not on the row before); row skipped",
        "line 6: id 'a1' was already read (not on the row before); row skipped",
    ]


def test_broken_rows(tmp_path: Path) -> None:
    long_cell = "x" * 2_000  # longer than any name
    text = (
        "id,name,country\n"
        "1,One,fr\n"
        "2,Two\n"
        "3,Three,de,extra\n"
        ",No Id,\n"
        "4,,it\n"
        "###,Bad Id,\n"
        f'5,"{long_cell}",es\n'
        "6,Six,pt\n"
    )
    entities, ctx = run(write(tmp_path, text))
    assert list(entities) == ["1", "6"]
    assert [i.location for i in ctx.issues] == ["line 3", "line 4", "line 5", "line 6", "line 7", "line 8"]


@pytest.mark.parametrize(
    ("body", "message", "location"),
    [
        (b"", "the file is empty", None),
        (b"\r\n\r\n", "the file is empty", None),
        (b"name,country\nOne,fr\n", "no header naming the columns id and name", "line 1"),
        (b"<html><body>Service unavailable</body></html>", "no header naming the columns id and name", "line 1"),
        (b"id,name\n1,Caf\xe9 M\xfcller\n", "not UTF-8 text", "line 2"),
        (b"id,name\n1,One\n2,T\x00wo\n", "NUL bytes", "line 3"),
    ],
)
def test_broken_files(tmp_path: Path, body: bytes, message: str, location: str | None) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(body)
    with pytest.raises(SourceError, match=message) as err:
        list(custom_csv.parse(path, ParseContext("internal", "T", path)))
    assert err.value.location == location
    assert err.value.path == str(path)


# --- sniffing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"id,name,schema\n1,A,Person\n", True),
        (b"\xef\xbb\xbfID;Name;Birth Date\r\n", True),
        (b"Name\tID\tCountry\n", True),
        (b"id,name\n1,A\n", False),  # nothing else to go by
        (b"id,name,risk\n", False),
        (b"Name 6,Name 1,id,name,Country,Group ID\n", False),  # OFSI-like
        (b"celex,recordId,id,name,alias\n", False),  # EU journal extract
        (b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\n', False),  # OFAC sdn.csv
        (b'{"id": "a", "name": "x", "schema": "Person"}\n', False),
    ],
)
def test_sniff(head: bytes, expected: bool) -> None:
    assert custom_csv.sniff(head, "list.csv") is expected


def test_sniff_fixtures_and_publishers_csvs(fixtures: Path, shared_data: Path) -> None:
    assert custom_csv.sniff((fixtures / FIXTURE).read_bytes()[:4096], "internal_list.csv")
    others = [p for p in fixtures.rglob("*") if p.is_file() and "custom" not in p.parts]
    others += [p for p in shared_data.rglob("*") if p.is_file()]
    assert others
    for path in others:
        assert not custom_csv.sniff(path.read_bytes()[:16384], path.name), path


def test_sniff_real_eu_journal_and_ofsi(shared_data: Path) -> None:
    for rel in (
        "eu/opensanctions_eu_journal_32006R0765_belarus.csv",
        "uk/ConList_excerpt_2020.csv",
        "ofac/sdn_csv_2021/sdn.csv",
    ):
        path = shared_file(shared_data, rel)
        assert not custom_csv.sniff(path.read_bytes()[:16384], path.name)


# --- any bytes ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.lists(st.sampled_from(["id", "name", "alias", "birth_date", '"', ";", ",", "\t", "\n", "\r", "x", "é", "1"]))
        .map("".join)
        .map(lambda s: ("id,name,birth_date\n" + s).encode()),
    )
)
def test_any_bytes_raise_only_source_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        for entity in custom_csv.parse(path, ParseContext("fuzz", "T", path)):
            assert entity.id.startswith("fuzz-")
    except SourceError:
        pass
    custom_csv.sniff(data, path.name)
