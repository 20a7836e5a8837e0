"""Alembic's entry point for embargo's store: runs the migrations on the database :mod:`embargo.store.migrate` names.

Two processes opening the same store at once must not both migrate it: on
SQLite the migration runs in a ``BEGIN IMMEDIATE`` transaction, on PostgreSQL
it first takes an advisory lock; either way the second one reads the version
after the first has committed and has nothing left to do.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.pool import NullPool

from embargo.store.migrate import MIGRATE_LOCK


def run() -> None:
    """Migrate the database at the configured URL to the requested revision."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 5} if sqlite else {})
    if sqlite:
        # pysqlite begins transactions lazily and never before DDL (the SQLAlchemy recipe for SQLite):
        # begin them ourselves, taking the store's write lock.
        @event.listens_for(engine, "connect")
        def _connect(dbapi: Any, record: Any) -> None:
            dbapi.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.connect() as conn:
            context.configure(connection=conn, transactional_ddl=True)
            with context.begin_transaction():
                if not sqlite:
                    lock = {"a": MIGRATE_LOCK[0], "b": MIGRATE_LOCK[1]}
                    conn.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), lock)
                context.run_migrations()
    finally:
        engine.dispose()


run()
