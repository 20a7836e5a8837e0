"""Cross-list resolution on small lists written for the purpose: what links two entities, what keeps them apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.audit import iter_records
from embargo.errors import PermissionDenied, QueryError
from embargo.ingest import import_file
from embargo.matching import Query
from embargo.parties import merge, party, resolve_parties, split
from embargo.screening import Screener
from embargo.store import Store
from embargo.store.parties import party_map
from tests.conftest import people, write_csv

HEADER = [
    "ID",
    "Name",
    "Schema",
    "Aliases",
    "Birth Date",
    "Nationality",
    "Passport Number",
    "ID Number",
    "IMO Number",
    "Program",
]


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    return write_csv(path, HEADER, rows)


def _store(tmp_path: Path, lists: dict[str, list[dict[str, str]]]) -> Store:
    store = Store(tmp_path / "s.db")
    for name, rows in lists.items():
        import_file(store, _write(tmp_path / f"{name}.csv", rows), name, format_name="custom_csv", resolve=False)
    return store


ALPHA = [
    {"ID": "1", "Name": "Viktar Uladzimiravich SHEIMAN", "Schema": "Person", "Birth Date": "1958-05-26"},
    {"ID": "2", "Name": "Olga Petrovna KRASNOVA", "Schema": "Person", "Birth Date": "1970-03-04"},
    {"ID": "3", "Name": "SEA BREEZE", "Schema": "Vessel", "IMO Number": "IMO 9187655"},
    {"ID": "4", "Name": "Ivan Ivanovich PETROV", "Schema": "Person", "Passport Number": "AB1234567"},
    {"ID": "5", "Name": "KIM Yong Chol", "Schema": "Person", "Birth Date": "1962-02-18", "Nationality": "North Korea"},
    {"ID": "6", "Name": "Lone WOLF", "Schema": "Person"},
]
BETA = [
    # the same official in another script, born the same day
    {"ID": "b1", "Name": "Виктор Владимирович ШЕЙМАН", "Schema": "Person", "Birth Date": "1958-05-26"},
    # one name, another person: born another year
    {"ID": "b2", "Name": "Olga Petrovna KRASNOVA", "Schema": "Person", "Birth Date": "1985-11-20"},
    # the same ship under another name, by its IMO number
    {"ID": "b3", "Name": "OCEAN PEARL", "Schema": "Vessel", "IMO Number": "9187655"},
    # the same passport number as a person's id number: one document
    {"ID": "b4", "Name": "Ivan PETROV", "Schema": "Person", "ID Number": "AB 1234567"},
    # syllable by syllable, with the same birthday and nationality
    {"ID": "b5", "Name": "KIM YONG CHOL", "Schema": "Person", "Birth Date": "1962-02-18", "Nationality": "North Korea"},
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = _store(tmp_path, {"alpha": ALPHA, "beta": BETA})
    resolve_parties(made)
    people(made, "admin", role="admin")
    return made


def _party_of(store: Store, entity_id: str) -> str:
    with store.reading() as conn:
        return party_map(conn).party_of(entity_id)


def test_one_party_across_scripts_by_birth_date_and_names(store: Store) -> None:
    found = party(store, "alpha-1")
    assert found.id.startswith("party-") and found.referents == ("alpha-1", "beta-b1")
    (link,) = [x for x in found.links if x.status == "linked"]
    assert link.kind == "name_birth_date" and "1958-05-26" in link.detail


def test_two_people_with_one_name_stay_apart(store: Store) -> None:
    assert _party_of(store, "alpha-2") == "alpha-2"
    assert _party_of(store, "beta-b2") == "beta-b2"


def test_a_shared_imo_number_links_two_names(store: Store) -> None:
    found = party(store, "beta-b3")
    assert found.referents == ("alpha-3", "beta-b3")
    assert any(x.kind == "identifier" and "IMO 9187655" in x.detail for x in found.links)


def test_a_passport_filed_as_an_id_number_is_one_document(store: Store) -> None:
    found = party(store, "alpha-4")
    assert found.referents == ("alpha-4", "beta-b4")
    assert found.links[0].detail == "both listed with passport number AB1234567 and id number AB1234567"


def test_a_vessel_and_a_company_are_never_one_party(tmp_path: Path) -> None:
    ship = [{"ID": "1", "Name": "SEA BREEZE", "Schema": "Vessel", "IMO Number": "IMO 9187655"}]
    owner = [{"ID": "1", "Name": "SEA BREEZE SHIPPING", "Schema": "Company", "IMO Number": "9187655"}]
    store = _store(tmp_path, {"alpha": ship, "beta": owner})
    assert resolve_parties(store).parties == 0
    (link,) = party(store, "alpha-1").links
    assert link.status == "blocked" and "a vessel and an organization" in link.detail


def test_names_read_syllable_by_syllable_link_with_a_shared_nationality(store: Store) -> None:
    assert _party_of(store, "alpha-5") == _party_of(store, "beta-b5") != "alpha-5"


def test_one_hit_per_party_with_every_list(store: Store) -> None:
    screener = Screener.open(store)
    hits = screener.screen(Query(["Viktar Sheiman"], schema="Person"))
    (hit,) = [h for h in hits if "alpha-1" in h.entity_ids]
    assert hit.party_id == _party_of(store, "alpha-1")
    assert set(hit.entity_ids) == {"alpha-1", "beta-b1"}
    assert sum(1 for h in hits if {"alpha-1", "beta-b1"} & set(h.entity_ids)) == 1
    assert {d.list for d in screener.designations(hit)} == {"alpha", "beta"}
    per_entity = Screener.open(store, parties=False).screen(Query(["Viktar Sheiman"], schema="Person"))
    assert {"alpha-1", "beta-b1"} <= {h.entity_id for h in per_entity}


def test_party_ids_are_kept_across_resolutions_and_list_updates(store: Store, tmp_path: Path) -> None:
    before = _party_of(store, "alpha-1")
    assert resolve_parties(store).changed is False
    more = [*BETA, {"ID": "b9", "Name": "Someone ELSE", "Schema": "Person", "Birth Date": "1990-01-01"}]
    import_file(store, _write(tmp_path / "beta2.csv", more), "beta", format_name="custom_csv")
    assert _party_of(store, "alpha-1") == before


def test_split_and_merge_are_judgements_kept_and_audited(store: Store) -> None:
    pid = _party_of(store, "alpha-1")
    with pytest.raises(QueryError, match="reason"):
        split(store, "beta-b1", " ", "admin")
    split(store, "beta-b1", "different birth places in the passports", "admin")
    assert (_party_of(store, "alpha-1"), _party_of(store, "beta-b1")) == ("alpha-1", "beta-b1")
    blocked = [x for x in party(store, "alpha-1").links if x.status == "blocked"]
    assert blocked and "judged different parties by admin" in blocked[0].detail
    resolve_parties(store)  # a judgement outlives resolutions
    assert _party_of(store, "beta-b1") == "beta-b1"
    merge(store, "alpha-1", "beta-b1", "same passport seen in the file", "admin")
    assert _party_of(store, "alpha-1") == _party_of(store, "beta-b1") == pid  # the old id comes back
    merge(store, "alpha-2", "beta-b2", "the analyst knows them", "admin")
    assert _party_of(store, "alpha-2") == _party_of(store, "beta-b2") != "alpha-2"
    kinds = [r.kind for r in iter_records(store)]
    assert kinds.count("party.split") == 1 and kinds.count("party.merge") == 2
    with pytest.raises(QueryError, match="one party already"):
        merge(store, "alpha-1", "beta-b1", "again", "admin")
    with pytest.raises(QueryError, match="alone"):
        split(store, "alpha-6", "nothing to split", "admin")
    with pytest.raises(PermissionDenied):
        split(store, "alpha-1", "who?", "nobody")


def test_a_value_one_list_gives_twice_identifies_no_one(tmp_path: Path) -> None:
    twice = [
        {"ID": "1", "Name": "FIRST SHIP", "Schema": "Vessel", "IMO Number": "IMO 9187655"},
        {"ID": "2", "Name": "SECOND SHIP", "Schema": "Vessel", "IMO Number": "IMO 9187655"},
    ]
    once = [{"ID": "1", "Name": "THIRD SHIP", "Schema": "Vessel", "IMO Number": "9187655"}]
    store = _store(tmp_path, {"alpha": twice, "beta": once})
    assert resolve_parties(store).parties == 0


def test_an_import_resolves_and_reports(tmp_path: Path) -> None:
    store = _store(tmp_path, {"alpha": ALPHA})
    result = import_file(store, _write(tmp_path / "b.csv", BETA), "beta", format_name="custom_csv")
    assert result.parties is not None and result.parties.parties == 4
    assert result.to_dict()["parties"]["links"]["name_birth_date"] == 2


def test_a_store_never_resolved_says_so_when_screening(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = _store(tmp_path, {"alpha": ALPHA, "beta": BETA})  # imported without resolving
    with caplog.at_level("WARNING", logger="embargo.screening.screener"):
        hits = Screener.open(store).screen(Query(["Viktar Sheiman"], schema="Person"))
    assert "were never resolved" in caplog.text
    assert {"alpha-1", "beta-b1"} <= {h.entity_id for h in hits}  # each entry alone, as the warning says
