"""API keys: every protected endpoint refuses without one, the three forms work, roles are enforced."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embargo.api.guard import PUBLIC_PATHS, key_from_request
from embargo.app import create_app
from embargo.auth import KeyStore, RateLimiter, Role
from embargo.server import ApiConfig, RequestRecord
from embargo.settings import Limits
from embargo.store import Store
from tests.api.conftest import LUKASHENKA_RU, Keys, person

REVIEW = {"/alerts", "/alerts/{alert_id}", "/alerts/{alert_id}/decision", "/report"}
REVIEW |= {"/cases", "/cases/{case_id}", "/cases/{case_id}/decision", "/payments/held/{alert_id}"}
ADMIN = {
    "/lists",
    "/lists/{name}",
    "/lists/{name}/versions",
    "/lists/{name}/diff",
    "/keys",
    "/keys/{key_id}",
    "/four-eyes",
}
ADMIN |= {"/portfolio", "/monitor", "/audit", "/audit/verify"}
ADMIN |= {"/lists/{name}/versions/{seq}/accept", "/lists/{name}/rollback"}
ADMIN |= {"/parties/{ref}", "/parties/merge", "/parties/split"}
APPROVE = {"/alerts/{alert_id}/approval"}
NEEDS = {
    re.sub(r"\{[^}]+\}", "x", p): role
    for paths, role in ((REVIEW, Role.REVIEW), (APPROVE, Role.APPROVE), (ADMIN, Role.ADMIN))
    for p in paths
}


def _routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path) of the OpenAPI document except the public probes, with x for parameters."""
    out = []
    for path, methods in client.get("/openapi.json").json()["paths"].items():
        if path not in PUBLIC_PATHS:
            out.extend((m.upper(), re.sub(r"\{[^}]+\}", "x", path)) for m in methods)
    return out


def _call(client: TestClient, method: str, path: str, **kwargs: Any) -> int:
    body = {"queries": {"q": person("x y")}} if method == "POST" else None
    return client.request(method, path, json=body, **kwargs).status_code


def test_every_protected_endpoint_refuses_without_a_key(app_client: TestClient) -> None:
    app_client.headers.pop("Authorization", None)
    routes = _routes(app_client)
    assert len(routes) >= 10
    for method, path in routes:
        assert _call(app_client, method, path) == 401, (method, path)
        assert _call(app_client, method, path, headers={"Authorization": "ApiKey emb_wrong"}) == 401, path
        assert _call(app_client, method, path, params={"api_key": "emb_wrong"}) == 401, path
    # Even nonsense bodies and unknown paths get 401 before anything else looks at them.
    assert app_client.post("/match/default", content=b"{not json").status_code == 401
    assert app_client.get("/no/such/path").status_code == 401
    r = app_client.get("/catalog")
    assert r.json() == {"detail": "An API key is required."} and r.headers["WWW-Authenticate"] == "ApiKey"


def test_probes_and_docs_need_no_key(app_client: TestClient) -> None:
    app_client.headers.pop("Authorization", None)
    for path in ("/healthz", "/readyz", "/openapi.json", "/docs"):
        assert app_client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "form",
    ["ApiKey {k}", "apikey {k}", "APIKEY {k}", "Bearer {k}", "{k}", "query"],
)
def test_each_key_form_is_accepted(app_client: TestClient, keys: Keys, form: str) -> None:
    app_client.headers.pop("Authorization", None)
    body = {"queries": {"q": person(LUKASHENKA_RU)}}
    if form == "query":
        r = app_client.post("/match/default", json=body, params={"api_key": keys.screen})
    else:
        r = app_client.post("/match/default", json=body, headers={"Authorization": form.format(k=keys.screen)})
    assert r.status_code == 200, r.text
    assert r.json()["responses"]["q"]["results"]


def test_key_parsing() -> None:
    assert key_from_request([(b"authorization", b"ApiKey abc")], b"") == "abc"
    assert key_from_request([(b"Authorization", b"  abc  ")], b"") == "abc"
    assert key_from_request([(b"authorization", b"Basic dXNlcjpwYXNz")], b"") is None
    assert key_from_request([], b"x=1&api_key=abc") == "abc"
    assert key_from_request([], b"") is None


def test_roles(app_client: TestClient, keys: Keys) -> None:
    app_client.headers.pop("Authorization", None)
    rank = {Role.SCREEN: 1, Role.REVIEW: 2, Role.APPROVE: 3, Role.ADMIN: 4}
    for method, path in _routes(app_client):
        need = NEEDS.get(path, Role.SCREEN)
        for key, role in ((keys.screen, Role.SCREEN), (keys.review, Role.REVIEW), (keys.admin, Role.ADMIN)):
            status = _call(app_client, method, path, headers={"Authorization": key})
            assert status != 401, (method, path, status)
            assert (status == 403) is (rank[role] < rank[need]), (method, path, role, status)
    r = app_client.get("/lists", headers={"Authorization": keys.screen})
    assert r.status_code == 403 and "admin" in r.json()["detail"]
    # A screen key sending garbage to an admin endpoint still gets 403, never 400.
    r = app_client.post("/keys", content=b"{garbage", headers={"Authorization": keys.screen})
    assert r.status_code == 403


