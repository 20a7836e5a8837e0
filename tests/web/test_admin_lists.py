"""List import and update in the web UI's administration (issue 23, point 6): an uploaded file imported as a
version, a suspect one held and linked to its list's page, a bad file refused naming it, and an update from
a folder followed to its outcome."""

from __future__ import annotations

import html
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

from embargo.audit import iter_records
from embargo.store import Store
from embargo.web.admin_lists import ListJob
from tests.conftest import FIXTURES
from tests.web.conftest import ADMIN, UiKeys, admin_client
from tests.web.test_pages import sign_in

HEADER = "ID,Name,Schema,Birth Date,Nationality,Program\n"


def _custom_csv(count: int) -> bytes:
    rows = "".join(f"R-{i},Test Person Number{i} EXAMPLE,Person,1970,ru,Internal high risk\n" for i in range(count))
    return (HEADER + rows).encode()


@pytest.fixture(scope="module")
def setup(
    built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Store, UiKeys, str]]:
    with admin_client(built_store[0], tmp_path_factory.mktemp("ui-admin-lists")) as (client, store, admin):
        yield client, store, built_store[1], admin


def test_an_admin_imports_a_list_file_and_a_suspect_one_is_held(setup: tuple[TestClient, Store, UiKeys, str]) -> None:
    client, store, _, admin = setup
    csrf = sign_in(client, admin)
    assert 'href="/ui/admin/lists"' in client.get("/ui/admin").text
    page = client.get("/ui/admin/lists").text
    assert 'action="/ui/admin/lists/import"' in page and '<option value="un_sc">' in page
    form = {"csrf": csrf, "new_list": "acme_internal", "title": "Acme's own list", "authority": "Acme compliance"}
    files = {"file": ("acme.csv", _custom_csv(10), "text/csv")}
    assert client.post("/ui/admin/lists/import", data={**form, "csrf": ""}).status_code == 403  # no token
    r = client.post("/ui/admin/lists/import", data={**form, "format": "custom_csv"}, files=files)
    assert r.status_code == 200, r.text
    assert "acme.csv: imported version 1 of" in r.text and "10 entities, 10 designations" in r.text
    assert "parties:" in r.text  # the parties resolved again, in one line
    info = store.view().list_info("acme_internal")
    assert info.current is not None and info.current.seq == 1 and info.title == "Acme's own list"
    last = list(iter_records(store, kind="list.import"))[-1]
    assert last.actor == ADMIN and last.payload["list"] == "acme_internal"
    assert "acme-internal-r-3" in client.get("/ui/screen?q=Test+Person+Number3+EXAMPLE").text  # served at once

    again = client.post("/ui/admin/lists/import", data={**form, "format": "custom_csv"}, files=files)
    assert again.status_code == 200 and "acme.csv: unchanged" in again.text

    # the list itself, chosen from the menu this time, the format told from the file: 9 of 10 removed
    small = {"file": ("acme_small.csv", _custom_csv(1), "text/csv")}
    r = client.post("/ui/admin/lists/import", data={"csrf": csrf, "list": "acme_internal"}, files=small)
    assert r.status_code == 200, r.text
    assert "version 2 of <a" in r.text and "is held by the import guard" in r.text
    assert '<a href="/ui/lists/acme_internal">Accept it on the list' in r.text
    held = store.view().version("acme_internal", "2")
    assert held.state == "held" and held.hold_reason and held.hold_reason in html.unescape(r.text)
    assert '<a href="/ui/lists/acme_internal">acme_internal</a>: 1 held version' in client.get("/ui/admin").text


def test_a_publication_of_several_files_is_uploaded_whole(setup: tuple[TestClient, Store, UiKeys, str]) -> None:
    client, store, _, admin = setup
    csrf = sign_in(client, admin)
    before = store.view().current_version("us_ofac_sdn")
    assert before is not None
    files = [
        ("file", (name, (FIXTURES / "ofac" / "csv" / name).read_bytes(), "text/csv"))
        for name in ("sdn.csv", "add.csv", "alt.csv")
    ]
    r = client.post("/ui/admin/lists/import", data={"csrf": csrf, "list": "us_ofac_sdn"}, files=files)
    assert r.status_code == 200, r.text
    made = store.view().version("us_ofac_sdn", str(before.seq + 1))
    assert made.format == "ofac_csv" and sorted(made.files) == ["add.csv", "alt.csv", "sdn.csv"]
    assert (
        f"sdn.csv, add.csv, alt.csv: {'imported ' if made.state == 'accepted' else ''}version {made.seq} of" in r.text
    )


