"""Ownership data in the store: datasets versioned like lists, their diffs, and the last computation.

:mod:`embargo.ownership` reads, resolves and computes; this module keeps
what it was given. Every function runs on the caller's connection (inside
its transaction). A dataset's versions are numbered from 1; the newest is
current. The matches (ownership parties tied to listed entities) and the
results (who is blocked under which rule, with the chain) of a computation
are replaced whole by :func:`replace_computation`, in the caller's one
transaction: a computation killed before its commit leaves the previous one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from embargo.errors import NotFoundError
from embargo.store import meta
from embargo.store.connection import Connection

__all__ = [
    "COMPUTED_KEY",
    "GENERATION_KEY",
    "SUMMARY_KEY",
    "LinkDiff",
    "LinkRow",
    "MatchRow",
    "NodeRow",
    "OwnershipVersion",
    "ResultRow",
    "add_version",
    "computed_at",
    "current_versions",
    "diff_versions",
    "find_nodes",
    "generation",
    "last_summary",
    "links_of",
    "listed_by_source_id",
    "matches",
    "matches_of",
    "nodes_of",
    "replace_computation",
    "result",
    "results",
    "results_of",
    "tied_entities",
    "versions",
]

#: ``monitor_meta`` key counting the computations stored (the screening index of the results is named by it).
GENERATION_KEY = "ownership_generation"
#: ``monitor_meta`` key: when the results were last computed (UTC, ISO).
COMPUTED_KEY = "ownership_computed_at"
#: ``monitor_meta`` key: what the last computation found (JSON).
SUMMARY_KEY = "ownership_summary"


@dataclass(frozen=True, slots=True)
class OwnershipVersion:
    """One import of an ownership dataset."""

    id: int
    dataset: str
    seq: int
    format: str
    file: str
    sha256: str
    imported_at: str
    parties: int
    links: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "id": self.id,
            "dataset": self.dataset,
            "version": self.seq,
            "format": self.format,
            "file": self.file,
            "sha256": self.sha256,
            "imported_at": self.imported_at,
            "parties": self.parties,
            "links": self.links,
        }


@dataclass(frozen=True, slots=True)
class NodeRow:
    """A party of a dataset version: its id there, caption, schema and the rest as JSON-able data."""

    node_id: str
    caption: str
    schema: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LinkRow:
    """A link of a dataset version: ``ownership`` (with a share ``low``-``high``) or ``control`` (a ``role``)."""

    kind: str
    owner: str
    asset: str
    low: float | None
    high: float | None
    start: str | None
    end: str | None
    role: str
    source: str

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What one link is across versions: its kind, ends, role and start."""
        return (self.kind, self.owner, self.asset, self.role, self.start or "")

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "kind": self.kind,
            "owner": self.owner,
            "asset": self.asset,
            "share": None if self.low is None else {"low": self.low, "high": self.high},
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class LinkDiff:
    """What changed in a dataset's links from one version to another."""

    dataset: str
    old: int
    new: int
    added: list[LinkRow]
    removed: list[LinkRow]
    changed: list[tuple[LinkRow, LinkRow]]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "dataset": self.dataset,
            "from": self.old,
            "to": self.new,
            "added": [r.to_dict() for r in self.added],
            "removed": [r.to_dict() for r in self.removed],
            "changed": [{"old": a.to_dict(), "new": b.to_dict()} for a, b in self.changed],
        }


@dataclass(frozen=True, slots=True)
class MatchRow:
    """A dataset's party tied to a listed entity: how (``list id``, ``identifier``, ``name``) and how sure."""

    dataset: str
    node_id: str
    entity_id: str
    method: str
    confidence: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "dataset": self.dataset,
            "node_id": self.node_id,
            "entity_id": self.entity_id,
            "method": self.method,
            "confidence": round(self.confidence, 4),
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class ResultRow:
    """An entity blocked, possibly blocked or designated under a rule, as computed.

    Attributes:
        node: its id in the ownership graph (a party id, or ``dataset:node``).
        status: ``blocked``, ``possibly blocked`` or ``designated``.
        entity: the entity as screened, for one on no list (:meth:`~embargo.model.Entity.to_dict`'s form), else {}.
        step: its own standing, the holdings and controls counted (:func:`embargo.ownership.graph.step_of`):
            chains are assembled from the steps (:func:`embargo.screening.owned.assemble`).
    """

    rule: str
    node: str
    status: str
    low: float
    high: float
    caption: str
    entity: dict[str, Any]
    step: dict[str, Any]


