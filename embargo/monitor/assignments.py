"""Who works on which alert: one assignee per alert, changed at will and audited."""

from __future__ import annotations

from collections.abc import Iterable

from embargo.audit import append
from embargo.errors import NotFoundError
from embargo.monitor._tx import now, read, write
from embargo.store import Store

__all__ = ["assign", "assignees"]


def assign(store: Store, alert_ids: Iterable[int], assignee: str, by: str) -> int:
    """Give alerts to ``assignee`` (an empty name takes them back to nobody); returns how many changed.

    Raises:
        NotFoundError: one of the alerts does not exist (nothing is changed).
    """
    ids = sorted(set(alert_ids))
    who = assignee.strip()
    when = now()
    with write(store) as conn:
        for alert_id in ids:
            if conn.execute("SELECT 1 FROM alerts WHERE id = ?", (alert_id,)).fetchone() is None:
                raise NotFoundError(f"no alert {alert_id}")
        for alert_id in ids:
            if who:
                conn.execute(
                    "INSERT INTO alert_assignments (alert_id, assignee, assigned_by, assigned_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (alert_id) DO UPDATE SET assignee = excluded.assignee, "
                    "assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at",
                    (alert_id, who, by, when),
                )
            else:
                conn.execute("DELETE FROM alert_assignments WHERE alert_id = ?", (alert_id,))
        if ids:
            append(conn, by, "alert.assign", {"alerts": ids, "assignee": who or None}, at=when)
    return len(ids)


def assignees(store: Store) -> dict[int, str]:
    """Alert id to its assignee, for every assigned alert."""
    with read(store) as conn:
        return {int(r[0]): str(r[1]) for r in conn.execute("SELECT alert_id, assignee FROM alert_assignments")}