def test_a_bad_file_is_refused_naming_it_and_a_reviewer_cannot_import(
    setup: tuple[TestClient, Store, UiKeys, str],
) -> None:
    client, store, keys, admin = setup
    csrf = sign_in(client, keys.analyst)
    assert client.get("/ui/admin/lists").status_code == 403
    files = {"file": ("acme.csv", _custom_csv(3), "text/csv")}
    r = client.post("/ui/admin/lists/import", data={"csrf": csrf, "new_list": "mallory"}, files=files)
    assert r.status_code == 403
    assert client.post("/ui/admin/lists/update", data={"csrf": csrf, "source": "/tmp"}).status_code == 403
    assert client.get("/ui/admin/lists/update/status").status_code == 403
    csrf = sign_in(client, admin)
    bad = {"file": ("broken-list.xml", b"this is no list at all\n", "application/xml")}
    r = client.post("/ui/admin/lists/import", data={"csrf": csrf, "new_list": "broken"}, files=bad)
    assert r.status_code == 400 and "broken-list.xml" in r.text and "nothing was stored" in r.text
    assert "embargo-list-upload-" not in r.text  # no temporary path of the server
    # another publisher's file under a catalogue list's name is refused too
    wrong = {"file": ("acme.csv", _custom_csv(3), "text/csv")}
    r = client.post("/ui/admin/lists/import", data={"csrf": csrf, "list": "un_sc"}, files=wrong)
    assert r.status_code == 400 and "acme.csv" in r.text and "un_sc expects" in r.text
    r = client.post("/ui/admin/lists/import", data={"csrf": csrf, "new_list": "../etc"}, files=wrong)
    assert r.status_code == 400
    names = {i.name for i in store.view().lists()}
    assert "broken" not in names and "mallory" not in names
    assert client.post("/ui/admin/lists/update", data={"csrf": csrf, "source": "/no/such/folder"}).status_code == 400
    assert client.post("/ui/admin/lists/update", data={"csrf": csrf, "names": "nope"}).status_code == 400


def test_an_update_from_a_folder_runs_to_its_outcome(
    setup: tuple[TestClient, Store, UiKeys, str], tmp_path: Path
) -> None:
    client, store, _, admin = setup
    shutil.copy(FIXTURES / "un" / "consolidated.xml", tmp_path / "consolidated.xml")
    csrf = sign_in(client, admin)
    r = client.post("/ui/admin/lists/update", data={"csrf": csrf, "source": str(tmp_path)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/admin/lists/update"
    deadline = time.monotonic() + 120
    status = client.get("/ui/admin/lists/update/status").json()
    while status["running"] and time.monotonic() < deadline:
        time.sleep(0.2)
        status = client.get("/ui/admin/lists/update/status").json()
    assert not status["running"] and status["error"] is None and status["actor"] == ADMIN
    outcomes = {o["list"]: o["status"] for o in status["outcomes"]}
    assert outcomes["un_sc"] == "imported" and outcomes["eu_fsf"] == "missing"
    page = client.get("/ui/admin/lists/update").text
    version = store.view().current_version("un_sc")
    assert version is not None
    assert "Update finished" in page and f"imported version {version.seq}: {version.entities:,} entities" in page
    assert '<a href="/ui/lists/un_sc">un_sc</a>' in page and "missing: no file for this list in" in page
    said = list(iter_records(store, kind="list.update"))[-1]
    assert said.actor == ADMIN and said.payload["lists"]["un_sc"] == "imported"

    # again: the same file, unchanged; only the list asked for
    form = {"csrf": csrf, "source": str(tmp_path), "names": "un_sc"}
    assert client.post("/ui/admin/lists/update", data=form, follow_redirects=False).status_code == 303
    deadline = time.monotonic() + 60
    while client.get("/ui/admin/lists/update/status").json()["running"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.get("/ui/admin/lists/update/status").json()["outcomes"] == [{"list": "un_sc", "status": "unchanged"}]


def test_a_job_under_way_shows_its_progress_and_refuses_a_second(
    setup: tuple[TestClient, Store, UiKeys, str],
) -> None:
    client, _, _, admin = setup
    mounts = [r for r in cast(FastAPI, client.app).routes if isinstance(r, Mount) and r.path == "/ui"]
    ui = cast(FastAPI, mounts[0].app)
    release = threading.Event()
    job = ListJob(kind="update", actor=ADMIN, source="/srv/mirror", started_at="2026-12-07T10:00:00+00:00")
    job.list_name, job.count = "eu_fsf", 1500
    job.thread = threading.Thread(target=release.wait, daemon=True)
    job.thread.start()
    saved = getattr(ui.state, "list_job", None)
    ui.state.list_job = job
    try:
        csrf = sign_in(client, admin)
        page = client.get("/ui/admin/lists/update").text
        assert "(started by C. Admin, from /srv/mirror): reading eu_fsf, 1,500 entries so far." in page
        assert client.get("/ui/admin/lists/update/status").json()["running"] is True
        again = client.post("/ui/admin/lists/update", data={"csrf": csrf})
        assert again.status_code == 409 and "still under way" in again.text
        files = {"file": ("acme.csv", _custom_csv(3), "text/csv")}
        r = client.post("/ui/admin/lists/import", data={"csrf": csrf, "new_list": "other"}, files=files)
        assert r.status_code == 409
        assert "is under way" in client.get("/ui/admin").text
    finally:
        release.set()
        job.thread.join()
        if saved is None:
            del ui.state.list_job
        else:
            ui.state.list_job = saved