def _version(row: Any) -> OwnershipVersion:
    return OwnershipVersion(
        int(row["id"]),
        str(row["dataset"]),
        int(row["seq"]),
        str(row["format"]),
        str(row["file"]),
        str(row["sha256"]),
        str(row["imported_at"]),
        int(row["parties"]),
        int(row["links"]),
    )


def versions(conn: Connection, dataset: str | None = None) -> list[OwnershipVersion]:
    """Every version of ``dataset`` (None: of every dataset), oldest first."""
    if dataset is None:
        rows = conn.execute("SELECT * FROM ownership_versions ORDER BY dataset, seq").fetchall()
    else:
        rows = conn.execute("SELECT * FROM ownership_versions WHERE dataset = ? ORDER BY seq", (dataset,)).fetchall()
    return [_version(r) for r in rows]


def current_versions(conn: Connection) -> list[OwnershipVersion]:
    """The newest version of each dataset."""
    rows = conn.execute(
        "SELECT v.* FROM ownership_versions v JOIN (SELECT dataset, MAX(seq) AS seq FROM ownership_versions "
        "GROUP BY dataset) c ON c.dataset = v.dataset AND c.seq = v.seq ORDER BY v.dataset"
    ).fetchall()
    return [_version(r) for r in rows]


def add_version(
    conn: Connection,
    dataset: str,
    fmt: str,
    file: str,
    sha256: str,
    now: str,
    nodes: Iterable[NodeRow],
    links: Iterable[LinkRow],
) -> OwnershipVersion | None:
    """Store a new version of ``dataset``; None (nothing stored) when its file is the current version's.

    The caller's transaction holds it all: a failure leaves the dataset as it was.
    """
    old = versions(conn, dataset)
    if old and old[-1].sha256 == sha256:
        return None
    node_rows, link_rows = list(nodes), list(links)
    seq = old[-1].seq + 1 if old else 1
    row = conn.execute(
        "INSERT INTO ownership_versions (dataset, seq, format, file, sha256, imported_at, parties, links) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (dataset, seq, fmt, file, sha256, now, len(node_rows), len(link_rows)),
    ).fetchone()
    vid = int(row[0])
    conn.executemany(
        "INSERT INTO ownership_nodes (version_id, node_id, caption, schema, data) VALUES (?, ?, ?, ?, ?)",
        [
            (vid, n.node_id, n.caption, n.schema, json.dumps(n.data, ensure_ascii=False, sort_keys=True))
            for n in node_rows
        ],
    )
    conn.executemany(
        "INSERT INTO ownership_links (version_id, kind, owner, asset, low, high, start_date, end_date, role, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(vid, x.kind, x.owner, x.asset, x.low, x.high, x.start, x.end, x.role, x.source) for x in link_rows],
    )
    return OwnershipVersion(vid, dataset, seq, fmt, file, sha256, now, len(node_rows), len(link_rows))


def nodes_of(conn: Connection, version_id: int) -> list[NodeRow]:
    """The parties of a version, by id."""
    rows = conn.execute(
        "SELECT node_id, caption, schema, data FROM ownership_nodes WHERE version_id = ? ORDER BY node_id",
        (version_id,),
    ).fetchall()
    return [NodeRow(str(r[0]), str(r[1]), str(r[2]), json.loads(r[3])) for r in rows]


