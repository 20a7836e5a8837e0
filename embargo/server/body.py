"""Request bodies read with a size limit, before any route (or sign-in) sees them.

The API's key guard (:mod:`embargo.api.guard`) and the web UI
(:class:`BodyLimit`, :mod:`embargo.web.app`) read a body through
:func:`read_body`: one whose ``Content-Length`` is over the limit is refused
before a byte of it is read, and one sent in chunks (no length) as soon as
the bytes read pass the limit, so a 60 MB body costs a worker at most the
limit in memory. The body read is handed to the application once, as if it
had just arrived.

A JSON body may spell a lone UTF-16 surrogate (``"\\ud800"``): valid JSON,
but no text, and every string it reaches (an echoed id, an unreadable value
reported back, a log line) fails to encode. :func:`lone_surrogate` finds one
in the raw body, where it is cheap (bodies without a ``\\u`` escape are not
even scanned), so the key guard refuses it for every endpoint with a 400
naming the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BODY_METHODS", "BodyLimit", "lone_surrogate", "read_body", "replay", "too_large"]

#: Methods whose requests may carry a body.
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The whole body (empty for methods without one), or None when it is larger than ``limit`` bytes."""
    if scope["method"] not in BODY_METHODS:
        return b""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                if int(value) > limit:
                    return None
            except ValueError:
                return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replay(scope: Scope, body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands over ``body`` once, then passes on what follows (a disconnect).

    A request of a method without a body keeps its own ``receive``: a streamed answer listens on it for
    the client leaving, and a body message there would be one it does not expect.
    """
    if scope["method"] not in BODY_METHODS:
        return receive
    given = False

    async def again() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


def too_large(limit: int, setting: str) -> str:
    """The 413 message: the limit and the setting that sets it."""
    return f"Request body larger than {limit} bytes, the limit ({setting})."


class BodyLimit:
    """ASGI middleware: a body over the limit is answered 413 (plain text) before the application sees the request.

    Args:
        app: the application behind it.
        limit: the limit in bytes, asked for each request (a server's settings may be replaced while it runs).
        setting: the setting's name, for the message.
    """

    def __init__(self, app: ASGIApp, limit: Callable[[], int], setting: str) -> None:
        self.app = app
        self.limit = limit
        self.setting = setting

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit()
        body = await read_body(scope, receive, limit)
        if body is None:
            payload = too_large(limit, self.setting).encode("utf-8")
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(payload)).encode())]
            await send({"type": "http.response.start", "status": 413, "headers": headers})
            await send({"type": "http.response.body", "body": payload})
            return
        await self.app(scope, replay(scope, body, receive), send)


#: A ``\\uXXXX`` escape of a surrogate (not itself escaped): a high one with the low one after it, or alone.
_ESCAPE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u(?:([dD][89abAB][0-9a-fA-F]{2})(\\u[dD][c-fC-F][0-9a-fA-F]{2})?|[dD][c-fC-F][0-9a-fA-F]{2})"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(body: bytes) -> str | None:
    """Where a JSON body holds a lone surrogate, as a message naming the field (None: nowhere, or not JSON).

    A body that is not JSON is left to the route's own parsing (a 400 that says so).
    """
    if b"\\u" not in body:
        return None
    if not any(m.group(1) is None or m.group(2) is None for m in _ESCAPE.finditer(body)):
        return None  # no escape of a surrogate, or only pairs (an emoji)
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return _find(document, "")


def _find(value: Any, path: str) -> str | None:
    """The first string (or key) of a decoded JSON ``value`` holding a surrogate, as the message naming it."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        if found is None:
            return None
        code, at = ord(found.group()), found.start() + 1
        return f"{path or 'the body'}: not Unicode text (a lone surrogate, U+{code:04X}, at character {at})"
    items = enumerate(value) if isinstance(value, list) else value.items() if isinstance(value, dict) else ()
    for key, item in items:
        # the field's name as JSON spells it (a surrogate in a key is written as its escape)
        name = f"{path}[{key}]" if isinstance(key, int) else (f"{path}." if path else "") + json.dumps(key)[1:-1]
        if isinstance(key, str) and _SURROGATE.search(key):
            return f"{name}: not Unicode text (a lone surrogate in a name)"
        problem = _find(item, name)
        if problem is not None:
            return problem
    return None
