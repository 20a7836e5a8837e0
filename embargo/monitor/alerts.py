"""Alerts: a customer that may be a listed entity, raised by a monitoring run for an analyst to decide.

An alert keeps everything needed to judge it later without the lists of the
day: the score and its explanation, the algorithm, the entity's list and
list version, the versions of every list the run screened against, and the
customer and entity data it was made on (their fingerprints are what a
decision is remembered against).
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from embargo.errors import NotFoundError, QueryError
from embargo.monitor._tx import read
from embargo.store import Store

__all__ = ["ALERT_STATUSES", "Alert", "count_alerts", "get_alert", "list_alerts"]

#: ``open`` until decided; then the latest decision.
ALERT_STATUSES = ("open", "escalated", "true_match", "false_positive")


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert."""

    id: int
    run_id: int
    created_at: str
    customer_id: str
    entity_id: str
    list: str
    list_version: int
    list_versions: dict[str, int]
    score: float
    caption: str
    schema: str
    matched_name: str
    query_name: str
    algorithm: str
    explanation: builtins.list[dict[str, Any]]
    reason: str
    customer_fingerprint: str
    entity_fingerprint: str
    customer_data: dict[str, Any]
    entity_data: dict[str, Any]
    status: str
    decided_at: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Alert:
        """Build from an ``alerts`` row."""
        return cls(
            id=row["id"],
            run_id=row["run_id"],
            created_at=row["created_at"],
            customer_id=row["customer_id"],
            entity_id=row["entity_id"],
            list=row["list"],
            list_version=row["list_version"],
            list_versions=json.loads(row["list_versions"]),
            score=row["score"],
            caption=row["caption"],
            schema=row["schema"],
            matched_name=row["matched_name"],
            query_name=row["query_name"],
            algorithm=row["algorithm"],
            explanation=json.loads(row["explanation"]),
            reason=row["reason"],
            customer_fingerprint=row["customer_fingerprint"],
            entity_fingerprint=row["entity_fingerprint"],
            customer_data=json.loads(row["customer_data"]),
            entity_data=json.loads(row["entity_data"]),
            status=row["status"],
            decided_at=row["decided_at"],
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "id": self.id,
            "run_id": self.run_id,
            "created_at": self.created_at,
            "customer_id": self.customer_id,
            "entity_id": self.entity_id,
            "list": self.list,
            "list_version": self.list_version,
            "list_versions": self.list_versions,
            "score": round(self.score, 4),
            "caption": self.caption,
            "schema": self.schema,
            "matched_name": self.matched_name,
            "query_name": self.query_name,
            "algorithm": self.algorithm,
            "explanation": self.explanation,
            "reason": self.reason,
            "customer": self.customer_data,
            "entity": self.entity_data,
            "customer_fingerprint": self.customer_fingerprint,
            "entity_fingerprint": self.entity_fingerprint,
            "status": self.status,
            "decided_at": self.decided_at,
        }


def _filters(
    status: str | None,
    customer_id: str | None,
    entity_id: str | None,
    since: str | None,
    until: str | None,
    list_name: str | None,
    min_score: float | None,
    max_score: float | None,
) -> tuple[str, list[Any]]:
    if status is not None and status not in ALERT_STATUSES:
        raise QueryError(f"unknown alert status {status!r} (use one of: {', '.join(ALERT_STATUSES)})")
    sql = " WHERE 1=1"
    args: list[Any] = []
    for column, value in (("status", status), ("customer_id", customer_id), ("entity_id", entity_id)):
        if value is not None:
            sql += f" AND {column} = ?"
            args.append(value)
    if list_name is not None:
        sql += " AND list = ?"
        args.append(list_name)
    for clause, bound in ((" AND created_at >= ?", since), (" AND created_at < ?", until)):
        if bound is not None:
            sql += clause
            args.append(bound)
    for clause, score in ((" AND score >= ?", min_score), (" AND score < ?", max_score)):
        if score is not None:
            sql += clause
            args.append(score)
    return sql, args


def list_alerts(
    store: Store,
    status: str | None = None,
    customer_id: str | None = None,
    entity_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    *,
    list_name: str | None = None,
    min_score: float | None = None,
    max_score: float | None = None,
    offset: int = 0,
) -> list[Alert]:
    """Alerts, newest first, filtered by status, customer, entity, creation time (``[since, until)``),
    list or score band (``[min_score, max_score)``); ``limit`` and ``offset`` page through them."""
    where, args = _filters(status, customer_id, entity_id, since, until, list_name, min_score, max_score)
    sql = "SELECT * FROM alerts" + where + " ORDER BY id DESC"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        args += [-1 if limit is None else limit, offset]
    with read(store) as conn:
        return [Alert.from_row(r) for r in conn.execute(sql, args)]


def count_alerts(
    store: Store,
    status: str | None = None,
    customer_id: str | None = None,
    *,
    list_name: str | None = None,
    min_score: float | None = None,
    max_score: float | None = None,
) -> int:
    """How many alerts :func:`list_alerts` would return with the same filters and no paging."""
    where, args = _filters(status, customer_id, None, None, None, list_name, min_score, max_score)
    with read(store) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM alerts" + where, args).fetchone()[0])


def get_alert(store: Store, alert_id: int) -> Alert:
    """One alert, or :class:`NotFoundError`."""
    with read(store) as conn:
        row = conn.execute("SELECT * FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no alert {alert_id}")
    return Alert.from_row(row)