def links_of(conn: Connection, version_id: int) -> list[LinkRow]:
    """The links of a version, in a stable order."""
    rows = conn.execute(
        "SELECT kind, owner, asset, low, high, start_date, end_date, role, source FROM ownership_links "
        "WHERE version_id = ? ORDER BY kind, owner, asset, role, start_date, source",
        (version_id,),
    ).fetchall()
    return [
        LinkRow(
            str(r[0]),
            str(r[1]),
            str(r[2]),
            None if r[3] is None else float(r[3]),
            None if r[4] is None else float(r[4]),
            r[5],
            r[6],
            str(r[7]),
            str(r[8]),
        )
        for r in rows
    ]


def _seq(conn: Connection, dataset: str, seq: int) -> OwnershipVersion:
    for v in versions(conn, dataset):
        if v.seq == seq:
            return v
    raise NotFoundError(f"ownership dataset {dataset!r} has no version {seq}")


def diff_versions(conn: Connection, dataset: str, old: int | None = None, new: int | None = None) -> LinkDiff:
    """The links added, removed and changed (share, end, source) from version ``old`` to ``new``.

    Args:
        old: a version number (None: the one before ``new``; none before it: an empty dataset).
        new: a version number (None: the current one).

    Raises:
        NotFoundError: no such dataset or version.
    """
    found = versions(conn, dataset)
    if not found:
        raise NotFoundError(f"no ownership dataset {dataset!r}")
    b = _seq(conn, dataset, new) if new is not None else found[-1]
    a = _seq(conn, dataset, old) if old is not None else next((v for v in reversed(found) if v.seq < b.seq), None)
    before = {x.key: x for x in links_of(conn, a.id)} if a is not None else {}
    after = {x.key: x for x in links_of(conn, b.id)}
    added = [after[k] for k in sorted(after.keys() - before.keys())]
    removed = [before[k] for k in sorted(before.keys() - after.keys())]
    changed = [(before[k], after[k]) for k in sorted(before.keys() & after.keys()) if before[k] != after[k]]
    return LinkDiff(dataset, a.seq if a is not None else 0, b.seq, added, removed, changed)


def generation(conn: Connection) -> int:
    """How many computations were stored (0: never)."""
    value = meta.get(conn, GENERATION_KEY)
    return int(value) if value else 0


def computed_at(conn: Connection) -> str | None:
    """When the results were last computed (None: never)."""
    return meta.get(conn, COMPUTED_KEY)


def last_summary(conn: Connection) -> dict[str, Any] | None:
    """What the last computation found, or None if none was stored."""
    value = meta.get(conn, SUMMARY_KEY)
    return dict(json.loads(value)) if value else None


def replace_computation(
    conn: Connection, found: Iterable[MatchRow], rows: Iterable[ResultRow], now: str, summary: dict[str, Any]
) -> int:
    """Store a computation whole (matches and results replaced); the new generation."""
    conn.execute("DELETE FROM ownership_matches")
    conn.executemany(
        "INSERT INTO ownership_matches (dataset, node_id, entity_id, method, confidence, detail) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dataset, node_id, entity_id) DO NOTHING",
        [(m.dataset, m.node_id, m.entity_id, m.method, m.confidence, m.detail) for m in found],
    )
    conn.execute("DELETE FROM ownership_results")
    conn.executemany(
        "INSERT INTO ownership_results (rule, node, status, low, high, caption, chain) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.rule,
                r.node,
                r.status,
                r.low,
                r.high,
                r.caption,
                json.dumps({"entity": r.entity, "step": r.step}, ensure_ascii=False, sort_keys=True),
            )
            for r in rows
        ],
    )
    number = generation(conn) + 1
    meta.put(conn, GENERATION_KEY, str(number))
    meta.put(conn, COMPUTED_KEY, now)
    meta.put(conn, SUMMARY_KEY, json.dumps(summary, sort_keys=True))
    return number


