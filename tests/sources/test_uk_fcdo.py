"""The UK Sanctions List (FCDO) XML reader.

The full published list is larger than the snapshots allow; the real
excerpt ``uk/fcdo_uksl_excerpt_2026-08-14.xml`` in the shared data (four
real designations carved from the list of 14/08/2026 and one synthetic one
without UniqueID; see its SOURCES.md entry) is read when present. The rest
runs on the project's fixture ``tests/fixtures/uk/UK-Sanctions-List-sample.xml``,
written in the FCDO layout, and on small hand-made designations for the
broken cases.
"""

from __future__ import annotations

import contextlib
import random
import re
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.model import MEASURES, Entity, Link
from embargo.sources import uk_fcdo
from embargo.sources._uk_fcdo_measures import FLAG_MEASURES, measures_for
from embargo.sources._uk_fcdo_record import uk_date
from embargo.sources.base import ParseContext
from embargo.sources.xml import iter_records
from tests.conftest import shared_file

REAL = "uk/fcdo_uksl_excerpt_2026-08-14.xml"


def read(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext("gb_fcdo", "UK FCDO", path)
    entities = list(uk_fcdo.parse(path, ctx))
    by_id = {e.source_id or "": e for e in entities}
    assert len(by_id) == len(entities), "source ids must be unique"
    return by_id, ctx


def write_list(tmp_path: Path, body: str, generated: str = "08/05/2026") -> Path:
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<Designations>\n'
        f"<DateGenerated>{generated}</DateGenerated>\n{body}\n</Designations>\n",
        encoding="utf-8",
    )
    return path


def designation(inner: str, uid: str = "<UniqueID>TST0001</UniqueID>", kind: str = "Individual") -> str:
    return (
        f"<Designation>{uid}{inner}<RegimeName>The Test (Sanctions) Regulations 2020</RegimeName>"
        f"<IndividualEntityShip>{kind}</IndividualEntityShip></Designation>"
    )


def name(*parts: str, kind: str = "Primary Name", strength: str = "") -> str:
    """A ``Name``: the last part is Name6, the others Name1, Name2... (empty ones left out)."""
    *given, last = parts
    tags = "".join(f"<Name{i}>{p}</Name{i}>" for i, p in enumerate(given, start=1) if p) + f"<Name6>{last}</Name6>"
    extra = f"<AliasStrength>{strength}</AliasStrength>" if strength else ""
    return f"<Name>{tags}<NameType>{kind}</NameType>{extra}</Name>"


@pytest.fixture
def sample(fixtures: Path) -> Path:
    return fixtures / "uk" / "UK-Sanctions-List-sample.xml"


@pytest.fixture
def parsed(sample: Path) -> tuple[dict[str, Entity], ParseContext]:
    return read(sample)


# --- sniffing -----------------------------------------------------------------


def test_sniff(sample: Path) -> None:
    assert uk_fcdo.sniff(sample.read_bytes()[:16384], sample.name)
    assert uk_fcdo.sniff(b'<?xml version="1.0"?><ns:Designations xmlns:ns="urn:x">', "x.xml")


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"<html><body>Not found</body></html>",
        b'<?xml version="1.0"?><export><sanctionEntity/></export>',
        b'<?xml version="1.0"?><ArrayOfFinancialSanctionsTarget/>',
        b"Last Updated,08/05/2026\nName 6,Name 1\n",
    ],
)
def test_sniff_rejects_other_files(head: bytes) -> None:
    assert not uk_fcdo.sniff(head, "UK-Sanctions-List.xml")


def test_format_constants() -> None:
    assert uk_fcdo.FORMAT.name == uk_fcdo.NAME == "uk_fcdo"
    assert uk_fcdo.URL == "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"


# --- the sample file, designation by designation ------------------------------------------


def test_sample_counts_and_publication(parsed: tuple[dict[str, Entity], ParseContext], sample: Path) -> None:
    entities, ctx = parsed
    # counted independently: the number of <Designation> records lxml sees
    assert len(entities) == sum(1 for _ in iter_records(sample, "Designations", "Designation")) == 5
    assert {k: e.schema for k, e in entities.items()} == {
        "BLR0001": "Person",
        "RUS1140": "Organization",
        "DPR0294": "Vessel",
        "AFG0006": "Person",
        "AQD0104": "Person",
    }
    assert ctx.published == "2026-05-08"
    assert [(i.location.split(" (")[0], i.message) for i in ctx.issues] == [
        ("UniqueID AQD0104", "unreadable date of birth '10/02/19680'; the rest of the record is kept")
    ]


