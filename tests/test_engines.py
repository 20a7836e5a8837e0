"""Engines chosen by name: each screens a customer file into the same hits (splink's habit)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from embargo.cli.screen import Engine as CliEngine
from embargo.engines import ENGINES, Engine, LocalEngine, SparkEngine, engine
from embargo.errors import QueryError
from embargo.extras import MissingExtraError
from embargo.ingest import import_file
from embargo.screening import screen_file
from embargo.store import Store
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("engines") / "s.db")
    import_file(s, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    return s


@pytest.fixture
def customers(tmp_path: Path) -> Path:
    path = tmp_path / "c.csv"
    path.write_text(
        "id,name,birth_date\n1,Aliaksandr Lukashenka,1954-08-30\n2,Jane Smith,\n3,Hassan Nasrallah,\n", "utf-8"
    )
    return path


def test_engines_by_name() -> None:
    assert list(ENGINES) == ["local", "spark"] == [e.value for e in CliEngine]
    local, spark = engine("local", workers=2, master="x"), engine("spark", workers=2, master="spark://h:7077")
    assert local == LocalEngine(workers=2) and spark == SparkEngine(master="spark://h:7077")
    assert isinstance(local, Engine) and isinstance(spark, Engine)
    assert (local.name, spark.name) == ("local", "spark")
    with pytest.raises(QueryError, match=r"unknown engine 'flink' \(one of: local, spark\)"):
        engine("flink")


def test_the_local_engine_is_screen_file(store: Store, customers: Path, tmp_path: Path) -> None:
    direct = screen_file(store, customers, tmp_path / "direct.jsonl", workers=1)
    seen: list[tuple[int, int]] = []
    got = engine("local", workers=1).screen_file(
        store, str(customers), str(tmp_path / "engine.jsonl"), progress=lambda d, t: seen.append((d, t))
    )
    assert (tmp_path / "engine.jsonl").read_bytes() == (tmp_path / "direct.jsonl").read_bytes()
    assert (got.rows, got.hits, got.rows_with_hits) == (direct.rows, direct.hits, direct.rows_with_hits)
    assert direct.rows == 3
    assert direct.hits > 0 and seen


def test_the_engine_takes_all_rows_and_a_mapping(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("ref,full name\nA,Aliaksandr Lukashenka\nB,Jane Smith\n", "utf-8")
    local = engine("local", workers=1)
    mapping = {"ref": "id", "full name": "name"}  # column -> field, as --map ref=id
    got = local.screen_file(store, str(path), str(tmp_path / "o.csv"), all_rows=True, mapping=mapping)
    direct = screen_file(store, path, tmp_path / "d.csv", workers=1, all_rows=True, mapping=mapping)
    assert (tmp_path / "o.csv").read_bytes() == (tmp_path / "d.csv").read_bytes()
    assert got.written == direct.written and "no hit" in (tmp_path / "o.csv").read_text("utf-8-sig")


@pytest.mark.parametrize(("source", "target"), [("s3a://b/c.csv", "o.jsonl"), ("c.csv", "gs://b/o.jsonl")])
def test_the_local_engine_refuses_uris(store: Store, source: str, target: str) -> None:
    with pytest.raises(QueryError, match="needs the spark engine"):
        engine("local").screen_file(store, source, target)


def test_the_spark_engine_names_its_extra(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'embargo\[spark\]'"):
        engine("spark").screen_file(store, "c.csv", "o.jsonl")