def find_nodes(conn: Connection, ref: str) -> list[tuple[str, str, str]]:
    """``(dataset, node id, caption)`` of the current versions' parties ``ref`` names (its id, or ``dataset:id``)."""
    rows = conn.execute(
        "SELECT v.dataset, n.node_id, n.caption FROM ownership_nodes n "
        "JOIN ownership_versions v ON v.id = n.version_id "
        "JOIN (SELECT dataset, MAX(seq) AS seq FROM ownership_versions GROUP BY dataset) c "
        "ON c.dataset = v.dataset AND c.seq = v.seq "
        "WHERE n.node_id = ? OR v.dataset || ':' || n.node_id = ? ORDER BY v.dataset, n.node_id",
        (ref, ref),
    ).fetchall()
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def matches_of(conn: Connection, dataset: str, node_id: str) -> list[MatchRow]:
    """The listed entities one party of a dataset was tied to, surest first."""
    rows = conn.execute(
        "SELECT dataset, node_id, entity_id, method, confidence, detail FROM ownership_matches "
        "WHERE dataset = ? AND node_id = ? ORDER BY confidence DESC, entity_id",
        (dataset, node_id),
    ).fetchall()
    return [MatchRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), float(r[4]), str(r[5])) for r in rows]


def listed_by_source_id(
    conn: Connection, version_ids: Iterable[int], source_ids: Iterable[str]
) -> dict[str, list[tuple[str, str]]]:
    """``source id -> [(entity id, list), ...]`` of the entities of these list versions whose publisher's
    record id is one of ``source_ids`` (a dataset's parties tied by the id a list gives them)."""
    versions_ = sorted(set(version_ids))
    wanted = sorted(set(source_ids))
    found: dict[str, list[tuple[str, str]]] = {}
    if not versions_:
        return found
    marks = ", ".join("?" for _ in versions_)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = conn.execute(
            "SELECT ve.source_id, ve.entity_id, v.list FROM version_entities ve "
            "JOIN versions v ON v.id = ve.version_id "
            f"WHERE ve.version_id IN ({marks}) AND ve.source_id IN ({', '.join('?' for _ in chunk)}) "
            "ORDER BY ve.source_id, ve.entity_id",
            (*versions_, *chunk),
        ).fetchall()
        for source_id, entity_id, list_name in rows:
            found.setdefault(str(source_id), []).append((str(entity_id), str(list_name)))
    return found


def tied_entities(conn: Connection) -> set[str]:
    """Every listed entity some dataset's party was tied to."""
    return {str(r[0]) for r in conn.execute("SELECT DISTINCT entity_id FROM ownership_matches").fetchall()}


def matches(conn: Connection) -> list[MatchRow]:
    """Every tie of a dataset's party to a listed entity, as last computed."""
    rows = conn.execute(
        "SELECT dataset, node_id, entity_id, method, confidence, detail FROM ownership_matches "
        "ORDER BY dataset, node_id, confidence DESC, entity_id"
    ).fetchall()
    return [MatchRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), float(r[4]), str(r[5])) for r in rows]


def _result(row: Any) -> ResultRow:
    stored = orjson.loads(row[6])
    return ResultRow(
        str(row[0]),
        str(row[1]),
        str(row[2]),
        float(row[3]),
        float(row[4]),
        str(row[5]),
        stored["entity"],
        stored["step"],
    )


def results(conn: Connection, rule: str | None = None) -> list[ResultRow]:
    """Every stored result (of one rule, or of all), by node."""
    sql = "SELECT rule, node, status, low, high, caption, chain FROM ownership_results"
    if rule is None:
        return [_result(r) for r in conn.execute(sql + " ORDER BY node, rule").fetchall()]
    return [_result(r) for r in conn.execute(sql + " WHERE rule = ? ORDER BY node", (rule,)).fetchall()]


def result(conn: Connection, rule: str, node: str) -> ResultRow | None:
    """The stored result of one node under one rule (None: it is not blocked, or was never computed)."""
    row = conn.execute(
        "SELECT rule, node, status, low, high, caption, chain FROM ownership_results WHERE rule = ? AND node = ?",
        (rule, node),
    ).fetchone()
    return _result(row) if row is not None else None


def results_of(conn: Connection, node: str) -> list[ResultRow]:
    """The stored results of one node, by rule."""
    rows = conn.execute(
        "SELECT rule, node, status, low, high, caption, chain FROM ownership_results WHERE node = ? ORDER BY rule",
        (node,),
    ).fetchall()
    return [_result(r) for r in rows]