def test_belarus_person_with_non_latin_names(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["BLR0001"]
    assert e.id == "gb-fcdo-blr0001"
    assert e.properties == {
        "name": ["Alexander Grigoryevich LUKASHENKO"],
        "alias": [
            "Alexandr Grigorievich LUKASHENKO",
            "Aliaksandr Ryhoravich LUKASHENKA",
            "Аляксандр Рыгоравіч Лукашэнка",
            "Александр Григорьевич Лукашенко",
        ],
        "firstName": ["Alexander", "Alexandr", "Aliaksandr"],
        "fatherName": ["Grigoryevich", "Grigorievich", "Ryhoravich"],
        "lastName": ["LUKASHENKO", "LUKASHENKA"],
        "birthDate": ["1954-08-30"],
        "nationality": ["by"],
        "birthPlace": ["Kopys, Vitebsk Region, Belarus"],
        "birthCountry": ["by"],
        "gender": ["male"],
        "position": ["President of the Republic of Belarus"],
        "notes": ["Designation source: UK", "OFSI group ID: 13932"],
        "modifiedAt": ["2025-05-19"],
    }
    assert e.name_languages == {"Аляксандр Рыгоравіч Лукашэнка": "be", "Александр Григорьевич Лукашенко": "ru"}
    assert [d.to_dict() for d in e.designations] == [
        {
            "id": "gb-fcdo-blr0001-the-republic-of-belarus-sanctions-eu-exit-regulations-2019",
            "list": "gb_fcdo",
            "authority": "UK FCDO",
            "program": "The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019",
            "measures": ["asset_freeze", "travel_ban"],
            "listing_date": "2020-09-29",
            "reason": "As President of Belarus, Alexander LUKASHENKO is responsible for the violent repression of "
            "peaceful protesters and the intimidation of journalists after the 2020 presidential election.",
            "source_id": "BLR0001",
        }
    ]


def test_entity(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["RUS1140"]
    assert e.properties == {
        "name": ["PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"],
        "alias": ["SBERBANK ROSSII", "PJSC SBERBANK", "ПАО Сбербанк"],
        "weakAlias": ["SBERBANK"],
        "address": ["19 Vavilova Street, Moscow, 117312, Russia"],
        "country": ["ru"],
        "website": ["www.sberbank.ru", "www.sberbank.com"],
        "classification": ["Public Joint Stock Company"],
        "ogrnCode": ["1027700132195"],
        "innCode": ["7707083893"],
        "notes": [
            "Financial institution; state-owned.",
            "Designation source: UK",
            "OFSI group ID: 15070",
        ],
        "modifiedAt": ["2026-04-14"],
    }
    assert e.name_languages == {"ПАО Сбербанк": "ru"}
    assert e.links == [
        Link("parent", target_name="National Wealth Fund of the Russian Federation", relation="Parent company")
    ]
    (d,) = e.designations
    assert (d.program, d.measures, d.listing_date) == (
        "The Russia (Sanctions) (EU Exit) Regulations 2019",
        ["asset_freeze", "trust_services_ban"],
        "2022-04-06",
    )
    assert d.reason is not None and d.reason.startswith("Sberbank is involved")


def test_ship(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["DPR0294"]
    assert e.properties == {
        "name": ["CHON MA SAN"],
        "imoNumber": ["IMO8660313"],
        "flag": ["kp"],
        "type": ["Oil tanker"],
        "tonnage": ["2102"],
        "buildDate": ["1983"],
        "notes": [
            "DPRK-flagged tanker prepared for likely ship-to-ship transfer operations in late January 2018.",
            "Designation source: UN",
        ],
        "modifiedAt": ["2024-06-21"],
    }
    assert e.links == [Link("owned_by", target_name="Korea Achim Shipping Co", relation="Current owner/operator")]
    (d,) = e.designations
    assert d.measures == ["port_entry_ban", "deflagging"]
    assert d.reason is None  # the statement of reasons is only whitespace
    assert d.listing_date == "2018-03-30"


def test_un_person_with_placeholder_dates_and_titles(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["AFG0006"]
    assert e.get("name") == ["MOHAMMAD HASSAN AKHUND"]
    assert e.get("alias") == ["محمد حسن آخوند"]
    assert e.name_languages == {}  # the list gives the script but not the language
    assert (e.get("firstName"), e.get("middleName"), e.get("lastName")) == (["MOHAMMAD"], ["HASSAN"], ["AKHUND"])
    assert e.get("birthDate") == ["1945", "1950", "1958"]  # dd/mm/1945, dd/mm/1950, 00/00/1958
    assert e.get("title") == ["Mullah", "Haji"]
    assert len(e.get("position")) == 4
    assert e.get("address") == ["Kabul, Afghanistan"]
    assert e.get("country") == ["af"]
    assert e.get("birthPlace") == ["Pashmul village, Panjwai District, Kandahar Province, Afghanistan"]
    assert "UN reference number: TAi.002" in e.get("notes")
    (d,) = e.designations
    assert d.measures == ["asset_freeze", "travel_ban", "targeted_arms_embargo"]
    assert d.listing_date == "2001-01-25"


def test_person_with_documents_weak_alias_and_mistyped_date(parsed: tuple[dict[str, Entity], ParseContext]) -> None:
    e = parsed[0]["AQD0104"]
    assert e.get("name") == ["SAMI BEN KHAMIS BEN SALEH ELSSEID"]
    assert e.get("alias") == ["Omar El Mouhajer", "سامي بن خميس بن صالح الصيد"]
    assert e.get("weakAlias") == ["Saber"]
    assert e.name_languages == {"سامي بن خميس بن صالح الصيد": "ar"}
    assert e.get("middleName") == ["BEN KHAMIS", "BEN SALEH"]
    assert "lastName" in e.properties and e.get("lastName") == ["ELSSEID"]  # not "Saber", a whole alias in Name6
    assert e.get("birthDate") == ["1968-02-10"]
    assert e.get("passportNumber") == ["K929139"]
    assert e.get("idNumber") == ["00319547", "SSDSBN68B10Z352F"]
    assert e.get("notes")[:3] == [
        "Passport K929139: Tunisian passport issued on 14 February 1995, expired on 13 February 2000",
        "National identifier 00319547: Tunisian national identity card issued on 8 December 1994",
        "National identifier SSDSBN68B10Z352F: Italian fiscal code",
    ]
    assert e.get("address") == ["Ibn Al-Haythman Street, Number 6, Manubah, Tunis, Tunisia"]


# --- namespaces ------------------------------------------------------------------------------


def test_namespace_variants_read_alike(sample: Path, tmp_path: Path) -> None:
    text = sample.read_text("utf-8")
    plain, _ = read(sample)
    default_ns = tmp_path / "default.xml"
    default_ns.write_text(text.replace("<Designations ", '<Designations xmlns="urn:example:uksl" ', 1), "utf-8")
    prefixed = tmp_path / "prefixed.xml"
    body = re.sub(r"<(/?)([A-Za-z])", r"<\1uk:\2", text).replace(
        "<uk:Designations ", '<uk:Designations xmlns:uk="urn:x" ', 1
    )
    prefixed.write_text(body, "utf-8")
    want = {k: v.to_dict() for k, v in plain.items()}
    for path in (default_ns, prefixed):
        got, ctx = read(path)
        assert {k: v.to_dict() for k, v in got.items()} == want
        assert ctx.published == "2026-05-08"


# --- the real excerpt of the published list (shared data) ---------------------------------


@pytest.fixture(scope="module")
def real(shared_data: Path) -> tuple[dict[str, Entity], ParseContext]:
    return read(shared_file(shared_data, REAL))


def test_real_excerpt_counts_and_skipped_record(
    real: tuple[dict[str, Entity], ParseContext], shared_data: Path
) -> None:
    entities, ctx = real
    path = shared_data / REAL
    # five <Designation> elements, counted independently of the parser; the fifth has no UniqueID
    assert sum(1 for _ in iter_records(path, "Designations", "Designation")) == 5
    assert {k: e.schema for k, e in entities.items()} == {
        "AFG0011": "Person",
        "AQD0128": "Person",
        "AQD0377": "Organization",
        "DPR0075": "Vessel",
    }
    assert [e.id for e in entities.values()] == [
        "gb-fcdo-afg0011",
        "gb-fcdo-aqd0128",
        "gb-fcdo-aqd0377",
        "gb-fcdo-dpr0075",
    ]
    assert ctx.published == "2026-08-14"
    assert [(i.location, i.message) for i in ctx.issues] == [
        ("Designation #5 (line 353)", "Designation without UniqueID; skipped")
    ]
    assert all("No Unique Id" not in e.get("name") for e in entities.values())


def test_real_excerpt_is_sniffed_as_this_format(shared_data: Path) -> None:
    from embargo.sources.registry import sniff_format

    assert sniff_format(shared_file(shared_data, REAL)).name == "uk_fcdo"


def test_real_excerpt_measures_follow_the_flags(real: tuple[dict[str, Entity], ParseContext]) -> None:
    entities = real[0]
    assert {k: [d.measures for d in e.designations] for k, e in entities.items()} == {
        # the text says "Asset freeze|Travel Ban" and the flags agree; ArmsEmbargo is false in this file
        "AFG0011": [["asset_freeze", "travel_ban"]],
        "AQD0128": [["asset_freeze", "travel_ban", "arms_embargo"]],
        "AQD0377": [["asset_freeze", "arms_embargo"]],
        "DPR0075": [["port_entry_ban"]],
    }
    for e in entities.values():
        (d,) = e.designations
        assert d.reason is None  # UKStatementofReasons holds only a newline in all four
        assert d.authority == "UK FCDO" and d.source_id == e.source_id


def test_real_excerpt_afg0011(real: tuple[dict[str, Entity], ParseContext]) -> None:
    e = real[0]["AFG0011"]
    assert e.get("name") == ["ABDUL LATIF MANSUR"]
    assert e.get("alias") == ["Abdul Latif MANSOOR", "Wali MOHAMMAD", "عبد اللطيف منصور"]
    assert e.name_languages == {}  # Arabic script: Arabic, Pashto and Dari share it, and the file states no language
    assert e.get("birthDate") == ["1968", "1967-11-12"]  # dd/mm/1968, and 12/11/1967 given twice
    assert e.get("passportNumber") == ["D0009720", "D0010442"]  # " D0009720" lost its leading space
    assert e.get("title") == ["Maulavi"]
    assert e.get("address") == ["Darul Aman, Kabul, Afghanistan"]
    assert e.get("birthPlace") == [
        "Zurmat District, Paktia Province, Afghanistan",
        "Garda Saray District, Paktia Province, Afghanistan",
    ]
    assert e.get("birthCountry") == ["af"]
    assert "UN reference number: TAi.007" in e.get("notes")
    (d,) = e.designations
    assert (d.program, d.listing_date) == ("The Afghanistan (Sanctions) (EU Exit) Regulations 2020", "2001-01-31")
    assert e.get("modifiedAt") == ["2026-04-29"]


def test_real_excerpt_aqd0128(real: tuple[dict[str, Entity], ParseContext]) -> None:
    e = real[0]["AQD0128"]
    # NameType "Primary name" (lower-case n) is the primary name all the same
    assert e.get("name") == ["AKRAM TURKI HISHAN AL-MAZIDIH"]
    assert e.get("weakAlias") == ["Abu Akram", "Abu Jarrah"]
    # dd/mm/1974, dd/mm/1975, dd/mm/1979 are real; dd/09/1958 and 1985 were added by the excerpt's author
    assert e.get("birthDate") == ["1974", "1975", "1979", "1958-09", "1985"]
    assert e.get("idNumber") == ["0075258"]  # the leading zero is kept
    assert "National identifier 0075258: Ration card no." in e.get("notes")
    assert e.get("address") == ["Deir ez-Zor Governorate, Syria"]  # the other address is a country only
    assert e.get("country") == ["iq", "sy"]


def test_real_excerpt_entity_and_non_latin_languages(real: tuple[dict[str, Entity], ParseContext]) -> None:
    e = real[0]["AQD0377"]
    assert e.get("alias") == ["Jama'at al-Tawhid wal-Jihad", "Jannat Oshiklari", "Катиба ат-Таухид валь-Джихад"]
    assert e.name_languages == {"Катиба ат-Таухид валь-Джихад": "ru"}  # no language in the file: the letters settle it
    assert e.get("classification") == ["Terrorist Group"]  # trailing space dropped
    assert e.links == []


def test_real_excerpt_ship(real: tuple[dict[str, Entity], ParseContext]) -> None:
    e = real[0]["DPR0075"]
    assert e.get("name") == ["Petrel 8"]
    assert e.get("alias") == ["Jal Vahini", "Jal_Vahini", "Tian Tai 36"]
    assert e.get("imoNumber") == ["IMO9562233"]
    assert (e.get("flag"), e.get("pastFlags")) == (["km"], ["in"])
    assert (e.get("type"), e.get("tonnage"), e.get("buildDate")) == (["Bulk Carrier"], ["7078"], ["2011"])
    assert "Length: 134.5" in e.get("notes")
    assert e.links == [Link("owned_by", target_name="Global United Shipping India", relation="Current owner/operator")]


def test_real_excerpt_truncated(shared_data: Path, tmp_path: Path) -> None:
    data = shared_file(shared_data, REAL).read_bytes()
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError) as info:
        read(path)
    assert str(path) in str(info.value)


# --- every SanctionsImposedIndicators flag ---------------------------------------------------

INDICATORS = [
    ("AssetFreeze", "asset_freeze"),
    ("ArmsEmbargo", "arms_embargo"),
    ("TargetedArmsEmbargo", "targeted_arms_embargo"),
    ("CharteringOfShips", "chartering_ban"),
    ("ClosureOfRepresentativeOffices", "office_closure"),
    ("CrewServicingOfShipsAndAircraft", "crew_servicing_ban"),
    ("Deflag", "deflagging"),
    ("PreventionOfBusinessArrangements", "business_arrangements_ban"),
    ("ProhibitionOfPortEntry", "port_entry_ban"),
    ("TravelBan", "travel_ban"),
    ("PreventionOfCharteringOfShips", "chartering_ban"),
    ("PreventionOfCharteringOfShipsAndAircraft", "chartering_ban"),
    ("TechnicalAssistanceRelatedToAircraft", "aircraft_assistance_ban"),
    ("TrustServicesSanctions", "trust_services_ban"),
    ("DirectorDisqualificationSanction", "director_disqualification"),
]


def test_the_indicator_table_is_complete() -> None:
    assert dict(INDICATORS) == FLAG_MEASURES
    assert len(FLAG_MEASURES) == 15
    assert set(FLAG_MEASURES.values()) <= set(MEASURES) - {"other"}


def test_the_real_file_uses_exactly_these_indicators(shared_data: Path) -> None:
    text = shared_file(shared_data, REAL).read_text("utf-8")
    block = text.split("<SanctionsImposedIndicators>", 1)[1].split("</SanctionsImposedIndicators>", 1)[0]
    assert re.findall(r"<(\w+)>", block) == [flag for flag, _ in INDICATORS]


@pytest.mark.parametrize(("flag", "measure"), INDICATORS)
def test_each_indicator(tmp_path: Path, flag: str, measure: str) -> None:
    # every other flag false, as the list writes them; the free text says something else, and loses
    flags = "".join(f"<{f}>{'true' if f == flag else 'false'}</{f}>" for f, _ in INDICATORS)
    inner = (
        f"<Names>{name('X')}</Names><SanctionsImposed>Travel Ban|Asset freeze</SanctionsImposed>"
        f"<SanctionsImposedIndicators>{flags}</SanctionsImposedIndicators>"
    )
    (d,) = read(write_list(tmp_path, designation(inner, kind="Ship")))[0]["TST0001"].designations
    assert d.measures == [measure]


def test_all_indicators_true(tmp_path: Path) -> None:
    flags = "".join(f"<{f}>true</{f}>" for f, _ in INDICATORS)
    inner = f"<Names>{name('X')}</Names><SanctionsImposedIndicators>{flags}</SanctionsImposedIndicators>"
    (d,) = read(write_list(tmp_path, designation(inner, kind="Ship")))[0]["TST0001"].designations
    assert d.measures == [m for m in MEASURES if m in set(FLAG_MEASURES.values())]
    assert len(d.measures) == 13  # three chartering flags share one key


# --- broken and unusual designations ------------------------------------------------------


def test_designation_without_unique_id_is_skipped(tmp_path: Path) -> None:
    body = designation(f"<Names>{name('Lost')}</Names>", uid="") + designation(f"<Names>{name('Kept')}</Names>")
    entities, ctx = read(write_list(tmp_path, body))
    assert [e.caption for e in entities.values()] == ["Kept"]
    assert ctx.issues[0].location.startswith("Designation #1")
    assert "without UniqueID" in ctx.issues[0].message


def test_designation_with_unusable_id_is_skipped(tmp_path: Path) -> None:
    body = designation(f"<Names>{name('X')}</Names>", uid="<UniqueID>###</UniqueID>")
    entities, ctx = read(write_list(tmp_path, body))
    assert entities == {}
    assert ctx.issues[0].location.startswith("UniqueID ###")
    assert ctx.issues[0].message.startswith("record skipped: ")


def test_designation_without_names_is_skipped(tmp_path: Path) -> None:
    body = designation("<Names><Name><NameType>Primary Name</NameType></Name></Names>")
    entities, ctx = read(write_list(tmp_path, body))
    assert entities == {}
    assert ctx.issues[0].message == "no name; skipped"


def test_unknown_kind_and_name_type(tmp_path: Path) -> None:
    names = name("Aircraft One", kind="Nickname") + name("AC-1", kind="Alias")
    entities, ctx = read(write_list(tmp_path, designation(f"<Names>{names}</Names>", kind="Aircraft")))
    e = entities["TST0001"]
    assert e.schema == "LegalEntity"
    # no Primary Name: the first alias (an unknown type counts as one) is the name
    assert (e.get("name"), e.get("alias")) == (["Aircraft One"], ["AC-1"])
    assert [i.message for i in ctx.issues] == [
        "unknown IndividualEntityShip 'aircraft'; read as LegalEntity",
        "unknown NameType 'nickname', read as an alias; the rest of the record is kept",
    ]


def test_two_primary_names_and_only_weak_aliases(tmp_path: Path) -> None:
    body = designation(f"<Names>{name('Ivan', 'Ivanovich', 'PETROV')}{name('Ivan', '', 'PETROFF')}</Names>")
    body += designation(
        f"<Names>{name('Abu X', kind='Alias', strength='Low quality a.k.a')}</Names>",
        uid="<UniqueID>TST0002</UniqueID>",
    )
    entities, _ = read(write_list(tmp_path, body))
    first = entities["TST0001"]
    assert first.get("name") == ["Ivan Ivanovich PETROV"]
    assert first.get("alias") == ["Ivan PETROFF"]
    assert first.get("fatherName") == ["Ivanovich"]
    assert first.get("lastName") == ["PETROV", "PETROFF"]
    assert entities["TST0002"].get("name") == ["Abu X"]
    assert "weakAlias" not in entities["TST0002"].properties


def test_flat_non_latin_names(tmp_path: Path) -> None:
    inner = (
        f"<Names>{name('Ivan', '', 'PETROV')}</Names>"
        "<NonLatinNames><NameNonLatinScript>Иван Петров</NameNonLatinScript>"
        "<NonLatinScriptLanguage>Russian</NonLatinScriptLanguage></NonLatinNames>"
        "<NonLatinNames><NonLatinName><NameNonLatinScript>Іван Петров</NameNonLatinScript>"
        "<NonLatinScriptLanguage>Klingonese</NonLatinScriptLanguage></NonLatinName></NonLatinNames>"
    )
    e = read(write_list(tmp_path, designation(inner)))[0]["TST0001"]
    assert e.get("alias") == ["Иван Петров", "Іван Петров"]
    assert e.name_languages == {"Иван Петров": "ru"}


@pytest.mark.parametrize(
    ("inner", "measures"),
    [
        ("", ["asset_freeze"]),
        ("<SanctionsImposed>Asset freeze|Travel Ban</SanctionsImposed>", ["asset_freeze", "travel_ban"]),
        ("<SanctionsImposed>Trust services sanctions</SanctionsImposed>", ["trust_services_ban"]),
        ("<SanctionsImposed>Director Disqualification Sanction</SanctionsImposed>", ["director_disqualification"]),
        ("<SanctionsImposed>Transport sanctions</SanctionsImposed>", ["transport_ban"]),
        ("<SanctionsImposed>Shipping sanctions: (see 'Other information')</SanctionsImposed>", ["transport_ban"]),
        (
            "<SanctionsImposed>Arms embargo| Targeted arms embargo </SanctionsImposed>",
            ["arms_embargo", "targeted_arms_embargo"],
        ),
        ("<SanctionsImposed>Something new</SanctionsImposed>", ["other"]),
        (
            "<SanctionsImposedIndicators><AssetFreeze>true</AssetFreeze><TravelBan>false</TravelBan>"
            "<ProhibitionOfPortEntry>true</ProhibitionOfPortEntry><Deflag>TRUE</Deflag>"
            "<ClosureOfRepresentativeOffices>true</ClosureOfRepresentativeOffices></SanctionsImposedIndicators>",
            ["asset_freeze", "port_entry_ban", "deflagging", "office_closure"],
        ),
        # the flags win over the text when both are given
        (
            "<SanctionsImposed>Travel Ban</SanctionsImposed><SanctionsImposedIndicators><AssetFreeze>true"
            "</AssetFreeze></SanctionsImposedIndicators>",
            ["asset_freeze"],
        ),
        # ... but flags that are all false say nothing: the text is read
        (
            "<SanctionsImposed>Travel Ban</SanctionsImposed><SanctionsImposedIndicators><AssetFreeze>false"
            "</AssetFreeze></SanctionsImposedIndicators>",
            ["travel_ban"],
        ),
        (
            "<SanctionsImposedIndicators><SomeNewMeasure>true</SomeNewMeasure></SanctionsImposedIndicators>",
            ["other"],
        ),
    ],
)
def test_measures(tmp_path: Path, inner: str, measures: list[str]) -> None:
    body = designation(f"<Names>{name('X')}</Names>{inner}", kind="Entity")
    (d,) = read(write_list(tmp_path, body))[0]["TST0001"].designations
    assert d.measures == measures
    assert all(m in MEASURES for m in d.measures)


@pytest.mark.parametrize(
    ("text", "date", "bad"),
    [
        ("30/08/1954", "1954-08-30", False),
        ("00/08/1954", "1954-08", False),
        ("00/00/1954", "1954", False),
        ("dd/mm/1945", "1945", False),
        ("DD/MM/1945", "1945", False),
        ("dd/mm/yyyy", None, False),
        ("00/00/0000", None, False),
        ("1954-08-30", "1954-08-30", False),
        ("31/02/1960", "1960-02", False),
        ("10/02/19680", None, True),
        ("unknown 1960s", None, True),
        ("", None, False),
        (None, None, False),
    ],
)
def test_uk_date(text: str | None, date: str | None, bad: bool) -> None:
    assert uk_date(text) == (date, bad)


def test_dates_and_contacts_of_a_designation(tmp_path: Path) -> None:
    inner = (
        f"<Names>{name('Ivan', '', 'PETROV')}</Names>"
        "<LastUpdated>not a date</LastUpdated><DateDesignated>sometime in 2020</DateDesignated>"
        "<PhoneNumbers><PhoneNumber>+7 495 000 00 00</PhoneNumber></PhoneNumbers>"
        "<EmailAddresses><EmailAddress>a@b.ru; c@d.ru Email: e@f.ru</EmailAddress></EmailAddresses>"
        "<Addresses><Address><AddressCountry>Russia</AddressCountry></Address></Addresses>"
        "<IndividualDetails><Individual><DOBs><DOB>dd/mm/yyyy</DOB></DOBs>"
        "<Nationalities><Nationality>Atlantis</Nationality></Nationalities>"
        "<BirthDetails><Location><CountryOfBirth>Russia</CountryOfBirth></Location></BirthDetails>"
        "<Titles><Title>Colonel</Title></Titles></Individual></IndividualDetails>"
    )
    entities, ctx = read(write_list(tmp_path, designation(inner)))
    e = entities["TST0001"]
    assert e.get("phone") == ["+7 495 000 00 00"]
    assert e.get("email") == ["a@b.ru", "c@d.ru", "e@f.ru"]
    assert "address" not in e.properties  # a country alone is no address
    assert e.get("country") == ["ru"]
    assert "birthDate" not in e.properties  # a placeholder date says nothing, and is not a problem
    assert "nationality" not in e.properties  # no such country
    assert e.get("birthCountry") == ["ru"]
    assert "birthPlace" not in e.properties
    assert e.get("title") == ["Colonel"]
    assert "modifiedAt" not in e.properties
    assert e.designations[0].listing_date is None
    assert [i.message for i in ctx.issues] == [
        "unreadable DateDesignated 'sometime in 2020'; the rest of the record is kept"
    ]


def test_ship_and_entity_details_without_containers(tmp_path: Path) -> None:
    ship = designation(
        f"<Names>{name('SEA ONE')}</Names><ShipDetails><Ship><IMONumber>IMO 9123456</IMONumber>"
        "<PreviousFlags><PreviousFlag>Panama</PreviousFlag></PreviousFlags>"
        "<LengthOfShipDetails><LengthOfShip>180 m</LengthOfShip></LengthOfShipDetails>"
        "<PreviousOwnerOperators><PreviousOwnerOperator>Old Owner Ltd</PreviousOwnerOperator></PreviousOwnerOperators>"
        "</Ship></ShipDetails>",
        kind="Ship",
    )
    entity = designation(
        f"<Names>{name('ACME LLC')}</Names><EntityDetails><Entity><ParentCompany>Holding</ParentCompany>"
        "<Subsidiaries><Subsidiary>Daughter LLC</Subsidiary></Subsidiaries>"
        "<BusinessRegistrationNumbers><BusinessRegistrationNumber>HRB 123</BusinessRegistrationNumber>"
        "</BusinessRegistrationNumbers></Entity></EntityDetails>",
        uid="<UniqueID>TST0002</UniqueID>",
        kind="Entity",
    )
    entities, ctx = read(write_list(tmp_path, ship + entity))
    assert not ctx.issues
    s = entities["TST0001"]
    assert s.get("imoNumber") == ["IMO9123456"]
    assert s.get("pastFlags") == ["pa"]
    assert s.get("notes") == ["Length: 180 m"]
    assert s.links == [Link("other", target_name="Old Owner Ltd", relation="Previous owner/operator")]
    o = entities["TST0002"]
    assert o.get("registrationNumber") == ["HRB 123"]
    assert "notes" not in o.properties
    assert o.links == [
        Link("parent", target_name="Holding", relation="Parent company"),
        Link("subsidiary", target_name="Daughter LLC", relation="Subsidiary"),
    ]


@pytest.mark.parametrize(
    ("generated", "published"),
    [("08/05/2026", "2026-05-08"), ("2026-05-08T09:30:00", "2026-05-08T09:30:00"), ("", None), ("tomorrow", None)],
)
def test_date_generated_forms(tmp_path: Path, generated: str, published: str | None) -> None:
    assert read(write_list(tmp_path, "", generated))[1].published == published


# --- broken files ---------------------------------------------------------------------------

BROKEN_FILES = {
    "empty": b"",
    "blank": b"\n\n  ",
    "html": b"<!DOCTYPE html>\n<html lang='en'><head><title>GOV.UK</title></head><body>Page not found</body></html>",
    "wrong-root": b'<?xml version="1.0"?><export><sanctionEntity logicalId="1"/></export>',
    "ofsi-xml": b'<?xml version="1.0"?><ArrayOfFinancialSanctionsTarget><FinancialSanctionsTarget/>'
    b"</ArrayOfFinancialSanctionsTarget>",
    "csv": b"Last Updated,08/05/2026\nName 6,Name 1,Name 2\n",
    "binary": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "entity-attack": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Designations>&a;</Designations>',
    "unclosed": b"<?xml version='1.0'?><Designations><Designation><UniqueID>X</UniqueID>",
    "bad-utf8": "<?xml version='1.0' encoding='utf-8'?><Designations><Designation><UniqueID>É</UniqueID>"
    "</Designation></Designations>".encode("cp1252"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_files_raise_source_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(BROKEN_FILES[name])
    with pytest.raises(SourceError) as info:
        read(path)
    assert str(path) in str(info.value)


def test_truncated_sample(sample: Path, tmp_path: Path) -> None:
    data = sample.read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: int(len(data) * 0.7)])
    ctx = ParseContext("gb_fcdo", "UK FCDO", path)
    seen: list[Entity] = []
    with pytest.raises(SourceError) as info:
        seen.extend(uk_fcdo.parse(path, ctx))
    assert info.value.location is not None and info.value.location.startswith("line ")
    # designations before the cut were read; the caller discards them with the error
    assert 0 < len(seen) < 5


def test_mutated_bytes_raise_only_source_error(sample: Path, tmp_path: Path) -> None:
    data = sample.read_bytes()
    rng = random.Random(20260509)
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
                buf[pos:pos] = rng.choice([b"<", b"</Name>", b"&amp", b"\x00", b"\xc3", b"<Designation>", b"]]>"])
        path.write_bytes(bytes(buf))
        with contextlib.suppress(SourceError):
            read(path)


def test_measures_ignore_blank_items() -> None:
    assert measures_for("|Asset freeze||") == ["asset_freeze"]
    assert measures_for("|Travel Ban|", []) == ["travel_ban"]
    assert measures_for(None, None) == ["asset_freeze"]  # nothing stated: the UK's financial designation
