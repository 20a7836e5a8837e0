"""UK OFSI ConList.csv: both column layouts, the real partial file, broken input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.model import Entity, parse_date
from embargo.sources import uk_ofsi
from embargo.sources.base import ParseContext
from tests.conftest import shared_file

REAL = "uk/ConList_excerpt_2020.csv"
HEADER_2022 = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"
    "Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details,"
    "National Identification Number,National Identification Details,Position,Address 1,Address 2,Address 3,"
    "Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,"
    "Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID"
)


def run(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name="uk_ofsi", authority="UK OFSI", path=path)
    entities = {e.source_id or "": e for e in uk_ofsi.parse(path, ctx)}
    return entities, ctx


def row(**cells: str) -> str:
    """A 2022-layout data row with the given cells (keys use _ for spaces)."""
    named = {k.replace("_", " "): v for k, v in cells.items()}
    return ",".join(named.get(h, "") for h in HEADER_2022.split(","))


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "ConList.csv"
    path.write_bytes(data)
    return path


# --- project fixtures -------------------------------------------------------


def test_fixture_2022_layout_cp1252(fixtures: Path) -> None:
    entities, ctx = run(fixtures / "uk" / "ConList.csv")
    assert ctx.published == "2024-03-20"
    assert ctx.issue_count == 0
    assert list(entities) == ["90002", "90004", "90003", "90001"]
    assert {k: e.schema for k, e in entities.items()} == {
        "90001": "Person",
        "90002": "Organization",
        "90003": "Vessel",
        "90004": "Person",
    }

    petrov = entities["90001"]
    assert petrov.id == "uk-ofsi-90001"
    assert petrov.get("name") == ["Sergei Ivanovich PETROV"]
    assert (petrov.get("firstName"), petrov.get("middleName"), petrov.get("lastName")) == (
        ["Sergei"],
        ["Ivanovich"],
        ["PETROV"],
    )
    assert petrov.get("alias") == ["Serguei PETROFF"]
    assert petrov.get("weakAlias") == ["SERYOZHA"]
    assert petrov.get("previousName") == ["Sergei Ivanovich IVANOV"]
    # cp1252 cannot hold Cyrillic: the "??????" placeholder is not a name.
    assert not any("?" in n for _, n in petrov.names())
    assert petrov.get("birthDate") == ["1961-03-14", "1960-03-14"]
    assert petrov.get("birthPlace") == ["Leningrad"]
    assert petrov.get("birthCountry") == ["ru"]
    assert petrov.get("nationality") == ["ru", "cy"]
    assert petrov.get("passportNumber") == ["750123456", "720987654"]
    assert petrov.get("idNumber") == ["770123456789"]
    assert petrov.get("position") == ["Deputy Minister of Energy", "Member of the board of Rosnefteprom"]
    assert petrov.get("address") == ["12 Tverskaya Street, Moscow, 125009, Russia"]
    assert petrov.get("country") == ["ru"]
    assert petrov.get("programId") == ["RUS9001"]
    assert petrov.get("modifiedAt") == ["2022-03-16"]
    (d,) = petrov.designations
    assert (d.authority, d.program, d.measures, d.listing_date) == ("UK OFSI", "Russia", ["asset_freeze"], "2022-03-15")
    assert d.reason is not None
    assert d.reason.startswith("Sergei PETROV is a Deputy Minister of Energy")
    assert d.reason.endswith("Government of Russia.")

    societe = entities["90002"]
    assert societe.get("name") == ["SOCIÉTÉ SYRIENNE DE NÉGOCE TECHNIQUE"]
    assert societe.get("alias") == ["SOCIETE SYRIENNE DE NEGOCE TECHNIQUE", "SSNT"]
    assert societe.get("address") == ["Rue de la Révolution, PO Box 2143, Damascus, Syria"]
    assert societe.designations[0].listing_date == "2014-06-24"

    ship = entities["90003"]
    assert ship.get("name") == ["OCEAN STAR"]
    assert ship.get("imoNumber") == ["IMO9123456"]

    fulani = entities["90004"]
    assert fulani.get("title") == ["Dr"]
    assert fulani.get("birthDate") == ["1962", "1963-05"]
    assert fulani.get("programId") == ["LYi.901"]
    assert fulani.designations[0].reason is None


def test_fixture_utf8_with_non_latin_names(fixtures: Path) -> None:
    entities, ctx = run(fixtures / "uk" / "ConList_utf8.csv")
    assert ctx.published == "2024-10-02"
    kazlou = entities["91001"]
    assert kazlou.get("name") == ["Andrei Viktaravich KAZLOU"]
    assert kazlou.get("alias") == ["Андрэй Віктаравіч КАЗЛОЎ", "Andrey Viktorovich KOZLOV", "Андрей Викторович КОЗЛОВ"]
    assert kazlou.name_languages == {"Андрэй Віктаравіч КАЗЛОЎ": "be", "Андрей Викторович КОЗЛОВ": "ru"}
    exchange = entities["91002"]
    assert exchange.get("alias") == ["حاجی عبدالستار صرافی"]
    # "Dari" is its own ISO 639-3 language; the analysis romanizes it as Persian.
    assert exchange.name_languages == {"حاجی عبدالستار صرافی": "prs"}
    assert exchange.get("programId") == ["AFG9002", "TAe.901"]


def test_fixture_2020_layout(fixtures: Path) -> None:
    entities, ctx = run(fixtures / "uk" / "ConList_2020.csv")
    assert ctx.published == "2020-03-18"
    assert ctx.issue_count == 0
    kassim = entities["80001"]
    assert kassim.get("name") == ["Omar Saleh KASSIM"]
    assert kassim.get("alias") == ["Umar Saleh QASIM"]
    assert kassim.get("birthDate") == ["1971-07-12", "1970"]
    assert kassim.get("nationality") == ["iq", "jo"]
    assert kassim.get("passportNumber") == ["A4455667"]
    assert kassim.get("idNumber") == ["28103456789"]
    assert kassim.get("position") == ["Financier", "Courier"]
    assert kassim.designations[0].program == "The ISIL (Da'esh) and Al-Qaida organisations"
    hilal = entities["80002"]
    assert hilal.schema == "Organization"
    assert hilal.get("name") == ["AL-HILAL GÉNÉRAL TRADING"]
    assert hilal.get("address") == ["Zone Industrielle, Béchar, Algeria"]


# --- the real (partial, re-saved) file ---------------------------------------


def _real_rows(path: Path) -> list[dict[str, str]]:
    """Read independently: the header's first cell is empty and the data rows lack it."""
    with path.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0][1:]
    assert rows[0][0] == ""
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def _dob(text: str) -> str:
    day, month, year = text.split("/")
    return year if month == "00" else (f"{year}-{month}" if day == "00" else f"{year}-{month}-{day}")


