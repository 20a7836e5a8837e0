"""Parties: listed entities that are one party across lists, with the evidence that links them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

``party_members`` gives each entity of a party of two or more entities its
party id (an entity in no such row is a party alone, under its own id);
``party_links`` holds the evidence of the last resolution (a shared
identifier, a UN reference, names with one birth date, a judgement), one
row per pair of entities and kind, ``linked`` when it joined them or
``blocked`` when a judgement or conflicting facts kept them apart;
``party_judgements`` keeps every split and merge an administrator made, who
made it and why (the newest judgement on a pair is the one that counts).
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLLATE = {"sqlite": "", "postgresql": ' COLLATE "C"'}


def _statements(dialect: str) -> list[str]:
    c = _COLLATE.get(dialect, "")
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT" if dialect == "sqlite" else "BIGSERIAL PRIMARY KEY"
    return [
        f"""CREATE TABLE party_members (
    entity_id TEXT{c} PRIMARY KEY,
    party_id TEXT{c} NOT NULL,
    since TEXT{c} NOT NULL
)""",
        "CREATE INDEX party_members_party ON party_members(party_id)",
        f"""CREATE TABLE party_links (
    entity_a TEXT{c} NOT NULL,
    entity_b TEXT{c} NOT NULL,
    kind TEXT{c} NOT NULL,
    status TEXT{c} NOT NULL CHECK (status IN ('linked', 'blocked')),
    detail TEXT NOT NULL,
    PRIMARY KEY (entity_a, entity_b, kind)
)""",
        "CREATE INDEX party_links_b ON party_links(entity_b)",
        f"""CREATE TABLE party_judgements (
    id {serial},
    entity_a TEXT{c} NOT NULL,
    entity_b TEXT{c} NOT NULL,
    judgement TEXT{c} NOT NULL CHECK (judgement IN ('same', 'different')),
    decided_by TEXT NOT NULL,
    decided_by_id TEXT{c},
    reason TEXT NOT NULL,
    decided_at TEXT{c} NOT NULL
)""",
        "CREATE INDEX party_judgements_pair ON party_judgements(entity_a, entity_b)",
    ]


def upgrade() -> None:
    """Create the party tables (empty: the next import or ``embargo parties resolve`` fills them)."""
    bind = op.get_bind()
    for statement in _statements(bind.dialect.name):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Drop the party tables."""
    bind = op.get_bind()
    for table in ("party_judgements", "party_links", "party_members"):
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
