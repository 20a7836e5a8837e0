"""Parties and cases over HTTP: one result per party, its evidence, an admin's split and merge, a case decided."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.audit import iter_records
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.server import ApiConfig
from embargo.store import Store
from tests.api.conftest import LUKASHENKA, LUKASHENKA_RU
from tests.conftest import FIXTURES

CUSTOMERS = f"id,name,birth_date\nc1,{LUKASHENKA_RU},1954-08-30\nc2,Maria Nobody Zzyzx,1990\n"


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], Store]]:
    store = Store(tmp_path_factory.mktemp("parties") / "s.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")
    ks = KeyStore(store)
    heads = {}
    for role, name in ((Role.SCREEN, "screener"), (Role.REVIEW, "A. Analyst"), (Role.ADMIN, "ops")):
        heads[role.value] = {"Authorization": f"ApiKey {ks.create(role, name)[1]}"}
    with TestClient(create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))) as client:
        yield client, heads, store


def _match(client: TestClient, key: dict[str, str]) -> list[dict[str, object]]:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": [LUKASHENKA_RU]}}}}
    r = client.post("/match/default", json=body, headers=key)
    assert r.status_code == 200, r.text
    return list(r.json()["responses"]["q"]["results"])


def test_a_party_is_one_result_an_admin_can_split_and_merge(
    setup: tuple[TestClient, dict[str, dict[str, str]], Store],
) -> None:
    client, keys, store = setup
    (result,) = [r for r in _match(client, keys["screen"]) if LUKASHENKA in r["referents"]]  # type: ignore[operator]
    party_id = str(result["id"])
    assert party_id.startswith("party-") and set(result["datasets"]) == {"us_ofac_sdn", "eu_fsf"}  # type: ignore[arg-type]
    shown = client.get(f"/parties/{LUKASHENKA}", headers=keys["admin"]).json()
    assert shown["id"] == party_id and shown["links"][0]["status"] == "linked"
    assert client.get(f"/parties/{LUKASHENKA}", headers=keys["review"]).status_code == 403
    eu = next(r for r in shown["referents"] if r != LUKASHENKA)

    bad = client.post("/parties/split", json={"entity": eu, "reason": " "}, headers=keys["admin"])
    assert bad.status_code == 400
    split = client.post("/parties/split", json={"entity": eu, "reason": "test: two men"}, headers=keys["admin"])
    assert split.status_code == 200, split.text
    assert split.json()["id"] == eu
    assert not [r for r in _match(client, keys["screen"]) if r["id"] == party_id]  # served at once: two results
    merged = client.post(
        "/parties/merge", json={"first": LUKASHENKA, "second": eu, "reason": "test: one man"}, headers=keys["admin"]
    )
    assert merged.status_code == 200 and merged.json()["id"] == party_id  # the party's id comes back
    assert [r["id"] for r in _match(client, keys["screen"]) if LUKASHENKA in r["referents"]] == [party_id]  # type: ignore[operator]
    kinds = [r.kind for r in iter_records(store)]
    assert kinds.count("party.split") == 1 and kinds.count("party.merge") == 1


def test_a_customer_on_two_lists_is_one_case_decided_at_once(
    setup: tuple[TestClient, dict[str, dict[str, str]], Store],
) -> None:
    client, keys, _ = setup
    admin, review = keys["admin"], keys["review"]
    assert client.post("/portfolio?mode=full", content=CUSTOMERS.encode(), headers=admin).status_code == 200
    assert client.post("/monitor", json={"full": True}, headers=admin).status_code == 200
    page = client.get("/cases", headers=review).json()
    (case,) = [c for c in page["cases"] if c["customer_id"] == "c1"]
    assert case["alerts"] == 2 and set(case["lists"]) == {"us_ofac_sdn", "eu_fsf"} and case["open"]
    assert page["total"] == len(page["cases"]) and page["alerts"] >= 2
    detail = client.get(f"/cases/{case['id']}", headers=review).json()
    first, second = (a["id"] for a in detail["alert_list"])
    assert all(a["case_id"] == case["id"] for a in detail["alert_list"])
    body = {"as": "true_match", "note": "same man", "overrides": {str(second): {"as": "escalated", "note": "ask"}}}
    made = client.post(f"/cases/{case['id']}/decision", json=body, headers=review)
    assert made.status_code == 201, made.text
    assert {(d["alert_id"], d["decision"]) for d in made.json()["decided"]} == {
        (first, "true_match"),
        (second, "escalated"),
    }
    assert client.get(f"/alerts/{first}", headers=review).json()["status"] == "true_match"
    again = client.post(f"/cases/{case['id']}/decision", json={"as": "true_match", "note": "x"}, headers=review)
    assert again.status_code == 201  # the escalated alert was still undecided
    done = client.post(f"/cases/{case['id']}/decision", json={"as": "true_match", "note": "x"}, headers=review)
    assert done.status_code == 400 and "no undecided alert" in done.json()["detail"]
    assert client.get("/cases/999999", headers=review).status_code == 404
    assert client.get("/cases", headers=keys["screen"]).status_code == 403


def test_the_case_queue_counts_cases_and_alerts(setup: tuple[TestClient, dict[str, dict[str, str]], Store]) -> None:
    client, keys, _ = setup
    page = client.get("/cases", params={"status": ["true_match"]}, headers=keys["review"]).json()
    assert page["total"] >= 1 and page["alerts"] >= 2
    assert client.get("/cases", params={"status": ["nope"]}, headers=keys["review"]).status_code == 400
