"""The portfolio: the customers to watch, kept as versions like the lists.

``load`` reads a customer file (CSV or Parquet, the columns of batch
screening). A full load makes the file the whole portfolio: customers not in
it are removed; ``partial=True`` only adds and changes. Each load that
changes anything is a new version recording which customers were added,
changed (their fingerprint differs) or removed, written in one transaction
with its audit record. After the commit the portfolio's name index (the same
:class:`~embargo.index.ListIndex` as a list's, over customer names) is
rebuilt, so monitoring can find which customers a new designation may touch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from embargo.audit import append
from embargo.errors import NotFoundError, StoreError
from embargo.index import ListIndex, build_index, index_dir
from embargo.monitor._clock import default_actor, now
from embargo.monitor.customers import Customer, read_customers
from embargo.store import Store
from embargo.store import portfolio as records
from embargo.store.portfolio import PortfolioVersion

__all__ = ["LoadResult", "Portfolio", "PortfolioVersion"]

#: Changed ids written into the audit record itself (beyond this, their digest only).
_AUDIT_IDS = 1000


@dataclass(slots=True)
class LoadResult:
    """What a load did: a new version, or ``unchanged``."""

    status: str
    version: PortfolioVersion | None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: customers of the file with values that could not be read, as ``id: field 'value': reason``
    unreadable: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (ids: the first 100 of each)."""
        return {
            "status": self.status,
            "version": self.version.to_dict() if self.version else None,
            "added": self.added[:100],
            "changed": self.changed[:100],
            "removed": self.removed[:100],
            "unreadable_customers": len(self.unreadable),
            "first_unreadable": self.unreadable[:100],
        }


def _digest(rows: Iterable[tuple[str, str, str | None]]) -> str:
    h = hashlib.sha256()
    for cid, status, fp in sorted(rows):
        h.update(f"{cid}\t{status}\t{fp or ''}\n".encode())
    return h.hexdigest()


class Portfolio:
    """The customers of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load(
        self, path: Path, *, partial: bool = False, actor: str | None = None, source: str | None = None
    ) -> LoadResult:
        """Read a customer file as the portfolio (or, ``partial``, as additions and changes).

        ``source`` is what the version records as its origin (default: the file's path).

        Raises:
            SourceError: the file cannot be read (nothing is stored).
            LockedError: another process is writing to the store.
        """
        incoming = {c.id: c for c in read_customers(Path(path))}
        mode = "partial" if partial else "full"
        result = self._apply(incoming, [] if partial else None, source or str(path), mode, actor)
        result.unreadable = [
            f"{c.id}: " + "; ".join(str(u) for u in c.unreadable) for c in incoming.values() if c.unreadable
        ]
        return result

    def remove(self, ids: Iterable[str], *, actor: str | None = None) -> LoadResult:
        """Stop watching the given customers (unknown ids are an error)."""
        wanted = list(dict.fromkeys(ids))
        known = self.fingerprints()
        missing = [i for i in wanted if i not in known]
        if missing:
            raise NotFoundError(f"no customer with id {', '.join(map(repr, missing[:5]))} in the portfolio")
        return self._apply({}, wanted, "remove", "remove", actor)

    def _apply(
        self, incoming: dict[str, Customer], removing: list[str] | None, source: str, mode: str, actor: str | None
    ) -> LoadResult:
        who = actor or default_actor()
        with self.store.transaction() as conn:
            old = records.fingerprints(conn)
            added = [cid for cid in incoming if cid not in old]
            changed = [cid for cid, c in incoming.items() if cid in old and old[cid] != c.fingerprint]
            if removing is None:
                removed = [cid for cid in old if cid not in incoming]
            else:
                removed = [cid for cid in removing if cid in old]
            if not (added or changed or removed):
                return LoadResult("unchanged", records.latest_version(conn))
            at = now()
            total = len(old) + len(added) - len(removed)
            vid = records.insert_version(conn, at, who, source, mode, total, len(added), len(changed), len(removed))
            upserts = [incoming[cid] for cid in added + changed]
            records.upsert_customers(conn, vid, [(c.id, c.to_json(), c.fingerprint) for c in upserts])
            records.delete_customers(conn, removed)
            changes = (
                [(cid, "added", incoming[cid].fingerprint) for cid in added]
                + [(cid, "changed", incoming[cid].fingerprint) for cid in changed]
                + [(cid, "removed", None) for cid in removed]
            )
            records.insert_changes(conn, vid, changes)
            payload: dict[str, Any] = {
                "portfolio_version": vid,
                "source": source,
                "mode": mode,
                "customers": total,
                "added": len(added),
                "changed": len(changed),
                "removed": len(removed),
                "changes_sha256": _digest(changes),
            }
            if len(changes) <= _AUDIT_IDS:
                payload["changes"] = [{"id": c[0], "status": c[1]} for c in changes]
            append(conn, who, "portfolio.load", payload, at=at)
            version = PortfolioVersion(vid, at, who, source, mode, total, len(added), len(changed), len(removed))
        self.build_index(version.id)
        return LoadResult("loaded", version, added, changed, removed)

    def current(self) -> PortfolioVersion | None:
        """The newest version, or None before the first load."""
        with self.store.reading("the portfolio") as conn:
            return records.latest_version(conn)

    def versions(self) -> list[PortfolioVersion]:
        """Every version, oldest first."""
        with self.store.reading("the portfolio") as conn:
            return records.versions(conn)

    def fingerprints(self) -> dict[str, str]:
        """Customer id to fingerprint, for every customer watched now."""
        with self.store.reading("the portfolio") as conn:
            return records.fingerprints(conn)

    def customers(self, ids: Iterable[str] | None = None) -> Iterator[Customer]:
        """Customers by id (unknown ids are skipped), or all of them in id order."""
        with self.store.reading("the portfolio") as conn:
            for data in records.customer_data(conn, ids):
                yield Customer.from_json(data)

    def changed_since(self, version_id: int) -> set[str]:
        """Customers added or changed after ``version_id`` and still in the portfolio."""
        with self.store.reading("the portfolio") as conn:
            return records.changed_since(conn, version_id)

    def index_path(self, version_id: int) -> Path:
        """Where the name index of a portfolio version is kept."""
        return index_dir(self.store) / f"portfolio-p{version_id}.idx"

    def build_index(self, version_id: int) -> ListIndex:
        """Index every customer's names (for the version just committed) and drop older portfolio indexes."""
        index = build_index("portfolio", version_id, (c.to_entity() for c in self.customers()))
        path = self.index_path(version_id)
        index.save(path)
        for old in path.parent.glob("portfolio-p*.idx"):
            if old != path:
                old.unlink(missing_ok=True)
        return index

    def index(self) -> ListIndex:
        """The name index of the current version (built now if missing or from another embargo)."""
        version = self.current()
        if version is None:
            raise NotFoundError("the portfolio is empty: load customers first (embargo portfolio load FILE)")
        path = self.index_path(version.id)
        if path.exists():
            try:
                return ListIndex.load(path)
            except StoreError:  # from another embargo, or broken: rebuilt, never trusted
                pass
        return self.build_index(version.id)
