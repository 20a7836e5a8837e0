"""The analyst web UI as a FastAPI sub-application, mounted under ``/ui`` by :func:`embargo.app.create_app`.

It shares the server's :class:`~embargo.server.service.Service` (store, keys,
loaded index, settings); it signs users in itself (:mod:`embargo.web.sessions`)
and answers errors with HTML pages. Every asset is served from
``embargo/web/static``: pages load nothing from elsewhere, and the content
security policy says so to the browser.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from embargo.auth import RateLimiter
from embargo.errors import (
    BudgetError,
    ConflictError,
    EmbargoError,
    LockedError,
    NotFoundError,
    PermissionDenied,
    QueryError,
    SourceError,
)
from embargo.server.body import BodyLimit
from embargo.server.service import Service
from embargo.web import admin, admin_lists, audit_view, bulk, dashboard, lists, queue, quick, review, signin, texts
from embargo.web import ownership as ownership_view
from embargo.web.gate import Forbidden, SignInRequired, session_of
from embargo.web.render import page
from embargo.web.sessions import SessionStore
from embargo.web.signin import SIGNIN_ADDRESS_FAILURES_PER_MINUTE, SIGNIN_FAILURES_PER_MINUTE

__all__ = ["CSP", "create_ui"]

#: Scripts, styles, images and forms from this server only; no framing.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_ui(service: Service) -> FastAPI:
    """The UI application.

    Args:
        service: the API server's state (the four-eyes policy is the store's, read on every decision).
    """
    ui = FastAPI(title="embargo UI", docs_url=None, redoc_url=None, openapi_url=None)
    ui.state.service = service
    ui.state.sessions = SessionStore(service.store, service.keys)
    # failed sign-ins per client address and key tried, and per address: a key cannot be guessed, but an
    # operator wants attempts slowed and seen, and one user's typos must not lock out the others behind
    # the same address (embargo.web.signin)
    ui.state.signin_limiter = RateLimiter(SIGNIN_FAILURES_PER_MINUTE, burst=SIGNIN_FAILURES_PER_MINUTE)
    ui.state.signin_address_limiter = RateLimiter(
        SIGNIN_ADDRESS_FAILURES_PER_MINUTE, burst=SIGNIN_ADDRESS_FAILURES_PER_MINUTE
    )
    ui.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    for module in (signin, queue, bulk, review, quick, texts, lists, dashboard, audit_view, admin, admin_lists):
        ui.include_router(module.router)
    ui.include_router(ownership_view.router)

    @ui.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        origin = request.headers.get("origin")
        if request.method == "POST" and origin is not None and urlsplit(origin).netloc != request.url.netloc:
            # A form posted from another site (sign-in included, which has no session token yet). Hosts
            # only: behind a TLS proxy the server may see http while the browser says https.
            response: Response = PlainTextResponse("Cross-site form posts are refused.", status_code=403)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        if "/static/" not in request.url.path:  # pages change with every decision; assets do not
            response.headers["Cache-Control"] = "no-store"
        return response

    # Outermost: a body over EMBARGO_UI_MAX_BODY is refused (413) before it is read whole, and before sign-in.
    ui.add_middleware(BodyLimit, limit=lambda: service.config.limits.ui_body, setting="EMBARGO_UI_MAX_BODY")

    @ui.exception_handler(BudgetError)
    async def over_budget(request: Request, exc: BudgetError) -> Response:
        return _error(request, 503, "Too slow", str(exc))

    @ui.exception_handler(SignInRequired)
    async def sign_in(request: Request, exc: SignInRequired) -> Response:
        return RedirectResponse(f"{request.scope.get('root_path', '')}/login?next={exc.next_url}", status_code=303)

    @ui.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, "Not allowed", str(exc))

    @ui.exception_handler(EmbargoError)
    async def embargo_error(request: Request, exc: EmbargoError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 409 if isinstance(exc, LockedError) else 400
        status = 403 if isinstance(exc, PermissionDenied) else 409 if isinstance(exc, ConflictError) else status
        title = {
            404: "Not found",
            409: "Busy" if isinstance(exc, LockedError) else "Already settled",
            400: "Cannot do that",
            403: "Not allowed",
        }[status]
        # a file that cannot be read (an upload) is the user's to mend, as a bad query is
        if not isinstance(
            exc, QueryError | SourceError | NotFoundError | LockedError | PermissionDenied | ConflictError
        ):
            status, title = 500, "Error"
        return _error(request, status, title, str(exc))

    return ui


def _error(request: Request, status: int, title: str, message: str) -> Response:
    return page(request, "error.html", title, session_of(request), status=status, message=message)
