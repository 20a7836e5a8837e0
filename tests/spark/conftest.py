"""One local[2] SparkSession for every Spark test, and stores to screen against."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from embargo.errors import EmbargoError
from embargo.ingest import import_file
from embargo.spark import require_pyspark, spark_session
from embargo.store import Store
from tests.conftest import FIXTURES

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """Started once (some seconds of JVM start-up); CI, which installs the extra, must have it."""
    try:
        require_pyspark()
    except EmbargoError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI installs embargo[spark] and Java: {exc}")
        pytest.skip(str(exc))
    session = spark_session(
        "local[2]",
        "embargo tests",
        conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", "spark.driver.memory": "1g"},
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The project's own list fixtures (OFAC, UN, EU): always there."""
    store = Store(tmp_path_factory.mktemp("spark-store") / "store.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "un" / "consolidated.xml", "un_sc")
    import_file(store, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")
    return store


@pytest.fixture
def customers() -> Path:
    return FIXTURES / "customers" / "customers.csv"


@pytest.fixture(autouse=True)
def fresh_local_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local engine keeps the first store's screener for the process (``batch._worker``).

    Every test here screens with it against its own store, so each starts without one.
    """
    from embargo.screening import batch

    monkeypatch.setattr(batch, "_worker", None)
