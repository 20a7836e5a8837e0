"""Canada's consolidated autonomous sanctions list (SEMA XML): both layouts, the real 2020 file, broken input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.ingest.mirror import find_in_folder
from embargo.model import Entity
from embargo.sources import ca_sema
from embargo.sources._ca_sema_names import person_alias, split_aliases, split_bilingual
from embargo.sources.base import ParseContext
from embargo.sources.catalog import get_list
from embargo.sources.registry import get_format, sniff_format
from tests.conftest import FIXTURES, shared_data_dir, shared_file

LAYOUT_2025 = FIXTURES / "ca" / "sema-lmes_2025.xml"
LAYOUT_2026 = FIXTURES / "ca" / "sema-lmes_2026.xml"
REAL = "ca/sema_2020.xml"


def run(path: Path) -> tuple[dict[str, Entity], ParseContext]:
    ctx = ParseContext(list_name="ca_sema", authority="CA Global Affairs", path=path)
    entities = {e.source_id or "": e for e in ca_sema.parse(path, ctx)}
    return entities, ctx


def write(tmp_path: Path, body: str, name: str = "sema-lmes.xml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# --- 2023-2025 layout (EntityOrShip, ShipIMONumber, DateOfListing) -----------


def test_2025_records_and_reports() -> None:
    entities, ctx = run(LAYOUT_2025)
    assert ctx.published is None  # the file carries no date
    assert {k: e.schema for k, e in entities.items()} == {
        "Russia, Schedule 1, Part 1, Item 1001": "Person",
        "Russia, Schedule 1, Part 2, Item 501": "Organization",
        "Russia, Schedule 1.1, Item 12": "Vessel",
        "Russia, Schedule 2, Item 9": "Organization",
        "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR), Schedule 1, Item 77": "Person",
        "Russia, Schedule 1.1, Item 13": "Vessel",
        "Belarus, Schedule 1, Part 1, Item 6": "Person",
    }
    assert [i.message for i in ctx.issues] == [
        "ShipIMONumber 'Formerly Blue Gull' is not an IMO number; kept in notes",
        "Russia, Schedule 1, Part 1, Item 1001 given twice; the second record is skipped",
        "Belarus, Schedule 1, Part 1, Item 5 has no name; skipped",
        "unknown element <Remarks> ignored",
        "unreadable date 'sometime in 1980'; the rest of the record is kept",
    ]
    assert ctx.issues[1].location == "record #7 (line 57)"


def test_2025_person() -> None:
    e = run(LAYOUT_2025)[0]["Russia, Schedule 1, Part 1, Item 1001"]
    assert e.id == "ca-sema-russia-1-part-1-1001"
    assert e.get("name") == ["Andrey Igorevich PETROVSKY"]  # trailing space dropped
    assert e.get("firstName") == ["Andrey"]
    assert e.get("fatherName") == ["Igorevich"]
    assert e.get("lastName") == ["PETROVSKY"]
    assert e.get("title") == ["Major General"]
    assert e.get("birthDate") == ["1961-05-02", "1961-05-03"]
    # "Andrei, PETROVSKIY, Sokol": a given-name spelling, a family-name spelling, a nickname.
    assert e.get("alias") == ["Andrei Igorevich PETROVSKY", "Andrey Igorevich PETROVSKIY"]
    assert e.get("weakAlias") == ["Sokol"]
    (d,) = e.designations
    assert (d.authority, d.program, d.measures) == ("CA Global Affairs", "Russia", ["asset_freeze"])
    assert d.listing_date == "2022-02-24"
    assert d.source_id == "Russia, Schedule 1, Part 1, Item 1001"
    assert d.url == ca_sema.URL


def test_2025_entity_and_ship() -> None:
    entities = run(LAYOUT_2025)[0]
    org = entities["Russia, Schedule 1, Part 2, Item 501"]
    assert org.get("name") == ["Northern Instruments Joint Stock Company"]
    assert org.get("alias") == [
        "Société par actions Instruments du Nord",
        "NIJSC",
        "Severnye Pribory AO",
        "SPINO",
        "SPN",
        "Instruments Nord",
    ]
    ship = entities["Russia, Schedule 1.1, Item 12"]
    assert ship.id == "ca-sema-russia-1-1-12"
    assert ship.get("name") == ["Polar Dawn"]
    assert ship.get("imoNumber") == ["IMO9123456"]
    assert ship.get("type") == ["Oil Products Tanker"]
    assert ship.get("buildDate") == ["2004"]
    assert ship.designations[0].listing_date == "2025-02-24"
    odd = entities["Russia, Schedule 1.1, Item 13"]
    assert (odd.get("imoNumber"), odd.get("notes")) == ([], ["ShipIMONumber: Formerly Blue Gull"])


def test_2025_measures_and_regime_keys() -> None:
    entities = run(LAYOUT_2025)[0]
    # Russia regulations, schedule 2: new-debt restrictions, not a freeze.
    assert entities["Russia, Schedule 2, Item 9"].designations[0].measures == ["sectoral_sanctions"]
    jv = entities["Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR), Schedule 1, Item 77"]
    assert jv.id == "ca-sema-jvcfor-1-77"
    assert jv.designations[0].program == "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)"
    assert jv.get("middleName") == ["Carlos"]
    assert jv.get("birthDate") == ["1970-08"]


# --- 2026 bilingual element names --------------------------------------------


def test_2026_bilingual_element_names() -> None:
    entities, ctx = run(LAYOUT_2026)
    assert ctx.issues == []
    person = entities["Belarus, Schedule 1, Part 1, Item 301"]
    assert person.get("name") == ["Ihar Mikalaevich KASTRYTSA"]
    assert person.get("alias") == ["Igor Nikolaevich KOSTRITSA"]
    assert person.get("birthDate") == ["1968-01-30"]
    assert person.designations[0].listing_date == "2024-08-09"
    # The same item number in another part of the schedule is another record.
    org = entities["Belarus, Schedule 1, Part 2, Item 301"]
    assert (org.schema, org.id) == ("Organization", "ca-sema-belarus-1-part-2-301")
    ship = entities["Russia, Schedule 1.1, Item 40"]
    assert ship.get("name") == ["M/V Arctic Tern"]  # a "/" after one letter is not a language split
    assert (ship.get("imoNumber"), ship.get("type"), ship.get("buildDate")) == (
        ["IMO8517839"],
        ["General Cargo"],
        ["1986"],
    )


# --- the real 2020 file --------------------------------------------------------


def test_real_2020_counts() -> None:
    entities, ctx = run(shared_file(shared_data_dir(), REAL))
    assert ctx.issue_count == 0
    assert len(entities) == 1369
    assert Counter(e.schema for e in entities.values()) == {"Person": 985, "Organization": 384}
    assert len({e.id for e in entities.values()}) == 1369
    programs = Counter(d.program for e in entities.values() for d in e.designations)
    assert programs["Burma"] == 89  # "Burma / Birmanie"
    assert programs["Venezuela"] == 96  # "Venezuela " (42 of them without a Schedule)
    assert programs["Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)"] == 70
    assert sum(programs.values()) == 1369


def test_real_2020_values() -> None:
    entities = run(shared_file(shared_data_dir(), REAL))[0]
    assert entities["Burma, Schedule 1, Item 1"].get("alias") == ["Air Bagan Holdings Pte. Ltd.", "Air Bagan Limited"]
    # Dates of birth: YYYY-MM-DD, YYYY, YYYY-MM and "A or B".
    jv = "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR), Schedule 1, Item "
    assert entities[jv + "54"].get("birthDate") == ["1972-08-10", "1972-08-11"]
    assert entities[jv + "53"].get("birthDate") == ["1964-03"]
    assert entities["Burma, Schedule 2, Item 15"].get("birthDate") == ["1944"]
    # No-break spaces are cleaned away.
    saidi = entities["Iran, Schedule 2, Item 26"]
    assert saidi.get("lastName") == ["Saidi"]
    assert saidi.get("alias") == ["Hojjat-al-Eslam Ali Saidi", "Hojjat-al-Eslam Ali Saeedi"]
    akimov = entities["Russia, Schedule 1, Item 94"]
    assert akimov.get("alias") == ["Andrei Igorevich AKIMOV"]
    irgc = next(e for e in entities.values() if e.first("name") == "Islamic Revolutionary Guard Corps")
    assert "IRGC" in irgc.get("alias") and "Pasdaran" in irgc.get("alias")
    assert "Corps des Gardiens de la Révolution islamique" in irgc.get("alias")
    assert entities["Russia, Schedule 2, Item 1"].designations[0].measures == ["sectoral_sanctions"]
    assert entities["Zimbabwe, Schedule N/A, Item 161"].id == "ca-sema-zimbabwe-n-a-161"


# --- names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Andrei", ("alias", "Andrei Igorevich AKIMOV")),
        ("Sergei Nikolaevich", ("alias", "Sergei Nikolaevich AKIMOV")),
        ("AKIMOFF", ("alias", "Andrey Igorevich AKIMOFF")),
        ("Motorola", ("weakAlias", "Motorola")),
        ("Igor STRELKOV", ("alias", "Igor STRELKOV")),
        ("Andrey Igorevich Akimov-Orlov", ("alias", "Andrey Igorevich Akimov-Orlov")),
    ],
)
def test_person_alias(alias: str, expected: tuple[str, str]) -> None:
    given = "Sergey Nikolayevich" if alias.startswith("Sergei") else "Andrey Igorevich"
    assert person_alias(alias, given, "AKIMOV") == expected


def test_split_helpers() -> None:
    assert split_bilingual("MEC Steel Mills (Hmaw Bi/Pyi/Ywama)") == ["MEC Steel Mills (Hmaw Bi/Pyi/Ywama)"]
    assert split_bilingual("Iranian Army/Armée iranienne") == ["Iranian Army", "Armée iranienne"]
    assert split_bilingual("General Cargo | Cargo classique") == ["General Cargo", "Cargo classique"]
    assert split_aliases("GORT/ORTAS") == ["GORT", "ORTAS"]
    assert split_aliases("A Co/Entreprise de stockage et de distribution") == [
        "A Co",
        "Entreprise de stockage et de distribution",
    ]
    assert split_aliases("Russian: Андрей; Andrei") == ["Андрей", "Andrei"]


# --- file level ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "empty"),
        ('<?xml version="1.0"?><swiss-sanctions-list/>', "unexpected document element"),
        ("<!DOCTYPE html><html><body>Not found</body></html>", "HTML page"),
        ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><data-set/>', "DTD"),
    ],
)
def test_broken_files_raise_source_error(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(SourceError, match=message) as info:
        run(path)
    assert str(path) in str(info.value)


def test_truncated_file_raises_source_error(tmp_path: Path) -> None:
    data = LAYOUT_2025.read_bytes()
    path = tmp_path / "sema-lmes.xml"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(SourceError, match="not well-formed") as info:
        run(path)
    assert str(path) in str(info.value)


def test_sniffing_and_catalogue(tmp_path: Path) -> None:
    assert sniff_format(LAYOUT_2025).name == "ca_sema"
    assert sniff_format(LAYOUT_2026).name == "ca_sema"
    assert get_format("ca_sema") is ca_sema.FORMAT
    # Another data-set of records is not claimed.
    other = b'<?xml version="1.0"?><data-set><record><Name>x</Name><Value>1</Value></record></data-set>'
    assert not ca_sema.sniff(other, "data.xml")
    item = get_list("ca_sema")
    assert item is not None and item.authority == "CA Global Affairs"
    assert item.files[0].filename == "sema-lmes.xml"
    (tmp_path / "sema-lmes.xml").write_bytes(LAYOUT_2026.read_bytes())
    found = find_in_folder(tmp_path, item)
    assert found is not None and found.format == "ca_sema"
