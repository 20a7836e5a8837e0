"""List updates while the server answers: swapped in atomically, no failed request, broken updates not served."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.index import build_version_index, index_path
from embargo.ingest import import_file
from embargo.server import ApiConfig
from embargo.server.service import Service
from embargo.store import Store
from tests.conftest import FIXTURES, republished

NEW = "Quentin Brandnew Zaporozhets"


def _un_with_new_entry(dst: Path, dataid: str = "99999901", first: str = "QUENTIN BRANDNEW") -> Path:
    """The UN fixture plus one entry: a new version of the list."""
    text = (FIXTURES / "un" / "consolidated.xml").read_text("utf-8")
    block = re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", text, flags=re.S)[0]
    added = re.sub(r"<DATAID>\d+</DATAID>", f"<DATAID>{dataid}</DATAID>", block)
    added = re.sub(r"<FIRST_NAME>.*?</FIRST_NAME>", f"<FIRST_NAME>{first}</FIRST_NAME>", added)
    added = re.sub(r"<SECOND_NAME>.*?</SECOND_NAME>", "<SECOND_NAME>ZAPOROZHETS</SECOND_NAME>", added)
    dst.write_text(republished(text.replace("</INDIVIDUALS>", added + "</INDIVIDUALS>", 1)), "utf-8")
    return dst


@pytest.fixture
def store(db: str | Path) -> Store:
    store = Store(db)
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "un" / "consolidated.xml", "un_sc")
    return store


def _match(client: TestClient, name: str) -> list[str]:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": name}}}}
    r = client.post("/match/default", json=body)
    assert r.status_code == 200, r.text
    return [x["id"] for x in r.json()["responses"]["q"]["results"]]


def test_an_update_is_served_while_requests_run(store: Store, tmp_path: Path) -> None:
    # No sleeps: each step waits for the event it needs (a slow, busy machine only makes it slower).
    _, secret = KeyStore(store).create(Role.SCREEN, "load")
    app = create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0.1))
    errors: list[Any] = []
    seen: list[bool] = []
    answered = threading.Condition()
    stop = threading.Event()

    def wait_for(count: int) -> None:
        with answered:
            assert answered.wait_for(lambda: len(seen) >= count or bool(errors), timeout=600), "no answers"

    with TestClient(app) as client:
        client.headers["Authorization"] = secret
        assert "un-sc-99999901" not in _match(client, NEW)

        def hammer() -> None:
            while not stop.is_set():
                try:
                    found = "un-sc-99999901" in _match(client, NEW)
                    assert _match(client, "LUKASHENKA Alyaksandr")
                except BaseException as exc:  # collected: asserted in the main thread
                    errors.append(exc)
                    found = False
                with answered:
                    seen.append(found)
                    answered.notify_all()

        thread = threading.Thread(target=hammer)
        thread.start()
        try:
            wait_for(1)  # answered before the update was even imported
            import_file(store, _un_with_new_entry(tmp_path / "un2.xml"), "un_sc")
            give_up = time.monotonic() + 600  # only if the update is never served at all
            while client.get("/readyz").json()["lists"].get("un_sc") != 2:
                assert time.monotonic() < give_up and not errors, errors[:3]
                wait_for(len(seen) + 1)  # the watcher checks every 0.1 s; requests go on meanwhile
            # The answer after next began after the swap: it must see the new version.
            wait_for(len(seen) + 2)
        finally:
            stop.set()
            thread.join()
        assert not errors, errors[:3]
        assert client.get("/readyz").json()["status"] == "ok"
        assert "un-sc-99999901" in _match(client, NEW)
    # Before the swap the old version answered, after it only the new one: never back.
    assert seen and not seen[0] and seen[-1]
    assert seen == sorted(seen)


def test_a_broken_index_keeps_the_last_good_version(store: Store, tmp_path: Path) -> None:
    _, secret = KeyStore(store).create(Role.SCREEN, "t")
    app = create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))
    with TestClient(app) as client:
        client.headers["Authorization"] = secret
        service: Service = app.state.service
        old = service.loaded
        result = import_file(store, _un_with_new_entry(tmp_path / "un2.xml"), "un_sc")
        assert result.version is not None
        path = index_path(store, result.version)
        path.write_bytes(b"not an index at all")
        assert service.refresh() is False
        ready = client.get("/readyz").json()
        assert ready["status"] == "stale" and "cannot load the index of un_sc version 2" in ready["detail"]
        assert ready["lists"]["un_sc"] == 1
        assert client.get("/readyz", params={"strict": "true"}).status_code == 503
        assert "un-sc-99999901" not in _match(client, NEW) and _match(client, "LUKASHENKA Alyaksandr")
        # Rebuilt: served at the next check; a request holding the old snapshot still finishes on it.
        build_version_index(store, result.version)
        assert service.refresh() is True
        assert client.get("/readyz").json() == {**client.get("/readyz").json(), "status": "ok", "detail": None}
        assert "un-sc-99999901" in _match(client, NEW)
        assert old.screener.indexes and service.loaded is not old


def test_a_missing_index_is_awaited_and_the_rerun_builds_it(store: Store, tmp_path: Path) -> None:
    """An import stopped between its commit and its index (a kill -9): the version is current without an index.
    The server keeps serving the previous one and says so, strict readiness is 503, and running the same
    import again builds the index instead of answering "unchanged" and doing nothing."""
    app = create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))
    with TestClient(app) as client:
        service: Service = app.state.service
        new_file = _un_with_new_entry(tmp_path / "un2.xml")
        result = import_file(store, new_file, "un_sc")
        assert result.version is not None
        index_path(store, result.version).unlink()
        assert service.refresh() is False
        assert client.get("/readyz").json()["status"] == "updating"
        strict = client.get("/readyz", params={"strict": "true"})
        assert strict.status_code == 503 and "un_sc version 2" in strict.json()["detail"]
        again = import_file(store, new_file, "un_sc")
        assert again.status == "unchanged" and index_path(store, result.version).exists()
        assert service.refresh() is True
        assert client.get("/readyz", params={"strict": "true"}).status_code == 200


def test_an_instance_builds_an_index_the_import_made_elsewhere(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL another machine may have imported: its index folder is not ours, so the server builds."""
    if store.dialect != "postgresql":
        pytest.skip("a SQLite store's importer always builds the index beside the file")
    import embargo.server.service as service_module

    monkeypatch.setattr(service_module, "PG_BUILD_AFTER_SECONDS", 0.0)
    app = create_app(ApiConfig(db=store.url, rate_per_minute=0, reload_seconds=0))
    with TestClient(app) as client:
        client.headers["Authorization"] = KeyStore(store).create(Role.SCREEN, "t")[1]
        service: Service = app.state.service
        result = import_file(store, _un_with_new_entry(tmp_path / "un2.xml"), "un_sc")
        assert result.version is not None
        index_path(store, result.version).unlink()  # as if the import ran on another machine
        assert service.refresh() is True
        assert index_path(store, result.version).exists()
        assert "un-sc-99999901" in _match(client, NEW)
