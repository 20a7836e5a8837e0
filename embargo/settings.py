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
``EMBARGO_MAX_SHRINK``, ``EMBARGO_MIN_ENTITIES``
    The import guard's defaults (:mod:`embargo.ingest.guard`): the largest
    share of a list's entities one import may remove (0.1) and the fewest
    entities a version may have (1); ``embargo policy`` sets them per list.

Limits on what a caller sends, all here (:class:`Limits`; docs/api.md,
"Limits"). Each refusal names the limit and its setting; a value that is
not a positive number is a :class:`~embargo.errors.ConfigError`.

``EMBARGO_MAX_NAME``, ``EMBARGO_MAX_NAMES``
    Longest name a query may hold, in characters (default 1,000: the longest
    name on the real lists has about 220), and most names one query may hold
    (default 50). A query over either is refused with the limit in the
    message (API 400, a batch row flagged, a customer file rejected at its
    line): screening a 120 KB "name" would hold a worker for seconds.
``EMBARGO_MAX_QUERIES``
    Most queries one ``POST /match`` or ``POST /screen/batch`` may hold
    (default 100, as yente); more is a 400. The rows of the batch CLI's
    customer files are not limited.
``EMBARGO_MAX_FIELD``, ``EMBARGO_MAX_FIELDS``
    Longest field of a customer file (a cell of a column embargo reads: id,
    name, birth_date, nationality, country, id_number, schema, gender), in
    characters (default 10,000: a cell may hold several names separated by
    ``;``), and most fields (columns) a row may have (default 100). A
    portfolio load (``embargo portfolio load``, ``POST /portfolio``) over
    either is refused naming the line and the field, and nothing is stored.
``EMBARGO_API_MAX_BODY``, ``EMBARGO_API_MAX_UPLOAD``, ``EMBARGO_UI_MAX_BODY``
    Largest request body of the API in bytes (default 2 MiB), of a portfolio
    upload (default 512 MiB), and of the web UI's forms (default 1 MiB, checked
    before sign-in); larger bodies get 413 before they are read.
``EMBARGO_API_MAX_TEXT``
    Longest text ``POST /text`` screens, in characters after a page is reduced
    to its main text (default 100,000, about 15,000 words); longer is a 413.
