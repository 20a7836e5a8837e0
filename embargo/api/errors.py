"""Every error as JSON ``{"detail": ...}`` with the right status, never a bare 500 for bad input.

Request validation (malformed JSON, a missing field, ``limit=abc``) is 400,
as the rest of bad input, with a one-line ``detail`` and the pydantic
``errors`` beside it. embargo's own errors map to 400 (a query that cannot
be read), 404 (no such list, dataset or entity) and 503 (the store cannot be
read, or a request ran past its time budget); an uploaded file that cannot
be read is 400, a store busy with another writer or an action on a state that
has moved on (:class:`~embargo.errors.ConflictError`) 409, and an action the
principal may not take (:class:`~embargo.errors.PermissionDenied`) 403. Anything else is
logged and answered 500 with no internals.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from embargo.api.models import ErrorResponse
from embargo.errors import (
    BudgetError,
    ConflictError,
    EmbargoError,
    LockedError,
    NotFoundError,
    NotReadyError,
    PermissionDenied,
    QueryError,
    SourceError,
    StoreError,
)
from embargo.extras import MissingExtraError

__all__ = ["ERROR_RESPONSES", "WRITE_RESPONSES", "install_error_handlers"]

logger = logging.getLogger("embargo.api")

_ERROR: dict[str, Any] = {"model": ErrorResponse}

#: Error statuses every protected endpoint may answer, for the OpenAPI document.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad input", **_ERROR},
    401: {"description": "Missing or invalid API key", **_ERROR},
    403: {"description": "The key's role (or principal) does not allow this", **_ERROR},
    413: {"description": "Request body too large", **_ERROR},
    503: {"description": "The store cannot be read, or the request ran past its time budget", **_ERROR},
    429: {"description": "Rate limit exceeded; see Retry-After", **_ERROR},
}

#: Also answered by endpoints that write to the store.
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: {
        "description": "The store is busy with another writer (retry), or the state moved on (already settled)",
        **_ERROR,
    },
}


def _where(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body",)] if isinstance(loc, list | tuple) else [str(loc)]
    return ".".join(parts)


def _summary(errors: list[dict[str, Any]]) -> str:
    if not errors:
        return "Invalid request."
    first = errors[0]
    if first.get("type") == "json_invalid":
        return f"Malformed JSON body: {first.get('ctx', {}).get('error', first.get('msg', ''))}"
    where = _where(first.get("loc", ()))
    text = f"{where}: {first.get('msg', 'invalid value')}" if where else str(first.get("msg", "invalid value"))
    more = len(errors) - 1
    return text + (f" (and {more} more)" if more else "")


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in exc.errors()]
    return JSONResponse(status_code=400, content={"detail": _summary(errors), "errors": jsonable_encoder(errors)})


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else jsonable_encoder(exc.detail)
    return JSONResponse(status_code=exc.status_code, content={"detail": detail}, headers=exc.headers)


async def _embargo(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, MissingExtraError):
        # This server was installed without the extra the endpoint needs: the detail says which one.
        return JSONResponse(status_code=501, content={"detail": str(exc)})
    if isinstance(exc, NotFoundError):
        return JSONResponse(status_code=404, content={"detail": str(exc)})
    if isinstance(exc, ConflictError):
        return JSONResponse(status_code=409, content={"detail": str(exc)})
    if isinstance(exc, PermissionDenied):
        return JSONResponse(status_code=403, content={"detail": str(exc)})
    if isinstance(exc, QueryError | SourceError):
        return JSONResponse(status_code=400, content={"detail": str(exc)})
    if isinstance(exc, BudgetError):
        # Within every size limit and still too slow (a loaded server, a batch of long names): the request
        # is stopped rather than left to hold a worker; no Retry-After, as the same request may well fail again.
        return JSONResponse(status_code=503, content={"detail": str(exc)})
    if isinstance(exc, NotReadyError):
        return JSONResponse(status_code=503, content={"detail": str(exc)}, headers={"Retry-After": "60"})
    if isinstance(exc, LockedError):
        return JSONResponse(status_code=409, content={"detail": str(exc)})
    if isinstance(exc, StoreError):
        logger.error("store error on %s: %s", request.url.path, exc)
        return JSONResponse(status_code=503, content={"detail": "The store cannot be read right now."})
    logger.exception("error on %s", request.url.path, exc_info=exc)
    return JSONResponse(status_code=500, content={"detail": "Internal error."})


async def _not_unicode(request: Request, exc: Exception) -> JSONResponse:
    """A string no codec can encode came in (a JSON ``\ud800`` escape reached code that encodes it): bad input."""
    return JSONResponse(
        status_code=400, content={"detail": "The request holds text that is not Unicode (a lone surrogate)."}
    )


async def _out_of_range(request: Request, exc: Exception) -> JSONResponse:
    """A number too large for the store's integers (an id of 23 digits) reached a query: bad input."""
    return JSONResponse(status_code=400, content={"detail": "A number in the request is out of range."})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return JSONResponse(status_code=500, content={"detail": "Internal error."})


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(EmbargoError, _embargo)
    app.add_exception_handler(UnicodeEncodeError, _not_unicode)
    app.add_exception_handler(OverflowError, _out_of_range)
    app.add_exception_handler(Exception, _unexpected)
