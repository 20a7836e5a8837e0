"""Which reader a file needs, by its content, and reading through the dispatcher."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embargo.errors import SourceError
from embargo.ownership.readers import FORMATS, READERS, read_ownership, sniff
from tests.conftest import FIXTURES

OWN = FIXTURES / "ownership"
FTM_LINES = (
    '{"id": "c1", "schema": "Company", "properties": {"name": ["C Ltd"]}}\n'
    '{"id": "p1", "schema": "Person", "properties": {"name": ["P Q"], "topics": ["sanction"]}}\n'
    '{"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["c1"], "percentage": ["60"]}}\n'
)
CSV_TEXT = "owner_id,owner_name,asset_id,asset_name,share,start,end\np1,P Q,c1,C Ltd,60,,\n"
KNOWN = "the formats are ftm, bods, csv, ofac-advanced, uk-fcdo"


def test_every_format_has_its_reader() -> None:
    assert FORMATS == ("ftm", "bods", "csv", "ofac-advanced", "uk-fcdo") == tuple(READERS)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("bods/3-joint-ownership.json", "bods"),  # a 0.2 package
        ("bods/indirect-ownership.json", "bods"),  # a 0.4 package
        ("bods/band-update-control-0.4.jsonl", "bods"),  # 0.4 JSON lines
        ("ofac/relations_new_namespace.xml", "ofac-advanced"),
        ("uk/uk_parents.xml", "uk-fcdo"),
        ("uk/uk_parents.csv", "uk-fcdo"),
    ],
)
def test_the_fixtures_are_told_apart(name: str, fmt: str) -> None:
    assert sniff(OWN / name) == fmt
    data = read_ownership(OWN / name)
    assert data.parties and (data.ownerships or data.controls)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (FTM_LINES, "ftm"),
        ("\ufeff" + CSV_TEXT, "csv"),
        ('"owner_id","owner_name","asset_id","asset_name","share","start","end"\n', "csv"),
        ('[\n  {"statementID": "e1", "statementType": "entityStatement", "name": "E"}\n]', "bods"),
        ('{"recordId": "r1", "recordType": "entity", "recordDetails": {"name": "E"}}\n', "bods"),
        # a first statement longer than the head that is read
        ('[{"statementID": "e1", "statementType": "entityStatement", "name": "' + "x" * 70000 + '"}]', "bods"),
        ('{"id": "c1", "schema": "Company", "properties": {"name": ["' + "x" * 70000 + '"]}}\n', "ftm"),
        (
            '<?xml version="1.0"?>\n<!-- a list -->\n<Sanctions xmlns="http://www.un.org/sanctions/1.0"/>',
            "ofac-advanced",
        ),
        ("<Designations><Designation/></Designations>", "uk-fcdo"),
        ("Report Date: 13-Feb-2026\nLast Updated,Unique ID,Name 6,Name type,Regime Name\n", "uk-fcdo"),
    ],
)
def test_content_decides_not_the_name(tmp_path: Path, text: str, fmt: str) -> None:
    path = tmp_path / "data.txt"
    path.write_text(text, "utf-8")
    assert sniff(path) == fmt


def test_read_ownership_reads_sniffed_or_named(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    path.write_text(FTM_LINES, "utf-8")
    data = read_ownership(path)
    assert [(o.owner, o.asset, str(o.share)) for o in data.ownerships] == [("p1", "c1", "60%")]
    assert data.designated() == {"p1"}
    csv = tmp_path / "links.csv"
    csv.write_text(CSV_TEXT, "utf-8")
    assert read_ownership(csv, "csv").ownerships == read_ownership(csv).ownerships
    with pytest.raises(SourceError, match="line 1 is not JSON"):
        read_ownership(csv, "ftm")  # the format named wins over the content


@pytest.mark.parametrize(
    "text",
    [
        "",
        "name,share\nx,50\n",
        '{"id": "x", "caption": "no schema"}\n',
        "[1, 2, 3]",
        "<export><sanctionEntity/></export>",
        "%PDF-1.7 binary",
    ],
)
def test_a_file_of_no_known_format_is_refused_naming_the_formats(tmp_path: Path, text: str) -> None:
    path = tmp_path / "data.txt"
    path.write_text(text, "utf-8")
    with pytest.raises(SourceError, match=KNOWN):
        sniff(path)
    with pytest.raises(SourceError, match=KNOWN):
        read_ownership(path)


def test_an_unknown_format_is_refused_naming_the_formats(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    path.write_text(json.dumps([]), "utf-8")
    with pytest.raises(SourceError, match=f"unknown ownership format 'xml' \\({KNOWN}\\)"):
        read_ownership(path, "xml")


def test_a_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read file"):
        read_ownership(tmp_path / "nowhere.json")


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(-1, 101)
    | st.sampled_from(["", "x", "2020-01-01", "e1", "p1"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["statementID", "statementType", "subject", "interestedParty", "interests", "share", "type"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
_STATEMENT = st.fixed_dictionaries(
    {
        "statementID": st.sampled_from(["e1", "p1", "oc1"]),
        "statementType": st.sampled_from(["entityStatement", "personStatement", "ownershipOrControlStatement"]),
    },
    optional={
        "subject": _JSON | st.just({"describedByEntityStatement": "e1"}),
        "interestedParty": _JSON | st.just({"describedByPersonStatement": "p1"}),
        "interests": _JSON,
        "names": _JSON,
        "identifiers": _JSON,
        "replacesStatements": _JSON,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.lists(_STATEMENT, max_size=4).map(lambda s: json.dumps(s).encode()))
def test_any_bytes_raise_only_source_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    for fmt in (None, "bods", "ofac-advanced", "uk-fcdo"):
        with contextlib.suppress(SourceError):
            read_ownership(path, fmt)
