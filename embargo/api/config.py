"""Server settings: from ``embargo serve``'s options, or the environment for each worker.

``EMBARGO_DB``
    The store to serve (shared with the CLI).
``EMBARGO_API_RATE``
    Calls per minute per API key, on average (default 6000; 0 switches limits off).
    A ``/match`` batch counts one call per query. A key's own ``rate_per_minute`` wins.
``EMBARGO_API_BURST``
    Calls a key may make at once before the rate applies (default: ten seconds' worth).
``EMBARGO_API_MAX_BODY``
    Largest request body in bytes (default 2 MiB); larger bodies get 413.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from embargo.settings import default_db_path

__all__ = ["ApiConfig"]


def _int(name: str, default: int | None) -> int | None:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class ApiConfig:
    """What one server process needs to know.

    Attributes:
        db: the store file.
        rate_per_minute: default per-key rate (0: unlimited).
        burst: default per-key burst (None: ten seconds' worth).
        max_body: largest request body in bytes.
    """

    db: Path
    rate_per_minute: int = 6000
    burst: int | None = None
    max_body: int = 2 * 1024 * 1024

    @classmethod
    def from_env(cls) -> ApiConfig:
        """Settings from the environment (how ``embargo serve`` hands them to its workers)."""
        return cls(
            db=default_db_path(),
            rate_per_minute=_int("EMBARGO_API_RATE", 6000) or 0,
            burst=_int("EMBARGO_API_BURST", None),
            max_body=_int("EMBARGO_API_MAX_BODY", 2 * 1024 * 1024) or 2 * 1024 * 1024,
        )
