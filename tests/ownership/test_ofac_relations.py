"""OFAC advanced XML relationships: the real 2020 Consolidated list (old namespace) and a fixture in the new one."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.ownership import BLOCKED, EU, OFAC, POSSIBLY, Propagation, Share
from embargo.ownership.data import OwnershipData
from embargo.ownership.ofac_relations import read_ofac_relations
from embargo.sources import ofac_advanced
from embargo.sources.base import ParseContext
from tests.conftest import FIXTURES, shared_file

FIXTURE = FIXTURES / "ownership" / "ofac" / "relations_new_namespace.xml"
REAL = "ofac/cons_advanced_2020-03-17.xml"


@pytest.fixture(scope="module")
def real(shared_data: Path) -> tuple[Path, OwnershipData]:
    path = shared_file(shared_data, REAL)
    return path, read_ofac_relations(path)


def test_the_real_file_s_relationships_are_all_read(real: tuple[Path, OwnershipData]) -> None:
    _, data = real
    # 375 parties (293 entities, 82 individuals); 276 relationships, all "Owned or Controlled By", none former
    assert len(data.parties) == 375 and len(data.ownerships) == 276 and len(data.controls) == 276
    assert sum(p.schema == "Person" for p in data.parties.values()) == 82
    assert all(o.share == Share(0, 100) for o in data.ownerships)
    assert {c.kind for c in data.controls} == {"owned or controlled by"}


def test_one_real_relationship_checked_by_hand(real: tuple[Path, OwnershipData]) -> None:
    # <ProfileRelationship ID="2211" From-ProfileID="18267" To-ProfileID="17022" RelationTypeID="15003" ...>:
    # OJSC ORENBURGNEFT is owned or controlled by Open Joint-Stock Company Rosneft Oil Company.
    _, data = real
    [owned] = [o for o in data.ownerships if o.source == "OFAC advanced relationship 2211"]
    [control] = [c for c in data.controls if c.source == "OFAC advanced relationship 2211"]
    assert (owned.owner, owned.asset) == (control.controller, control.asset) == ("ofac:17022", "ofac:18267")
    rosneft, orenburgneft = data.parties["ofac:17022"], data.parties["ofac:18267"]
    assert (
        rosneft.caption == "Open Joint-Stock Company Rosneft Oil Company"
        and orenburgneft.caption == "OJSC ORENBURGNEFT"
    )
    assert (rosneft.schema, rosneft.list_id, rosneft.topics) == ("Organization", "17022", ("sanction",))
    names = {k: v.caption for k, v in data.parties.items()}
    eu = Propagation(EU, data.ownerships, data.controls)
    eu.designate(["ofac:17022"])
    assert eu.status("ofac:18267") == BLOCKED and "Rosneft" in eu.explain("ofac:18267", names)[0]


def test_list_ids_are_the_source_ids_of_the_listed_entities(real: tuple[Path, OwnershipData]) -> None:
    path, data = real
    ctx = ParseContext(list_name="ofac_advanced", authority="US OFAC", path=path)
    source_ids = {e.source_id for e in ofac_advanced.parse(path, ctx)}
    assert {p.list_id for p in data.parties.values()} == source_ids


def test_the_new_namespace_the_converse_relation_and_what_is_skipped() -> None:
    data = read_ofac_relations(FIXTURE)
    # 7001 owned or controlled by; 7002 "owns, controls, or operates" (the other way round);
    # 7003 former and 7004 "Associate Of" are skipped
    assert [(o.owner, o.asset, o.source) for o in data.ownerships] == [
        ("ofac:50001", "ofac:50002", "OFAC advanced relationship 7001"),
        ("ofac:50001", "ofac:50004", "OFAC advanced relationship 7002"),
    ]
    assert [(c.controller, c.asset) for c in data.controls] == [
        ("ofac:50001", "ofac:50002"),
        ("ofac:50001", "ofac:50004"),
    ]
    assert {p.id: (p.caption, p.schema) for p in data.parties.values()} == {
        "ofac:50001": ("PARENT HOLDING JSC", "Organization"),
        "ofac:50002": ("DAUGHTER TRADING LLC", "Organization"),
        "ofac:50003": ("PETROV, Ivan", "Person"),
        "ofac:50004": ("SEA STAR", "Vessel"),
    }
    ofac = Propagation(OFAC, data.ownerships, data.controls)
    ofac.designate(["ofac:50003"])  # a former owner: nothing follows
    assert ofac.status("ofac:50002") != BLOCKED
    ofac.designate(["ofac:50001"])
    assert ofac.status("ofac:50002") == POSSIBLY  # OFAC gives no share; control alone does not block under OFAC


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            ('To-ProfileID="50001" RelationTypeID="15003"', 'To-ProfileID="59999" RelationTypeID="15003"'),
            "ProfileRelationship 7001: profile 59999 is not in the file",
        ),
        (
            ('From-ProfileID="50002" To-ProfileID="50001"', 'To-ProfileID="50001"'),
            "ProfileRelationship 7001: no ID, From-ProfileID or To-ProfileID",
        ),
        (('<DistinctParty FixedRef="50001">', "<DistinctParty>"), "a DistinctParty without FixedRef"),
        (("<ReferenceValueSets>", "<Other>"), "no ReferenceValueSets"),
        (("</Sanctions>", ""), "not well-formed XML"),
    ],
)
def test_a_broken_file_is_refused_naming_the_element(tmp_path: Path, change: tuple[str, str], said: str) -> None:
    text = FIXTURE.read_text("utf-8")
    assert change[0] in text
    text = text.replace(change[0], change[1], 1)
    if change[0] == "<ReferenceValueSets>":
        text = text.replace("</ReferenceValueSets>", "</Other>")
    path = tmp_path / "bad.xml"
    path.write_text(text, "utf-8")
    with pytest.raises(SourceError, match=said):
        read_ofac_relations(path)


def test_another_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "uk.xml"
    path.write_text("<Designations><Designation/></Designations>", "utf-8")
    with pytest.raises(SourceError, match="unexpected document element <Designations>"):
        read_ofac_relations(path)
