"""Audit checkpoints: the chain head, authenticated with a key kept outside the database.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10

The hash chain of ``audit_log`` shows where a record was changed, but not
that the newest records were removed, nor that the whole chain was rewritten
forward from an edit: whoever can write the table can also recompute every
hash. ``audit_checkpoints`` keeps the head of the chain (``seq``, ``hash``)
as it was at a moment, with a MAC or signature made with a key the database
never sees (``embargo.audit.checkpoint``). One row per checkpointed seq;
like the audit log, the table refuses ``UPDATE`` and ``DELETE`` (and, on
PostgreSQL, ``TRUNCATE``) by trigger.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_SQLITE = [
    """CREATE TABLE IF NOT EXISTS audit_checkpoints (
    seq INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    at TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    key_id TEXT NOT NULL,
    mac TEXT NOT NULL
)""",
    """CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'the audit checkpoints are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'the audit checkpoints are append-only'); END""",
]

_POSTGRESQL = [
    """CREATE TABLE audit_checkpoints (
    seq BIGINT PRIMARY KEY,
    hash TEXT NOT NULL,
    at TEXT COLLATE "C" NOT NULL,
    algorithm TEXT NOT NULL,
    key_id TEXT NOT NULL,
    mac TEXT NOT NULL
)""",
    """CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit checkpoints are append-only' USING ERRCODE = 'integrity_constraint_violation';
END
$$""",
    """CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only()""",
    """CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only()""",
]


def upgrade() -> None:
    """Create the checkpoint table and its append-only guard."""
    bind = op.get_bind()
    for statement in _POSTGRESQL if bind.dialect.name == "postgresql" else _SQLITE:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Drop the checkpoint table (and, on PostgreSQL, its trigger function)."""
    bind = op.get_bind()
    bind.exec_driver_sql("DROP TABLE IF EXISTS audit_checkpoints")
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS audit_checkpoints_append_only()")
