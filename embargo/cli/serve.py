"""``embargo serve``: the HTTP API, yente-compatible and embargo's own (FastAPI under uvicorn)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from embargo.audit.checkpoint import check_settings
from embargo.cli.output import DbOption, err, guard, open_store
from embargo.extras import require
from embargo.monitor.four_eyes import check_legacy_setting
from embargo.settings import Limits, env_text

__all__ = ["KEEP_ALIVE_SECONDS", "WORKER_HEALTHCHECK_SECONDS", "register", "trusted_proxies"]

#: How long uvicorn waits for a worker to answer its health ping before replacing it.
WORKER_HEALTHCHECK_SECONDS = 120
#: Seconds an idle keep-alive connection stays open. uvicorn's 5 s closes connections that clients
#: and load balancers still hold (they keep them 60 s and more): the next request on one then fails
#: or is retried. Longer than the common idle timeouts, so the client side closes first.
KEEP_ALIVE_SECONDS = 75


def cmd_serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes; each opens the index."),
    rate: int | None = typer.Option(None, "--rate", min=0, help="Calls per minute per key (0: no limit)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
    access_log: bool = typer.Option(
        False, "--access-log/--no-access-log", help="One uvicorn log line per request (the audit log records calls)."
    ),
    trusted_proxy: list[str] = typer.Option(
        [],
        "--trusted-proxy",
        help="Address of a reverse proxy whose X-Forwarded-For is believed (repeatable; env "
        "EMBARGO_TRUSTED_PROXIES, comma-separated). None by default: the client is the connecting address.",
    ),
    db: Path | None = DbOption,
) -> None:
    """Serve the API (/match, /search, /entities, /screen, alerts; docs at /docs) and the analyst web UI (/ui)."""
    with guard():
        require("api", "embargo serve")  # before anything else: the missing extra is the first thing to say
        store = open_store(db)  # fails here, with one clear line, rather than in every worker
        Limits.from_env()  # and so does a limit set to what embargo cannot use (EMBARGO_REQUEST_SECONDS=ten)
        check_settings()  # and an audit checkpoint setting (EMBARGO_AUDIT_KEY too short)
        check_legacy_setting(store)  # and EMBARGO_FOUR_EYES=true on a store with four-eyes off
        # Workers are separate processes started by uvicorn: they read their settings from the environment.
        os.environ["EMBARGO_DB"] = store.url
        if rate is not None:
            os.environ["EMBARGO_API_RATE"] = str(rate)
        from embargo.server.config import ApiConfig  # the 'api' extra's modules, checked above

        ApiConfig.from_env()  # a mistyped EMBARGO_API_RATE, _BURST or _RELOAD stops here, not in each worker
        err.print(
            f"serving {store.name} on http://{host}:{port} (analyst UI: /ui, API docs: /docs) with {workers} worker(s)"
        )
        proxies = trusted_proxies(trusted_proxy)
    import uvicorn  # the 'api' extra, checked above

    uvicorn.run(
        "embargo.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        # A log line per request is work on the hot path; screening and changes are in the store's
        # audit log already (embargo.api.trail), and errors still reach the log.
        access_log=access_log,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise: any local process could
        # then name its own client address, escape the sign-in throttle and forge the audit log's "client".
        # Only the proxies the operator names are believed.
        proxy_headers=bool(proxies),
        forwarded_allow_ips=",".join(proxies) if proxies else None,
        # loop and http stay "auto": uvloop and httptools (dependencies) when installed, which
        # parse and send faster than asyncio's loop and h11.
        # Opening the index and warming the name tables can hold the GIL for seconds on a busy machine;
        # uvicorn's default 5 s ping would kill such a worker while it starts and restart it forever.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )


def trusted_proxies(given: list[str]) -> list[str]:
    """The reverse proxies whose ``X-Forwarded-For`` is believed: ``--trusted-proxy`` values, else
    ``EMBARGO_TRUSTED_PROXIES`` (comma-separated), else none."""
    values = given or env_text("EMBARGO_TRUSTED_PROXIES").split(",")
    return [v.strip() for v in values if v.strip()]


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("serve")(cmd_serve)
