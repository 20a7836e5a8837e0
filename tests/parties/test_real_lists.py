"""Resolution on the real lists: the OFAC and EU records of Belarusian officials are one party each;
two people the lists give one name are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.ingest import import_file
from embargo.matching import Query
from embargo.parties import party
from embargo.screening import Screener
from embargo.store import Store
from tests.conftest import shared_file


@pytest.fixture(scope="module")
def store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    made = Store(tmp_path_factory.mktemp("parties") / "s.db")
    files = [
        ("ofac/sdn_csv_2021/sdn.csv", "us_ofac_sdn"),
        ("eu/opensanctions_eu_journal_32006R0765_belarus.csv", "eu_journal"),
        ("un/consolidated.xml", "un_sc"),
    ]
    for rel, name in files:
        import_file(made, shared_file(shared_data, rel), name, resolve=rel.startswith("un/"))
    return made


@pytest.mark.parametrize(
    ("ofac", "caption"),
    [
        ("us-ofac-sdn-9769", "SHEIMAN"),  # Viktar Sheiman, Lukashenka's aide
        ("us-ofac-sdn-9760", "LUKASHENKA"),  # Aliaksandr Lukashenka
        ("us-ofac-sdn-9770", "ЯРМОШЫНА"),  # Lidziya Yarmoshyna: the EU's Cyrillic name
    ],
)
def test_the_ofac_and_eu_records_of_a_belarusian_official_are_one_party(store: Store, ofac: str, caption: str) -> None:
    found = party(store, ofac)
    assert found.id.startswith("party-")
    lists = {rid.split("-")[0] for rid in found.referents}
    assert lists == {"us", "eu"}, found.referents
    eu = next(r for r in found.referents if r.startswith("eu-"))
    assert any(
        caption in n for n in [store.view().find(eu)[0].entity.caption, *store.view().find(eu)[0].entity.get("alias")]
    )
    assert all(x.kind == "name_birth_date" for x in found.links if x.status == "linked")


def test_two_people_the_lists_call_kim_yong_chol_are_two_parties(store: Store) -> None:
    # OFAC lists a KIM Yong Chol born 1962-02-18 (also on the UN list) and another born 1946 or 1947
    younger, older = party(store, "us-ofac-sdn-17614"), party(store, "us-ofac-sdn-12211")
    assert younger.id != older.id
    assert "un-sc-6908511" in younger.referents and older.referents == ("us-ofac-sdn-12211",)


def test_screening_a_customer_who_is_sheiman_gives_one_hit_with_both_designations(store: Store) -> None:
    screener = Screener.open(store)
    hits = screener.screen(Query(["Viktar SHEIMAN"], schema="Person", birth_dates=["1958-05-26"]))
    sheiman = [h for h in hits if "us-ofac-sdn-9769" in h.entity_ids]
    both = {"us-ofac-sdn-9769", "eu-journal-32006r0765-i-a-3"}
    assert len(sheiman) == 1 and set(sheiman[0].entity_ids) == both
    assert sum(1 for h in hits if both & set(h.entity_ids)) == 1  # never a second hit on his other entry
    authorities = {d.authority for d in screener.designations(sheiman[0])}
    assert len(authorities) == 2
