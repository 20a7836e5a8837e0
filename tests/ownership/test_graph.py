"""Ownership data in a store: imported as versions, tied to listed entities, computed, screened, kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import NotFoundError, SourceError
from embargo.ingest import import_file
from embargo.matching import Query
from embargo.ownership.graph import compute, load_graph, result_of
from embargo.ownership.stored import import_file as import_ownership
from embargo.screening import Screener
from embargo.screening.owned import owned_index_path
from embargo.store import Store
from embargo.store import ownership as stored
from tests.conftest import write_csv

LIST_HEADER = [
    "ID",
    "Name",
    "Schema",
    "Aliases",
    "Birth Date",
    "Nationality",
    "Passport Number",
    "ID Number",
    "Program",
]
OWNERSHIP_HEADER = ["owner_id", "owner_name", "asset_id", "asset_name", "share", "start", "end"]

#: Designated by OFAC: a man; by the EU: a holding company.
US_LIST = [{"ID": "1", "Name": "Ivan Ivanovich PETROV", "Schema": "Person", "Passport Number": "AB1234567"}]
EU_LIST = [{"ID": "9", "Name": "ALPHA HOLDING GROUP", "Schema": "Company", "ID Number": "7701234567"}]

#: Petrov holds 60% of Beta, Beta 50% of Gamma; Alpha holds 25-75% of Delta; Epsilon is held by no one listed.
HOLDINGS = [
    {"owner_id": "p", "owner_name": "Ivan Ivanovich Petrov", "asset_id": "b", "asset_name": "BETA TRADING LLC"},
    {"owner_id": "b", "owner_name": "BETA TRADING LLC", "asset_id": "g", "asset_name": "GAMMA LOGISTICS LLC"},
    {"owner_id": "a", "owner_name": "Alpha Holding Group", "asset_id": "d", "asset_name": "DELTA SHIPPING LTD"},
    {"owner_id": "x", "owner_name": "Xavier Nobody", "asset_id": "e", "asset_name": "EPSILON FOODS LTD"},
]
SHARES = ["60", "50", "25-75", "100"]


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    return write_csv(path, header, rows)


def _holdings(path: Path, shares: list[str], rows: list[dict[str, str]] = HOLDINGS) -> Path:
    return _write(path, OWNERSHIP_HEADER, [{**r, "share": s} for r, s in zip(rows, shares, strict=True)])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "s.db")
    for name, rows, authority in (("us_test", US_LIST, "US OFAC"), ("eu_test", EU_LIST, "EU")):
        path = _write(tmp_path / f"{name}.csv", LIST_HEADER, rows)
        import_file(made, path, name, format_name="custom_csv", authority=authority)
    import_ownership(made, _holdings(tmp_path / "register.csv", SHARES))
    compute(made)
    return made


def _status(store: Store, ref: str, rule: str) -> str:
    (found,) = result_of(store, ref, rule)
    return str(found["status"])


def test_the_data_s_parties_are_tied_to_the_listed_entities_by_name(store: Store) -> None:
    with store.reading() as conn:
        found = {(m.node_id, m.entity_id): m for m in stored.matches(conn)}
    assert found[("p", "us-test-1")].method == "name" and found[("p", "us-test-1")].confidence >= 0.9
    assert ("a", "eu-test-9") in found
    assert not any(node in {"b", "g", "d", "e", "x"} for node, _ in found)


def test_direct_and_indirect_holdings_block_under_ofac(store: Store) -> None:
    assert _status(store, "register:b", "ofac") == "blocked"
    assert _status(store, "register:g", "ofac") == "blocked"  # through Beta, itself blocked
    (gamma,) = result_of(store, "g", "ofac")
    assert [s["name"] for s in gamma["steps"]] == ["GAMMA LOGISTICS LLC", "BETA TRADING LLC", "Ivan Ivanovich PETROV"]
    assert gamma["steps"][-1]["status"] == "designated"
    assert gamma["steps"][-1]["designations"] == ["US OFAC: us_test"]
    assert "holds 50%" in gamma["lines"][0]


def test_a_band_is_an_interval_and_each_rule_starts_from_its_own_designations(store: Store) -> None:
    (delta,) = result_of(store, "register:d", "eu")
    assert delta["status"] == "possibly blocked" and delta["share"]["text"] == "25-75%"
    assert _status(store, "register:d", "ofac") == "not blocked"  # Alpha is designated by the EU alone
    assert _status(store, "register:b", "eu") == "not blocked"  # Petrov by OFAC alone
    assert _status(store, "register:e", "ofac") == "not blocked"


def test_a_blocked_company_on_no_list_is_a_screening_hit_of_its_own_kind(store: Store) -> None:
    (hit,) = Screener.open(store).screen(Query(["Gamma Logistics"], schema="Company"), threshold=0.7)
    assert hit.kind == "ownership" and hit.list_name == "ownership" and hit.entity_id == "register:g"
    assert {v["rule"] for v in hit.ownership} == {"ofac"}
    data = hit.to_dict()
    assert data["kind"] == "ownership" and data["ownership"][0]["status"] == "blocked"
    assert any("PETROV" in line for line in hit.ownership_lines())
    assert Screener.open(store).screen(Query(["Gamma Logistics"], schema="Company"), lists={"us_test"}) == []
    assert Screener.open(store, ownership=False).screen(Query(["Gamma Logistics"], schema="Company")) == []


def test_a_new_version_is_diffed_and_a_removed_link_unblocks(store: Store, tmp_path: Path) -> None:
    import_ownership(store, _holdings(tmp_path / "register.csv", ["60", "40", "25-75", "100"]))
    with store.reading() as conn:
        diff = stored.diff_versions(conn, "register")
        assert [v.seq for v in stored.versions(conn, "register")] == [1, 2]
    assert (diff.old, diff.new, diff.added, diff.removed) == (1, 2, [], [])
    ((before, after),) = diff.changed
    assert (before.asset, before.low, after.low) == ("g", 50.0, 40.0)
    compute(store)
    assert _status(store, "register:g", "ofac") == "not blocked"
    assert _status(store, "register:b", "ofac") == "blocked"


def test_the_same_file_again_is_no_new_version(store: Store, tmp_path: Path) -> None:
    outcome = import_ownership(store, _holdings(tmp_path / "register.csv", SHARES))
    assert outcome.version is None


def test_a_bad_file_changes_nothing(store: Store, tmp_path: Path) -> None:
    bad = _holdings(tmp_path / "register.csv", ["60", "fifty", "25-75", "100"])
    with pytest.raises(SourceError, match="line 3"):
        import_ownership(store, bad)
    with store.reading() as conn:
        assert [v.seq for v in stored.versions(conn, "register")] == [1]


def test_a_computation_killed_before_its_end_leaves_the_previous_one(store: Store, tmp_path: Path) -> None:
    with store.reading() as conn:
        before, number = stored.results(conn), stored.generation(conn)
    import_ownership(store, _holdings(tmp_path / "register.csv", ["10", "10", "10", "10"]))

    def killed() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        compute(store, stop_before_commit=killed)
    with store.reading() as conn:
        assert stored.results(conn) == before and stored.generation(conn) == number
    assert owned_index_path(store, number).exists()
    (hit,) = Screener.open(store).screen(Query(["Gamma Logistics"], schema="Company"), threshold=0.7)
    assert hit.kind == "ownership"  # the previous results are still served
    compute(store)
    assert Screener.open(store).screen(Query(["Gamma Logistics"], schema="Company"), threshold=0.7) == []


def test_a_delisting_is_followed_at_the_list_s_next_import(store: Store, tmp_path: Path) -> None:
    other = [{"ID": "2", "Name": "Somebody ELSE", "Schema": "Person"}]
    path = _write(tmp_path / "us_test.csv", LIST_HEADER, other)
    result = import_file(store, path, "us_test", format_name="custom_csv", authority="US OFAC", accept="test")
    assert result.ownership is not None  # computed again after the list changed
    assert _status(store, "register:b", "ofac") == "not blocked"


def test_an_unknown_party_is_refused(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no party 'nobody'"):
        result_of(store, "nobody")


def test_as_of_a_date_the_links_of_that_date_count(store: Store, tmp_path: Path) -> None:
    rows = [{**HOLDINGS[0], "share": "60", "start": "2020-01-01", "end": "2022-01-01"}]
    _write(tmp_path / "dated.csv", OWNERSHIP_HEADER, rows)
    import_ownership(store, tmp_path / "dated.csv")
    compute(store)
    (then,) = result_of(store, "dated:b", "ofac", as_of="2021-06-01")
    (now,) = result_of(store, "dated:b", "ofac")
    assert then["status"] == "blocked" and "(from 2020-01-01 to 2022-01-01)" in then["lines"][0]
    assert now["status"] == "not blocked"


def test_the_graph_joins_the_datasets_at_the_listed_parties(store: Store, tmp_path: Path) -> None:
    rows = [{"owner_id": "q", "owner_name": "PETROV Ivan", "asset_id": "z", "asset_name": "ZETA LTD", "share": "30"}]
    _write(tmp_path / "second.csv", OWNERSHIP_HEADER, rows)
    import_ownership(store, tmp_path / "second.csv")
    compute(store)
    graph = load_graph(store)
    owners = {o.owner for o in graph.ownerships if o.asset in {"register:b", "second:z"}}
    assert owners == {"us-test-1"}  # one node: the listed man, from both datasets
