"""The diff page (paged, searched, amendments first, changes marked inside values) and one version number
shown the same way by the CLI, the UI and the API."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.ingest import import_file
from embargo.monitor import list_alerts
from embargo.server import ApiConfig
from embargo.store import Store
from tests.api.test_lists_api import ADDRESS, write_versions
from tests.cli.conftest import run
from tests.conftest import FIXTURES
from tests.web.conftest import UiKeys, copy_store


@pytest.fixture(scope="module")
def setup(
    built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Store, UiKeys]]:
    folder = tmp_path_factory.mktemp("ui-diff")
    store = copy_store(built_store[0], folder)
    amended = folder / "ConList.csv"
    text = (FIXTURES / "uk" / "ConList.csv").read_bytes().replace(b"PETROFF", b"PETROFFE")
    amended.write_bytes(text.replace(b"Last Updated,20/03/2024", b"Last Updated,21/03/2024"))
    import_file(store, amended, "uk_ofsi")  # uk_ofsi version 3, store id 5
    first, second = write_versions(folder)
    import_file(store, first, "internal", format_name="custom_csv")
    import_file(store, second, "internal", format_name="custom_csv", accept="the test replaces half of the list")
    config = ApiConfig(db=store.path, rate_per_minute=0, reload_seconds=0)
    with TestClient(create_app(config), base_url="https://testserver") as client:
        r = client.post("/ui/login", data={"key": built_store[1].analyst, "next": "/ui/lists"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        yield client, store, built_store[1]


def _rows(html: str) -> list[str]:
    """The entity ids of the diff table's rows, in order."""
    return re.findall(r'<span class="muted small">([\w-]+)</span></th>', html)


def test_the_diff_is_paged_with_amendments_first(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client = setup[0]
    page = client.get("/ui/lists/internal/diff", params={"from": 1, "to": 2})
    assert page.status_code == 200 and "internal: version 1 → 2" in page.text
    assert "Rows 1–50 of 123" in page.text and "page 1 of 3" in page.text
    ids = _rows(page.text)
    assert len(ids) == 50 and ids[:3] == ["internal-p060", "internal-p061", "internal-p062"]
    assert ids[3:] == [f"internal-q{i:03}" for i in range(47)]
    assert 'href="/ui/lists/internal/diff?from=1&amp;to=2&amp;offset=50" rel="next"' in page.text
    last = client.get("/ui/lists/internal/diff", params={"from": 1, "to": 2, "offset": 100}).text
    assert "Rows 101–123 of 123" in last and "page 3 of 3" in last and 'rel="next"' not in last
    assert _rows(last) == [f"internal-p{i:03}" for i in range(37, 60)]  # 3 amended, 60 added, then removals


def test_the_diff_is_searched(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client = setup[0]
    found = client.get("/ui/lists/internal/diff", params={"from": 1, "to": 2, "q": "Newcomer 05"}).text
    assert "Rows 1–10 of 10 matching “Newcomer 05”" in found
    assert _rows(found) == [f"internal-q{i:03}" for i in range(50, 60)]
    assert '<span class="n">10</span> of 60 added' in found and 'name="q" value="Newcomer 05"' in found
    value = client.get("/ui/lists/internal/diff", params={"from": 1, "to": 2, "q": ADDRESS[:20]}).text
    assert _rows(value) == ["internal-p060"]
    removed = client.get("/ui/lists/internal/diff", params={"from": 1, "to": 2, "kind": "removed"}).text
    assert "Rows 1–50 of 60" in removed and _rows(removed)[0] == "internal-p000"
    none = client.get("/ui/lists/internal/diff", params={"from": 1, "to": 2, "q": "nobody at all"}).text
    assert "No change matches “nobody at all”." in none and "<table" not in none


def test_a_one_character_change_is_marked_alone_and_values_are_escaped(
    setup: tuple[TestClient, Store, UiKeys],
) -> None:
    page = setup[0].get("/ui/lists/internal/diff", params={"from": 1, "to": 2, "kind": "amended"}).text
    assert f"{ADDRESS[:-1]}<del>a</del><ins>b</ins>" in page
    assert "Person 061<ins> Junior</ins>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    uk = setup[0].get("/ui/lists/uk_ofsi/diff").text  # previous → current
    assert "uk_ofsi: version 2 → 3" in uk and "Serguei PETROFF<ins>E</ins>" in uk


def test_old_parameter_names_and_links_use_from_and_to(setup: tuple[TestClient, Store, UiKeys]) -> None:
    client = setup[0]
    assert "internal: version 1 → 2" in client.get("/ui/lists/internal/diff?old=1&new=2").text
    versions = client.get("/ui/lists/uk_ofsi").text
    assert 'href="/ui/lists/uk_ofsi/diff?from=2&amp;to=3"' in versions and 'name="from"' in versions
    assert client.get("/ui/lists/uk_ofsi/diff?from=9").status_code == 404
    assert client.get("/ui/lists/uk_ofsi/diff?kind=renamed").status_code in (400, 422)


def test_one_version_number_everywhere(setup: tuple[TestClient, Store, UiKeys]) -> None:
    """us_ofac_sdn version 1 is store id 3 and uk_ofsi version 3 store id 5: people only see the numbers."""
    client, store, keys = setup
    view = store.view()
    sdn, uk = view.current_version("us_ofac_sdn"), view.current_version("uk_ofsi")
    assert sdn is not None and (sdn.id, sdn.seq) == (3, 1)
    assert uk is not None and (uk.id, uk.seq) == (5, 3)
    alert = next(a for a in list_alerts(store) if a.list == "us_ofac_sdn")
    assert alert.list_version == 3  # stored as the id, shown as the number
    db = str(store.path)

    lists = run("lists", "--db", db)
    assert re.search(r"us_ofac_sdn .*│ 1 of 1 ", lists) and re.search(r"uk_ofsi .*│ 3 of 3 ", lists)
    shown = run("alert", str(alert.id), "--db", db)
    assert "(us_ofac_sdn version 1)" in shown and "version id" not in shown
    assert "us_ofac_sdn version 1" in run("alerts", "--db", db)
    assert '"list_seq": 1' in run("alert", str(alert.id), "--db", db, "--json")

    ui = client.get(f"/ui/alerts/{alert.id}").text
    assert "list us_ofac_sdn version 1 ·" in ui and "version id" not in ui
    ui_lists = client.get("/ui/lists").text
    assert re.search(r'uk_ofsi</a>.*?<td class="num">3</td>', ui_lists, re.S)

    api = {"Authorization": f"ApiKey {keys.analyst}"}
    detail = client.get(f"/alerts/{alert.id}", headers=api).json()
    assert detail["list_seq"] == 1 and detail["list_version"] == 3
    assert detail["list_seqs"]["us_ofac_sdn"] == 1
    listed = client.get("/alerts", headers=api).json()["alerts"]
    assert {a["list_seq"] for a in listed if a["list"] == "us_ofac_sdn"} == {1}
