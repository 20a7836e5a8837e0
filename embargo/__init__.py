"""embargo: sanctions-list ingestion and screening.

The public library API (see ``docs/library.md``): every name in :data:`__all__`
follows semantic versioning; everything else is internal and may change.

``import embargo`` stays cheap: the errors are imported at once, the rest
(which pull in the matcher and its name data) on first use (PEP 562).
"""

from __future__ import annotations

from importlib import import_module

from embargo.errors import (
    BudgetError,
    ConfigError,
    ConflictError,
    EmbargoError,
    FetchError,
    LockedError,
    MessageError,
    ModelError,
    NotFoundError,
    NotReadyError,
    PermissionDenied,
    QueryError,
    SourceError,
    StoreError,
)

#: ``typing.TYPE_CHECKING`` without importing typing (a few milliseconds of every ``import embargo``).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from embargo.ingest.importer import import_file
    from embargo.ingest.update import update
    from embargo.matching import Query
    from embargo.screening import ANY_SCHEMATA, Hit, Screener, screen_file
    from embargo.store import Store

__version__ = "0.1.0"

__all__ = [
    "ANY_SCHEMATA",
    "BudgetError",
    "ConfigError",
    "ConflictError",
    "EmbargoError",
    "FetchError",
    "Hit",
    "LockedError",
    "MessageError",
    "ModelError",
    "NotFoundError",
    "NotReadyError",
    "PermissionDenied",
    "Query",
    "QueryError",
    "Screener",
    "SourceError",
    "Store",
    "StoreError",
    "__version__",
    "import_file",
    "screen_file",
    "update",
]

#: Where each lazily imported public name lives.
_LAZY = {
    "ANY_SCHEMATA": "embargo.screening",
    "Hit": "embargo.screening",
    "Query": "embargo.matching",
    "Screener": "embargo.screening",
    "Store": "embargo.store",
    "import_file": "embargo.ingest",
    "screen_file": "embargo.screening",
    "update": "embargo.ingest",
}


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562)."""
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'embargo' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, with the lazy ones."""
    return sorted({*globals(), *__all__})
