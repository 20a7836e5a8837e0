"""Ownership in the API: ``/match`` results for entities blocked by ownership, and ``GET /entities/{id}/ownership``.

A store of its own: the OFAC and EU samples, and a small ownership CSV in which
Lukashenka (on both lists) holds 60% of Zubr Timber, which holds 75% of Belwood
(on no list: blocked by ownership under OFAC's and the EU's rules), and 60% of Iran
Aircraft Manufacturing (on OFAC's list: also blocked by ownership under the EU's rule).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embargo.api.models import MatchResponse
from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.ownership.graph import compute
from embargo.ownership.stored import import_file as import_ownership
from embargo.server import ApiConfig
from embargo.store import Store
from tests.api.conftest import LUKASHENKA, service_of
from tests.conftest import FIXTURES, copy_store, shared_file

BELWOOD = "registry:belwood"
BELWOOD_NAME = "Belwood <Export> & Co"

OWNERSHIP_CSV = """owner_id,owner_name,asset_id,asset_name,share,start,end
luk,Alyaksandr Hryhoryavich LUKASHENKA,zubr,Zubr Timber Holdings LLC,60,2020-01-01,
zubr,Zubr Timber Holdings LLC,belwood,Belwood <Export> & Co,75,2021-03-01,
luk,Alyaksandr Hryhoryavich LUKASHENKA,iami,IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY,60,,
"""


def build_owned_store(folder: Path) -> Store:
    """The OFAC and EU samples and the ownership CSV, computed."""
    store = Store(folder / "store.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")
    path = folder / "registry.csv"
    path.write_text(OWNERSHIP_CSV, "utf-8")
    import_ownership(store, path, dataset="registry")
    compute(store)
    return store


@pytest.fixture(scope="module")
def owned_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_owned_store(tmp_path_factory.mktemp("owned"))


def _client(store: Store) -> tuple[TestClient, str]:
    _, secret = KeyStore(store).create(Role.SCREEN, f"ownership tests {uuid.uuid4().hex[:8]}")
    client = TestClient(create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0)))
    client.headers["Authorization"] = f"ApiKey {secret}"
    return client, secret


@pytest.fixture(scope="module")
def owned_client(owned_store: Store) -> Iterator[TestClient]:
    client, _ = _client(owned_store)
    with client:
        yield client


def _match(client: TestClient, name: str, dataset: str = "default", schema: str = "Company", **params: Any) -> Any:
    body = {"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}
    r = client.post(f"/match/{dataset}", json=body, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_match_gives_the_owned_entity_with_its_verdicts(owned_client: TestClient) -> None:
    data = _match(owned_client, "Belwood Export")
    results = data["responses"]["q"]["results"]
    (hit,) = [r for r in results if r["id"] == BELWOOD]
    assert hit["caption"] == BELWOOD_NAME and hit["match"] is True
    assert hit["datasets"] == ["ownership"] and hit["target"] is False
    assert hit["properties"]["topics"] == ["sanction.linked"]
    assert hit["properties"]["name"] == [BELWOOD_NAME]
    explained = hit["explanations"]["ownership"]
    assert explained["score"] == 0.0 and hit["explanations"]["name"]["score"] > 0.9
    assert explained["detail"].startswith("blocked by ownership or control under OFAC's 50 Percent Rule")
    assert "Zubr Timber Holdings LLC holds 75%" in explained["detail"]
    rules = {v["rule"]: v for v in hit["ownership"]}
    assert set(rules) == {"ofac", "eu"}
    ofac = rules["ofac"]
    assert ofac["status"] == "blocked" and ofac["share"]["text"] == "75%"
    assert [s["node"] for s in ofac["steps"]][:2] == [BELWOOD, "registry:zubr"]
    assert ofac["steps"][-1]["status"] == "designated"
    assert ofac["lines"][0].startswith(f"{BELWOOD_NAME} [{BELWOOD}]: blocked under ofac")
    # the answer is still exactly MatchResponse's (yente's shape, plus the optional field)
    assert MatchResponse.model_validate(data).model_dump(mode="json", by_alias=True) == data


def test_results_without_verdicts_have_no_ownership_field(owned_client: TestClient) -> None:
    data = _match(owned_client, "Alyaksandr Lukashenka", schema="Person")
    results = data["responses"]["q"]["results"]
    (party,) = [r for r in results if LUKASHENKA in r["referents"] or r["id"] == LUKASHENKA]
    assert "ownership" not in party and "ownership" not in party["explanations"]
    assert MatchResponse.model_validate(data).model_dump(mode="json", by_alias=True) == data


def test_a_listed_party_blocked_by_ownership_elsewhere_carries_its_verdicts(owned_client: TestClient) -> None:
    results = _match(owned_client, "Iran Aircraft Manufacturing Industrial Company")["responses"]["q"]["results"]
    (listed,) = [r for r in results if "us_ofac_sdn" in r["datasets"]]
    assert listed["target"] is True and "sanction" in listed["properties"]["topics"]
    # designated by OFAC itself; held 60% by a party the EU designated: blocked under the EU's rule
    assert [v["rule"] for v in listed["ownership"]] == ["eu"]
    assert listed["ownership"][0]["status"] == "blocked"
    assert listed["explanations"]["ownership"]["detail"].startswith("blocked by ownership or control under EU")


def test_a_scoped_dataset_reaches_no_owned_entity(owned_client: TestClient) -> None:
    for dataset, params in (
        ("us_ofac_sdn", {}),
        ("default", {"include_dataset": "us_ofac_sdn"}),
        ("default", {"exclude_dataset": "ownership"}),
    ):
        results = _match(owned_client, "Belwood Export", dataset=dataset, **params)["responses"]["q"]["results"]
        assert BELWOOD not in [r["id"] for r in results], (dataset, params)
    # the topic filter is OpenSanctions': sanction.linked is not sanction
    results = _match(owned_client, "Belwood Export", topics="sanction")["responses"]["q"]["results"]
    assert BELWOOD not in [r["id"] for r in results]
    results = _match(owned_client, "Belwood Export", topics="sanction.linked")["responses"]["q"]["results"]
    assert [r["id"] for r in results] == [BELWOOD]
    # blocked: frozen, as the designations it follows
    results = _match(owned_client, "Belwood Export", measures="asset_freeze")["responses"]["q"]["results"]
    assert BELWOOD in [r["id"] for r in results]


def test_entity_ownership_endpoint(owned_client: TestClient) -> None:
    r = owned_client.get(f"/entities/{BELWOOD}/ownership")
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["entity"] == BELWOOD and data["node"] == BELWOOD
    statuses = {v["rule"]: v["status"] for v in data["verdicts"]}
    assert statuses == {"ofac": "blocked", "eu": "blocked", "uk": "not blocked"}  # the UK: more than 50%, ...
    (ofac,) = owned_client.get(f"/entities/{BELWOOD}/ownership", params={"rule": "ofac"}).json()["verdicts"]
    assert ofac["rule"] == "ofac" and ofac["as_of"] is None
    assert {"rule", "rule_version", "rule_title", "as_of", "status", "share", "steps", "lines"} <= set(ofac)
    holding = ofac["steps"][0]["holdings"][0]
    assert holding["owner"] == "registry:zubr" and holding["share"]["low"] == 75.0 and holding["start"] == "2021-03-01"
    # before Zubr bought it: computed afresh as of that date
    before = owned_client.get(f"/entities/{BELWOOD}/ownership", params={"rule": "ofac", "as_of": "2020-06-01"})
    assert before.status_code == 200 and before.json()["verdicts"][0]["status"] == "not blocked"
    assert before.json()["verdicts"][0]["as_of"] == "2020-06-01"
    # a listed entity, by its own id: designated
    listed = owned_client.get(f"/entities/{LUKASHENKA}/ownership", params={"rule": "ofac"}).json()
    assert listed["entity"] == LUKASHENKA and listed["verdicts"][0]["status"] == "designated"


def test_the_owned_entity_is_served_by_entities(owned_client: TestClient) -> None:
    r = owned_client.get(f"/entities/{BELWOOD}")
    assert r.status_code == 200, r.text
    entity = r.json()
    assert entity["id"] == BELWOOD and entity["caption"] == BELWOOD_NAME and entity["target"] is False
    assert entity["datasets"] == ["ownership"] and entity["properties"]["topics"] == ["sanction.linked"]
    assert owned_client.get("/entities/registry:nothing").status_code == 404


def test_entity_ownership_errors(owned_client: TestClient) -> None:
    r = owned_client.get("/entities/no-such-party/ownership")
    assert r.status_code == 404
    assert r.json()["detail"] == "no party 'no-such-party' in the ownership data (see `embargo ownership list`)"
    for params, says in (
        ({"rule": "fatf"}, "rule: unknown rule 'fatf'"),
        ({"as_of": "2021-13-45"}, "as_of: not a date"),
    ):
        r = owned_client.get(f"/entities/{BELWOOD}/ownership", params=params)
        assert r.status_code == 400 and r.json()["detail"].startswith(says), r.text
    saved = owned_client.headers.pop("Authorization")
    try:
        assert owned_client.get(f"/entities/{BELWOOD}/ownership").status_code == 401
    finally:
        owned_client.headers["Authorization"] = saved


def test_entity_ownership_is_documented(owned_client: TestClient) -> None:
    spec = owned_client.get("/openapi.json").json()
    op = spec["paths"]["/entities/{entity_id}/ownership"]["get"]
    assert op["summary"].startswith("Blocked by ownership or control?")
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/OwnershipResponse")
    assert {p["name"] for p in op["parameters"]} >= {"entity_id", "rule", "as_of"}
    assert "400" in op["responses"]
    scored = spec["components"]["schemas"]["ScoredEntityResponse"]["properties"]
    assert "ownership" in scored


def test_a_recomputation_is_served_at_once(owned_store: Store, tmp_path: Path) -> None:
    store = copy_store(owned_store, tmp_path / "copy")
    client, _ = _client(store)
    with client:
        assert BELWOOD in [r["id"] for r in _match(client, "Belwood Export")["responses"]["q"]["results"]]
        service = service_of(client)
        assert service.refresh() is False  # nothing changed: the same snapshot
        # Zubr sold down to 40%: neither it nor Belwood is blocked any more
        path = tmp_path / "registry.csv"
        path.write_text(
            OWNERSHIP_CSV.replace(",zubr,Zubr Timber Holdings LLC,60,", ",zubr,Zubr Timber Holdings LLC,40,")
        )
        import_ownership(store, path, dataset="registry")
        generation = compute(store).generation
        assert service.refresh() is True
        assert service.loaded.ownership_generation == generation
        results = _match(client, "Belwood Export")["responses"]["q"]["results"]
        assert BELWOOD not in [r["id"] for r in results]
        verdicts = client.get(f"/entities/{BELWOOD}/ownership").json()["verdicts"]
        assert {v["status"] for v in verdicts} == {"not blocked"}


def test_the_zala_cluster(shared_data: Path, tmp_path: Path) -> None:
    """Real data: the association a designated person directs is blocked under the EU's and the UK's rules."""
    path = shared_file(shared_data, "ftm/yente_zala_entities.ftm.json")
    store = Store(tmp_path / "zala.db")
    import_file(store, path, "zala")
    import_ownership(store, path, dataset="zala")
    compute(store)
    client, _ = _client(store)
    with client:
        name = 'НЕКОММЕРЧЕСКОЕ ПАРТНЕРСТВО "АССОЦИАЦИЯ БЕСПИЛОТНЫХ СИСТЕМ"'
        data = _match(client, name, schema="Organization")
        top = data["responses"]["q"]["results"][0]
        assert top["datasets"] == ["zala"]  # listed itself: a list result, with its verdicts
        assert {v["rule"]: v["status"] for v in top["ownership"]} == {"eu": "blocked", "uk": "blocked"}
        assert "ZAKHAROV" in top["explanations"]["ownership"]["detail"]
        assert "controls it" in top["explanations"]["ownership"]["detail"]
        assert MatchResponse.model_validate(data).model_dump(mode="json", by_alias=True) == data
        r = client.get("/entities/NK-9Xa4Kg7Y7nfccE7VcZt6Q6/ownership", params={"as_of": "2021-06-01"})
        statuses = {v["rule"]: v["status"] for v in r.json()["verdicts"]}
        assert statuses["ofac"] == "blocked" and "75%" in r.json()["verdicts"][0]["lines"][0]
