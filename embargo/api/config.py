"""Server settings: from ``embargo serve``'s options, or the environment for each worker.

``EMBARGO_DB``
    The store to serve (shared with the CLI).
``EMBARGO_API_RATE``
    Calls per minute per API key, on average (default 6000; 0 switches limits off).
    A ``/match`` batch counts one call per query. A key's own ``rate_per_minute`` wins.
``EMBARGO_API_BURST``
    Calls a key may make at once before the rate applies (default: ten seconds' worth).
``EMBARGO_API_MAX_BODY``, ``EMBARGO_API_MAX_UPLOAD``, ``EMBARGO_UI_MAX_BODY``, ``EMBARGO_API_MAX_TEXT``,
``EMBARGO_MAX_QUERIES``, ``EMBARGO_REQUEST_SECONDS``
    The limits on what a caller sends: :mod:`embargo.settings` documents them with every other limit
    (:class:`~embargo.settings.Limits`), and docs/api.md ("Limits") lists each with its status.
``EMBARGO_API_RELOAD``
    Seconds between checks for new list versions (default 1; 0: never, serve what was loaded at start).
``EMBARGO_FOUR_EYES``
    No longer read: four-eyes is a setting of the store (:mod:`embargo.monitor.four_eyes`, ``embargo
    four-eyes on``, ``PUT /four-eyes``). A server started with it ``true`` while the store has four-eyes
    off refuses to start, rather than let decisions through that the operator expects to wait.
``EMBARGO_API_AUDIT``
    ``0`` keeps API calls out of the audit log (default ``1``: screening and state-changing calls are recorded).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from embargo.settings import Limits, default_db_path

__all__ = ["UPLOAD_PATHS", "ApiConfig"]

#: Paths whose bodies may be as large as ``Limits.upload`` rather than ``Limits.body``.
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
        limits: every request limit and the time budget (:class:`embargo.settings.Limits`, one place).
        reload_seconds: seconds between checks for new list versions (0: never).
        audit: record API calls in the store's audit log.
    """

    db: Path
    rate_per_minute: int = 6000
    burst: int | None = None
    limits: Limits = field(default_factory=Limits)
    reload_seconds: float = 1.0
    audit: bool = True

    @classmethod
    def from_env(cls) -> ApiConfig:
        """Settings from the environment (how ``embargo serve`` hands them to its workers).

        Raises:
            ConfigError: a limit's setting is not a positive number (it names the setting).
        """
        limits = Limits.from_env()
        return cls(
            db=default_db_path(),
            rate_per_minute=_int("EMBARGO_API_RATE", 6000) or 0,
            burst=_int("EMBARGO_API_BURST", None),
            limits=limits,
            reload_seconds=_float("EMBARGO_API_RELOAD", 1.0),
            audit=os.environ.get("EMBARGO_API_AUDIT", "1").strip() not in ("0", "false", "no"),
        )
