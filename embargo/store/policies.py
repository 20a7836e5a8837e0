"""The ``list_policies`` table: each list's own import-guard values, where an admin set them.

What the values mean and what applies when none is stored is the import
guard's (:mod:`embargo.ingest.guard`); this module reads and writes the rows.
"""

from __future__ import annotations

from embargo.store.connection import Connection

__all__ = ["list_policy", "save_list_policy"]


def list_policy(conn: Connection, list_name: str) -> tuple[float | None, int | None] | None:
    """A list's stored ``(max_shrink, min_entities)`` (None in either: not set), or None when it has no row."""
    row = conn.execute("SELECT max_shrink, min_entities FROM list_policies WHERE list = ?", (list_name,)).fetchone()
    if row is None:
        return None
    return (None if row[0] is None else float(row[0]), None if row[1] is None else int(row[1]))


def save_list_policy(
    conn: Connection, list_name: str, max_shrink: float | None, min_entities: int | None, at: str, by: str
) -> None:
    """Store a list's values (None: not set, the default applies), replacing any it had."""
    conn.execute(
        "INSERT INTO list_policies (list, max_shrink, min_entities, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(list) DO UPDATE SET max_shrink = excluded.max_shrink, "
        "min_entities = excluded.min_entities, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        (list_name, max_shrink, min_entities, at, by),
    )