def test_real_excerpt_counts_and_names(shared_data: Path) -> None:
    path = shared_file(shared_data, REAL)
    rows = _real_rows(path)
    assert len(rows) == 77
    groups = {r["Group ID"] for r in rows}
    assert len(groups) == 41
    entities, ctx = run(path)
    assert set(entities) == groups
    assert ctx.published is None  # this copy lost the "Last Updated" line
    kinds = {r["Group ID"]: r["Group Type"] for r in rows}
    assert sum(1 for k in kinds.values() if k == "Individual") == 32
    assert sum(1 for e in entities.values() if e.schema == "Person") == 32
    assert sum(1 for e in entities.values() if e.schema == "Organization") == 9
    primary = {r["Group ID"] for r in rows if r["Alias Type"] == "Prime Alias"}
    # The excerpt lacks the primary-name row of some groups; each is reported.
    assert ctx.issue_count == len(groups - primary) == 23
    for r in rows:
        entity = entities[r["Group ID"]]
        full = " ".join(r[c] for c in ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6") if r[c])
        if r["Alias Type"] == "Prime Alias":
            assert full in entity.get("name")
        else:
            assert full in entity.get("alias") + entity.get("name")
        if r["DOB"]:
            assert _dob(r["DOB"]) in entity.get("birthDate")
        assert entity.designations[0].program == r["Regime"]
        assert entity.designations[0].listing_date == parse_date(r["Listed On"])
    dobs = sum(len(e.get("birthDate")) for e in entities.values())
    assert dobs == len({(r["Group ID"], r["DOB"]) for r in rows if r["DOB"]})


def test_real_excerpt_spot_checks(shared_data: Path) -> None:
    entities, _ = run(shared_file(shared_data, REAL))
    qahtani = entities["13349"]
    assert qahtani.get("name") == ["Sheikh Farooq AL-QAHTANI"]
    assert qahtani.get("alias") == []
    assert qahtani.get("birthDate") == ["1980", "1981"]
    assert qahtani.get("nationality") == ["sa", "qa"]
    assert qahtani.get("passportNumber") == ["592667"]
    assert qahtani.get("programId") == ["QDe.004"]
    assert qahtani.get("modifiedAt") == ["2016-04-01"]
    abdallah = entities["12999"]
    assert abdallah.get("passportNumber") == ["D00001184", "P04838205"]
    assert abdallah.get("position") == [
        "General",
        "Minister for Security",
        "Director General of the Extraordinary Committee for the Defence of Democratic Achievements",
    ]
    assert abdallah.get("birthPlace") == ["Ndele, Central African Republic", "Algenana, Sudan"]
    assert abdallah.get("nationality") == ["cf", "sd"]
    nasir = entities["13720"]
    assert nasir.get("name") == ["Hajji 'ABD AL-NASIR"]
    assert nasir.get("birthDate") == ["1965", "1966", "1967", "1968", "1969"]
    assert nasir.designations[0].listing_date == "2018-11-20"


# --- sniffing and broken input ----------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"Last Updated,20/03/2024\r\n" + HEADER_2022.encode() + b"\r\n", True),
        (b"\xef\xbb\xbfLast Updated,20/03/2024\r\n" + HEADER_2022.encode(), True),
        (b",Name 6,Name 1,Name 2,Title,DOB,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID\n", True),
        (b"Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1\n", False),
        (b"celex,recordId,programKey,annex\n", False),
        (b"<html><body>Error</body></html>", False),
    ],
)
def test_sniff(head: bytes, expected: bool) -> None:
    assert uk_ofsi.sniff(head, "ConList.csv") is expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (b"<!DOCTYPE html><html><body>503</body></html>", "no header row"),
        (b"a,b,c\n1,2,3\n", "no header row"),
        (
            b"Last Updated,01/01/2024\nName 6,Name 1,Name 2,Group ID\nX,Y,Z,1\n",
            "lacks required columns: Group Type, Regime",
        ),
        (b"Name 6,Name 1,\x00Group Type,Group ID,Regime\n", "NUL"),
    ],
)
def test_broken_files_raise_source_error(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        run(write(tmp_path, data))


def test_missing_file_raises_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        run(tmp_path / "absent.csv")


def test_broken_rows_are_warned_and_skipped(tmp_path: Path) -> None:
    lines = [
        "Last Updated,not a date",
        HEADER_2022,
        row(Name_6="GOOD", Group_Type="Individual", Alias_Type="Primary name", Regime="Libya", Group_ID="1"),
        row(Name_6="NO ID", Group_Type="Individual", Alias_Type="Primary name", Regime="Libya", Group_ID=""),
        row(Name_6="ODD", Group_Type="Spaceship", Alias_Type="Primary name", Regime="Libya", Group_ID="2"),
        "SHORT,ROW,1",
        row(Name_6="ALIAS", Group_Type="Individual", Alias_Type="Nickname", Regime="Libya", Group_ID="1"),
        row(Name_6="MIXED", Group_Type="Entity", Alias_Type="AKA", Regime="Libya", Group_ID="1"),
        row(Group_Type="Entity", Alias_Type="Primary name", Regime="Libya", Group_ID="3"),
        row(Name_6="X" * 600, Group_Type="Entity", Alias_Type="Primary name", Regime="Libya", Group_ID="4"),
    ]
    entities, ctx = run(write(tmp_path, "\n".join(lines).encode("cp1252")))
    assert list(entities) == ["1"]
    assert entities["1"].get("name") == ["GOOD"]
    assert entities["1"].get("alias") == ["ALIAS"]
    assert ctx.published is None
    assert [str(i).split(":")[0] for i in ctx.issues] == [
        "line 4",
        "line 5",
        "line 6",
        "line 7",
        "line 8",
        "Group ID 3",
        "Group ID 4",
    ]


def test_utf8_without_bom_and_stray_cp1252(tmp_path: Path) -> None:
    body = "\n".join(
        [
            HEADER_2022,
            row(Name_6="MÜLLER", Name_1="Jörg", Group_Type="Individual", Alias_Type="Primary name", Group_ID="7"),
        ]
    )
    entities, _ = run(
        write(
            tmp_path,
            body.encode("utf-8")
            + b"\n"
            + row(Name_6="B\xe9", Group_Type="Individual", Alias_Type="AKA", Group_ID="7").encode("cp1252"),
        )
    )
    assert entities["7"].get("name") == ["Jörg MÜLLER"]
    assert entities["7"].get("alias") == ["Bé"]


def test_format_object() -> None:
    assert uk_ofsi.FORMAT.name == "uk_ofsi"
    assert uk_ofsi.URL.endswith("/2022format/ConList.csv")
