"""The HTTP API as a FastAPI application: :func:`create_api`.

It builds the server process's :class:`~embargo.server.service.Service` and
serves the API on it. The full server (the API with the analyst web UI
mounted under ``/ui``) is assembled by :func:`embargo.app.create_app`, which
``embargo serve``'s workers call; this module knows nothing of the web UI,
beyond letting its prefix through the key guard.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from embargo import __version__
from embargo.api.deps import requires
from embargo.api.errors import ERROR_RESPONSES, install_error_handlers
from embargo.api.guard import DOCS_ASSETS, ApiKeyGuard, role_table
from embargo.api.models import ErrorResponse
from embargo.api.routers import (
    admin,
    alerts,
    approvals,
    cases,
    lists,
    match,
    monitoring,
    ownership,
    payments,
    reports,
    screen,
    search,
    system,
    text,
)
from embargo.api.routers import audit as audit_log
from embargo.api.trail import AuditTrail
from embargo.audit.checkpoint import check_settings
from embargo.auth import Role
from embargo.monitor.four_eyes import check_legacy_setting
from embargo.server.config import ApiConfig
from embargo.server.hooks import AuditHook, RequestRecord, log_request
from embargo.server.service import Service
from embargo.store import Store

__all__ = ["create_api"]

_DESCRIPTION = """
Sanctions screening with a yente-compatible API: clients written for OpenSanctions' yente
(`yente-client`, `yente-cli screen`, the API examples) work against embargo unchanged.

Every endpoint except `/healthz` and `/readyz` needs an API key (`embargo keys create`), sent as
`Authorization: ApiKey KEY`, as a bare `Authorization: KEY`, or as `?api_key=KEY`.
"""


_NOT_FOUND = {"model": ErrorResponse, "description": "No such dataset, list or entity"}
_RESPONSES = {**ERROR_RESPONSES, 404: _NOT_FOUND}


def create_api(config: ApiConfig | None = None, audit: AuditHook | None = None) -> FastAPI:
    """Build the API application (without the web UI: :func:`embargo.app.create_app` mounts it).

    The application holds the process's :class:`~embargo.server.service.Service` as
    ``app.state.service`` (loaded by its lifespan) and its audit trail as ``app.state.trail``.

    Args:
        config: server settings (default: from the environment).
        audit: called once per request with a :class:`~embargo.server.hooks.RequestRecord`
            (default: one log line), besides the store's audit log (``config.audit``).
    """
    config = config or ApiConfig.from_env()
    observer = audit or log_request
    trail = AuditTrail(Store(config.db)) if config.audit else None

    def hooks(record: RequestRecord) -> None:
        try:
            observer(record)
        finally:
            if trail is not None:
                trail(record)

    service = Service(config, hooks)
    check_legacy_setting(service.store)
    check_settings()  # audit checkpoint settings: refused at start, not at the first decision

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if trail is not None:
            trail.start()
        await anyio.to_thread.run_sync(service.load)
        service.start_watching()
        try:
            yield
        finally:
            service.stop_watching()
            service.key_cache.close()
            if trail is not None:
                await anyio.to_thread.run_sync(trail.stop)

    # FastAPIOffline: /docs and /redoc load Swagger UI and ReDoc from the package (DOCS_ASSETS), not a CDN
    app = FastAPIOffline(
        static_url=DOCS_ASSETS,
        title="embargo",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        # yente accepts JSON bodies sent without a Content-Type, and so do its clients' users.
        strict_content_type=False,
    )
    app.state.service = service
    app.state.trail = trail
    app.include_router(system.probes_router)
    protected = [
        (match.router, Role.SCREEN, _RESPONSES),
        (screen.router, Role.SCREEN, _RESPONSES),
        (text.router, Role.SCREEN, ERROR_RESPONSES),
        (search.router, Role.SCREEN, _RESPONSES),
        (ownership.router, Role.SCREEN, _RESPONSES),
        (payments.router, Role.SCREEN, _RESPONSES),
        (payments.review_router, Role.REVIEW, _RESPONSES),
        (system.catalog_router, Role.SCREEN, ERROR_RESPONSES),
        (alerts.router, Role.REVIEW, _RESPONSES),
        (cases.router, Role.REVIEW, _RESPONSES),
        (approvals.router, Role.APPROVE, _RESPONSES),
        (reports.router, Role.REVIEW, _RESPONSES),
        (lists.router, Role.ADMIN, _RESPONSES),
        (monitoring.router, Role.ADMIN, _RESPONSES),
        (audit_log.router, Role.ADMIN, _RESPONSES),
        (admin.router, Role.ADMIN, _RESPONSES),
    ]
    for router, role, responses in protected:
        app.include_router(router, dependencies=[requires(role)], responses=responses)
    install_error_handlers(app)
    app.add_middleware(ApiKeyGuard, service=service, routes=role_table((r, role) for r, role, _ in protected))
    return app
