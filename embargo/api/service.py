"""What a server process holds: the store, its keys, rate limits and the loaded index.

:class:`Loaded` is one consistent snapshot (screener, datasets, entity
records of the same list versions). The service swaps it as a whole, so a
later reload can replace it while requests in flight finish on the old one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from embargo.api.config import ApiConfig
from embargo.api.datasets import Catalog
from embargo.api.hooks import AuditHook, log_request
from embargo.api.records import EntityLookup
from embargo.auth import KeyStore, RateLimiter
from embargo.screening import Screener
from embargo.screening.screener import warm_up
from embargo.store import Store

__all__ = ["Loaded", "Service"]


@dataclass(frozen=True, slots=True)
class Loaded:
    """The index and data being served, all of the same list versions."""

    screener: Screener
    catalog: Catalog
    lookup: EntityLookup


class Service:
    """One server process's state.

    Args:
        config: the server settings.
        audit: called once per request (see :mod:`embargo.api.hooks`).
    """

    def __init__(self, config: ApiConfig, audit: AuditHook = log_request) -> None:
        self.config = config
        self.store = Store(config.db)
        self.keys = KeyStore(self.store)
        self.limiter = RateLimiter(config.rate_per_minute, config.burst)
        self.audit = audit
        self._loaded: Loaded | None = None
        # Screening is CPU-bound and the GIL runs one thread at a time anyway; one at a time also
        # keeps the index's lazily filled caches free of races. Workers give the parallelism.
        self.screen_lock = threading.Lock()

    def load(self) -> Loaded:
        """Open the persisted index of every list's current version (not rebuilt) and serve it."""
        screener = Screener.open(self.store)
        served = {i.list_name: i.version_id for i in screener.indexes}
        view = self.store.view()
        lists = []
        for info in view.lists():
            if info.name not in served:
                continue
            if info.current is None or info.current.id != served[info.name]:
                # A new version landed while the index was opening: describe the one being served.
                info.current = next((v for v in view.versions(info.name) if v.id == served[info.name]), None)
            lists.append(info)
        seqs = {i.name: i.current.seq for i in lists if i.current is not None}
        warm_up()
        self._loaded = Loaded(screener, Catalog(lists), EntityLookup(self.store, seqs))
        return self._loaded

    @property
    def ready(self) -> bool:
        """True once an index is loaded."""
        return self._loaded is not None

    @property
    def loaded(self) -> Loaded:
        """The snapshot being served (loading it on first use)."""
        return self._loaded if self._loaded is not None else self.load()
