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
``EMBARGO_API_MAX_UPLOAD``
    Largest portfolio upload (``POST /portfolio``) in bytes (default 512 MiB).
``EMBARGO_API_MAX_TEXT``
    Longest text ``POST /text`` screens, in characters after a page is reduced to its main text
    (default 100,000, about 15,000 words: several seconds); longer texts get 413.
``EMBARGO_API_RELOAD``
    Seconds between checks for new list versions (default 1; 0: never, serve what was loaded at start).
``EMBARGO_FOUR_EYES``, ``EMBARGO_FOUR_EYES_SCORE``
    Four-eyes decisions (see :mod:`embargo.monitor.approvals`): ``true`` makes a true match, or a false
    positive on an alert scored at least the score (default 0.9), wait for a user with the ``approve`` role.
``EMBARGO_API_AUDIT``
    ``0`` keeps API calls out of the audit log (default ``1``: screening and state-changing calls are recorded).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from embargo.monitor.approvals import FourEyes
from embargo.settings import default_db_path

__all__ = ["UPLOAD_PATHS", "ApiConfig"]

#: Paths whose bodies may be as large as ``ApiConfig.max_upload`` rather than ``max_body``.
UPLOAD_PATHS = frozenset({"/portfolio"})


def _float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default


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
        max_upload: largest portfolio upload in bytes.
        max_text: longest text ``POST /text`` screens, in characters (after HTML extraction).
        reload_seconds: seconds between checks for new list versions (0: never).
        audit: record API calls in the store's audit log.
        four_eyes: which decisions wait for a second user (web UI and ``POST /alerts/{id}/decision``).
    """

    db: Path
    rate_per_minute: int = 6000
    burst: int | None = None
    max_body: int = 2 * 1024 * 1024
    max_upload: int = 512 * 1024 * 1024
    max_text: int = 100_000
    reload_seconds: float = 1.0
    audit: bool = True
    four_eyes: FourEyes = field(default_factory=FourEyes)

    @classmethod
    def from_env(cls) -> ApiConfig:
        """Settings from the environment (how ``embargo serve`` hands them to its workers)."""
        return cls(
            db=default_db_path(),
            rate_per_minute=_int("EMBARGO_API_RATE", 6000) or 0,
            burst=_int("EMBARGO_API_BURST", None),
            max_body=_int("EMBARGO_API_MAX_BODY", 2 * 1024 * 1024) or 2 * 1024 * 1024,
            max_upload=_int("EMBARGO_API_MAX_UPLOAD", 512 * 1024 * 1024) or 512 * 1024 * 1024,
            max_text=_int("EMBARGO_API_MAX_TEXT", 100_000) or 100_000,
            reload_seconds=_float("EMBARGO_API_RELOAD", 1.0),
            audit=os.environ.get("EMBARGO_API_AUDIT", "1").strip() not in ("0", "false", "no"),
            four_eyes=FourEyes.from_env(),
        )
