"""Monitoring's ownership pass: customers screened against the entities blocked by ownership or control.

The lists' pass (:mod:`embargo.monitor.monitor`) screens the customers a change can touch.
Ownership results change with any list update (a new designation reaches down the chains)
and with every ownership import (a link added, ended or changed), and the index of blocked
entities is small: when the store's ownership computation has moved since the last run,
every customer is screened against it again; otherwise the customers the lists' pass
screens. A hit's snapshot carries each rule's verdict and the chain, so a changed share,
link or owner changes its fingerprint and raises the alert again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from embargo.model import Entity
from embargo.monitor.customers import Customer
from embargo.monitor.fingerprint import SHOWN, entity_snapshot
from embargo.screening import Screener
from embargo.store import meta
from embargo.store.connection import Connection

__all__ = ["MONITORED_KEY", "monitored_generation", "owned_snapshot", "screen_owned"]

#: ``monitor_meta`` key: the ownership computation the last monitoring run screened against.
MONITORED_KEY = "ownership_monitored_generation"


def monitored_generation(conn: Connection) -> int:
    """The ownership computation the last run screened against (0: none)."""
    value = meta.get(conn, MONITORED_KEY)
    return int(value) if value else 0


def screen_owned(
    screener: Screener, customers: Sequence[Customer], threshold: float
) -> dict[str, list[dict[str, Any]]]:
    """Each customer's hits (:meth:`Hit.to_dict`) on the entities blocked by ownership, by customer id."""
    return {c.id: [h.to_dict() for h in screener.screen_owned_all(c.query, threshold)] for c in customers}


def _chain_facts(verdict: dict[str, Any]) -> dict[str, Any]:
    """What of a verdict an alert is about: the rule, status and share, each link of the chain and its period."""
    return {
        "rule": verdict["rule"],
        "rule_version": verdict.get("rule_version"),
        "status": verdict["status"],
        "share": verdict["share"]["text"],
        "chain": [
            {
                "node": step["node"],
                "status": step["status"],
                "holdings": sorted(
                    f"{h['owner']} {h['share']['text']} {h.get('start') or ''}-{h.get('end') or ''}"
                    for h in step.get("holdings", [])
                ),
                "controls": sorted(f"{c['controller']} {c['kind']}" for c in step.get("controls", [])),
                "designations": sorted(step.get("designations", [])),
            }
            for step in verdict["steps"]
        ],
    }


def owned_snapshot(entity: dict[str, Any], verdicts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The match snapshot of an entity blocked by ownership: its names and facts, and every rule's chain."""
    snap = entity_snapshot(Entity.from_dict(entity))
    snap["ownership"] = sorted((_chain_facts(v) for v in verdicts), key=lambda v: str(v["rule"]))
    # what the queue shows as its programmes: the rule that blocks it (no list designates it)
    snap["designations"] = sorted(f"{v['status']} by ownership ({str(v['rule']).upper()})" for v in verdicts)
    snap["lines"] = [line for v in verdicts for line in v["lines"]]
    # the verdicts whole, for the review page's chain (their sources name files: not fingerprinted)
    snap[SHOWN] = {"verdicts": list(verdicts)}
    return snap
