"""``/search``, ``/entities``, ``/catalog``, ``/algorithms`` and the probes, in yente's shapes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from embargo.matching import ALGORITHM
from tests.api.conftest import LUKASHENKA, ids_of


def test_search_by_name(client: TestClient) -> None:
    data = client.get("/search/default", params={"q": "Lukashenko"}).json()
    assert set(data) == {"results", "facets", "total", "limit", "offset"}
    ids = [r["id"] for r in data["results"]]
    assert LUKASHENKA in ids_of(data["results"]) and data["total"]["value"] >= len(ids)
    assert all("score" not in r for r in data["results"])
    assert set(data["facets"]) == {"countries", "topics", "datasets"}
    countries = {v["name"]: v for v in data["facets"]["countries"]["values"]}
    assert countries["by"]["label"] == "Belarus" and countries["by"]["count"] >= 1


@pytest.mark.parametrize(
    ("params", "has_him"),
    [
        ({"schema": "Person"}, True),
        ({"schema": "LegalEntity"}, True),
        ({"schema": "Company"}, False),
        ({"exclude_schema": "Person"}, False),
        ({"countries": "by"}, True),
        ({"countries": "fr"}, False),
        ({"topics": "sanction"}, True),
        ({"datasets": "eu_fsf"}, False),
        ({"filter": "birthDate:1954-08-30"}, True),
        ({"filter": "properties.birthDate:1999-01-01"}, False),
    ],
)
def test_search_filters(client: TestClient, params: dict[str, str], has_him: bool) -> None:
    r = client.get("/search/default", params={"q": "Lukashenko", **params})
    assert r.status_code == 200, r.text
    assert (LUKASHENKA in ids_of(r.json()["results"])) is has_him


def test_search_browse_and_pages(client: TestClient) -> None:
    first = client.get("/search/us_ofac_sdn", params={"limit": 2}).json()
    second = client.get("/search/us_ofac_sdn", params={"limit": 2, "offset": 2}).json()
    assert first["total"]["value"] == second["total"]["value"] >= 4
    assert len(first["results"]) == 2 and not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/search/default", {"schema": "Dragon"}, 400),
        ("/search/default", {"filter": "nocolon"}, 400),
        ("/search/default", {"limit": 100_000}, 400),
        ("/search/default", {"offset": -1}, 400),
        ("/search/nope", {}, 404),
        ("/entities/no-such-entity", {}, 404),
    ],
)
def test_search_errors(client: TestClient, path: str, params: dict[str, object], status: int) -> None:
    r = client.get(path, params=params)
    assert r.status_code == status and isinstance(r.json()["detail"], str)


def test_entity_with_designations_nested(client: TestClient) -> None:
    # his OFAC entry is one of a party (with his EU entry): 308 to the party, as yente redirects a merged entity
    moved = client.get(f"/entities/{LUKASHENKA}", follow_redirects=False)
    assert moved.status_code == 308 and "/entities/party-" in moved.headers["location"]
    data = client.get(f"/entities/{LUKASHENKA}").json()
    assert data["id"].startswith("party-") and data["schema"] == "Person" and LUKASHENKA in data["referents"]
    assert set(data["datasets"]) == {"us_ofac_sdn", "eu_fsf"}
    assert data["properties"]["topics"] == ["sanction"] and data["target"] is True
    sanctions = data["properties"]["sanctions"]
    assert sanctions and all(s["schema"] == "Sanction" for s in sanctions)
    assert {a for s in sanctions for a in s["properties"]["authority"]} >= {"US OFAC"}
    assert all(isinstance(v, list) for s in sanctions for v in s["properties"].values())
    flat = client.get(f"/entities/{LUKASHENKA}", params={"nested": "false"}).json()
    assert "sanctions" not in flat["properties"]
    by_record_id = client.get("/entities/9760").json()
    assert by_record_id["id"] == data["id"]
    alone = client.get("/entities/us-ofac-sdn-11195").json()  # an entity no other list's is linked to
    assert alone["id"] == "us-ofac-sdn-11195" and alone["referents"] == [] and alone["datasets"] == ["us_ofac_sdn"]


def test_catalog(client: TestClient) -> None:
    data = client.get("/catalog").json()
    names = {d["name"]: d for d in data["datasets"]}
    assert {"default", "sanctions", "us_ofac_sdn", "un_sc", "eu_fsf", "un_sc_sanctions"} <= set(names)
    assert set(names["default"]["children"]) == {"us_ofac_sdn", "un_sc", "eu_fsf"}
    assert names["us_ofac_sdn"]["load"] is True and names["us_ofac_sdn"]["entity_count"] >= 4
    assert set(data["current"]) == {"us_ofac_sdn", "un_sc", "eu_fsf"} and data["index_stale"] is False


def test_algorithms(client: TestClient) -> None:
    data = client.get("/algorithms").json()
    names = [a["name"] for a in data["algorithms"]]
    assert data["best"] == data["default"] == names[0] == ALGORITHM
    assert {"logic-v1", "logic-v2", "regression-v1"} <= set(names) and "best" in data["algorithms"][0]["aliases"]


def test_probes(app_client: TestClient) -> None:
    assert app_client.get("/healthz").json() == {"status": "ok"}
    ready = app_client.get("/readyz").json()
    assert ready["status"] == "ok" and ready["detail"] is None and ready["lists"]["us_ofac_sdn"] == 1
