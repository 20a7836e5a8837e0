"""The real ownership chain of OpenSanctions' zala cluster (a yente test fixture), read from FollowTheMoney."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.ownership import BLOCKED, EU, NOT_BLOCKED, OFAC, POSSIBLY, UK, Propagation
from embargo.ownership.data import OwnershipData
from embargo.ownership.ftm import read_ftm
from tests.conftest import shared_file

ZAKHAROV = "NK-aU5ybkbRFJucf8YMwsJvDw"  # Alexander Vyacheslavovich ZAKHAROV, designated
SPS = "NK-9Xa4Kg7Y7nfccE7VcZt6Q6"  # an LLC he held 75% of from 2020-01-10 to 2022-11-22


@pytest.fixture(scope="module")
def zala(shared_data: Path) -> OwnershipData:
    return read_ftm(shared_file(shared_data, "ftm/yente_zala_entities.ftm.json"))


def _spread(data: OwnershipData, rule: object, as_of: str | None) -> Propagation:
    p = Propagation(rule, data.ownerships, data.controls, as_of=as_of)  # type: ignore[arg-type]
    p.designate(data.designated())
    return p


def test_the_real_chain_is_read(zala: OwnershipData) -> None:
    assert len(zala.ownerships) == 13 and len(zala.controls) == 4
    assert ZAKHAROV in zala.designated() and SPS not in zala.designated()


def test_a_company_held_75_percent_by_a_designated_man_is_blocked_while_he_held_it(zala: OwnershipData) -> None:
    names = {p.id: p.caption for p in zala.parties.values()}
    during = _spread(zala, OFAC, "2021-06-01")
    assert during.status(SPS) == BLOCKED
    lines = during.explain(SPS, names)
    assert "ZAKHAROV" in lines[0] and "holds 75% (from 2020-01-10 to 2022-11-22)" in lines[0]
    assert lines[1].strip().endswith(f"[{ZAKHAROV}]: designated")
    assert _spread(zala, OFAC, "2023-01-01").status(SPS) == NOT_BLOCKED  # he sold it in November 2022
    assert _spread(zala, OFAC, None).status(SPS) == NOT_BLOCKED


def test_a_holding_without_a_percentage_is_possibly_blocked(zala: OwnershipData) -> None:
    # he held 8,500 shares of ИЖТЕЛЕКОМ from 2002 to 2012; the file gives no total, so the share is 0-100%
    then = _spread(zala, OFAC, "2010-01-01")
    possibly = [e for e in then.possible if e not in then.designated]
    assert [then.status(e) for e in possibly] == [POSSIBLY]
    assert "ИЖТЕЛЕКОМ" in zala.parties[possibly[0]].caption


def test_control_by_a_designated_director_blocks_under_the_eu_and_uk_not_ofac(zala: OwnershipData) -> None:
    for rule, blocked in ((OFAC, False), (EU, True), (UK, True)):
        p = _spread(zala, rule, None)
        controlled = [e for e in p.certain if e not in p.designated]
        assert bool(controlled) is blocked, rule.name


def test_a_broken_file_is_refused_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "o1", "schema": "Ownership", "properties": {"owner": ["a"]}}\n', "utf-8")
    with pytest.raises(SourceError, match="line 1: an Ownership without its owner or asset"):
        read_ftm(bad)
    bad.write_text("{nope\n", "utf-8")
    with pytest.raises(SourceError, match="line 1 is not JSON"):
        read_ftm(bad)


def test_a_party_without_an_id_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "Company", "caption": "Nobody"}\n', "utf-8")
    with pytest.raises(SourceError, match="line 1: a Company entity without an id"):
        read_ftm(bad)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'[{"schema": "Ownership"}]\n', "line 1 is not an FtM entity"),
        (b'{"schema": "Company", "id": "x", "properties": []}\n', "line 1 is not an FtM entity"),
        (b'{"schema": "Company", "id": "x"}\n\xff\xfe\n', "line 2 is not UTF-8 text"),
    ],
)
def test_what_is_not_ftm_is_refused_naming_the_line(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=said):
        read_ftm(path)
