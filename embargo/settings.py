"""Settings read from the environment, with their defaults.

``EMBARGO_DB``
    Path of the SQLite store (default: ``embargo.db`` in the user's data
    directory, e.g. ``~/.local/share/embargo/``), or a PostgreSQL URL
    (``postgresql://user:password@host:5432/db``). The CLI's ``--db`` wins.
``EMBARGO_INDEX_DIR``
    Where the index folders of PostgreSQL stores go (default: the user's
    cache folder); see :func:`embargo.store.store.pg_index_dir`.
``EMBARGO_SHARED_DATA``
    Folder of real published list files used by tests and benchmarks
    (default: ``../shared/data`` beside the project).
``EMBARGO_HTTP_TIMEOUT``
    Seconds before a download gives up waiting (default 60).
``EMBARGO_MAX_LIST_BYTES``
    Largest list file an import reads, in bytes (default 1 GiB: the largest
    official file, OFAC's SDN_ADVANCED.XML, is about 120 MB).
``EMBARGO_MAX_NAME``, ``EMBARGO_MAX_NAMES``
    Longest name a query may hold, in characters (default 1,000: the longest
    name on the real lists has about 220), and most names one query may hold
    (default 50). A query over either is refused with the limit in the
    message (API 400, a batch row flagged, a customer file rejected at its
    line): screening a 120 KB "name" would hold a worker for seconds.
``EMBARGO_MAX_SHRINK``, ``EMBARGO_MIN_ENTITIES``
    The import guard's defaults (:mod:`embargo.ingest.guard`): the largest
    share of a list's entities one import may remove (0.1) and the fewest
    entities a version may have (1); ``embargo policy`` sets them per list.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_dir

__all__ = [
    "MAX_NAME",
    "MAX_NAMES",
    "default_db_path",
    "env_number",
    "http_timeout",
    "max_list_bytes",
    "name_limits",
    "shared_data_dir",
]

N = TypeVar("N", int, float)

#: Default of ``EMBARGO_MAX_LIST_BYTES``.
MAX_LIST_BYTES = 1 << 30


def default_db_path() -> Path:
    """Where the store lives unless ``--db`` says otherwise."""
    env = os.environ.get("EMBARGO_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("embargo", appauthor=False)) / "embargo.db"


def shared_data_dir() -> Path:
    """The folder of real list files (may not exist)."""
    env = os.environ.get("EMBARGO_SHARED_DATA")
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def http_timeout() -> float:
    """Download timeout in seconds."""
    try:
        return float(os.environ.get("EMBARGO_HTTP_TIMEOUT", "60"))
    except ValueError:
        return 60.0


def env_number(name: str, default: N, kind: Callable[[str], N], low: N, high: N | None, what: str) -> N:
    """A numeric setting from the environment, checked: never silently replaced by the default.

    Args:
        name: the variable.
        default: its value when unset or empty.
        kind: ``int`` or ``float``.
        low, high: the allowed range (``high`` None: no upper bound).
        what: the value in words, for the message ("a share between 0 and 1").

    Raises:
        ConfigError: the value is not a number of that kind, or out of range.
    """
    text = os.environ.get(name)
    if text is None or not text.strip():
        return default
    try:
        value = kind(text.strip())
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        from embargo.errors import ConfigError

        raise ConfigError(f"{name}={text!r} is not {what}")
    return value


def max_list_bytes() -> int:
    """Largest list file an import reads (``EMBARGO_MAX_LIST_BYTES``).

    Raises:
        ConfigError: the setting is not a positive whole number.
    """
    return env_number("EMBARGO_MAX_LIST_BYTES", MAX_LIST_BYTES, int, 1, None, "a positive number of bytes")


#: Defaults of ``EMBARGO_MAX_NAME`` and ``EMBARGO_MAX_NAMES``.
MAX_NAME = 1000
MAX_NAMES = 50


def name_limits() -> tuple[int, int]:
    """The longest name and the most names one query may hold (``EMBARGO_MAX_NAME``, ``EMBARGO_MAX_NAMES``).

    Raises:
        ConfigError: a setting is not a positive whole number.
    """
    return (
        env_number("EMBARGO_MAX_NAME", MAX_NAME, int, 1, None, "a positive number of characters"),
        env_number("EMBARGO_MAX_NAMES", MAX_NAMES, int, 1, None, "a positive number of names"),
    )
