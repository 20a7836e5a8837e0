"""The per-request hook: every call, who made it and how it ended.

The server calls its hooks once per request, after the response is sent,
with a :class:`RequestRecord`: :class:`embargo.api.trail.AuditTrail` writes
the calls that matter into the store's audit log, and :func:`log_request`
(or the hook given to :func:`embargo.app.create_app` as ``audit=``) sees
every call. A hook that raises is logged and never fails the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["AuditHook", "RequestRecord", "log_request"]

logger = logging.getLogger("embargo.api")  # the name operators know (docs/api.md)


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One API call.

    Attributes:
        key_id: the API key's id (None when no valid key was given).
        key_name: the key's name.
        role: the key's role.
        method: HTTP method.
        endpoint: the route template (``/match/{dataset}``), or the path when no route matched.
        path: the path as requested.
        status: the HTTP status answered.
        duration_ms: time to answer.
        client: the caller's address, if known.
        detail: what the endpoint reported about the call (``request.state.audit``): for
            screening, how many queries and results; for changes, what was changed.
    """

    key_id: str | None
    key_name: str | None
    role: str | None
    method: str
    endpoint: str
    path: str
    status: int
    duration_ms: float
    client: str | None
    detail: dict[str, Any] | None = None


AuditHook = Callable[[RequestRecord], None]


def log_request(record: RequestRecord) -> None:
    """Default hook: one log line per call."""
    logger.info(
        "%s %s -> %d (%.1f ms) key=%s role=%s",
        record.method,
        record.path,
        record.status,
        record.duration_ms,
        record.key_id or "-",
        record.role or "-",
    )
