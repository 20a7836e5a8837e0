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

from dataclasses import dataclass, field
from pathlib import Path

from embargo.settings import Limits, default_db_path, env_flag, env_number, env_text

__all__ = ["UI_PREFIX", "UPLOAD_PATHS", "ApiConfig"]

#: Paths whose bodies may be as large as ``Limits.upload`` rather than ``Limits.body``.
UPLOAD_PATHS = frozenset({"/portfolio"})

#: Where the web UI (:mod:`embargo.web`) is mounted (:mod:`embargo.app`). It signs users in itself (a
#: session cookie made from an API key) and checks roles per page, so the API's key guard lets it through.
UI_PREFIX = "/ui"


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
            ConfigError: a setting is not a number in its range (it names the setting): a
                mistyped rate is refused at start, never replaced by the default.
        """
        limits = Limits.from_env()
        burst = env_text("EMBARGO_API_BURST")
        return cls(
            db=default_db_path(),
            rate_per_minute=env_number("EMBARGO_API_RATE", 6000, int, 0, None, "a number of calls (0: no limit)"),
            burst=env_number("EMBARGO_API_BURST", 1, int, 1, None, "a positive number of calls") if burst else None,
            limits=limits,
            reload_seconds=env_number("EMBARGO_API_RELOAD", 1.0, float, 0.0, None, "a number of seconds (0: never)"),
            audit=env_flag("EMBARGO_API_AUDIT", True),
        )
