"""Ongoing monitoring: the portfolio of customers, alerts, decisions and the good-guy list."""

from embargo.monitor.alerts import ALERT_STATUSES, Alert, count_alerts, get_alert, list_alerts
from embargo.monitor.customers import Customer, read_customers
from embargo.monitor.decisions import DECISIONS, Decision, decide, decisions_for, false_positives
from embargo.monitor.fingerprint import entity_snapshot, snapshot_fingerprint
from embargo.monitor.monitor import DEFAULT_LIMIT, Monitor, RunResult
from embargo.monitor.portfolio import LoadResult, Portfolio, PortfolioVersion
from embargo.monitor.schema import ensure_schema

__all__ = [
    "ALERT_STATUSES",
    "DECISIONS",
    "DEFAULT_LIMIT",
    "Alert",
    "Customer",
    "Decision",
    "LoadResult",
    "Monitor",
    "Portfolio",
    "PortfolioVersion",
    "RunResult",
    "count_alerts",
    "decide",
    "decisions_for",
    "ensure_schema",
    "entity_snapshot",
    "false_positives",
    "get_alert",
    "list_alerts",
    "read_customers",
    "snapshot_fingerprint",
]
