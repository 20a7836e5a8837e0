"""Cases (``cases``): the alerts of one customer on one party, and the queries over them.

A case is keyed by (customer id, party id); the party is the store's party of
the alert's entity (``party_members``), or the entity itself when it is a party
alone. Every alert names its case (``alerts.case_id``): set when it is raised,
and set again for undecided alerts when the parties change (an administrator's
merge puts two cases' open alerts into one). Every function runs on the
caller's connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from embargo.store.alerts import QueueFilter, queue_where
from embargo.store.connection import Connection

__all__ = [
    "OPEN_STATUSES",
    "CaseSummary",
    "case_alert_ids",
    "case_count",
    "case_for",
    "case_page",
    "get_case",
    "regroup_open_alerts",
]

#: Statuses of alerts not decided yet (their case follows their party when the parties change).
OPEN_STATUSES = ("open", "escalated")

_PARTY = "COALESCE((SELECT m.party_id FROM party_members m WHERE m.entity_id = ?), ?)"


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A case with what its alerts say.

    Attributes:
        id: the case id.
        customer_id: the customer.
        party_id: the party (an entity id when the party is that entity alone).
        created_at: when its first alert was raised.
        alerts: how many alerts it has (of those the filter kept, in a queue).
        statuses: alert status to how many of its alerts have it.
        score: its best alert's score.
        caption: its best alert's listed name.
        best_alert: its best alert's id.
        lists: the lists of its alerts' entities.
    """

    id: int
    customer_id: str
    party_id: str
    created_at: str
    alerts: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    score: float = 0.0
    caption: str = ""
    best_alert: int = 0
    lists: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        """True while one of its alerts is not decided."""
        return any(self.statuses.get(s) for s in OPEN_STATUSES)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "id": self.id,
            "customer_id": self.customer_id,
            "party_id": self.party_id,
            "created_at": self.created_at,
            "alerts": self.alerts,
            "statuses": dict(self.statuses),
            "open": self.open,
            "score": round(self.score, 4),
            "caption": self.caption,
            "best_alert": self.best_alert,
            "lists": list(self.lists),
        }


def case_for(conn: Connection, customer_id: str, entity_id: str, now: str) -> int:
    """The id of the case of a customer and an entity's party, made if there is none yet."""
    conn.execute(
        f"INSERT INTO cases (customer_id, party_id, created_at) VALUES (?, {_PARTY}, ?) "
        "ON CONFLICT (customer_id, party_id) DO NOTHING",
        (customer_id, entity_id, entity_id, now),
    )
    row = conn.execute(
        f"SELECT id FROM cases WHERE customer_id = ? AND party_id = {_PARTY}", (customer_id, entity_id, entity_id)
    ).fetchone()
    return int(row[0])


def regroup_open_alerts(conn: Connection, now: str) -> int:
    """Put every undecided alert in the case of its customer and its entity's party now; how many moved."""
    marks = ", ".join("?" for _ in OPEN_STATUSES)
    rows = conn.execute(
        f"SELECT id, customer_id, entity_id, case_id FROM alerts WHERE status IN ({marks})", OPEN_STATUSES
    ).fetchall()
    moved = 0
    for alert_id, customer_id, entity_id, case_id in rows:
        wanted = case_for(conn, str(customer_id), str(entity_id), now)
        if wanted != case_id:
            conn.execute("UPDATE alerts SET case_id = ? WHERE id = ?", (wanted, alert_id))
            moved += 1
    return moved


def _summaries(conn: Connection, case_ids: list[int], where: str = "", args: Iterable[Any] = ()) -> list[CaseSummary]:
    """The summaries of these cases, over their alerts that ``where`` keeps (on ``alerts a``), in this order."""
    if not case_ids:
        return []
    marks = ", ".join("?" for _ in case_ids)
    extra = f" AND {where}" if where else ""
    rows = conn.execute(
        "SELECT a.case_id, a.id, a.status, a.score, a.caption, a.list, a.created_at FROM alerts a "
        f"WHERE a.case_id IN ({marks}){extra} ORDER BY a.score DESC, a.created_at, a.id",
        [*case_ids, *args],
    ).fetchall()
    heads = {
        int(r[0]): r
        for r in conn.execute(
            f"SELECT id, customer_id, party_id, created_at FROM cases WHERE id IN ({marks})", case_ids
        )
    }
    found: dict[int, dict[str, Any]] = {}
    for case_id, alert_id, status, score, caption, list_name, _ in rows:
        seen = found.setdefault(
            int(case_id),
            {
                "alerts": 0,
                "statuses": {},
                "score": float(score),
                "caption": str(caption),
                "best": int(alert_id),
                "lists": [],
            },
        )
        seen["alerts"] += 1
        seen["statuses"][str(status)] = seen["statuses"].get(str(status), 0) + 1
        if str(list_name) not in seen["lists"]:
            seen["lists"].append(str(list_name))
    out = []
    for cid in case_ids:
        head, got = heads.get(cid), found.get(cid)
        if head is None or got is None:
            continue
        out.append(
            CaseSummary(
                cid,
                str(head[1]),
                str(head[2]),
                str(head[3]),
                got["alerts"],
                got["statuses"],
                got["score"],
                got["caption"],
                got["best"],
                tuple(got["lists"]),
            )
        )
    return out


def get_case(conn: Connection, case_id: int) -> CaseSummary | None:
    """A case with every one of its alerts counted (None: no such case, or one without alerts)."""
    found = _summaries(conn, [case_id])
    return found[0] if found else None


def case_alert_ids(conn: Connection, case_id: int, statuses: Iterable[str] | None = None) -> list[int]:
    """The ids of a case's alerts (of these statuses), best score first."""
    sql = "SELECT id FROM alerts WHERE case_id = ?"
    args: list[Any] = [case_id]
    if statuses is not None:
        wanted = list(statuses)
        sql += f" AND status IN ({', '.join('?' for _ in wanted)})"
        args += wanted
    return [int(r[0]) for r in conn.execute(sql + " ORDER BY score DESC, created_at, id", args)]


def case_count(conn: Connection, query: QueueFilter) -> tuple[int, int]:
    """(cases, alerts) the queue's filters keep: a case counts when one of its alerts is kept."""
    where, args = queue_where(query)
    row = conn.execute("SELECT COUNT(DISTINCT a.case_id), COUNT(*) FROM alerts a" + where, args).fetchone()
    return int(row[0]), int(row[1])


def case_page(conn: Connection, query: QueueFilter, limit: int, offset: int = 0) -> list[CaseSummary]:
    """One page of cases whose alerts the queue's filters keep: best alert's score first, then oldest."""
    where, args = queue_where(query)
    rows = conn.execute(
        "SELECT a.case_id, MAX(a.score) AS best, MIN(a.created_at) AS first FROM alerts a"
        + where
        + " GROUP BY a.case_id ORDER BY best DESC, first, a.case_id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    ids = [int(r[0]) for r in rows if r[0] is not None]
    clause = where.removeprefix(" WHERE ")
    return _summaries(conn, ids, clause, args)
