"""Payments: held messages as alerts, and the hits analysts released.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

``alerts.kind`` tells a customer's alert (a monitoring run's) from a held
payment message's (``payment``), whose decisions are ``release`` and
``reject``. ``payment_messages`` keeps each held message whole: the message
as received, its verdict with every hit, and the party and listed-entry
fingerprints of each hit. ``payment_releases`` remembers, per (party, what
it met), the listed entry's fingerprint when an analyst released it: the
same party meeting the same unchanged entry does not hold a message again.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_COLLATE = {"sqlite": "", "postgresql": ' COLLATE "C"'}

TABLES = ("payment_releases", "payment_messages")


def _statements(dialect: str) -> list[str]:
    c = _COLLATE.get(dialect, "")
    big = "INTEGER" if dialect == "sqlite" else "BIGINT"
    return [
        f"ALTER TABLE alerts ADD COLUMN kind TEXT{c} NOT NULL DEFAULT 'customer'",
        f"""CREATE TABLE payment_messages (
    alert_id {big} PRIMARY KEY REFERENCES alerts(id),
    digest TEXT{c} NOT NULL,
    type TEXT{c} NOT NULL,
    message_id TEXT NOT NULL,
    source TEXT NOT NULL,
    received_at TEXT{c} NOT NULL,
    verdict TEXT NOT NULL,
    raw TEXT NOT NULL
)""",
        "CREATE INDEX payment_messages_digest ON payment_messages(digest)",
        f"""CREATE TABLE payment_releases (
    party_key TEXT{c} NOT NULL,
    target TEXT{c} NOT NULL,
    entity_fingerprint TEXT{c} NOT NULL,
    alert_id {big} NOT NULL REFERENCES alerts(id),
    released_at TEXT{c} NOT NULL,
    released_by TEXT NOT NULL,
    PRIMARY KEY (party_key, target)
)""",
    ]


def upgrade() -> None:
    """Add the alert kind and the payment tables (empty until a message is held)."""
    bind = op.get_bind()
    for statement in _statements(bind.dialect.name):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Drop the payment tables and the alert kind."""
    bind = op.get_bind()
    for table in TABLES:
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    bind.exec_driver_sql("ALTER TABLE alerts DROP COLUMN kind")
