"""Cases: the alerts of one customer on one party, reviewed and decided together.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

``cases`` has one row per (customer, party) that ever had an alert; each
alert names its case (``alerts.case_id``). A party is the store's party of
the alert's entity (``party_members``), or the entity itself when it is a
party alone; alerts raised before this revision are put in the case of
their customer and their entity's party as the store has it now.
"""

from __future__ import annotations

from typing import Any

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLLATE = {"sqlite": "", "postgresql": ' COLLATE "C"'}


def _has_column(bind: Any, dialect: str, table: str, column: str) -> bool:
    if dialect == "sqlite":
        return any(row[1] == column for row in bind.exec_driver_sql(f"PRAGMA table_info({table})").fetchall())
    found = bind.exec_driver_sql(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", (table, column)
    ).fetchone()
    return found is not None


def upgrade() -> None:
    """Create the cases and give every alert its case."""
    bind = op.get_bind()
    dialect = bind.dialect.name
    c = _COLLATE.get(dialect, "")
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT" if dialect == "sqlite" else "BIGSERIAL PRIMARY KEY"
    bigint = "INTEGER" if dialect == "sqlite" else "BIGINT"
    bind.exec_driver_sql(
        f"""CREATE TABLE IF NOT EXISTS cases (
    id {serial},
    customer_id TEXT{c} NOT NULL,
    party_id TEXT{c} NOT NULL,
    created_at TEXT{c} NOT NULL,
    UNIQUE (customer_id, party_id)
)"""
    )
    if not _has_column(bind, dialect, "alerts", "case_id"):  # a SQLite store downgraded keeps its column
        bind.exec_driver_sql(f"ALTER TABLE alerts ADD COLUMN case_id {bigint} REFERENCES cases(id)")
    bind.exec_driver_sql("CREATE INDEX IF NOT EXISTS alerts_case ON alerts(case_id)")
    party = "COALESCE((SELECT m.party_id FROM party_members m WHERE m.entity_id = a.entity_id), a.entity_id)"
    bind.exec_driver_sql(
        f"INSERT INTO cases (customer_id, party_id, created_at) "
        f"SELECT customer_id, party, MIN(created_at) FROM ("
        f"SELECT a.customer_id AS customer_id, {party} AS party, a.created_at AS created_at FROM alerts a) t "
        f"GROUP BY customer_id, party ORDER BY MIN(created_at), customer_id, party"
    )
    bind.exec_driver_sql(
        "UPDATE alerts SET case_id = (SELECT k.id FROM cases k WHERE k.customer_id = alerts.customer_id "
        "AND k.party_id = COALESCE((SELECT m.party_id FROM party_members m WHERE m.entity_id = alerts.entity_id), "
        "alerts.entity_id))"
    )


def downgrade() -> None:
    """Drop the cases (the column stays on SQLite: dropping columns is not portable to older SQLite)."""
    bind = op.get_bind()
    bind.exec_driver_sql("DROP INDEX IF EXISTS alerts_case")
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("ALTER TABLE alerts DROP COLUMN IF EXISTS case_id")
    bind.exec_driver_sql("DROP TABLE IF EXISTS cases")
