"""Who works on which alert: one assignee per alert, changed at will and audited."""

from __future__ import annotations

from collections.abc import Iterable

from embargo.audit import append
from embargo.errors import NotFoundError
from embargo.monitor._clock import now
from embargo.store import Store, alerts

__all__ = ["assign", "assignees"]


def assign(store: Store, alert_ids: Iterable[int], assignee: str, by: str) -> int:
    """Give alerts to ``assignee`` (an empty name takes them back to nobody); returns how many changed.

    Raises:
        NotFoundError: one of the alerts does not exist (nothing is changed).
    """
    ids = sorted(set(alert_ids))
    who = assignee.strip()
    when = now()
    with store.transaction() as conn:
        for alert_id in ids:
            if not alerts.exists(conn, alert_id):
                raise NotFoundError(f"no alert {alert_id}")
        for alert_id in ids:
            if who:
                alerts.assign(conn, alert_id, who, by, when)
            else:
                alerts.unassign(conn, alert_id)
        if ids:
            append(conn, by, "alert.assign", {"alerts": ids, "assignee": who or None}, at=when)
    return len(ids)


def assignees(store: Store) -> dict[int, str]:
    """Alert id to its assignee, for every assigned alert."""
    with store.reading("alert assignments") as conn:
        return alerts.assignees(conn)
