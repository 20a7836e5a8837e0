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
    role TEXT NOT NULL CHECK (role IN ('screen', 'review', 'admin')),
    key_hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    rate_per_minute INTEGER,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
"""


def ensure_keys_table(conn: sqlite3.Connection) -> None:
    """Create the table if this store has none yet (idempotent)."""
    conn.executescript(KEYS_SCHEMA)
