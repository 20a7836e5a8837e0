"""Versions that are stored without becoming current, a current-version pointer, per-list guard policies.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Until now the current version of a list was its newest one. An import that
shrinks a list sharply, or that is older than the current file, is now kept
as a *held* version that is not served until someone accepts it; and an
operator can roll a list back to an earlier version without re-importing.
So the current version becomes a pointer, ``lists.current_version``, set
here to each list's newest version (nothing served changes), and each
version gets a ``state``:

- ``accepted``: passed the guard (or was accepted by hand); it is, or was, current.
- ``held``: stored, never served, waiting for a decision (``hold_reason`` says why).
- ``withdrawn``: was current, and a rollback went back past it; a file with
  the same content is held again rather than silently made current.

``list_policies`` holds the per-list guard settings that override the
defaults (largest share of entities a new version may remove, smallest
number of entities a version must have).
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COMMON = [
    "ALTER TABLE versions ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'",
    "ALTER TABLE versions ADD COLUMN hold_reason TEXT",
    "ALTER TABLE lists ADD COLUMN current_version INTEGER",
    "UPDATE lists SET current_version = (SELECT v.id FROM versions v WHERE v.list = lists.name "
    "ORDER BY v.seq DESC LIMIT 1)",
]

_SQLITE = """CREATE TABLE IF NOT EXISTS list_policies (
    list TEXT PRIMARY KEY,
    max_shrink REAL,
    min_entities INTEGER,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
)"""

_POSTGRESQL = """CREATE TABLE list_policies (
    list TEXT COLLATE "C" PRIMARY KEY,
    max_shrink DOUBLE PRECISION,
    min_entities INTEGER,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
)"""


def upgrade() -> None:
    """Add the columns and the policy table; point every list at its newest version."""
    bind = op.get_bind()
    for statement in _COMMON:
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql(_POSTGRESQL if bind.dialect.name == "postgresql" else _SQLITE)


def downgrade() -> None:
    """Drop the policy table and the columns (held versions become ordinary ones)."""
    bind = op.get_bind()
    bind.exec_driver_sql("DROP TABLE IF EXISTS list_policies")
    bind.exec_driver_sql("ALTER TABLE lists DROP COLUMN current_version")
    bind.exec_driver_sql("ALTER TABLE versions DROP COLUMN hold_reason")
    bind.exec_driver_sql("ALTER TABLE versions DROP COLUMN state")
