"""Ownership: datasets of ownership and control links, versioned like lists, and the computed verdicts.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

``ownership_versions`` has one row per import of an ownership dataset (a
register extract, a BODS file, a list's own relationships), numbered per
dataset like a list's versions; the newest is the current one.
``ownership_nodes`` and ``ownership_links`` hold each version's parties and
links whole (a diff compares two versions). ``ownership_matches`` ties the
parties of the current versions to listed entities (how, and how sure), and
``ownership_results`` holds the last computation: the entities blocked or
possibly blocked under each rule, with their chains. Both are replaced in
one transaction, so a computation killed half-way leaves the previous one.
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLLATE = {"sqlite": "", "postgresql": ' COLLATE "C"'}

TABLES = ("ownership_results", "ownership_matches", "ownership_links", "ownership_nodes", "ownership_versions")


def _statements(dialect: str) -> list[str]:
    c = _COLLATE.get(dialect, "")
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT" if dialect == "sqlite" else "BIGSERIAL PRIMARY KEY"
    return [
        f"""CREATE TABLE ownership_versions (
    id {serial},
    dataset TEXT{c} NOT NULL,
    seq INTEGER NOT NULL,
    format TEXT{c} NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT{c} NOT NULL,
    imported_at TEXT{c} NOT NULL,
    parties INTEGER NOT NULL,
    links INTEGER NOT NULL,
    UNIQUE (dataset, seq)
)""",
        f"""CREATE TABLE ownership_nodes (
    version_id INTEGER NOT NULL REFERENCES ownership_versions(id),
    node_id TEXT{c} NOT NULL,
    caption TEXT NOT NULL,
    schema TEXT{c} NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (version_id, node_id)
)""",
        f"""CREATE TABLE ownership_links (
    version_id INTEGER NOT NULL REFERENCES ownership_versions(id),
    kind TEXT{c} NOT NULL CHECK (kind IN ('ownership', 'control')),
    owner TEXT{c} NOT NULL,
    asset TEXT{c} NOT NULL,
    low REAL,
    high REAL,
    start_date TEXT{c},
    end_date TEXT{c},
    role TEXT NOT NULL,
    source TEXT NOT NULL
)""",
        "CREATE INDEX ownership_links_version ON ownership_links(version_id)",
        f"""CREATE TABLE ownership_matches (
    dataset TEXT{c} NOT NULL,
    node_id TEXT{c} NOT NULL,
    entity_id TEXT{c} NOT NULL,
    method TEXT{c} NOT NULL,
    confidence REAL NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (dataset, node_id, entity_id)
)""",
        f"""CREATE TABLE ownership_results (
    rule TEXT{c} NOT NULL,
    node TEXT{c} NOT NULL,
    status TEXT{c} NOT NULL,
    low REAL NOT NULL,
    high REAL NOT NULL,
    caption TEXT NOT NULL,
    chain TEXT NOT NULL,
    PRIMARY KEY (rule, node)
)""",
        "CREATE INDEX ownership_results_node ON ownership_results(node)",
    ]


def upgrade() -> None:
    """Create the ownership tables (empty: ``embargo ownership import`` fills them)."""
    bind = op.get_bind()
    for statement in _statements(bind.dialect.name):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Drop the ownership tables."""
    bind = op.get_bind()
    for table in TABLES:
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
