"""One store for the UI tests, built with embargo's own code from the project's fixtures.

Two versions of the UK list (2020, then 2024), the OFAC SDN and EU samples,
a five-customer portfolio (``tests/web/customers.csv``) and one full
monitoring run: the alerts the analysts work on are raised by the monitor,
not written by hand. Keys: an analyst (``review``) and an approver
(``approve``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio
from embargo.store import Store
from tests.conftest import FIXTURES, copy_store

HERE = Path(__file__).resolve().parent
CUSTOMERS = HERE / "customers.csv"

ANALYST = "A. Analyst"
APPROVER = "B. Approver"


@dataclass(frozen=True)
class UiKeys:
    analyst: str
    approver: str
    screen: str


def build_store(path: Path) -> Store:
    """Import the fixtures (the UK list twice), load the portfolio and run the monitor once."""
    store = Store(path)
    import_file(store, FIXTURES / "uk" / "ConList_2020.csv", "uk_ofsi")
    # the 2024 fixture holds other targets than the 2020 one: accepted by hand, as the import guard asks
    import_file(store, FIXTURES / "uk" / "ConList.csv", "uk_ofsi", accept="the 2024 fixture replaces the 2020 one")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")
    Portfolio(store).load(CUSTOMERS, actor="ops")
    Monitor(store, workers=1).run(full=True, actor="ops")
    return store


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, UiKeys]:
    """Built once per session (imports and a monitoring run take a while); tests work on copies."""
    store = build_store(tmp_path_factory.mktemp("ui-built") / "store.db")
    ks = KeyStore(store)
    keys = UiKeys(
        analyst=ks.create(Role.REVIEW, ANALYST)[1],
        approver=ks.create(Role.APPROVE, APPROVER)[1],
        screen=ks.create(Role.SCREEN, "screening robot")[1],
    )
    return store, keys


#: The administrator the administration pages' tests sign in as.
ADMIN = "C. Admin"


@contextmanager
def admin_client(built: Store, folder: Path) -> Iterator[tuple[TestClient, Store, str]]:
    """A copy of the UI tests' store in ``folder``, an admin key on it, and the app serving it over HTTPS."""
    from embargo.app import create_app
    from embargo.server import ApiConfig

    store = copy_store(built, folder)
    admin = KeyStore(store).create(Role.ADMIN, ADMIN)[1]
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        yield client, store, admin
