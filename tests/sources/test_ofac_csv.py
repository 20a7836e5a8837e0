"""OFAC legacy CSV sets (sdn.csv + add/alt/sdn_comments, cons_prim.csv + cons_*)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.model import Entity
from embargo.sources import ofac_csv
from embargo.sources.base import ParseContext
from tests.conftest import shared_file

NULLS = ",-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
ROW = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ' + NULLS + ",\"a.k.a. 'AERO'; Linked To: X.\""


def _parse(path: Path, list_name: str = "us_ofac_sdn") -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name, "US OFAC", path)
    return {e.source_id or "": e for e in ofac_csv.parse(path, ctx)}, ctx


_PARSED: dict[Path, tuple[dict[str, Entity], ParseContext]] = {}


def _parse_once(path: Path, list_name: str = "us_ofac_sdn") -> tuple[dict[str, Entity], ParseContext]:
    """Real files are parsed once per test run (the 2021 SDN set takes a few seconds)."""
    if path not in _PARSED:
        _PARSED[path] = _parse(path, list_name)
    return _PARSED[path]


def _write(folder: Path, name: str, lines: list[str], encoding: str = "ascii") -> Path:
    path = folder / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding) + b"\x1a")
    return path


def _read(path: Path) -> list[list[str]]:
    """An independent reading of an OFAC CSV file (Python's csv module, nothing from embargo)."""
    text = path.read_bytes().decode("ascii").rstrip("\x1a")
    return [row for row in csv.reader(io.StringIO(text)) if row]


def _null(value: str) -> str:
    return "" if value.strip() == "-0-" else value.strip()


# --- project fixture ---------------------------------------------------------------------------------------------


def test_fixture_set(fixtures: Path) -> None:
    entities, ctx = _parse(fixtures / "ofac" / "csv" / "sdn.csv")
    assert ctx.issues == []
    assert ctx.published is None  # the CSV set carries no publication date
    assert sorted(entities) == ["11195", "15037", "15431", "2686", "9760"]
    hesa = entities["11195"]
    assert hesa.get("alias") == [
        "HESA TRADE CENTER",
        "IRAN AIRCRAFT MANUFACTURING INDUSTRIES",
        "IRAN AIRCRAFT MANUFACTURING COMPANY",
        "KARKHANEJATE SANAYE HAVAPAYMAIE IRAN",
    ]
    assert hesa.get("weakAlias")[:2] == ["HESA", "HTC"]
    assert [d.program for d in hesa.designations] == ["NPWMD", "IFSR", "IRAN-CON-ARMS-EO"]
    ark = entities["15037"]
    assert (ark.get("tonnage"), ark.get("grossRegisteredTonnage")) == (["99030"], ["56068"])
    assert ark.get("imoNumber") == ["IMO9187655"]


def test_files_finds_companions_in_any_case(tmp_path: Path) -> None:
    for name in ("SDN.CSV", "ADD.CSV", "ALT.CSV", "CONS_PRIM.CSV", "CONS_ALT.CSV", "unrelated.csv"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in ofac_csv.files(tmp_path / "SDN.CSV")] == ["SDN.CSV", "ADD.CSV", "ALT.CSV"]
    assert [p.name for p in ofac_csv.files(tmp_path / "CONS_PRIM.CSV")] == ["CONS_PRIM.CSV", "CONS_ALT.CSV"]
    assert ofac_csv.files(tmp_path / "missing" / "sdn.csv") == [tmp_path / "missing" / "sdn.csv"]


def test_windows_1252_and_utf8_text(tmp_path: Path) -> None:
    row = '1,"MÜLLER, Jürgen","individual","SDGT"' + ",-0- " + NULLS + ',"DOB 1960."'
    for encoding in ("cp1252", "utf-8"):
        folder = tmp_path / encoding
        folder.mkdir()
        entities, _ = _parse(_write(folder, "sdn.csv", [row], encoding))
        assert entities["1"].get("name") == ["MÜLLER, Jürgen"]
        assert entities["1"].get("firstName") == ["Jürgen"]


def test_comments_continue_the_remarks_mid_word(tmp_path: Path) -> None:
    _write(tmp_path, "sdn_comments.csv", ["36,\"RGO'; a.k.a. 'SECOND'; Linked To: YAS AIR.\""])
    row = ROW.replace("a.k.a. 'AERO'; Linked To: X.", "a.k.a. 'AERO'; a.k.a. 'CA")
    entities, _ = _parse(_write(tmp_path, "sdn.csv", [row]))
    assert entities["36"].get("weakAlias") == ["AERO", "CARGO", "SECOND"]
    assert entities["36"].get("notes") == ["Linked To: YAS AIR"]


BROKEN_FILES = [
    (b"", "empty"),
    (b"  \r\n", "empty"),
    (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "HTML"),
    (b'1,"A\x00B"\r\n', "binary"),
    (b'1,"A\x81B","individual"\r\n', "neither UTF-8 nor Windows-1252"),
    (b'9760,9302,"aka","LUKASHENKA, Aliaksandr",-0- \r\n', "5 columns instead of 12"),
    (b"ent_num,name\r\n", "2 columns instead of 12"),
]


@pytest.mark.parametrize(("data", "message"), BROKEN_FILES)
def test_broken_main_file_raises(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=message) as info:
        _parse(path)
    assert info.value.path == str(path)


def test_broken_companion_raises_naming_it(tmp_path: Path) -> None:
    (tmp_path / "alt.csv").write_bytes(b"<html><body>Error 503</body></html>")
    with pytest.raises(SourceError, match="HTML") as info:
        _parse(_write(tmp_path, "sdn.csv", [ROW]))
    assert info.value.path == str(tmp_path / "alt.csv")


def test_broken_rows_are_warned_and_skipped(tmp_path: Path) -> None:
    lines = [
        ROW,
        '37,"SHORT ROW",-0- ,"CUBA"',
        'X1,"BAD ID",-0- ,"CUBA",-0- ' + NULLS + ",-0- ",
        '38,-0- ,-0- ,"CUBA",-0- ' + NULLS + ",-0- ",
        '39,"' + "Z" * 200_000 + '",-0- ,"CUBA",-0- ' + NULLS + ",-0- ",
        '40,"KEPT",-0- ,"CUBA",-0- ' + NULLS + ",-0- ",
    ]
    _write(tmp_path, "alt.csv", ['36,1,"aka","AEROCARIBBEAN S.A.",-0- ', "36,2"])
    entities, ctx = _parse(_write(tmp_path, "sdn.csv", lines))
    assert sorted(entities) == ["36", "40"]
    assert entities["36"].get("alias") == ["AEROCARIBBEAN S.A."]
    assert [i.location for i in ctx.issues] == [
        "alt.csv line 2",
        "sdn.csv line 2",
        "sdn.csv line 3",
        "sdn.csv line 4 (ent_num 38)",
        "sdn.csv line 5",
    ]


def test_sniff(fixtures: Path) -> None:
    folder = fixtures / "ofac" / "csv"
    assert ofac_csv.sniff((folder / "sdn.csv").read_bytes()[:4096], "sdn.csv")
    assert ofac_csv.sniff(ROW.encode(), "download.csv")
    assert not ofac_csv.sniff((folder / "alt.csv").read_bytes()[:4096], "alt.csv")
    assert not ofac_csv.sniff((folder / "add.csv").read_bytes()[:4096], "add.csv")
    assert not ofac_csv.sniff((fixtures / "ofac" / "SDN.XML").read_bytes()[:4096], "SDN.XML")
    assert not ofac_csv.sniff(
        b"Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town,Country,X,Y\r\n", "ConList.csv"
    )


# --- real published files ----------------------------------------------------------------------------------------


def _remarks_by_ent(folder: Path, main: str, comments: str) -> dict[str, str]:
    text = {row[0]: ("" if _null(row[11]) == "" else row[11]) for row in _read(folder / main)}
    if (folder / comments).exists():
        for row in _read(folder / comments):
            text[row[0]] += row[1]
    return text


def test_real_sdn_2021_counts(shared_data: Path) -> None:
    path = shared_file(shared_data, "ofac/sdn_csv_2021/sdn.csv")
    folder = path.parent
    entities, ctx = _parse_once(path)
    assert ctx.issues == []
    rows = _read(path)
    assert len(rows) == len(entities) == 8976
    types = Counter(_null(r[2]) for r in rows)
    assert types == {"individual": 4620, "": 3673, "vessel": 406, "aircraft": 277}
    schemas = Counter(e.schema for e in entities.values())
    assert schemas == {"Person": 4620, "Organization": 3673, "Vessel": 406, "Airplane": 277}
    # Strong aliases: alt.csv, one name per (ent_num, kept as alias or previousName).
    alt = _read(folder / "alt.csv")
    assert len(alt) == 11910
    assert len({r[0] for r in alt}) == 4139
    strong: dict[str, set[tuple[bool, str]]] = defaultdict(set)
    for r in alt:
        strong[r[0]].add((r[2] == "fka", r[3]))
    expected_strong = sum(len(v) for v in strong.values())
    assert sum(len(e.get("alias")) + len(e.get("previousName")) for e in entities.values()) == expected_strong
    # Weak aliases: the quoted a.k.a./f.k.a./n.k.a. items of the remarks (with their continuation).
    remarks = _remarks_by_ent(folder, "sdn.csv", "sdn_comments.csv")
    quoted = re.compile(r"(?:^|; )(?:alt\. )?[afn]\.k\.a\. '(.+?)'(?=;|\.?$)")
    weak = {ent: {" ".join(n.split()) for n in quoted.findall(text)} for ent, text in remarks.items()}
    assert sum(len(e.get("weakAlias")) for e in entities.values()) == sum(len(v) for v in weak.values())
    # Birth dates: every entity whose remarks have a DOB item has a birthDate.
    with_dob = {ent for ent, text in remarks.items() if re.search(r"(?:^|; )(?:alt\. )?DOB ", text)}
    assert len(with_dob) == 4428
    assert {uid for uid, e in entities.items() if e.get("birthDate")} == with_dob
    # Addresses: 13,837 rows; an entity has an address line when one of its rows is not all "-0-".
    add = _read(folder / "add.csv")
    assert len(add) == 13837
    with_address = {r[0] for r in add if any(_null(c) for c in r[2:5])}
    assert {uid for uid, e in entities.items() if e.get("address")} == with_address
    # One designation per program tag.
    tags = sum(len(_null(r[3]).split("] [")) for r in rows)
    assert sum(len(e.designations) for e in entities.values()) == tags


def test_real_sdn_2021_lukashenka(shared_data: Path) -> None:
    path = shared_file(shared_data, "ofac/sdn_csv_2021/sdn.csv")
    entities, _ = _parse_once(path)
    luka = entities["9760"]
    assert luka.id == "us-ofac-sdn-9760"
    assert luka.schema == "Person"
    assert luka.get("name") == ["LUKASHENKA, Alyaksandr Hryhoryavich"]
    assert (luka.get("lastName"), luka.get("firstName"), luka.get("fatherName")) == (
        ["LUKASHENKA"],
        ["Alyaksandr"],
        ["Hryhoryavich"],
    )
    aliases = [r[3] for r in _read(path.parent / "alt.csv") if r[0] == "9760"]
    assert len(aliases) == 31
    assert luka.get("alias") == aliases
    assert luka.get("birthDate") == ["1954-08-30"]
    assert luka.get("birthPlace") == ["Kopys, Vitebsk oblast, Belarus"]
    assert luka.get("birthCountry") == ["by"]
    # The 2021 record states no nationality; the parser does not invent one from the birthplace.
    assert luka.get("nationality") == []
    assert luka.get("position") == ["President"]
    assert luka.get("notes") == []  # "President." in the remarks is the title, not a note
    [designation] = luka.designations
    assert (designation.program, designation.measures, designation.source_id) == ("BELARUS", ["asset_freeze"], "9760")


def test_real_sdn_2021_records(shared_data: Path) -> None:
    entities, _ = _parse_once(shared_file(shared_data, "ofac/sdn_csv_2021/sdn.csv"))
    yasin = entities["6931"]
    assert yasin.get("passportNumber") == ["27082171", "M0887925"]
    assert yasin.get("socialSecurityNumber") == ["156-92-9858"]
    assert yasin.get("citizenship") == ["us"]
    # The continuation in sdn_comments.csv holds aliases too.
    assert {"blackjack1987", "khaleesi"} <= set(entities["28264"].get("weakAlias"))
    cifuentes = entities["12300"].get("notes")[0]
    assert "Linked To: PROMO RAIZ S.A.S." in cifuentes  # cut as "PROMO RAI" + "Z S.A.S." across the two files
    assert cifuentes.endswith("Linked To: R D I S.A.")
    deripaska = entities["24283"]
    assert deripaska.get("citizenship") == ["ru", "cy"]
    assert deripaska.get("fatherName") == ["Vladimirovich"]
    rosoboron = {d.program: d.measures for d in entities["18782"].designations}
    assert rosoboron == {"SYRIA": ["asset_freeze"], "UKRAINE-EO13662": ["sectoral_sanctions"]}
    assert {d.program: d.measures for d in entities["24306"].designations} == {"UKRAINE-EO13662": ["asset_freeze"]}
    circa = entities["11748"]
    assert circa.get("birthDate") == ["1979", "1980", "1981", "1982"]


def test_real_consolidated_2025(shared_data: Path) -> None:
    path = shared_file(shared_data, "ofac/cons_csv_2025/cons_prim.csv")
    assert [p.name for p in ofac_csv.files(path)] == [
        "cons_prim.csv",
        "cons_add.csv",
        "cons_alt.csv",
        "cons_comments.csv",
    ]
    entities, ctx = _parse(path, "us_ofac_cons")
    assert ctx.issues == []
    rows = _read(path)
    assert len(rows) == len(entities) == 442
    assert Counter(e.schema for e in entities.values()) == {"Organization": 305, "Person": 79, "Company": 58}
    alt = _read(path.parent / "cons_alt.csv")
    assert len(alt) == 1073
    assert sum(len(e.get("alias")) + len(e.get("previousName")) for e in entities.values()) == len(
        {(r[0], r[2] == "fka", r[3]) for r in alt}
    )
    remarks = _remarks_by_ent(path.parent, "cons_prim.csv", "cons_comments.csv")
    with_dob = {ent for ent, text in remarks.items() if re.search(r"(?:^|; )(?:alt\. )?DOB ", text)}
    assert {uid for uid, e in entities.items() if e.get("birthDate")} == with_dob
    assert len(with_dob) == 74
    measures = Counter(m for e in entities.values() for d in e.designations for m in d.measures)
    assert measures == {
        "sectoral_sanctions": 313,
        "other": 78,
        "asset_freeze": 73,
        "investment_ban": 68,
        "financial_prohibition": 16,
    }
    cmic = next(d for e in entities.values() for d in e.designations if d.program == "CMIC-EO13959")
    assert cmic.listing_date is not None


def test_real_fixture_2025(shared_data: Path) -> None:
    entities, ctx = _parse(shared_file(shared_data, "ofac/sdn_csv_fixture_2025/sdn.csv"))
    assert ctx.issues == []
    assert len(entities) == 17
    khoroshev = entities["48603"]
    assert khoroshev.get("alias") == [
        "KHOROSHEV, Dmitriy Yurevich",
        "YURIEVICH, Dmitry",
        "KHOROSHEV, Dmitrii Yuryevich",
    ]
    assert khoroshev.get("fatherName") == ["Yuryevich"]
    assert khoroshev.get("nationality") == ["ru"]
    assert khoroshev.get("birthDate") == ["1993-04-17"]
    plane = entities["48727"]
    assert plane.schema == "Airplane"
    assert plane.get("icaoCode") == ["7342B3"]
    tanker = entities["47371"]
    assert tanker.get("imoNumber") == ["IMO9339301"]
    assert tanker.get("mmsi") == ["636013272"]
    assert tanker.get("flag") == ["ga"]
    assert tanker.get("callSign") == ["A8LU7"]
