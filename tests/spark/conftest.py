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


#: A customer file: hits on every fixture list (names in Latin and Cyrillic, reordered, misspelled),
#: strangers, several names in one cell, quoted commas and quotes, and rows the local engine
#: rejects (no name, a bad date, a bad gender, an unknown country or schema). Written by each
#: test session rather than kept in tests/fixtures/, where it would pass for a custom list file.
CUSTOMERS = """\
id,name,birth_date,nationality,country,id_number,schema,gender
c01,Alexander Lukashenko,1954-08-30,Belarus,,,Person,male
c02,Jane Doe,,,,,Person,
c03,Аляксандр Рыгоравіч Лукашэнка,,by,,,,
c04,"LUKASHENKA, Viktar",1976,,,,Person,
c05,Someone,not a date,,,,Person,
c06,Hassan Nasrallah,1960-08-31,Lebanon,,,Person,m
c07,"Iran Aircraft Manufacturing Industrial Co.",,,Iran,,Company,
c08,ARK,,,,IMO 9187629,Vessel,
c09,Ruslan Tashaev,1980,,,,,
c10,"Braima Nantcho; Nantcho Braima",,,,,Person,
c11,Northern Light Charitable Foundation,,,,,LegalEntity,
c12,"Dmitry ""Dima"" Paulichenko",1966,,,,Person,
c13,,,,,,Person,
c14,Siarhei Skryba,,,,,Person,unknown-gender
c15,Inter Tobacco,,,,,Organization,
c16,Yuri Chorny,,,Belarus,,Person,
c17,Sami Ben Khamis Elsseid,1968-02-10,Tunisia,,,Person,
c18,Abd al Karim al Faraji,,Iraq,,,Person,
c19,Maria Schmidt,1990-01-01,de,,,Person,female
c20,EP-GOM,,,,,Airplane,
c21,Viktor Lukashenko,,,,,Person,
c22,Acme Trading Ltd,,,,,Company,
c23,Alexandre Loukachenko,,,,,,
c24,Hasan Nasrallah,,xx-not-a-country,,,Person,
c25,Александр Григорьевич Лукашенко,1954,,,,Person,
c26,Sergei Skriba,,,,,Person,
c27,"  Lukashenka,   Aliaksandr  ",,,,,Person,
c28,Nobody Atall,,,,,Planet,
c29,Ruslan Magomedovich Tashayev,,Russia,,,Person,
c30,Braima Nancho,,Guinea-Bissau,,,Person,
"""


@pytest.fixture(scope="session")
def customers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("customers") / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    return path
