"""``/lists``: version numbers (never store ids) and the diff a page at a time, searched, amendments first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.server import ApiConfig
from embargo.store import Store
from tests.conftest import FIXTURES

ADDRESS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"


def write_versions(folder: Path) -> tuple[Path, Path]:
    """Two versions of a custom list: 60 rows removed, 60 added, three amended, 67 unchanged."""
    head = "id,name,id_number,aliases\n"
    first = [f"p{i:03},Person {i:03},ID-{i:05},\n" for i in range(130)]
    first[60] = f"p060,Person 060,{ADDRESS},\n"
    second = first[60:] + [f"q{i:03},Newcomer {i:03},ID-9{i:04},\n" for i in range(60)]
    second[0] = f"p060,Person 060,{ADDRESS[:-1]}b,\n"  # one character of a wallet address
    second[1] = "p061,Person 061 Junior,ID-00061,\n"
    second[2] = "p062,Person 062,ID-00062,<script>alert(1)</script>\n"
    a, b = folder / "v1.csv", folder / "v2.csv"
    a.write_text(head + "".join(first), encoding="utf-8")
    b.write_text(head + "".join(second), encoding="utf-8")
    return a, b


@pytest.fixture(scope="module")
def admin_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("lists-api")
    store = Store(folder / "store.db")
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")  # version id 1: the custom list's ids differ
    first, second = write_versions(folder)
    import_file(store, first, "internal", format_name="custom_csv")
    import_file(store, second, "internal", format_name="custom_csv", accept="the test replaces half of the list")
    _, secret = KeyStore(store).create(Role.ADMIN, "tests (admin)")
    with TestClient(create_app(ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0))) as client:
        client.headers["Authorization"] = f"ApiKey {secret}"
        yield client


def test_a_list_says_its_version_number_and_the_id_apart(admin_client: TestClient) -> None:
    info = admin_client.get("/lists/internal").json()
    current = info["current"]
    assert current["seq"] == 2 and current["id"] == 3
    assert info["served_seq"] == 2 and info["served_version_id"] == 3
    assert info["served_version"] == 3  # deprecated, kept: the id as before
    assert [v["seq"] for v in admin_client.get("/lists/internal/versions").json()] == [1, 2]


def test_the_diff_is_paged_amendments_first(admin_client: TestClient) -> None:
    r = admin_client.get("/lists/internal/diff", params={"from": 1, "to": 2, "limit": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["old"]["seq"] == 1 and body["new"]["seq"] == 2
    assert body["summary"] == {"added": 60, "removed": 60, "amended": 3}
    assert body["total"] == 123 and body["offset"] == 0 and body["limit"] == 5
    assert [c["entity_id"] for c in body["amended"]] == ["internal-p060", "internal-p061", "internal-p062"]
    assert len(body["added"]) == 2 and body["removed"] == []
    last = admin_client.get("/lists/internal/diff", params={"from": 1, "to": 2, "offset": 120, "limit": 5}).json()
    assert last["amended"] == [] and last["added"] == [] and len(last["removed"]) == 3
    default = admin_client.get("/lists/internal/diff").json()  # previous → current, 100 rows
    assert default["total"] == 123 and sum(len(default[k]) for k in ("added", "removed", "amended")) == 100


def test_the_diff_is_searched_by_name_id_and_changed_value(admin_client: TestClient) -> None:
    def found(**params: object) -> dict[str, Any]:
        body = admin_client.get("/lists/internal/diff", params={"from": 1, "to": 2, **params}).json()
        assert isinstance(body, dict)
        return body

    by_value = found(q=ADDRESS[:-1] + "B")  # case-insensitive, on the changed value
    assert by_value["matched"] == {"added": 0, "removed": 0, "amended": 1} and by_value["total"] == 1
    assert by_value["amended"][0]["changes"][0] == {
        "field": "idNumber",
        "added": [ADDRESS[:-1] + "b"],
        "removed": [ADDRESS],
    }
    assert found(q="newcomer 05")["matched"] == {"added": 10, "removed": 0, "amended": 0}
    assert found(q="internal-p001")["matched"] == {"added": 0, "removed": 1, "amended": 0}
    assert found(q="nobody")["total"] == 0
    only = found(kind="removed", limit=1000)
    assert only["total"] == 60 and len(only["removed"]) == 60 and only["added"] == []


def test_old_parameter_names_still_work_and_bad_ones_are_refused(admin_client: TestClient) -> None:
    old = admin_client.get("/lists/internal/diff", params={"old": 1, "new": 2}).json()
    assert old["old"]["seq"] == 1 and old["summary"]["amended"] == 3
    assert admin_client.get("/lists/internal/diff", params={"from": 9}).status_code == 404
    assert admin_client.get("/lists/internal/diff", params={"kind": "renamed"}).status_code in (400, 422)
    assert admin_client.get("/lists/internal/diff", params={"limit": 0}).status_code in (400, 422)
