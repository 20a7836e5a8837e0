"""Real clients, unmodified, against a real ``embargo serve --workers 2``: OpenSanctions' yente-client
SDK and its ``yente-cli screen`` CSV command."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from yente_client import AuthenticationError, BadRequestError, Client, NotFoundError, Person

from tests.api.conftest import LUKASHENKA, LUKASHENKA_RU, Keys, un_data

CLEAN_NAME = "Margaretha Oosterhuis-Vandenbroek"


@pytest.fixture(scope="module")
def sdk(server: str, keys: Keys) -> Iterator[Client]:
    with Client(base_url=server, api_key=keys.screen) as client:
        yield client


def test_sdk_match(sdk: Client) -> None:
    found = sdk.match(Person(name=[LUKASHENKA_RU]))
    assert LUKASHENKA in [i for r in found.results for i in (r.id, *r.referents)]
    assert found.top is not None and found.top.match and "LUKASHENK" in found.top.caption.upper()
    assert found.top.properties["topics"] == ["sanction"] and found.top.datasets
    assert found.top.contributing_explanations and found.limit == 5
    assert sdk.match(Person(name=CLEAN_NAME)).results == []


def test_sdk_match_with_filters_and_algorithms(sdk: Client) -> None:
    found = sdk.match(
        Person(name="Alexander Lukashenko", birthDate="1954-08-30"),
        datasets=["us_ofac_sdn"],
        topics=["sanction"],
        algorithm="logic-v2",
        threshold=0.8,
        limit=3,
    )
    # his OFAC and EU entries are one party; scoped to OFAC's list, the party holds his OFAC entry alone
    assert [(r.id.startswith("party-"), r.referents, r.datasets) for r in found.matches] == [
        (True, [LUKASHENKA], ["us_ofac_sdn"])
    ]
    excluded = sdk.match(Person(name=LUKASHENKA_RU), exclude_entities=[LUKASHENKA], datasets=["us_ofac_sdn"])
    assert excluded.results == []
    with pytest.raises(BadRequestError):
        sdk.match(Person(name="x"), algorithm="no-such-algorithm")


def test_sdk_other_endpoints(sdk: Client, server: str) -> None:
    assert sdk.healthz().status == "ok" and sdk.readyz().status == "ok"
    datasets = sdk.datasets()
    assert "us_ofac_sdn" in datasets.current and any(d.name == "default" for d in datasets.datasets)
    algorithms = sdk.algorithms()
    assert algorithms.best == algorithms.default and "logic-v2" in [a.name for a in algorithms.algorithms]
    entity = sdk.fetch(LUKASHENKA)  # a 308 to his party, followed
    assert entity.id.startswith("party-") and LUKASHENKA in entity.referents and entity.target
    sanctions = entity.properties["sanctions"]
    assert sanctions and all(getattr(s, "schema_", None) == "Sanction" for s in sanctions)
    page = sdk.search("Lukashenko", datasets=["default"], limit=5)
    assert LUKASHENKA in [i for r in page.results for i in (r.id, *r.referents)] and page.total.value >= 1
    with pytest.raises(NotFoundError):
        sdk.fetch("no-such-entity")
    with Client(base_url=server, api_key="emb_wrong") as wrong, pytest.raises(AuthenticationError):
        wrong.match(Person(name="x"))
    with Client(base_url=server) as anonymous, pytest.raises(AuthenticationError):
        anonymous.datasets()


@pytest.mark.skipif(un_data() is None, reason="real UN list not present (EMBARGO_SHARED_DATA)")
def test_sdk_finds_a_person_on_the_real_un_list(sdk: Client) -> None:
    found = sdk.match(Person(firstName="Eric", lastName="Badege"), datasets=["un_sc_sanctions"])
    assert found.top is not None and found.top.match and found.top.datasets == ["un_sc"]


def _yente_cli() -> list[str]:
    found = shutil.which("yente-cli", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("yente-cli is not installed (pip install 'yente-client[cli]')")
    return [found]


def test_yente_cli_screen(server: str, keys: Keys, tmp_path: Path) -> None:
    src = tmp_path / "customers.csv"
    src.write_text(
        f"cust_id,full_name,born\nc1,{LUKASHENKA_RU},1954-08-30\nc2,{CLEAN_NAME},1980-01-01\n", encoding="utf-8"
    )
    dst = tmp_path / "hits.csv"
    cmd = [*_yente_cli(), "--base-url", server, "--api-key", keys.screen, "screen", str(src), str(dst)]
    cmd += ["-s", "Person", "-i", "full_name=name", "-i", "born=birthDate", "--explanation", "--include-empty"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with dst.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"cust_id", "match_id", "match_caption", "match_score", "match", "match_topics", "match_error"} <= set(
        rows[0]
    )
    hits = [r for r in rows if r["cust_id"] == "c1"]
    assert any(r["match_id"].startswith("party-") for r in hits)  # his OFAC and EU entries: one party
    assert all(r["match"] == "true" and r["match_topics"] == "sanction" and not r["match_error"] for r in hits)
    assert all(float(r["match_score"]) >= 0.7 and "name=" in r["match_explanation"] for r in hits)
    clean = [r for r in rows if r["cust_id"] == "c2"]
    assert len(clean) == 1 and clean[0]["match_id"] == "" and clean[0]["match_error"] == ""


def test_yente_cli_with_a_wrong_key(server: str, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name\nJohn Smith\n", encoding="utf-8")
    cmd = [*_yente_cli(), "--base-url", server, "--api-key", "emb_wrong", "screen", str(src), str(tmp_path / "o.csv")]
    done = subprocess.run([*cmd, "-s", "Person", "-i", "name=name"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 5 and "AuthenticationError" in (tmp_path / "o.csv").read_text()
