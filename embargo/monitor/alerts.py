"""Alerts: a customer that may be a listed entity, raised by a monitoring run for an analyst to decide.

An alert keeps everything needed to judge it later without the lists of the
day: the score and its explanation, the algorithm, the entity's list and
list version, the versions of every list the run screened against, and the
customer and entity data it was made on (their fingerprints are what a
decision is remembered against). Its row is :class:`embargo.store.alerts.Alert`.
"""

from __future__ import annotations

from embargo.errors import NotFoundError, QueryError
from embargo.store import Store, alerts
from embargo.store.alerts import Alert, AlertFilter

__all__ = ["ALERT_STATUSES", "Alert", "count_alerts", "get_alert", "list_alerts"]

#: ``open`` until decided; then the latest decision (a held payment's: ``released`` or ``rejected``).
ALERT_STATUSES = ("open", "escalated", "true_match", "false_positive", "released", "rejected")


def _check_status(status: str | None) -> None:
    if status is not None and status not in ALERT_STATUSES:
        raise QueryError(f"unknown alert status {status!r} (use one of: {', '.join(ALERT_STATUSES)})")


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
    _check_status(status)
    where = AlertFilter(status, customer_id, entity_id, since, until, list_name, min_score, max_score)
    with store.reading("alerts") as conn:
        return alerts.select(conn, where, limit, offset)


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
    _check_status(status)
    where = AlertFilter(status, customer_id, list_name=list_name, min_score=min_score, max_score=max_score)
    with store.reading("alerts") as conn:
        return alerts.count(conn, where)


def get_alert(store: Store, alert_id: int) -> Alert:
    """One alert, or :class:`NotFoundError`."""
    with store.reading("alerts") as conn:
        found = alerts.get(conn, alert_id)
    if found is None:
        raise NotFoundError(f"no alert {alert_id}")
    return found
