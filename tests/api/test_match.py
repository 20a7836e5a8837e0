"""``POST /match/{dataset}`` follows yente's contract: shape, scores, thresholds, filters, errors."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from followthemoney import model as ftm

from embargo.api.models import MatchResponse
from embargo.matching import ALGORITHM
from tests.api.conftest import LUKASHENKA, LUKASHENKA_RU, ids_of, person


def match(client: TestClient, queries: dict[str, Any], status: int = 200, **params: Any) -> dict[str, Any]:
    r = client.post("/match/default", json={"queries": queries}, params=params)
    assert r.status_code == status, r.text
    data: dict[str, Any] = r.json()
    return data


def test_lukashenka_in_cyrillic_and_the_response_shape(client: TestClient) -> None:
    data = match(client, {"q1": person(LUKASHENKA_RU), "clean": person("Margaretha Oosterhuis-Vandenbroek")})
    assert set(data) == {"responses", "limit"} and data["limit"] == 5
    assert set(data["responses"]) == {"q1", "clean"}
    q1 = data["responses"]["q1"]
    assert q1["status"] == 200 and q1["total"]["relation"] == "eq"
    assert q1["query"] == {"id": None, "schema": "Person", "properties": {"name": [LUKASHENKA_RU]}}
    ids = ids_of(q1["results"])
    assert LUKASHENKA in ids  # in his party, with his EU entry (docs/parties.md)
    (party,) = [r for r in q1["results"] if LUKASHENKA in r["referents"]]
    assert party["id"].startswith("party-") and set(party["datasets"]) == {"us_ofac_sdn", "eu_fsf"}
    assert len(party["referents"]) == 2
    assert q1["total"]["value"] == sum(r["match"] for r in q1["results"])
    scores = [r["score"] for r in q1["results"]]
    assert scores == sorted(scores, reverse=True)
    for r in q1["results"]:
        assert ftm.get(r["schema"]) is not None
        assert isinstance(r["caption"], str) and r["caption"]
        assert all(isinstance(v, list) for v in r["properties"].values())
        assert r["datasets"] and isinstance(r["referents"], list) and r["target"] is True
        assert r["properties"]["topics"] == ["sanction"]
        for field in ("first_seen", "last_seen", "last_change"):
            datetime.fromisoformat(r[field])
        assert r["match"] is (r["score"] >= 0.7)
        assert all(set(e) >= {"score", "detail"} for e in r["explanations"].values())
    top = q1["results"][0]
    assert "LUKASHENK" in top["caption"].upper() and top["explanations"]["name"]["score"] > 0.9
    assert data["responses"]["clean"]["results"] == []
    assert data["responses"]["clean"]["total"]["value"] == 0


def test_property_forms_and_query_echo(client: TestClient) -> None:
    example = {
        "id": "customer-1",
        "schema": "Person",
        "properties": {
            "firstName": "Alyaksandr",
            "lastName": ["Lukashenka"],
            "birthDate": ["1954-08-30", "not a date"],
            "nationality": "Belarus",
            "unknownProperty": ["ignored"],
        },
    }
    q = match(client, {"a": example})["responses"]["a"]
    assert q["query"]["id"] == "customer-1"
    assert q["query"]["properties"] == {
        "firstName": ["Alyaksandr"],
        "lastName": ["Lukashenka"],
        "birthDate": ["1954-08-30"],
        "nationality": ["by"],
    }
    top = q["results"][0]  # his OFAC and EU entries: one party
    assert LUKASHENKA in top["referents"]
    assert "birth_date" in top["explanations"]


@pytest.mark.parametrize(
    ("params", "expect_low"),
    [
        ({}, False),  # default threshold and cutoff 0.7: only scores above 0.7
        ({"threshold": 0.99, "cutoff": 0.5}, True),  # cutoff below: weaker results come back, not matched
    ],
)
def test_threshold_and_cutoff(client: TestClient, params: dict[str, Any], expect_low: bool) -> None:
    q = match(client, {"q": person("Alexander Lukashenko")}, **params)["responses"]["q"]
    threshold = params.get("threshold", 0.7)
    floor = min(params.get("cutoff", 0.7), threshold)
    assert q["results"]
    for r in q["results"]:
        assert r["score"] > floor
        assert r["match"] is (r["score"] >= threshold)
    if expect_low:
        assert any(not r["match"] for r in q["results"])


def test_limit(client: TestClient) -> None:
    q = match(client, {"q": person("Lukashenko")}, limit=1, cutoff=0.1, threshold=0.1)
    assert q["limit"] == 1 and len(q["responses"]["q"]["results"]) == 1


@pytest.mark.parametrize("algorithm", ["best", "default", "logic-v1", "logic-v2", "regression-v1", ALGORITHM])
def test_algorithm_aliases(client: TestClient, algorithm: str) -> None:
    q = match(client, {"q": person(LUKASHENKA_RU)}, algorithm=algorithm)["responses"]["q"]
    assert LUKASHENKA in ids_of(q["results"])


def test_filters(client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        return ids_of(match(client, {"q": person(LUKASHENKA_RU)}, **params)["responses"]["q"]["results"])

    everything = ids()
    assert LUKASHENKA in everything and len(everything) >= 2  # his party: his OFAC and EU entries
    assert LUKASHENKA not in ids(exclude_entity_ids=[LUKASHENKA])
    assert LUKASHENKA not in ids(exclude_entity_ids=["9760"])  # the publisher's record id works too
    assert ids(exclude_schema=["Person"]) == []
    assert ids(exclude_schema=["LegalEntity"]) == []  # descendants go with their schema
    assert ids(topics=["sanction"]) == everything
    assert ids(topics=["role.pep"]) == []
    assert ids(changed_since="2000-01-01") == everything
    assert ids(changed_since="2999-01-01T10:00") == []
    assert ids(include_dataset=["us_ofac_sdn"])[1:] == [LUKASHENKA]  # his party, holding his OFAC entry alone
    assert LUKASHENKA not in ids(exclude_dataset=["us_ofac_sdn"])
    assert ids(include_dataset=["no_such_list"]) == []


def test_dataset_path(client: TestClient) -> None:
    for dataset in ("default", "sanctions", "us_ofac_sdn"):
        r = client.post(f"/match/{dataset}", json={"queries": {"q": person(LUKASHENKA_RU)}})
        assert r.status_code == 200 and r.json()["responses"]["q"]["results"], dataset
    r = client.post("/match/eu_fsf", json={"queries": {"q": person(LUKASHENKA_RU)}})
    assert LUKASHENKA not in [x["id"] for x in r.json()["responses"]["q"]["results"]]
    r = client.post("/match/no_such_dataset", json={"queries": {"q": person(LUKASHENKA_RU)}})
    assert r.status_code == 404 and "no_such_dataset" in r.json()["detail"]


def test_other_schemata(client: TestClient) -> None:
    for schema in ("Company", "Organization", "LegalEntity", "Vessel", "Airplane", "PublicBody"):
        q = match(client, {"q": {"schema": schema, "properties": {"name": ["Nonexistent Holdings"]}}})
        assert q["responses"]["q"]["query"]["schema"] == schema


@pytest.mark.parametrize(
    ("body", "params", "status", "says"),
    [
        ({"queries": {"q": {"schema": "Dragon", "properties": {"name": "x"}}}}, {}, 400, "schema: Input should be"),
        ({"queries": {"q": {"schema": "Address", "properties": {"full": "x"}}}}, {}, 400, "'Person'"),
        ({"queries": {"q": {"schema": "Person", "properties": {"birthDate": "1954"}}}}, {}, 400, "no name"),
        ({"queries": {}}, {}, 400, "No queries"),
        ({"queries": {f"q{i}": person("A B") for i in range(101)}}, {}, 400, "Too many queries"),
        ({"queries": {"q": person("A B")}}, {"limit": 501}, 400, "limit"),
        ({"queries": {"q": person("A B")}}, {"limit": -1}, 400, "limit"),
        ({"queries": {"q": person("A B")}}, {"threshold": "high"}, 400, "threshold"),
        ({"queries": {"q": person("A B")}}, {"algorithm": "magic"}, 400, "Invalid algorithm"),
        ({"queries": {"q": person("A B")}}, {"changed_since": "yesterday"}, 400, "changed_since"),
        ({"queries": {"q": person("A B")}}, {"exclude_entity_ids": [str(i) for i in range(51)]}, 400, "exclude"),
        ({"queries": {"q": {"properties": {"name": "x"}}}}, {}, 400, "schema"),
        ({"queries": "nope"}, {}, 400, "queries"),
        ({}, {}, 400, "queries"),
    ],
)
def test_bad_input(client: TestClient, body: Any, params: dict[str, Any], status: int, says: str) -> None:
    r = client.post("/match/default", json=body, params=params)
    assert r.status_code == status, r.text
    assert says.lower() in r.json()["detail"].lower()


def test_malformed_json_and_no_content_type(client: TestClient) -> None:
    r = client.post("/match/default", content=b'{"queries": {', headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "Malformed JSON" in r.json()["detail"]
    r = client.post(
        "/match/default", content=b'{"queries": {"q": {"schema": "Person", "properties": {"name": "x y"}}}}'
    )
    assert r.status_code == 200  # yente takes JSON without a Content-Type, so do we


def test_unknown_parameters_are_ignored(client: TestClient) -> None:
    q = match(client, {"q": person(LUKASHENKA_RU)}, fuzzy="true", whatever=3)
    assert q["responses"]["q"]["results"]


def test_weights_and_config_are_accepted(client: TestClient) -> None:
    r = client.post(
        "/match/default",
        json={"queries": {"q": person(LUKASHENKA_RU)}, "weights": {"name_literal": 0.8}, "config": {"x": 1}},
    )
    assert r.status_code == 200


@pytest.mark.parametrize("inline", [True, False], ids=["on the event loop", "in a worker thread"])
def test_answer_is_exactly_what_the_response_model_gives(client: TestClient, inline: bool) -> None:
    """The endpoint writes its JSON itself: it must be MatchResponse's own output, field for field."""
    queries: dict[str, Any] = {"q1": person(LUKASHENKA_RU, birthDate="1954")}
    if not inline:  # a batch goes to the thread pool
        queries["q2"] = {"id": "c-7", **person("Ramzan Kadyrov")}
        queries["clean"] = person("Margaretha Oosterhuis-Vandenbroek")
    r = client.post("/match/default", json={"queries": queries}, params={"threshold": 0.5})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    data = r.json()
    assert data["responses"]["q1"]["results"]
    assert MatchResponse.model_validate(data).model_dump(mode="json", by_alias=True) == data
