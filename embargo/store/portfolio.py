"""The portfolio's records: its versions (``portfolio_versions``), its customers and what each version changed.

Every function runs on the caller's connection: a write inside the caller's
transaction (:meth:`~embargo.store.Store.transaction`, with its audit
record), a read on a reading connection. Customers are kept as the canonical
JSON monitoring made of them; this module does not read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from embargo.store.connection import Connection
from embargo.store.rows import Record

__all__ = [
    "PortfolioVersion",
    "changed_since",
    "customer_data",
    "delete_customers",
    "fingerprints",
    "insert_changes",
    "insert_version",
    "latest_version",
    "upsert_customers",
    "versions",
]

#: Ids per ``IN (...)`` query (well below either backend's limit on parameters).
_BATCH = 500


@dataclass(frozen=True, slots=True)
class PortfolioVersion(Record):
    """One load of the portfolio (a ``portfolio_versions`` row)."""

    id: int
    loaded_at: str
    actor: str
    source: str
    mode: str
    customers: int
    added: int
    changed: int
    removed: int


def insert_version(
    conn: Connection,
    loaded_at: str,
    actor: str,
    source: str,
    mode: str,
    customers: int,
    added: int,
    changed: int,
    removed: int,
) -> int:
    """Record a new version with its counts; returns its id."""
    cur = conn.execute(
        "INSERT INTO portfolio_versions (loaded_at, actor, source, mode, customers, added, changed, removed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (loaded_at, actor, source, mode, customers, added, changed, removed),
    )
    return int(cur.fetchone()[0])


def latest_version(conn: Connection) -> PortfolioVersion | None:
    """The newest version, or None before the first load."""
    row = conn.execute("SELECT * FROM portfolio_versions ORDER BY id DESC LIMIT 1").fetchone()
    return PortfolioVersion.from_row(row) if row else None


def versions(conn: Connection) -> list[PortfolioVersion]:
    """Every version, oldest first."""
    return [PortfolioVersion.from_row(r) for r in conn.execute("SELECT * FROM portfolio_versions ORDER BY id")]


def fingerprints(conn: Connection) -> dict[str, str]:
    """Customer id to fingerprint, for every customer watched now."""
    return {r[0]: r[1] for r in conn.execute("SELECT id, fingerprint FROM customers")}


def upsert_customers(conn: Connection, version_id: int, customers: Iterable[tuple[str, str, str]]) -> None:
    """Add or replace customers, given as (id, canonical JSON, fingerprint), as of ``version_id``."""
    conn.executemany(
        "INSERT INTO customers (id, data, fingerprint, version_id) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET data = excluded.data, fingerprint = excluded.fingerprint, "
        "version_id = excluded.version_id",
        [(cid, data, fp, version_id) for cid, data, fp in customers],
    )


def delete_customers(conn: Connection, ids: Iterable[str]) -> None:
    """Stop keeping these customers."""
    conn.executemany("DELETE FROM customers WHERE id = ?", [(cid,) for cid in ids])


def insert_changes(conn: Connection, version_id: int, changes: Iterable[tuple[str, str, str | None]]) -> None:
    """Record what a version did to each customer: (id, ``added``/``changed``/``removed``, new fingerprint)."""
    conn.executemany(
        "INSERT INTO customer_changes (version_id, customer_id, status, fingerprint) VALUES (?, ?, ?, ?)",
        [(version_id, *c) for c in changes],
    )


def customer_data(conn: Connection, ids: Iterable[str] | None = None) -> Iterator[str]:
    """The stored JSON of customers by id (unknown ids are skipped), or of all of them in id order."""
    if ids is None:
        for row in conn.execute("SELECT data FROM customers ORDER BY id"):
            yield row[0]
        return
    batch = list(ids)
    for i in range(0, len(batch), _BATCH):
        part = batch[i : i + _BATCH]
        marks = ",".join("?" * len(part))
        for row in conn.execute(f"SELECT data FROM customers WHERE id IN ({marks})", part):
            yield row[0]


def changed_since(conn: Connection, version_id: int) -> set[str]:
    """Customers added or changed after ``version_id`` and still in the portfolio."""
    rows = conn.execute(
        "SELECT DISTINCT cc.customer_id FROM customer_changes cc JOIN customers c ON c.id = cc.customer_id "
        "WHERE cc.version_id > ? AND cc.status != 'removed'",
        (version_id,),
    )
    return {r[0] for r in rows}
