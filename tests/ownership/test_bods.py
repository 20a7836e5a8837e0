"""BODS 0.2-0.4: the standard's own worked examples (direct, update, joint, indirect) and hand-written edge cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.ownership import BLOCKED, EU, NOT_BLOCKED, OFAC, POSSIBLY, UK, Propagation, Share
from embargo.ownership.bods import read_bods
from embargo.ownership.data import OwnershipData
from tests.conftest import FIXTURES

BODS = FIXTURES / "ownership" / "bods"
CHRINON = "1dc0e987-5c57-4a1c-b3ad-61353b66a9b7"
TAGGART = "019a93f1-e470-42e9-957b-03559861b2e2"


def _spread(data: OwnershipData, rule: object, *designated: str) -> Propagation:
    p = Propagation(rule, data.ownerships, data.controls)  # type: ignore[arg-type]
    p.designate(designated)
    return p


def test_a_single_direct_holding() -> None:
    data = read_bods(BODS / "1-single-direct.json")
    [link] = data.ownerships
    assert (link.owner, link.asset, link.share, link.start, link.end) == (
        TAGGART,
        CHRINON,
        Share.exact(100),
        "2016-04-06",
        None,
    )
    assert link.source == "1-single-direct.json: statement fbfd0547-d0c6-4a00-b559-5c5e91c34f5c (shareholding)"
    company, person = data.parties[CHRINON], data.parties[TAGGART]
    assert (company.caption, company.schema, company.identifiers) == (
        "CHRINON LTD",
        "Company",
        (("registration", "07444723"),),
    )
    assert (person.caption, person.schema, person.names, person.country) == (
        "Christopher Taggart",
        "Person",
        ("Chris Taggart",),
        "GB",
    )
    assert data.controls == []


def test_a_replaced_statement_does_not_count_twice(tmp_path: Path) -> None:
    # Example 2 replaces example 1's 100% statement by a 50% one and a 50% holding of an undisclosed owner.
    both = json.loads((BODS / "1-single-direct.json").read_text("utf-8"))
    both += json.loads((BODS / "2-single-update.json").read_text("utf-8"))
    path = tmp_path / "published.json"
    path.write_text(json.dumps(both), "utf-8")
    data = read_bods(path)
    assert [(o.owner, o.asset, o.share) for o in data.ownerships] == [(TAGGART, CHRINON, Share.exact(50))]
    assert "676ce2ec-e244-409e-85f9-9823e88bc099" in data.ownerships[0].source
    assert _spread(data, OFAC, TAGGART).status(CHRINON) == BLOCKED  # 50%
    assert _spread(data, UK, TAGGART).status(CHRINON) == NOT_BLOCKED  # not more than 50%


def test_joint_ownership_through_the_arrangement_the_example_uses() -> None:
    data = read_bods(BODS / "3-joint-ownership.json")
    joint, natalie, roberto = (
        "26e786f0-54c5-497d-a52d-b83439ce3dad",
        "17bfeb0d-4a63-41d3-814d-b8a54c81a1f",
        "d1eb52de-ff02-4690-8359-f4bbf9c128b1",
    )
    assert [(o.owner, o.asset, str(o.share)) for o in data.ownerships] == [
        (joint, CHRINON, "100%"),
        (natalie, joint, "50%"),
        (roberto, joint, "50%"),
    ]
    assert (data.parties[joint].caption, data.parties[joint].schema) == ("Joint shareholding", "LegalEntity")
    assert data.parties[roberto].caption == "Roberto López" and data.parties[CHRINON].country == "GB"
    ofac = _spread(data, OFAC, natalie)
    assert (ofac.status(joint), ofac.status(CHRINON)) == (BLOCKED, BLOCKED)
    names = {k: v.caption for k, v in data.parties.items()}
    assert ofac.explain(CHRINON, names)[0].startswith("CHRINON LTD")
    assert _spread(data, UK, natalie).status(CHRINON) == NOT_BLOCKED  # a half of a joint holding


def test_indirect_ownership_is_kept_as_a_link_that_says_so() -> None:
    data = read_bods(BODS / "indirect-ownership.json")
    a, b, person = "ad3f6c2fcc9e", "d4ab89ea169a", "c25d4d612c2c"
    assert [(o.owner, o.asset, str(o.share)) for o in data.ownerships] == [
        (b, a, "60%"),
        (person, b, "0-100%"),  # the component link gives no interest type and no share
        (person, a, "30%"),
    ]
    indirect = data.ownerships[2]
    assert indirect.source.endswith("(shareholding, indirect)") and data.ownerships[0].source.endswith("(shareholding)")
    assert data.parties[a].identifiers == (("registration", "XE9999"),) and data.parties[person].country == "GB"
    p = _spread(data, OFAC, person)
    assert (p.status(b), p.status(a)) == (POSSIBLY, POSSIBLY)


def test_bands_updates_closed_records_and_control_in_bods_04_lines() -> None:
    data = read_bods(BODS / "band-update-control-0.4.jsonl")
    held = {(o.owner, o.asset): o for o in data.ownerships}
    assert set(held) == {("p-jane", "e-target"), ("e-holding", "e-target"), ("p-jane", "e-holding")}
    assert held["p-jane", "e-target"].share == Share(25, 50)  # exclusiveMinimum 25, maximum 50
    assert held["e-holding", "e-target"].share == Share.exact(60)  # the 30% statement was updated
    votes = held["p-jane", "e-holding"]
    assert (votes.share, votes.start, votes.end) == (Share(50, 75), "2018-06-01", "2024-02-15")  # closed
    [board] = data.controls
    assert (board.controller, board.asset, board.kind, board.start) == (
        "p-jane",
        "e-target",
        "appointmentOfBoard",
        "2020-05-01",
    )
    target = data.parties["e-target"]
    assert target.identifiers == (
        ("registration", "01234567"),
        ("lei", "213800ABCDEFGHIJKL12"),
        ("RU-OGRN", "1027700000000"),
    )
    assert (target.schema, target.country) == ("Company", "GB")
    assert (data.parties["e-holding"].schema, data.parties["p-jane"].names) == ("LegalEntity", ("J. Roe",))
    assert _spread(data, EU, "p-jane").status("e-target") == BLOCKED  # she appoints the board
    assert _spread(data, OFAC, "p-jane").status("e-target") == POSSIBLY  # 25-50% only


def _write(tmp_path: Path, statements: list[dict[str, object]]) -> Path:
    path = tmp_path / "bods.json"
    path.write_text(json.dumps(statements), "utf-8")
    return path


ENTITY: dict[str, object] = {
    "statementID": "e1",
    "statementType": "entityStatement",
    "entityType": "registeredEntity",
    "name": "E Ltd",
}
PERSON: dict[str, object] = {"statementID": "p1", "statementType": "personStatement", "names": [{"fullName": "P Q"}]}


def _oc(interests: list[dict[str, object]], party: str = "p1") -> dict[str, object]:
    return {
        "statementID": "oc1",
        "statementType": "ownershipOrControlStatement",
        "subject": {"describedByEntityStatement": "e1"},
        "interestedParty": {"describedByPersonStatement": party},
        "interests": interests,
    }


def test_interests_without_a_share_in_bods_02(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [ENTITY, PERSON, _oc([{"type": "shareholding"}, {"type": "appointment-of-board", "startDate": "2019-01-01"}])],
    )
    data = read_bods(path)
    assert [(o.owner, o.asset, o.share) for o in data.ownerships] == [("p1", "e1", Share(0, 100))]
    assert [(c.controller, c.asset, c.kind, c.start) for c in data.controls] == [
        ("p1", "e1", "appointment-of-board", "2019-01-01")
    ]


@pytest.mark.parametrize(
    ("statements", "said"),
    [
        ([ENTITY, _oc([{"type": "shareholding"}], party="p9")], "statement oc1: no entity or person statement p9"),
        ([ENTITY, PERSON, _oc([{"type": "shareholding", "share": {"exact": 150}}])], "statement oc1: a share is"),
        (
            [ENTITY, PERSON, _oc([{"type": "shareholding", "share": {"minimum": "lots"}}])],
            "statement oc1: share minimum",
        ),
        ([ENTITY, PERSON, _oc([{"type": "shareholding", "startDate": "soon"}])], "statement oc1: startDate 'soon'"),
        ([ENTITY, {"statementID": "x1", "statementType": "annotation"}], "statement x1: neither a known statementType"),
        ([ENTITY, "not a statement"], "statement #2 is not a JSON object"),
        ([], "no BODS statement"),
    ],
)
def test_a_bad_statement_refuses_the_file_naming_it(
    tmp_path: Path, statements: list[dict[str, object]], said: str
) -> None:
    with pytest.raises(SourceError, match=said):
        read_bods(_write(tmp_path, statements))


def test_text_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"statementID": "e1",', "utf-8")
    with pytest.raises(SourceError, match="not JSON"):
        read_bods(path)
    path.write_text(json.dumps(ENTITY) + "\n{nope\n", "utf-8")
    with pytest.raises(SourceError, match="line 2 is not JSON"):
        read_bods(path)
