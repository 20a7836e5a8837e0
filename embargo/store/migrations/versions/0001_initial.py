"""The schema of embargo 0.1: lists and versions, monitoring, the audit log, API keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

On SQLite every statement is ``IF NOT EXISTS`` and matches what earlier
embargo releases created on the fly, so a store made before migrations
existed is brought under them by running this revision: nothing in it
changes. On PostgreSQL the same tables are written in its dialect: identity
columns for SQLite's ``AUTOINCREMENT``, ``DOUBLE PRECISION`` for ``REAL``,
binary ``COLLATE "C"`` text so ``ORDER BY`` sorts as SQLite does (and the
index shards built on either backend cut at the same entities), a ``rowid``
column where the code orders by SQLite's rowid, and a PL/pgSQL trigger for
the audit log's append-only guard.
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE = """
CREATE TABLE IF NOT EXISTS lists (
    name TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    authority TEXT NOT NULL,
    format TEXT NOT NULL,
    url TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    list TEXT NOT NULL REFERENCES lists(name),
    seq INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    files TEXT NOT NULL,
    published TEXT,
    imported_at TEXT NOT NULL,
    entities INTEGER NOT NULL DEFAULT 0,
    designations INTEGER NOT NULL DEFAULT 0,
    names INTEGER NOT NULL DEFAULT 0,
    birth_dates INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    UNIQUE (list, seq)
);
CREATE TABLE IF NOT EXISTS records (
    hash TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS version_entities (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    entity_id TEXT NOT NULL,
    source_id TEXT,
    record_hash TEXT NOT NULL REFERENCES records(hash),
    PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS version_entities_entity ON version_entities(entity_id);
CREATE INDEX IF NOT EXISTS version_entities_source ON version_entities(source_id);
CREATE TABLE IF NOT EXISTS version_issues (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    location TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS version_issues_version ON version_issues(version_id);
CREATE TABLE IF NOT EXISTS monitor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS portfolio_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    loaded_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    mode TEXT NOT NULL,
    customers INTEGER NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    version_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS customer_changes (
    version_id INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    status TEXT NOT NULL,
    fingerprint TEXT,
    PRIMARY KEY (version_id, customer_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS monitor_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    mode TEXT NOT NULL,
    reason TEXT NOT NULL,
    portfolio_version INTEGER NOT NULL,
    list_versions TEXT NOT NULL,
    threshold REAL NOT NULL,
    hit_limit INTEGER NOT NULL,
    algorithm TEXT NOT NULL,
    screened INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    alerts INTEGER NOT NULL,
    seconds REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS matches (
    customer_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    list TEXT NOT NULL,
    score REAL NOT NULL,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (customer_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS matches_entity ON matches(entity_id);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    list TEXT NOT NULL,
    list_version INTEGER NOT NULL,
    list_versions TEXT NOT NULL,
    score REAL NOT NULL,
    caption TEXT NOT NULL,
    schema TEXT NOT NULL,
    matched_name TEXT NOT NULL,
    query_name TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    explanation TEXT NOT NULL,
    reason TEXT NOT NULL,
    customer_fingerprint TEXT NOT NULL,
    entity_fingerprint TEXT NOT NULL,
    customer_data TEXT NOT NULL,
    entity_data TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX IF NOT EXISTS alerts_pair ON alerts(customer_id, entity_id);
CREATE INDEX IF NOT EXISTS alerts_status ON alerts(status, created_at);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    customer_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    note TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_alert ON decisions(alert_id);
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_kind ON audit_log(kind, at);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('screen', 'review', 'admin')),
    key_hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    rate_per_minute INTEGER,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
INSERT OR IGNORE INTO monitor_meta (key, value) VALUES ('schema_version', '1');
PRAGMA user_version = 1;
"""

_POSTGRESQL = """
CREATE TABLE lists (
    name TEXT COLLATE "C" PRIMARY KEY,
    title TEXT NOT NULL,
    authority TEXT NOT NULL,
    format TEXT NOT NULL,
    url TEXT,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE versions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    list TEXT COLLATE "C" NOT NULL REFERENCES lists(name),
    seq INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    files TEXT NOT NULL,
    published TEXT,
    imported_at TEXT COLLATE "C" NOT NULL,
    entities INTEGER NOT NULL DEFAULT 0,
    designations INTEGER NOT NULL DEFAULT 0,
    names INTEGER NOT NULL DEFAULT 0,
    birth_dates INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    UNIQUE (list, seq)
);
CREATE TABLE records (
    hash TEXT COLLATE "C" PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE version_entities (
    version_id BIGINT NOT NULL REFERENCES versions(id),
    entity_id TEXT COLLATE "C" NOT NULL,
    source_id TEXT COLLATE "C",
    record_hash TEXT COLLATE "C" NOT NULL REFERENCES records(hash),
    PRIMARY KEY (version_id, entity_id)
);
CREATE INDEX version_entities_entity ON version_entities(entity_id);
CREATE INDEX version_entities_source ON version_entities(source_id);
CREATE TABLE version_issues (
    rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES versions(id),
    location TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX version_issues_version ON version_issues(version_id);
CREATE TABLE monitor_meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE portfolio_versions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    loaded_at TEXT COLLATE "C" NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    mode TEXT NOT NULL,
    customers INTEGER NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL
);
CREATE TABLE customers (
    id TEXT COLLATE "C" PRIMARY KEY,
    data TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    version_id BIGINT NOT NULL
);
CREATE TABLE customer_changes (
    version_id BIGINT NOT NULL,
    customer_id TEXT COLLATE "C" NOT NULL,
    status TEXT NOT NULL,
    fingerprint TEXT,
    PRIMARY KEY (version_id, customer_id)
);
CREATE TABLE monitor_runs (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    started_at TEXT COLLATE "C" NOT NULL,
    finished_at TEXT COLLATE "C" NOT NULL,
    actor TEXT NOT NULL,
    mode TEXT NOT NULL,
    reason TEXT NOT NULL,
    portfolio_version BIGINT NOT NULL,
    list_versions TEXT NOT NULL,
    threshold DOUBLE PRECISION NOT NULL,
    hit_limit INTEGER NOT NULL,
    algorithm TEXT NOT NULL,
    screened INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    alerts INTEGER NOT NULL,
    seconds DOUBLE PRECISION NOT NULL
);
CREATE TABLE matches (
    customer_id TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    list TEXT COLLATE "C" NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    run_id BIGINT NOT NULL,
    PRIMARY KEY (customer_id, entity_id)
);
CREATE INDEX matches_entity ON matches(entity_id);
CREATE TABLE alerts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    run_id BIGINT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    customer_id TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    list TEXT COLLATE "C" NOT NULL,
    list_version BIGINT NOT NULL,
    list_versions TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    caption TEXT COLLATE "C" NOT NULL,
    schema TEXT NOT NULL,
    matched_name TEXT NOT NULL,
    query_name TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    explanation TEXT NOT NULL,
    reason TEXT NOT NULL,
    customer_fingerprint TEXT NOT NULL,
    entity_fingerprint TEXT NOT NULL,
    customer_data TEXT NOT NULL,
    entity_data TEXT NOT NULL,
    status TEXT COLLATE "C" NOT NULL,
    decided_at TEXT COLLATE "C"
);
CREATE INDEX alerts_pair ON alerts(customer_id, entity_id);
CREATE INDEX alerts_status ON alerts(status, created_at);
CREATE TABLE decisions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    alert_id BIGINT NOT NULL REFERENCES alerts(id),
    customer_id TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    decision TEXT NOT NULL,
    note TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX decisions_alert ON decisions(alert_id);
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_kind ON audit_log(kind, at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TABLE api_keys (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('screen', 'review', 'admin')),
    key_hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    rate_per_minute INTEGER,
    created_at TEXT COLLATE "C" NOT NULL,
    revoked_at TEXT
);
INSERT INTO monitor_meta (key, value) VALUES ('schema_version', '1');
INSERT INTO monitor_meta (key, value) VALUES ('store_id', md5(random()::text || clock_timestamp()::text));
"""

# Dependents first.
_TABLES = [
    "api_keys",
    "audit_log",
    "decisions",
    "alerts",
    "matches",
    "monitor_runs",
    "customer_changes",
    "customers",
    "portfolio_versions",
    "monitor_meta",
    "version_issues",
    "version_entities",
    "records",
    "versions",
    "lists",
]


def _statements(script: str) -> list[str]:
    # A statement ends at a line ending in ";", except inside a PL/pgSQL $$ body or a SQLite
    # trigger's BEGIN ... END; (both hold semicolons of their own).
    parts: list[str] = []
    current: list[str] = []
    in_body = False
    for line in script.strip().splitlines():
        current.append(line)
        if line.count("$$") % 2:
            in_body = not in_body
        end = line.rstrip()
        sqlite_trigger = current[0].startswith("CREATE TRIGGER") and any("BEGIN" in c for c in current)
        if end.endswith(";") and not in_body and (not sqlite_trigger or end.endswith("END;")):
            parts.append("\n".join(current))
            current = []
    return parts


def upgrade() -> None:
    """Create every table (on SQLite only those missing)."""
    bind = op.get_bind()
    script = _POSTGRESQL if bind.dialect.name == "postgresql" else _SQLITE
    for statement in _statements(script):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Drop every table (the whole store: lists, monitoring, audit log and keys)."""
    bind = op.get_bind()
    for table in _TABLES:
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS audit_log_append_only()")
