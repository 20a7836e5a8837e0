"""Identifiers the lists carry (digital currency addresses, IMO numbers) are met exactly by screening."""

from __future__ import annotations

import pytest

from embargo.ingest import import_file
from embargo.matching import Query
from embargo.screening import Screener
from embargo.store import Store
from tests.conftest import FIXTURES

WALLET = "1KorvinFixtureXbtAddr5mNqYk3hLcUe8s"


@pytest.fixture(scope="module")
def screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    store = Store(tmp_path_factory.mktemp("ids") / "s.db")
    import_file(store, FIXTURES / "ofac" / "SDN_ADVANCED.XML", "us_ofac_sdn")
    return Screener.open(store)


def _identifier(screener: Screener, query: Query) -> dict[str, object]:
    hits = screener.screen(query, threshold=0.0, limit=5)
    assert hits, query
    return next(f for f in hits[0].explanation() if f["feature"] == "identifier")


def test_a_digital_currency_address_is_met_exactly(screener: Screener) -> None:
    found = _identifier(screener, Query.build(["Arkady Korvin"], id_numbers=[WALLET]))
    assert found["score"] == 0.3 and WALLET.upper() in str(found["detail"])
    other = _identifier(screener, Query.build(["Arkady Korvin"], id_numbers=[WALLET[:-1] + "X"]))
    assert other["score"] < 0  # one character off is another address


def test_an_imo_number_is_met_in_any_spelling(screener: Screener) -> None:
    for written in ("IMO 9876543", "IMO9876543", "imo-9876543"):
        found = _identifier(screener, Query.build(["Sea Korvin"], schema="Vessel", id_numbers=[written]))
        assert found["score"] == 0.3, written
