"""The alert queue in SQL: each alert's programs in a table, and an index in queue order.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

The analysts' queue filters alerts by status, list, score band, program,
assignee and waiting approval, highest score first. Programs were only in
each alert's entity snapshot (JSON), so filtering by program meant reading
every alert. ``alert_programs`` holds them as rows; existing alerts are
filled from their snapshots here, in the migration's transaction, with the
rule the code uses when it raises an alert (the program is what comes before
the first ":" of a designation, as ``"BELARUS: asset_freeze"``).
"""

from __future__ import annotations

import json

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SQLITE = [
    """CREATE TABLE IF NOT EXISTS alert_programs (
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    program TEXT NOT NULL,
    PRIMARY KEY (alert_id, program)
) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS alert_programs_program ON alert_programs(program, alert_id)",
    "CREATE INDEX IF NOT EXISTS alerts_queue ON alerts(status, score DESC, created_at, id)",
]

_POSTGRESQL = [
    """CREATE TABLE alert_programs (
    alert_id BIGINT NOT NULL REFERENCES alerts(id),
    program TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (alert_id, program)
)""",
    "CREATE INDEX alert_programs_program ON alert_programs(program, alert_id)",
    "CREATE INDEX alerts_queue ON alerts(status, score DESC, created_at, id)",
]


def _programs(entity_data: str) -> set[str]:
    designations = json.loads(entity_data).get("designations") or []
    return {str(d).split(":", 1)[0].strip() for d in designations} - {""}


def upgrade() -> None:
    """Create the table and index, and fill the table from the alerts already stored."""
    bind = op.get_bind()
    for statement in _POSTGRESQL if bind.dialect.name == "postgresql" else _SQLITE:
        bind.exec_driver_sql(statement)
    rows = bind.exec_driver_sql("SELECT id, entity_data FROM alerts").fetchall()
    pairs = [(int(alert_id), program) for alert_id, data in rows for program in sorted(_programs(data))]
    mark = "%s" if bind.dialect.name == "postgresql" else "?"
    if pairs:
        bind.exec_driver_sql(f"INSERT INTO alert_programs (alert_id, program) VALUES ({mark}, {mark})", pairs)


def downgrade() -> None:
    """Drop the table and the index."""
    bind = op.get_bind()
    bind.exec_driver_sql("DROP INDEX IF EXISTS alerts_queue")
    bind.exec_driver_sql("DROP TABLE IF EXISTS alert_programs")