def test_revoked_key_stops_working(app_client: TestClient, api_store: Store) -> None:
    ks = KeyStore(api_store)
    key, secret = ks.create(Role.SCREEN, "short-lived")
    assert app_client.get("/catalog", headers={"Authorization": secret}).status_code == 200
    ks.revoke(key.id)
    r = app_client.get("/catalog", headers={"Authorization": secret})
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_admin_endpoints(app_client: TestClient, keys: Keys) -> None:
    admin = {"Authorization": f"ApiKey {keys.admin}"}
    lists = app_client.get("/lists", headers=admin).json()
    assert {x["name"] for x in lists} >= {"us_ofac_sdn", "un_sc", "eu_fsf"}
    versions = app_client.get("/lists/us_ofac_sdn/versions", headers=admin).json()
    assert versions[0]["list"] == "us_ofac_sdn" and versions[0]["seq"] == 1
    assert app_client.get("/lists/nope/versions", headers=admin).status_code == 404
    created = app_client.post("/keys", json={"role": "screen", "name": "via api"}, headers=admin)
    assert created.status_code == 201
    new = created.json()
    assert new["key"].startswith("emb_") and new["role"] == "screen"
    assert app_client.get("/catalog", headers={"Authorization": new["key"]}).status_code == 200
    listed = app_client.get("/keys", headers=admin).json()
    assert new["id"] in [k["id"] for k in listed] and all("key" not in k for k in listed)
    assert app_client.delete(f"/keys/{new['id']}", headers=admin).json()["revoked_at"]
    assert app_client.get("/catalog", headers={"Authorization": new["key"]}).status_code == 401
    assert app_client.delete("/keys/key_nope", headers=admin).status_code == 404
    assert app_client.post("/keys", json={"role": "god"}, headers=admin).status_code == 400
    # an approver key for four-eyes is made through the API too, and approves
    approver = app_client.post("/keys", json={"role": "approve", "name": "B. Approver"}, headers=admin)
    assert approver.status_code == 201 and approver.json()["role"] == "approve"
    assert app_client.get("/alerts", headers={"Authorization": approver.json()["key"]}).status_code == 200
    app_client.delete(f"/keys/{approver.json()['id']}", headers=admin)


def test_every_call_reaches_the_audit_hook(app_client: TestClient, keys: Keys, audit_log: list[RequestRecord]) -> None:
    audit_log.clear()
    app_client.get("/catalog", headers={"Authorization": keys.screen})
    app_client.get("/catalog")
    app_client.get("/healthz")
    assert [(r.endpoint, r.status, r.role) for r in audit_log] == [("/catalog", 200, "screen"), ("/catalog", 401, None)]
    assert audit_log[0].key_id == keys.screen_id and audit_log[0].key_name == "tests (screen)"


def test_a_failing_audit_hook_does_not_fail_requests(api_store: Store, keys: Keys) -> None:
    def broken(record: RequestRecord) -> None:
        raise RuntimeError("audit store down")

    with TestClient(create_app(ApiConfig(db=api_store.url), audit=broken)) as client:
        assert client.get("/catalog", headers={"Authorization": keys.screen}).status_code == 200


def test_rate_limit_and_body_limit(api_store: Store) -> None:
    ks = KeyStore(api_store)
    _, secret = ks.create(Role.SCREEN, "limited", rate_per_minute=60)
    app = create_app(ApiConfig(db=api_store.url, rate_per_minute=6000, limits=Limits(body=10_000)))
    # A clock that stands still: on a slow machine twelve calls could take long enough to earn tokens back.
    app.state.service.limiter = RateLimiter(6000, clock=lambda: 1000.0)
    with TestClient(app) as client:
        client.headers["Authorization"] = secret
        statuses = [client.get("/algorithms").status_code for _ in range(12)]
        assert statuses[:10] == [200] * 10 and statuses[-1] == 429
        r = client.get("/algorithms")
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1 and "Rate limit" in r.json()["detail"]
        _, other = ks.create(Role.SCREEN, "other")
        # A batch counts one call per query: a 100-query batch is refused on a 60/min key after its burst.
        assert client.get("/algorithms", headers={"Authorization": other}).status_code == 200
        big = {"queries": {"q": {"schema": "Person", "properties": {"name": "x" * 20_000}}}}
        r = client.post("/match/default", json=big, headers={"Authorization": other})
        assert r.status_code == 413
