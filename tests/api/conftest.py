"""One store for the API tests: the project's fixtures, plus the real UN list when it is present.

Built once per session (importing takes a few seconds); an in-process app
(FastAPI's TestClient) and a real ``embargo serve`` with two workers on a
free loopback port both serve it.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from embargo.app import create_app
from embargo.auth import KeyStore, Role
from embargo.ingest import import_file
from embargo.server import ApiConfig, RequestRecord
from embargo.server.service import Service
from embargo.store import Store
from tests.conftest import BACKENDS, FIXTURES, ROOT, new_location, shared_data_dir, stop_process

LUKASHENKA = "us-ofac-sdn-9760"
LUKASHENKA_RU = "Александр Григорьевич Лукашенко"


def ids_of(results: list[dict[str, Any]]) -> list[str]:
    """Every entity id of these results: each result's own, then its party's entities' (``referents``)."""
    return [i for r in results for i in dict.fromkeys([r.get("id") or r.get("entity_id"), *r.get("referents", [])])]


@dataclass(frozen=True)
class Keys:
    screen: str
    review: str
    admin: str
    screen_id: str


@pytest.fixture(scope="session", params=BACKENDS)
def api_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The store the API suite serves, once on SQLite and once on PostgreSQL."""
    store = Store(new_location(request, request.param, tmp_path_factory.mktemp("api")))
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")
    un = shared_data_dir() / "un" / "consolidated.xml"
    import_file(store, un if un.exists() else FIXTURES / "un" / "consolidated.xml", "un_sc")
    return store


@pytest.fixture(scope="session")
def keys(api_store: Store) -> Keys:
    ks = KeyStore(api_store)
    screen, screen_secret = ks.create(Role.SCREEN, "tests (screen)")
    _, review = ks.create(Role.REVIEW, "tests (review)")
    _, admin = ks.create(Role.ADMIN, "tests (admin)")
    return Keys(screen=screen_secret, review=review, admin=admin, screen_id=screen.id)


@pytest.fixture(scope="session")
def audit_log() -> list[RequestRecord]:
    return []


@pytest.fixture(scope="session")
def app_client(api_store: Store, keys: Keys, audit_log: list[RequestRecord]) -> Iterator[TestClient]:
    app = create_app(ApiConfig(db=api_store.url, rate_per_minute=0), audit=audit_log.append)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(app_client: TestClient, keys: Keys) -> TestClient:
    """The app with a ``screen`` key in every request."""
    app_client.headers["Authorization"] = f"ApiKey {keys.screen}"
    return app_client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerProcess:
    url: str
    proc: subprocess.Popen[bytes]
    log: Path


@pytest.fixture(autouse=True)
def _start_server_early(request: pytest.FixtureRequest) -> None:
    """Start the real server with the first test on the shared store, so its workers warm up while the
    in-process tests run (asked for by name: tests on stores of their own are not run once per backend)."""
    if "api_store" in request.fixturenames:
        request.getfixturevalue("server_process")


@pytest.fixture(scope="session")
def server_process(api_store: Store, keys: Keys, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """``embargo serve --workers 2`` on a free loopback port, started early so its workers warm up
    while the in-process tests run."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EMBARGO_API_RATE": "0"}
    cmd = [sys.executable, "-m", "embargo.cli", "serve", "--port", str(port), "--workers", "2"]
    cmd += ["--db", api_store.url, "--log-level", "warning"]
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield ServerProcess(f"http://127.0.0.1:{port}", proc, log)
    finally:
        stop_process(proc)


@pytest.fixture(scope="session")
def server(server_process: ServerProcess) -> str:
    """The real server's base URL, once it answers ``/readyz``."""
    url, proc = server_process.url, server_process.proc
    # Generous: each worker warms the name tables, which takes long on a busy shared machine.
    deadline = time.monotonic() + 240
    while True:
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return url
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"embargo serve did not start: {server_process.log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.3)


def person(name: str | list[str], **props: str | list[str]) -> dict[str, object]:
    """A yente query example for a person."""
    return {"schema": "Person", "properties": {"name": name, **props}}


def un_data() -> Path | None:
    """The real UN list, if present."""
    path = shared_data_dir() / "un" / "consolidated.xml"
    return path if path.exists() else None


def service_of(client: TestClient) -> Service:
    """The server state behind a test client."""
    service = client.app.state.service  # type: ignore[attr-defined]
    assert isinstance(service, Service)
    return service


@contextmanager
def changed_limits(client: TestClient, **changes: float) -> Iterator[None]:
    """The server's limits (:class:`embargo.settings.Limits` fields) changed for the ``with`` block."""
    service = service_of(client)
    saved = service.config
    service.config = dataclasses.replace(saved, limits=dataclasses.replace(saved.limits, **changes))
    try:
        yield
    finally:
        service.config = saved
