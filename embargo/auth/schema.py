"""The ``api_keys`` table, kept in the store's SQLite file beside the lists.

Only a SHA-256 of each key is stored: keys are 32 random bytes, so a plain
hash cannot be reversed by guessing, and a copy of the database does not
give anyone access. ``hint`` keeps the first characters of the key so a
person can tell their keys apart in ``embargo keys list``.
"""

from __future__ import annotations

import sqlite3

__all__ = ["KEYS_SCHEMA", "ensure_keys_table"]

KEYS_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('screen', 'review', 'approve', 'admin')),
    key_hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    rate_per_minute INTEGER,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
"""

_COLUMNS = "id, name, role, key_hash, hint, rate_per_minute, created_at, revoked_at"


def ensure_keys_table(conn: sqlite3.Connection) -> None:
    """Create the table if this store has none yet, or widen an older one's role check (idempotent).

    Stores made before the ``approve`` role have a CHECK that refuses it; SQLite
    cannot alter a CHECK, so the table is copied into one with the new check,
    in one transaction (keys and their hashes unchanged).
    """
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'api_keys'").fetchone()
    if row is not None and "'approve'" not in str(row[0]):
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("ALTER TABLE api_keys RENAME TO api_keys_old")
            conn.execute(KEYS_SCHEMA)
            conn.execute(f"INSERT INTO api_keys ({_COLUMNS}) SELECT {_COLUMNS} FROM api_keys_old")
            conn.execute("DROP TABLE api_keys_old")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return
    conn.execute(KEYS_SCHEMA)
