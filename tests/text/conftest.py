"""A store of the project's fixture lists for the text screening tests."""

from __future__ import annotations

import pytest

from embargo.ingest import import_file
from embargo.store import Store
from embargo.text import TextScreener
from tests.conftest import FIXTURES


@pytest.fixture(scope="session")
def text_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("text") / "store.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "un" / "consolidated.xml", "un_sc")
    import_file(store, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")
    import_file(store, FIXTURES / "uk" / "UK-Sanctions-List-sample.xml", "gb_fcdo")
    return store


@pytest.fixture(scope="session")
def text_screener(text_store: Store) -> TextScreener:
    return TextScreener(text_store)
