"""Ownership links from the plain CSV format: shares as percentages, ranges or unknown; dates; refusals by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import QueryError, SourceError
from embargo.ownership import BLOCKED, OFAC, POSSIBLY, Propagation, Share
from embargo.ownership.csv_file import parse_share, read_csv

HEADER = "owner_id,owner_name,asset_id,asset_name,share,start,end\n"


def test_shares_as_the_file_writes_them() -> None:
    assert parse_share("50") == Share.exact(50) == parse_share(" 50 % ")
    assert parse_share("25-50%") == Share(25, 50) == parse_share("25 – 50")
    assert parse_share("") == Share(0, 100)
    with pytest.raises(QueryError, match="not a percentage"):
        parse_share("half")


def test_a_file_is_read_and_its_chain_explained(tmp_path: Path) -> None:
    path = tmp_path / "own.csv"
    path.write_text(
        "\ufeff" + HEADER + "x,Blocked Person X,a,Entity A,50%,2019-01-01,\n"
        "a,Entity A,b,Entity B,50,,\n"
        "x,Blocked Person X,c,Entity C,25-50%,,\n",
        "utf-8",
    )
    data = read_csv(path)
    assert [str(o.share) for o in data.ownerships] == ["50%", "50%", "25-50%"]
    assert data.parties["b"].caption == "Entity B" and data.ownerships[0].start == "2019-01-01"
    p = Propagation(OFAC, data.ownerships)
    p.designate(["x"])
    assert (p.status("b"), p.status("c")) == (BLOCKED, POSSIBLY)
    names = {k: v.caption for k, v in data.parties.items()}
    assert p.explain("b", names)[0] == "Entity B [b]: blocked under ofac: Entity A [a] holds 50% (in all 50%)"


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ("x,X,,A,50,,\n", "line 2: owner_id and asset_id are needed"),
        ("x,X,a,A,lots,,\n", "line 2: share 'lots' is not a percentage"),
        ("x,X,a,A,50,yesterday,\n", "line 2: start 'yesterday' is not a date"),
        ("x,X,a,A,150,,\n", "line 2: a share is a percentage from 0 to 100"),
    ],
)
def test_a_bad_row_refuses_the_file_naming_its_line(tmp_path: Path, rows: str, said: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + rows, "utf-8")
    with pytest.raises(SourceError, match=said):
        read_csv(path)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("owner_id,asset_id,share\nx,a,50\n", "utf-8")
    with pytest.raises(SourceError, match="no column owner_name, asset_name, start, end"):
        read_csv(path)
