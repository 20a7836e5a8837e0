"""Principals: every decision and approval names someone with a stable id, not a typed name.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

``principals`` holds the people and services that act on the store
(:mod:`embargo.auth.principals`), with a ``UNIQUE`` ``name_key`` (the name
case-folded, stripped of invisible characters and transliterated) so two of
them can never share a name. Each API key gets the principal it acts for
(``api_keys.principal_id``); decisions and four-eyes requests keep the ids of
who decided, asked and reviewed beside the names they show.

Existing keys are given principals here: keys whose names read as the same
name (``Alice`` and ``alice``) become one principal, which is the safe side
for four-eyes (they can no longer approve each other's decisions). Existing
decisions and requests get the id of the principal whose name they carry,
where there is one; the four-eyes policy, until now an environment variable,
is stored in ``monitor_meta`` from the first ``embargo four-eyes`` command on.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from alembic import op

from embargo.store.principals import name_key

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_COLLATE = {"sqlite": "", "postgresql": ' COLLATE "C"'}


def _statements(dialect: str) -> list[str]:
    c = _COLLATE.get(dialect, "")
    return [
        f"""CREATE TABLE principals (
    id TEXT{c} PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT{c} NOT NULL UNIQUE,
    local_role TEXT CHECK (local_role IS NULL OR local_role IN ('review', 'approve', 'admin')),
    created_at TEXT{c} NOT NULL
)""",
        f"ALTER TABLE api_keys ADD COLUMN principal_id TEXT{c} REFERENCES principals(id)",
        f"ALTER TABLE decisions ADD COLUMN decided_by_id TEXT{c}",
        f"ALTER TABLE decision_requests ADD COLUMN requested_by_id TEXT{c}",
        f"ALTER TABLE decision_requests ADD COLUMN reviewed_by_id TEXT{c}",
        "CREATE INDEX api_keys_principal ON api_keys(principal_id)",
    ]


def upgrade() -> None:
    """Create the principals, give each key one, and name the principals of past decisions."""
    bind = op.get_bind()
    for statement in _statements(bind.dialect.name):
        bind.exec_driver_sql(statement)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    mark = "?" if bind.dialect.name == "sqlite" else "%s"
    by_key: dict[str, str] = {}
    keys = bind.exec_driver_sql("SELECT id, name FROM api_keys ORDER BY created_at, id").fetchall()
    for key_id, name in keys:
        folded = name_key(str(name)) or str(key_id)
        principal = by_key.get(folded)
        if principal is None:
            principal = "usr_" + secrets.token_hex(4)
            by_key[folded] = principal
            bind.exec_driver_sql(
                "INSERT INTO principals (id, name, name_key, local_role, created_at) "
                f"VALUES ({mark}, {mark}, {mark}, NULL, {mark})",
                (principal, str(name), folded, now),
            )
        bind.exec_driver_sql(
            f"UPDATE api_keys SET principal_id = {mark} WHERE id = {mark}",
            (principal, key_id),
        )
    for table, name_col, id_col in (
        ("decisions", "decided_by", "decided_by_id"),
        ("decision_requests", "requested_by", "requested_by_id"),
        ("decision_requests", "reviewed_by", "reviewed_by_id"),
    ):
        names = bind.exec_driver_sql(f"SELECT DISTINCT {name_col} FROM {table} WHERE {name_col} IS NOT NULL").fetchall()
        for (name,) in names:
            principal = by_key.get(name_key(str(name)))
            if principal is not None:
                bind.exec_driver_sql(
                    f"UPDATE {table} SET {id_col} = {mark} WHERE {name_col} = {mark}", (principal, str(name))
                )


def downgrade() -> None:
    """Drop the principals (the id columns stay: dropping columns is not portable to older SQLite)."""
    bind = op.get_bind()
    bind.exec_driver_sql("DROP INDEX IF EXISTS api_keys_principal")
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("ALTER TABLE api_keys DROP COLUMN IF EXISTS principal_id")
        bind.exec_driver_sql("DROP TABLE IF EXISTS principals")
