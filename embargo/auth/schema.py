"""The ``api_keys`` table, kept in the store beside the lists (made by its migrations).

Only a SHA-256 of each key is stored: keys are 32 random bytes, so a plain
hash cannot be reversed by guessing, and a copy of the database does not
give anyone access. ``hint`` keeps the first characters of the key so a
person can tell their keys apart in ``embargo keys list``.
"""

from __future__ import annotations

from embargo.store.connection import Connection

__all__ = ["ensure_keys_table"]


def ensure_keys_table(conn: Connection) -> None:
    """Nothing to do: the store's migrations make the table when it opens (kept for callers)."""
