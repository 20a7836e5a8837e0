"""Every parser, fed random bytes and mutated real files, raises nothing but SourceError."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embargo.errors import SourceError
from embargo.sources import FORMATS, Format, ParseContext
from tests.conftest import FIXTURES, shared_data_dir

FORMAT_IDS = [f.name for f in FORMATS]

#: A small real-format sample for each format, to mutate.
SAMPLES: dict[str, list[Path]] = {
    "ofac_xml": [FIXTURES / "ofac" / "SDN.XML"],
    "ofac_advanced": [FIXTURES / "ofac" / "SDN_ADVANCED.XML"],
    "ofac_csv": [FIXTURES / "ofac" / "csv" / "sdn.csv"],
    "eu_fsf": sorted((FIXTURES / "eu").glob("*.xml")),
    "uk_ofsi": sorted((FIXTURES / "uk").glob("ConList*.csv")),
    "uk_fcdo": sorted((FIXTURES / "uk").glob("*.xml")),
    "uk_fcdo_csv": sorted((FIXTURES / "uk").glob("UK-Sanctions-List*.csv")),
    "un_sc": [FIXTURES / "un" / "consolidated.xml"],
    "ch_seco": sorted((FIXTURES / "ch").glob("*.xml")),
    "ca_sema": sorted((FIXTURES / "ca").glob("*.xml")),
    "eu_journal": sorted((FIXTURES / "eu").glob("journal*.csv")),
    "ftm": sorted((FIXTURES / "ftm").glob("*.json")),
    "custom_csv": sorted((FIXTURES / "custom").glob("*.csv")),
    "au_dfat": [FIXTURES / "au" / "regulation8_consolidated.xlsx"],
}


def _run(fmt: Format, data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        ctx = ParseContext(list_name="fuzz", authority="test", path=path)
        try:
            for entity in itertools.islice(fmt.parse(path, ctx), 10_000):
                assert entity.id.startswith("fuzz-") or fmt.name == "ftm"
        except SourceError:
            pass
        fmt.sniff(data[:4096], name)


def _name(fmt: Format) -> str:
    samples = SAMPLES.get(fmt.name) or []
    return samples[0].name if samples else "input.dat"


@pytest.mark.parametrize("fmt", FORMATS, ids=FORMAT_IDS)
def test_every_format_has_a_sample(fmt: Format) -> None:
    assert SAMPLES.get(fmt.name), f"no fixture for {fmt.name}"
    for path in SAMPLES[fmt.name]:
        assert path.exists()


@pytest.mark.parametrize("fmt", FORMATS, ids=FORMAT_IDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048))
def test_random_bytes(fmt: Format, data: bytes) -> None:
    _run(fmt, data, _name(fmt))


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "dup", "insert", "delete"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[pos:]
        elif kind == "dup":
            end = min(len(data), pos + draw(st.integers(1, 200)))
            data[pos:pos] = data[pos:end]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=40))
        elif kind == "delete":
            del data[pos : pos + draw(st.integers(1, 200))]
    return bytes(data)


@pytest.mark.parametrize("fmt", FORMATS, ids=FORMAT_IDS)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_fixtures(fmt: Format, data: st.DataObject) -> None:
    samples = SAMPLES.get(fmt.name) or []
    if not samples:
        pytest.skip("no sample")
    path = data.draw(st.sampled_from(samples))
    blob = data.draw(mutated(path.read_bytes()))
    _run(fmt, blob, path.name)


REAL: dict[str, str] = {
    "ofac_xml": "ofac/CONSOLIDATED.XML",
    "ofac_csv": "ofac/sdn_csv_fixture_2025/sdn.csv",
    "uk_ofsi": "uk/ConList_excerpt_2020.csv",
    "un_sc": "un/consolidated.xml",
    "eu_journal": "eu/opensanctions_eu_journal_32006R0765_belarus.csv",
    "ftm": "ftm/yente_zala_entities.ftm.json",
}


@pytest.mark.slow
@pytest.mark.parametrize("fmt_name", sorted(REAL))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_real_files(fmt_name: str, data: st.DataObject) -> None:
    path = shared_data_dir() / REAL[fmt_name]
    if not path.exists():
        pytest.skip(f"{path} not available")
    fmt = next(f for f in FORMATS if f.name == fmt_name)
    raw = path.read_bytes()[:200_000]
    _run(fmt, data.draw(mutated(raw)), path.name)
