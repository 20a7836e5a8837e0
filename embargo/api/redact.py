"""Secrets kept out of the server's logs: API keys in query strings, passwords, bearer tokens.

A client that cannot send headers passes its key as ``?api_key=KEY``, and
uvicorn's access log (``embargo serve --access-log``) writes each request's
path with its query string: the key would sit in clear in every log file and
log shipper. :class:`RedactSecrets`, installed on uvicorn's and embargo's
loggers when the application starts, rewrites the value of any query or form
parameter named like a secret (``api_key``, ``key``, ``token``,
``password``, ``secret``) and an ``ApiKey``/``Bearer`` credential to ``***``
before a record is formatted.
"""

from __future__ import annotations

import logging
import re
from typing import Any

__all__ = ["LOGGERS", "RedactSecrets", "install", "redact"]

#: The loggers whose records are redacted.
LOGGERS = ("uvicorn.access", "uvicorn.error", "uvicorn", "embargo")
_PARAMETER = re.compile(r"(?i)\b((?:api_?key|key|token|access_token|password|secret)=)[^&\s\"']+")
_CREDENTIAL = re.compile(r"(?i)\b((?:ApiKey|Bearer)\s+)[A-Za-z0-9._~+/=-]+")
_MASK = "***"


def redact(text: str) -> str:
    """``text`` with the values of secret parameters and credentials replaced by ``***``."""
    return _CREDENTIAL.sub(rf"\1{_MASK}", _PARAMETER.sub(rf"\1{_MASK}", text))


def _clean(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactSecrets(logging.Filter):
    """A logging filter that redacts a record's message and its string arguments (it never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_clean(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _clean(v) for k, v in record.args.items()}
        return True


def install() -> None:
    """Put one :class:`RedactSecrets` on each logger of :data:`LOGGERS` and on their handlers (once)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        targets: list[logging.Filterer] = [logger, *logger.handlers]
        for target in targets:
            if not any(isinstance(f, RedactSecrets) for f in target.filters):
                target.addFilter(RedactSecrets())
