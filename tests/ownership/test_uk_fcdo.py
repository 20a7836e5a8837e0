"""UK Sanctions List parent companies and subsidiaries as control links, from the XML and the CSV alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.ownership import BLOCKED, NOT_BLOCKED, OFAC, UK, Propagation
from embargo.ownership.uk_fcdo import name_id, read_uk_fcdo
from embargo.sources import uk_fcdo, uk_fcdo_csv
from embargo.sources.base import ParseContext
from tests.conftest import FIXTURES, shared_file

UK_DIR = FIXTURES / "ownership" / "uk"
XML, CSV = UK_DIR / "uk_parents.xml", UK_DIR / "uk_parents.csv"
HOLDING = "uk-fcdo-name:invented-state-grain-holding"


def test_parents_control_the_designated_entity_and_it_controls_its_subsidiaries() -> None:
    data = read_uk_fcdo(XML)
    assert [(c.controller, c.asset, c.kind, c.source) for c in data.controls] == [
        (HOLDING, "uk-fcdo:RUS9801", "parent company", "UK Sanctions List RUS9801: parent company"),
        (
            "uk-fcdo:RUS9801",
            "uk-fcdo-name:eastern-grain-terminal-llc",
            "subsidiary",
            "UK Sanctions List RUS9801: subsidiary",
        ),
        (
            "uk-fcdo:RUS9801",
            "uk-fcdo-name:ооо-восточный-элеватор",
            "subsidiary",
            "UK Sanctions List RUS9801: subsidiary",
        ),
        (HOLDING, "uk-fcdo:RUS9803", "parent company", "UK Sanctions List RUS9803: parent company"),
    ]
    assert data.ownerships == []
    export = data.parties["uk-fcdo:RUS9801"]
    assert (export.caption, export.schema, export.names, export.topics, export.list_id) == (
        "EASTERN GRAIN EXPORT JSC",
        "Organization",
        ("EGE JSC",),
        ("sanction",),
        "RUS9801",
    )
    assert data.parties["uk-fcdo:RUS9802"].schema == "Person"  # listed, with no parent: a node all the same
    holding = data.parties[HOLDING]  # named twice (once with a trailing space): one node
    assert (holding.caption, holding.schema, holding.list_id, holding.topics) == (
        "Invented State Grain Holding",
        "LegalEntity",
        None,
        (),
    )
    uk = Propagation(UK, data.ownerships, data.controls)
    uk.designate(data.designated())
    assert uk.status("uk-fcdo-name:eastern-grain-terminal-llc") == BLOCKED
    assert uk.status(HOLDING) == NOT_BLOCKED  # a parent is not blocked by its designated subsidiary
    ofac = Propagation(OFAC, data.ownerships, data.controls)
    ofac.designate(data.designated())
    assert ofac.status("uk-fcdo-name:eastern-grain-terminal-llc") == NOT_BLOCKED  # control alone


def test_the_csv_gives_what_the_xml_gives() -> None:
    xml, csv = read_uk_fcdo(XML), read_uk_fcdo(CSV)
    assert csv.parties == xml.parties and csv.controls == xml.controls


@pytest.mark.parametrize(("path", "parse"), [(XML, uk_fcdo.parse), (CSV, uk_fcdo_csv.parse)])
def test_list_ids_are_the_source_ids_of_the_listed_entities(path: Path, parse: object) -> None:
    ctx = ParseContext(list_name="uk_fcdo", authority="UK FCDO", path=path)
    source_ids = {e.source_id for e in parse(path, ctx)}  # type: ignore[operator]
    assert (
        {p.list_id for p in read_uk_fcdo(path).parties.values() if p.list_id}
        == source_ids
        == {
            "RUS9801",
            "RUS9802",
            "RUS9803",
        }
    )


def test_names_give_stable_ids() -> None:
    assert name_id("Volkov Holdings Ltd.") == name_id(" volkov  holdings LTD ") == "uk-fcdo-name:volkov-holdings-ltd"
    assert name_id("«»").startswith("uk-fcdo-name:") and len(name_id("«»")) > len("uk-fcdo-name:")


def test_the_real_excerpt_has_designations_and_no_parents(shared_data: Path) -> None:
    data = read_uk_fcdo(shared_file(shared_data, "uk/fcdo_uksl_excerpt_2026-08-14.xml"))
    # 4 real designations; the 5th (synthetic, no UniqueID, no parent) is skipped as the list reader skips it
    assert sorted(data.parties) == ["uk-fcdo:AFG0011", "uk-fcdo:AQD0128", "uk-fcdo:AQD0377", "uk-fcdo:DPR0075"]
    assert data.controls == [] and data.parties["uk-fcdo:DPR0075"].schema == "Vessel"


def test_a_parent_without_a_unique_id_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(XML.read_text("utf-8").replace("<UniqueID>RUS9801</UniqueID>", ""), "utf-8")
    with pytest.raises(
        SourceError, match=r"Designation #1 \(line 9\): a parent company or subsidiary, but no Unique ID"
    ):
        read_uk_fcdo(path)
    path = tmp_path / "bad.csv"
    path.write_text(CSV.read_text("utf-8").replace(",RUS9803,", ",,"), "utf-8")
    with pytest.raises(SourceError, match="line 6: a parent company or subsidiary, but no Unique ID"):
        read_uk_fcdo(path)


def test_other_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<Sanctions/>", "utf-8")
    with pytest.raises(SourceError, match="neither the UK Sanctions List XML"):
        read_uk_fcdo(path)
    path.write_text("<Designations><Designation>", "utf-8")
    with pytest.raises(SourceError, match="not well-formed XML"):
        read_uk_fcdo(path)
