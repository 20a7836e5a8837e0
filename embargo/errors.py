"""The one error hierarchy of embargo.

Every error the package raises on purpose derives from :class:`EmbargoError`,
so callers (the CLI, the API) can turn any of them into one clear line::

    EmbargoError
    ├── SourceError        a list file cannot be read (not XML, wrong root,
    │                      truncated, wrong encoding, hostile content)
    ├── FetchError         a list could not be downloaded from its publisher
    ├── StoreError         the store cannot be opened, written or read
    │   ├── LockedError    another process holds the writer lock
    │   └── NotFoundError  a list, version or entity does not exist
    ├── QueryError         a query is malformed (bad schema, bad value)
    ├── MessageError       a payment message cannot be read (not ISO 20022 or
    │                      SWIFT MT, a type not screened, a malformed element
    │                      or field, hostile content)
    ├── ModelError         a value the data model does not allow (an unknown
    │                      schema, property or measure; also a ValueError)
    ├── ConfigError        a setting has a value embargo cannot use
    ├── NotReadyError      the store holds no current list to screen against
    └── BudgetError        a request ran past its time budget
"""

from __future__ import annotations

__all__ = [
    "BudgetError",
    "ConfigError",
    "ConflictError",
    "EmbargoError",
    "FetchError",
    "LockedError",
    "MessageError",
    "ModelError",
    "NotFoundError",
    "NotReadyError",
    "PermissionDenied",
    "QueryError",
    "SourceError",
    "StoreError",
]


class EmbargoError(Exception):
    """Root of every error embargo raises on purpose."""


class SourceError(EmbargoError):
    """A list file cannot be parsed as a whole; nothing from it is stored.

    Args:
        message: what is wrong, in words a user understands.
        path: the file that is broken.
        location: where in the file (``line 12``, ``record 9760``), if known.
    """

    def __init__(self, message: str, path: str | None = None, location: str | None = None) -> None:
        self.message = message
        self.path = path
        self.location = location
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.location:
            where = f"{where}, {self.location}"
        return f"{where}: {self.message}"


class MessageError(EmbargoError):
    """A payment message cannot be read as a whole; it is not screened (and never passes).

    Args:
        message: what is wrong, in words a user understands.
        source: the message (a file, ``file, message 3``, ``request body``).
        location: the element or field (``CdtTrfTxInf[1]/Cdtr/Nm``, ``field 59``, ``block 4``), if known.
    """

    def __init__(self, message: str, source: str | None = None, location: str | None = None) -> None:
        self.message = message
        self.source = source
        self.location = location
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or "<message>"
        if self.location:
            where = f"{where}, {self.location}"
        return f"{where}: {self.message}"


class FetchError(EmbargoError):
    """A list could not be downloaded from its publisher or mirror."""


class StoreError(EmbargoError):
    """The store cannot be opened, written or read."""


class LockedError(StoreError):
    """Another process holds the store's writer lock."""


class NotFoundError(StoreError):
    """A list, version or entity asked for does not exist."""


class QueryError(EmbargoError):
    """A query is malformed."""


class ModelError(EmbargoError, ValueError):
    """A value the data model does not allow: an unknown schema, property or measure, an empty record id.

    Also a :class:`ValueError`, as Python's own checks of a value are, so a
    parser that turns bad values into a :class:`SourceError` naming the record
    catches it with the rest.
    """


class PermissionDenied(EmbargoError):
    """The one acting may not do this: no principal of the store, a role too low, or their own request (403)."""


class ConflictError(EmbargoError):
    """The action conflicts with the state it finds: already done, or another request waits first (409)."""


class ConfigError(EmbargoError):
    """A setting (environment variable or stored policy) has a value embargo cannot use."""


class NotReadyError(EmbargoError):
    """Screening was asked of a store that holds no current list: an answer would claim "no hits" on nothing."""


class BudgetError(EmbargoError):
    """A request ran past its time budget (``EMBARGO_REQUEST_SECONDS``) and stopped: the API answers 503."""
