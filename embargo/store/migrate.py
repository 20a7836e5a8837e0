"""Schema migrations (alembic), for SQLite and PostgreSQL stores alike.

The schema lives in ``embargo/store/migrations/versions/``, one revision per
change, each written for both dialects. :class:`~embargo.store.Store` brings
a database to :data:`HEAD` when it opens it; the check is one query on the
``alembic_version`` table, so alembic and SQLAlchemy are imported only when a
migration actually runs (a new store, or one made by an older embargo).
Stores made before migrations existed are brought under them by revision
0001, whose SQLite statements all say ``IF NOT EXISTS``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from embargo.errors import StoreError
from embargo.store.connection import Connection, DbError

if TYPE_CHECKING:
    from alembic.config import Config

    from embargo.store.store import Store

__all__ = ["HEAD", "MIGRATE_LOCK", "REVISIONS", "current_revision", "ensure_head", "upgrade"]

#: Every revision, oldest first; the last is the one this code needs.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD = REVISIONS[-1]
#: ``pg_advisory_xact_lock(class, id)`` held while a PostgreSQL store is migrated.
MIGRATE_LOCK = (0x656D62, 2)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# alembic keeps the running migration's context in a module global: one migration at a time per process
# (processes are kept apart by the database's own lock, see migrations/env.py).
_RUNNING = threading.Lock()


def current_revision(conn: Connection) -> str | None:
    """The revision a database is at (``None``: not under migrations yet)."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except DbError:
        return None
    return str(row[0]) if row else None


def _config(store: Store) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if store.dialect == "postgresql":
        url = "postgresql+psycopg://" + store.url.split("://", 1)[1]
    else:
        url = f"sqlite:///{store.path}"
    # alembic's config is an INI file: a literal % must be doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(store: Store, revision: str = "head") -> None:
    """Migrate the store's database to ``revision`` (one transaction; concurrent openers wait).

    Raises:
        StoreError: the migration failed; the database is left as it was.
    """
    from alembic import command

    try:
        with _RUNNING:
            command.upgrade(_config(store), revision)
    except Exception as exc:
        raise StoreError(f"cannot migrate the store {store.name} to schema {revision}: {exc}") from exc


def ensure_head(store: Store, conn: Connection) -> None:
    """Bring a store just opened on ``conn`` to :data:`HEAD`; fail for one made by a newer embargo."""
    revision = current_revision(conn)
    if revision == HEAD:
        return
    if revision is not None and revision not in REVISIONS:
        raise StoreError(f"store {store.name} was made by a newer embargo (schema {revision}); upgrade embargo")
    upgrade(store)
