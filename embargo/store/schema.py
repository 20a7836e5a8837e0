"""The store's tables.

Entities are kept content-addressed: ``records`` holds each distinct entity
JSON once, keyed by its hash, and ``version_entities`` says which record each
entity id had in each version. A new version of a list that changes ten
entries adds ten records, not ten thousand; a diff is a join on entity id
comparing hashes.
"""

from __future__ import annotations

__all__ = ["SCHEMA", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1

SCHEMA = """
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
"""
