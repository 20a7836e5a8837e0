"""The per-request hook: every call, who made it and how it ended.

The server calls the hook once per request, after the response is sent,
with a :class:`RequestRecord`. Until the audit log is wired in, the default
hook writes one line to the ``embargo.api`` logger. The audit slice passes
its own hook to :func:`embargo.api.create_app` (``audit=``); a hook that
raises is logged and never fails the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["AuditHook", "RequestRecord", "log_request"]

logger = logging.getLogger("embargo.api")


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
