"""What a server process holds: the store, its keys, rate limits and the loaded index.

:class:`Loaded` is one consistent snapshot (screener, datasets, entity
records of the same list versions). A request takes the snapshot once, at
its start, and uses that one to the end; :meth:`Service.refresh` builds the
next snapshot beside it and swaps the reference in one assignment. So a
list update switches every new request to the new version at once, while
requests in flight finish on the old one (whose memory-mapped index stays
readable after the importer deletes its file). An update that cannot be
loaded (its index file broken) leaves the last good snapshot in place and
is reported by :meth:`Service.status` (``/readyz``) and in the log.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from embargo.auth import KeyCache, KeyStore, RateLimiter
from embargo.errors import NotReadyError
from embargo.index import ListIndex, build_version_index, index_path
from embargo.matching import Query
from embargo.names import load_symbol_table
from embargo.screening import Screener
from embargo.screening.collector import settle
from embargo.screening.owned import load_owned
from embargo.screening.screener import no_lists_message, warm_up
from embargo.server.config import ApiConfig
from embargo.server.datasets import Catalog
from embargo.server.hooks import AuditHook
from embargo.server.records import EntityLookup
from embargo.server.texts import TextScreeners
from embargo.store import ListInfo, Store, VersionInfo
from embargo.store import ownership as stored_ownership
from embargo.store.parties import PartyMap, generation, party_map

__all__ = ["Loaded", "Service"]

logger = logging.getLogger("embargo.api")  # the name operators know (docs/api.md)

#: How long a new version may wait for its index file (the importer builds it after its commit)
#: before the wait is reported as a failed update.
INDEX_GRACE_SECONDS = 600.0
#: On a PostgreSQL store the import may have run on another machine, whose index folder is not this
#: one's: after this long without the file, the server builds the index itself.
PG_BUILD_AFTER_SECONDS = 30.0

_PROBE = Query.build(["embargo reload probe"])

#: Screened once by each worker before it is ready: the first name in a script builds that script's
#: transliterator and name tables (up to a quarter of a second, under load more), which would
#: otherwise be paid by some caller's request and show in the latency tail.
_WARM_NAMES = (
    "Jörg Väänänen-Müller",
    "Nguyễn Phú Trọng",
    "Ōtani Shōhei",
    "佐藤 桃子",
    "さとう ももこ",
    "サトウ モモコ",
    "김정은",
    "Αλέξης Τσίπρας",
    "ნინო ბურჯანაძე",
    "Արմեն Սարգսյան",
    "בנימין נתניהו",
    "محمد بن سلمان",
    "Александр Лукашенко",
    "Олександр Зеленський",
    "Аляксандр Лукашэнка",
    "नरेंद्र मोदी",
    "ธนาธร จึงรุ่งเรืองกิจ",
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """The index and data being served, all of the same list versions.

    Attributes:
        screener: the candidate indexes.
        catalog: the datasets of the served versions.
        lookup: entity records of the served versions.
        parties: which served entities are one party (the store's resolution when loaded).
        versions: list name to the id of the version served.
        loaded_at: when this snapshot started serving (UTC, ISO).
        ownership_generation: the ownership computation served (``screener.owned``; 0: none yet).
    """

    screener: Screener
    catalog: Catalog
    lookup: EntityLookup
    parties: PartyMap = field(default_factory=PartyMap)
    versions: dict[str, int] = field(default_factory=dict)
    loaded_at: str = ""
    ownership_generation: int = 0


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Service:
    """One server process's state.

    Args:
        config: the server settings.
        audit: called once per request (see :mod:`embargo.server.hooks`).
    """

    def __init__(self, config: ApiConfig, audit: AuditHook) -> None:
        self.config = config
        self.store = Store(config.db)
        self.keys = KeyStore(self.store)
        #: what the guard checks keys with: live keys remembered until the store changes
        self.key_cache = KeyCache(self.keys)
        self.limiter = RateLimiter(config.rate_per_minute, config.burst)
        self.audit = audit
        self._loaded: Loaded | None = None
        # Requests screen side by side, without a lock: one that runs long (a batch, a long text) must not
        # hold back a small /match (the GIL shares the CPU between them; workers give the parallelism).
        # The index's lazily filled caches are safe so (ListIndex.name); refreshes take turns.
        self._refresh_lock = threading.Lock()
        #: ``POST /text``'s screener, following the served snapshot
        self.texts = TextScreeners(self.store)
        #: why the newest versions are not served (None: they are)
        self.update_error: str | None = None
        self._waiting: dict[int, float] = {}
        self._failed: dict[tuple[object, ...], str] = {}
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    def load(self) -> Loaded:
        """Open the persisted index of every list's current version (not rebuilt if present) and serve it."""
        # an empty store is served as "not ready"; the ownership results are read with the snapshot
        screener = Screener.open(self.store, require=False, ownership=False)
        warm_up()
        for name in _WARM_NAMES:
            screener.screen(Query.build([name], birth_dates=["1970"], nationalities=["ru"]), threshold=1.0, limit=1)
        self._loaded = self._snapshot(screener)
        settle()
        return self._loaded

    def _snapshot(self, screener: Screener) -> Loaded:
        served = {i.list_name: i.version_id for i in screener.indexes}
        view = self.store.view()
        lists: list[ListInfo] = []
        for info in view.lists():
            if info.name not in served:
                continue
            if info.current is None or info.current.id != served[info.name]:
                # A newer version landed meanwhile: describe the one being served.
                info.current = next((v for v in view.versions(info.name) if v.id == served[info.name]), None)
            lists.append(info)
        seqs = {i.name: i.current.seq for i in lists if i.current is not None}
        lookup = EntityLookup(self.store, seqs)
        screener.entities = lookup.entity  # designations of the versions served, from the snapshot's cache
        with self.store.reading("the parties") as conn:
            screener.parties = party_map(conn)
            owned_generation = stored_ownership.generation(conn)
        # Read after its generation: one committed in between is only loaded once more at the next refresh.
        screener.owned = load_owned(self.store)
        return Loaded(screener, Catalog(lists), lookup, screener.parties, served, _now(), owned_generation)

    @property
    def ready(self) -> bool:
        """True once an index of at least one list is loaded."""
        return self._loaded is not None and bool(self._loaded.screener.indexes)

    @property
    def screening(self) -> Loaded:
        """The snapshot to screen with.

        Raises:
            NotReadyError: no list is served (an empty store, or only held versions): answering
                "no hits" would be a lie, so screening endpoints answer 503 instead.
        """
        loaded = self.loaded
        if not loaded.screener.indexes:
            if self.refresh():
                loaded = self.loaded
            if not loaded.screener.indexes:
                raise NotReadyError(no_lists_message(self.store))
        return loaded

    @property
    def loaded(self) -> Loaded:
        """The snapshot being served (loading it on first use)."""
        return self._loaded if self._loaded is not None else self.load()

    def refresh(self) -> bool:
        """Serve the store's current versions if they changed and their indexes load; True when swapped.

        Cheap when nothing changed (one small query). Unchanged lists keep their
        open index; each changed list's index file is opened and probed with a
        query before anything is swapped, so a broken file changes nothing.
        """
        with self._refresh_lock:
            old = self.loaded
            current = {i.name: i.current for i in self.store.view().lists() if i.current is not None}
            if {n: v.id for n, v in current.items()} == old.versions:
                self.update_error = None
                self._waiting.clear()
                with self.store.reading("the parties") as conn:
                    moved = generation(conn) != old.parties.generation
                    owned_moved = stored_ownership.generation(conn) != old.ownership_generation
                if moved or owned_moved:
                    # an administrator split or merged parties, or ownership was computed again: the same
                    # list indexes, a new party map or new ownership results
                    self._loaded = self._snapshot(Screener(old.screener.indexes))
                    logger.info(
                        "now serving %s", "the parties as resolved again" if moved else "the new ownership results"
                    )
                return moved or owned_moved
            kept = {i.list_name: i for i in old.screener.indexes if current.get(i.list_name) is not None}
            fresh: list[ListIndex] = []
            for name, version in current.items():
                if old.versions.get(name) == version.id:
                    continue
                index = self._open(version)
                if index is None:
                    return False
                fresh.append(index)
                kept[name] = index
            indexes = [kept[name] for name in current if name in kept and kept[name].version_id == current[name].id]
            snapshot = self._snapshot(Screener(indexes))
            self._loaded = snapshot  # one assignment: new requests see the new snapshot, old ones keep theirs
            settle(old_frozen=True)
            self.update_error = None
            self._waiting.clear()
            seqs = {v.id: v.seq for v in current.values()}
            changes = (
                ", ".join(f"{i.list_name} version {seqs.get(i.version_id, '?')}" for i in fresh) or "lists removed"
            )
            logger.info("now serving %s", changes)
            return True

    def _open(self, version: VersionInfo) -> ListIndex | None:
        """The version's index, probed; None (and the reason recorded) when it cannot be served yet."""
        path = index_path(self.store, version)
        label = f"{version.list} version {version.seq}"
        if not path.exists():
            first = self._waiting.setdefault(version.id, time.monotonic())
            waited = time.monotonic() - first
            if self.store.dialect == "postgresql" and waited >= PG_BUILD_AFTER_SECONDS:
                try:
                    build_version_index(self.store, version, workers=1)
                except Exception as exc:  # keep serving the previous version: say why
                    self._fail((version.id, None), f"cannot build the index of {label}: {exc}")
                    return None
                return self._open(version)
            if waited < INDEX_GRACE_SECONDS:
                self.update_error = f"waiting for the index of {label} (being built by the import)"
                return None
            self._fail((version.id, None), f"the index of {label} was never built ({path} is missing)")
            return None
        stat = path.stat()
        mark: tuple[object, ...] = (version.id, stat.st_mtime_ns, stat.st_size)
        if mark in self._failed:
            self.update_error = self._failed[mark]  # the same broken file: already logged
            return None
        try:
            index = ListIndex.load(path)
            if index.list_name != version.list or index.version_id != version.id:
                raise ValueError(f"it holds {index.list_name} version id {index.version_id}")
            load_symbol_table(index.symbol_table)
            Screener([index]).screen(_PROBE, threshold=1.0, limit=1)
        except Exception as exc:  # any failure keeps the old snapshot: say why, never stop serving
            self._fail(mark, f"cannot load the index of {label}: {exc}")
            return None
        return index

    def _fail(self, mark: tuple[object, ...], message: str) -> None:
        message += "; still serving the previous version"
        if mark not in self._failed:
            logger.error("list update not served: %s", message)
        self._failed[mark] = message
        self.update_error = message

    def status(self) -> dict[str, Any]:
        """Readiness in detail: ``ok``, ``updating`` (a new index is awaited) or ``stale`` (an update failed)."""
        if self._loaded is None:
            return {"status": "loading", "detail": "Index not ready."}
        if not self._loaded.screener.indexes:
            return {"status": "empty", "detail": no_lists_message(self.store)}
        error = self.update_error
        state = "ok" if error is None else ("updating" if error.startswith("waiting") else "stale")
        versions = {name: info.current.seq for name, info in self._loaded.catalog.lists.items() if info.current}
        return {"status": state, "detail": error, "lists": versions, "since": self._loaded.loaded_at}

    def missing_indexes(self) -> list[str]:
        """Current list versions of the store whose index file is missing (``us_ofac_sdn version 4``)."""
        return [
            f"{info.name} version {info.current.seq}"
            for info in self.store.view().lists()
            if info.current is not None and not index_path(self.store, info.current).exists()
        ]

    def start_watching(self) -> None:
        """Check for new list versions every ``config.reload_seconds`` in a background thread (0: never)."""
        if self.config.reload_seconds <= 0 or self._watcher is not None:
            return
        self._stop.clear()
        self._watcher = threading.Thread(target=self._watch, name="embargo-reload", daemon=True)
        self._watcher.start()

    def stop_watching(self) -> None:
        """Stop the background check (at shutdown)."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=10)
            self._watcher = None

    def _watch(self) -> None:
        while not self._stop.wait(self.config.reload_seconds):
            try:
                if self.refresh():
                    self.texts.prepare(self.loaded.screener)
            except Exception:  # a store that cannot be read now may be readable at the next check
                logger.exception("checking for new list versions failed")
