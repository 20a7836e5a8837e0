"""The gate every request passes before any route sees it: key, role, body size, rate.

It runs before FastAPI reads the body, so a caller without a valid key gets
401 and a caller whose key lacks the role gets 403 whatever they sent
(clients that retry on other codes would otherwise retry a bad key
forever). Then bodies over the size limit get 413, JSON bodies holding a
lone surrogate 400 (:func:`~embargo.server.body.lone_surrogate`), and callers
over their rate 429 with ``Retry-After``. Each call is then reported to the audit hook.

A key is accepted as ``Authorization: ApiKey KEY`` (scheme in any case;
``Bearer`` works too), as a bare ``Authorization: KEY``, or as
``?api_key=KEY``.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request, Security
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, APIKeyQuery
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from embargo.auth import ApiKey, Role, role_allows
from embargo.server.body import lone_surrogate, read_body, replay, too_large
from embargo.server.config import UI_PREFIX, UPLOAD_PATHS
from embargo.server.hooks import RequestRecord
from embargo.server.service import Service

logger = logging.getLogger("embargo.api")

__all__ = [
    "DOCS_ASSETS",
    "PUBLIC_PATHS",
    "ApiKeyGuard",
    "RoleRequirement",
    "RoleRoute",
    "key_from_request",
    "role_table",
]

#: Paths anyone may call: probes and the API's own documentation.
PUBLIC_PATHS = frozenset({"/", "/healthz", "/readyz", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
#: Where the API docs' own assets are served from (Swagger UI, ReDoc: no CDN), public like the docs.
DOCS_ASSETS = "/docs-assets"

_SCHEMES = frozenset({"apikey", "bearer", "token"})


_HEADER = APIKeyHeader(
    name="Authorization",
    scheme_name="ApiKeyHeader",
    description="`ApiKey KEY` (scheme in any case) or the bare key.",
    auto_error=False,
)
_QUERY = APIKeyQuery(name="api_key", scheme_name="ApiKeyQuery", description="The key.", auto_error=False)


class RoleRequirement:
    """The role a router's endpoints need; a FastAPI dependency that returns the caller's key.

    The guard enforces it before routing; as a dependency it hands the key to the
    endpoint and documents the security schemes in OpenAPI. It is async because FastAPI
    runs a sync dependency in a worker thread, a handover per request for a dict lookup.
    """

    def __init__(self, role: Role) -> None:
        self.role = role

    async def __call__(
        self, request: Request, header: str | None = Security(_HEADER), query: str | None = Security(_QUERY)
    ) -> ApiKey:
        # The guard has checked already; this only matters if it were left out: refuse, never serve.
        key = request.state.api_key if hasattr(request.state, "api_key") else None
        if not isinstance(key, ApiKey):
            raise HTTPException(401, detail="An API key is required.", headers={"WWW-Authenticate": "ApiKey"})
        if not role_allows(key.role, self.role):
            raise HTTPException(403, detail=f"This endpoint needs the {self.role.value!r} role.")
        return key


RoleRoute = tuple[re.Pattern[str], str, Role]


def role_table(routers: Iterable[tuple[APIRouter, Role]]) -> list[RoleRoute]:
    """Path patterns of every route of ``routers`` with the role each router needs (for the guard)."""
    return [
        (route.path_regex, route.path, role)
        for router, role in routers
        for route in router.routes
        if isinstance(route, APIRoute)
    ]


def key_from_request(headers: list[tuple[bytes, bytes]], query_string: bytes) -> str | None:
    """The key the caller sent, in whichever of the three accepted forms, or None."""
    for name, value in headers:
        if name.lower() == b"authorization":
            text = value.decode("latin-1").strip()
            parts = text.split(None, 1)
            if len(parts) == 2 and parts[0].lower() in _SCHEMES:
                return parts[1].strip()
            return text if len(parts) == 1 else None
    if query_string:
        values = parse_qs(query_string.decode("latin-1")).get("api_key")
        if values:
            return values[0].strip()
    return None


async def _json(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw.extend((k.lower().encode(), v.encode()) for k, v in (headers or {}).items())
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _is_json(scope: Scope) -> bool:
    """Whether the body is read as JSON: sent as JSON, or (as yente's clients may) without a media type."""
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            kind = value.split(b";", 1)[0].strip().lower()
            return kind == b"application/json" or kind.endswith(b"+json") or not kind
    return True


class ApiKeyGuard:
    """ASGI middleware: authentication, authorization, body size, rate limit, audit.

    Args:
        app: the application behind it.
        service: the server's state (keys, limiter, audit hook).
        routes: each route's path pattern, template and the role it needs (see :func:`role_table`).
    """

    def __init__(self, app: ASGIApp, service: Service, routes: list[RoleRoute]) -> None:
        self.app = app
        self.service = service
        self.routes = routes

    def _route(self, scope: Scope) -> tuple[str | None, Role | None]:
        """The route template a path falls under and the role it needs (None, None: no such route)."""
        path = scope["path"]
        for pattern, template, role in self.routes:
            if pattern.match(path):
                return template, role
        return None, None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or path in PUBLIC_PATHS
            or path == UI_PREFIX
            or path.startswith((UI_PREFIX + "/", DOCS_ASSETS + "/"))
        ):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        endpoint, need = self._route(scope)
        key: ApiKey | None = None

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        body = b""
        try:
            key, body = await self._admit(scope, receive, send_status, need)
        finally:
            if key is None:
                # Refused: reported with the key when it was a valid one (a 403 says who tried).
                caller = scope.get("state", {}).get("caller")
                self._report(scope, endpoint, caller if isinstance(caller, ApiKey) else None, status, started)
        if key is None:
            return
        try:
            # The body was read to check its size: handed over once, then what follows (a disconnect).
            await self.app(scope, replay(scope, body, receive), send_status)
        finally:
            self._report(scope, endpoint, key, status, started)

    async def _admit(
        self, scope: Scope, receive: Receive, send: Send, need: Role | None
    ) -> tuple[ApiKey | None, bytes]:
        """Check the caller; answer and return None when they may not go on."""
        secret = key_from_request(scope.get("headers", []), scope.get("query_string", b""))
        if not secret:
            await _json(send, 401, "An API key is required.", {"WWW-Authenticate": "ApiKey"})
            return None, b""
        key = self.service.key_cache.verify(secret)
        if key is None:
            await _json(send, 401, "Invalid or revoked API key.", {"WWW-Authenticate": "ApiKey"})
            return None, b""
        scope.setdefault("state", {})["caller"] = key
        if need is not None and not role_allows(key.role, need):
            await _json(send, 403, f"This endpoint needs the {need.value!r} role; this key has {key.role.value!r}.")
            return None, b""
        upload = scope["path"] in UPLOAD_PATHS
        limit = self.service.config.limits.upload if upload else self.service.config.limits.body
        body = await read_body(scope, receive, limit)
        if body is None:
            await _json(send, 413, too_large(limit, "EMBARGO_API_MAX_UPLOAD" if upload else "EMBARGO_API_MAX_BODY"))
            return None, b""
        if body and _is_json(scope):
            problem = lone_surrogate(body)
            if problem is not None:  # no route could echo, log or store that text: refused for all of them here
                await _json(send, 400, problem)
                return None, b""
        wait = self.service.limiter.take(key.id, 1, key.rate_per_minute)
        if wait:
            await _json(send, 429, "Rate limit exceeded for this API key.", {"Retry-After": str(int(wait))})
            return None, b""
        scope.setdefault("state", {})["api_key"] = key
        return key, body

    def _report(self, scope: Scope, endpoint: str | None, key: ApiKey | None, status: int, started: float) -> None:
        client = scope.get("client")
        record = RequestRecord(
            key_id=key.id if key else None,
            key_name=key.name if key else None,
            role=key.role.value if key else None,
            method=scope["method"],
            endpoint=endpoint or scope["path"],
            path=scope["path"],
            status=status,
            duration_ms=(time.perf_counter() - started) * 1000,
            client=client[0] if client else None,
            detail=scope.get("state", {}).get("audit"),
        )
        try:
            self.service.audit(record)
        except Exception:  # the audit hook must never break a response
            logger.exception("audit hook failed for %s %s", record.method, record.path)
