"""The whole server: the HTTP API with the analyst web UI mounted under ``/ui``.

``embargo serve --workers N`` runs N uvicorn worker processes, each calling
:func:`create_app_from_env`; each opens the persisted index files of the
store (it never rebuilds them) before it accepts connections.

The API (:mod:`embargo.api`) and the web UI (:mod:`embargo.web`) never import
each other: both stand on :mod:`embargo.server` (the process's service, its
settings, the request hook and body limit), and this module, above the three,
puts them together. The UI shares the API's service, so one process holds one
store, one loaded index and one set of rate limits for both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from embargo import __version__
from embargo.api.app import create_api
from embargo.api.redact import install as install_redaction
from embargo.extras import missing
from embargo.server.config import UI_PREFIX, ApiConfig
from embargo.server.hooks import AuditHook
from embargo.server.service import Service

__all__ = ["create_app", "create_app_from_env"]

logger = logging.getLogger("embargo.api")


def create_app(config: ApiConfig | None = None, audit: AuditHook | None = None) -> FastAPI:
    """Build the application: the API (:func:`embargo.api.app.create_api`) and, with the 'ui' extra, the web UI.

    Args:
        config: server settings (default: from the environment).
        audit: called once per request with a :class:`~embargo.server.hooks.RequestRecord`
            (default: one log line), besides the store's audit log (``config.audit``).
    """
    app = create_api(config, audit)
    service: Service = app.state.service
    # The analyst web UI: its own sign-in (session cookie) and HTML errors; the key guard lets /ui through.
    # Without the 'ui' extra (templates, form posts, charts) the API serves alone.
    if missing("ui"):
        logger.warning("the analyst web UI (%s) needs the 'ui' extra: pip install 'embargo[ui]'", UI_PREFIX)
    else:
        # Imported here, not at the top: embargo.web needs the extra's modules (jinja2) to import at all.
        from embargo.web import create_ui

        app.mount(UI_PREFIX, create_ui(service), name="ui")
    app.add_api_route("/", _front_door(ui=not missing("ui")), methods=["GET"], include_in_schema=False)
    return app


def _front_door(ui: bool) -> Callable[[Request], Response]:
    """``/``: a browser (one that asks for HTML first) goes to the analyst UI, or the API docs without it;
    a client gets where things are, as JSON."""

    def front(request: Request) -> Response:
        accept = request.headers.get("accept", "")
        root = request.scope.get("root_path", "")
        if "text/html" in accept.split(",")[0]:
            return RedirectResponse(f"{root}{UI_PREFIX}/" if ui else f"{root}/docs", status_code=307)
        where = {"ui": f"{UI_PREFIX}/" if ui else None, "docs": "/docs", "openapi": "/openapi.json"}
        return JSONResponse({"name": "embargo", "version": __version__, **where})

    return front


def create_app_from_env() -> FastAPI:
    """The application as a uvicorn factory (``uvicorn --factory embargo.app:create_app_from_env``).

    Secrets are redacted from uvicorn's and embargo's log records first (:mod:`embargo.api.redact`):
    the access log would write a ``?api_key=`` in clear.
    """
    install_redaction()
    return create_app(ApiConfig.from_env())