``EMBARGO_REQUEST_SECONDS``
    Time budget of one screening request (``/match``, ``/screen``,
    ``/screen/batch``, ``/text``, ``/search``, the UI's quick screen), in
    seconds (default 30): a request still screening then stops and answers
    503 with the budget in the message (:mod:`embargo.budget`).
    Batch files, monitoring runs and the CLI have no budget.

Every CSV file embargo reads (lists, customer files) is read with the csv
module's field limit set to :data:`CSV_FIELD_LIMIT` (1 MiB) by
:func:`use_csv_field_limit`, whatever another library set process-wide
(importing followthemoney raises it to 30 MB, and Python's default is
128 KiB): a file reads the same in the CLI, a server and a test.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_dir

__all__ = [
    "CSV_FIELD_LIMIT",
    "MAX_NAME",
    "MAX_NAMES",
    "Limits",
    "cache_dir_setting",
    "customer_limits",
    "default_db_path",
    "env_flag",
    "env_number",
    "env_text",
    "http_timeout",
    "index_dir_setting",
    "max_list_bytes",
    "name_limits",
    "payment_policy_setting",
    "request_seconds",
    "shared_data_dir",
]

N = TypeVar("N", int, float)

#: Default of ``EMBARGO_MAX_LIST_BYTES``.
MAX_LIST_BYTES = 1 << 30


def env_text(name: str, default: str = "", strip: bool = True) -> str:
    """A setting's text (``default`` when unset or blank), stripped unless ``strip`` is False.

    Every ``EMBARGO_*`` variable is read through this module (a test checks that
    no other module reads the environment for one), so each is documented here
    and in docs/operations.md.
    """
    text = os.environ.get(name, "")
    if not text.strip():
        return default
    return text.strip() if strip else text


def env_flag(name: str, default: bool) -> bool:
    """A yes/no setting: ``0``, ``false`` and ``no`` (any case) are no, any other text yes, unset ``default``."""
    text = env_text(name).lower()
    if not text:
        return default
    return text not in ("0", "false", "no")


def index_dir_setting() -> Path | None:
    """``EMBARGO_INDEX_DIR``: where PostgreSQL stores keep their index folders (None: the user's cache folder)."""
    text = env_text("EMBARGO_INDEX_DIR")
    return Path(text).expanduser() if text else None


def payment_policy_setting() -> Path | None:
    """``EMBARGO_PAYMENT_POLICY``: the payment-screening policy file (None: embargo's own, docs/payments.md)."""
    text = env_text("EMBARGO_PAYMENT_POLICY")
    return Path(text).expanduser() if text else None


def cache_dir_setting() -> Path | None:
    """``EMBARGO_CACHE_DIR``: where the person-name lexicon is cached (None: the user's cache folder)."""
    text = env_text("EMBARGO_CACHE_DIR")
    return Path(text).expanduser() if text else None


def default_db_path() -> Path:
    """Where the store lives unless ``--db`` says otherwise."""
    env = env_text("EMBARGO_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("embargo", appauthor=False)) / "embargo.db"


def shared_data_dir() -> Path:
    """The folder of real list files (may not exist)."""
    env = env_text("EMBARGO_SHARED_DATA")
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
    # ``not value >= low`` also refuses NaN (``float("nan")`` compares false with everything)
    if value is None or not value >= low or (high is not None and value > high):
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


#: Defaults of the other limits (the module's docstring says what each bounds).
MAX_QUERIES = 100
MAX_FIELD = 10_000
MAX_FIELDS = 100
MAX_BODY = 2 * 1024 * 1024
MAX_UPLOAD = 512 * 1024 * 1024
MAX_UI_BODY = 1024 * 1024
MAX_TEXT = 100_000
REQUEST_SECONDS = 30.0

#: The csv module's field limit for every CSV file embargo reads, in characters. The longest field of the
#: real list files has about 3,600 characters (an EU journal's remarks); a customer file's field over
#: ``EMBARGO_MAX_FIELD`` but within this is refused naming its column (:mod:`embargo.screening._fields`).
CSV_FIELD_LIMIT = 1024 * 1024


def _count(name: str, default: int, what: str) -> int:
    return env_number(name, default, int, 1, None, f"a positive number of {what}")


def customer_limits() -> tuple[int, int]:
    """The longest field and the most fields of a customer file's row (``EMBARGO_MAX_FIELD``, ``EMBARGO_MAX_FIELDS``).

    Raises:
        ConfigError: a setting is not a positive whole number.
    """
    return _count("EMBARGO_MAX_FIELD", MAX_FIELD, "characters"), _count("EMBARGO_MAX_FIELDS", MAX_FIELDS, "fields")


def request_seconds() -> float:
    """The time budget of one screening request, in seconds (``EMBARGO_REQUEST_SECONDS``).

    Raises:
        ConfigError: the setting is not a positive number.
    """
    value = env_number("EMBARGO_REQUEST_SECONDS", REQUEST_SECONDS, float, 0.0, None, "a positive number of seconds")
    if not 0 < value < math.inf:
        from embargo.errors import ConfigError

        raise ConfigError(f"EMBARGO_REQUEST_SECONDS={value!r} is not a positive number of seconds")
    return value


@dataclass(frozen=True, slots=True)
class Limits:
    """Every limit on what a caller sends, with its default (the module's docstring has the settings).

    Attributes:
        name: longest name of a query, in characters (``EMBARGO_MAX_NAME``).
        names: most names of a query (``EMBARGO_MAX_NAMES``).
        queries: most queries of one ``/match`` or ``/screen/batch`` (``EMBARGO_MAX_QUERIES``).
        field: longest field of a customer file, in characters (``EMBARGO_MAX_FIELD``).
        fields: most fields of a customer file's row (``EMBARGO_MAX_FIELDS``).
        body: largest API request body, in bytes (``EMBARGO_API_MAX_BODY``).
        upload: largest portfolio upload, in bytes (``EMBARGO_API_MAX_UPLOAD``).
        ui_body: largest web UI request body, in bytes (``EMBARGO_UI_MAX_BODY``).
        text: longest text ``POST /text`` screens, in characters (``EMBARGO_API_MAX_TEXT``).
        seconds: time budget of one screening request (``EMBARGO_REQUEST_SECONDS``).
    """

    name: int = MAX_NAME
    names: int = MAX_NAMES
    queries: int = MAX_QUERIES
    field: int = MAX_FIELD
    fields: int = MAX_FIELDS
    body: int = MAX_BODY
    upload: int = MAX_UPLOAD
    ui_body: int = MAX_UI_BODY
    text: int = MAX_TEXT
    seconds: float = REQUEST_SECONDS

    @classmethod
    def from_env(cls) -> Limits:
        """The limits the environment sets.

        Raises:
            ConfigError: a setting is not a positive number (it names the setting).
        """
        name, names = name_limits()
        field, fields = customer_limits()
        return cls(
            name=name,
            names=names,
            queries=_count("EMBARGO_MAX_QUERIES", MAX_QUERIES, "queries"),
            field=field,
            fields=fields,
            body=_count("EMBARGO_API_MAX_BODY", MAX_BODY, "bytes"),
            upload=_count("EMBARGO_API_MAX_UPLOAD", MAX_UPLOAD, "bytes"),
            ui_body=_count("EMBARGO_UI_MAX_BODY", MAX_UI_BODY, "bytes"),
            text=_count("EMBARGO_API_MAX_TEXT", MAX_TEXT, "characters"),
            seconds=request_seconds(),
        )


def use_csv_field_limit() -> int:
    """Set the csv module's field limit to :data:`CSV_FIELD_LIMIT` (call before reading a CSV file); return it.

    The limit is process-wide state that any import may change (followthemoney's raises it to
    30 MB): set here before each read, a file reads the same in the CLI, a server and a test.
    """
    if csv.field_size_limit() != CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    return CSV_FIELD_LIMIT
