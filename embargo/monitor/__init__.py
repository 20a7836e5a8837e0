"""Ongoing monitoring: the portfolio of customers, alerts, decisions and the good-guy list."""

from embargo.monitor.alerts import ALERT_STATUSES, Alert, count_alerts, get_alert, list_alerts
from embargo.monitor.approvals import (
    DecisionRequest,
    FourEyes,
    approve,
    pending_requests,
    reject,
    request_decision,
    requests_for,
)
from embargo.monitor.assignments import assign, assignees
from embargo.monitor.cases import CaseDecision, CaseSummary, case_queue, decide_case, get_case
from embargo.monitor.customers import Customer, read_customers
from embargo.monitor.decisions import DECISIONS, Decision, decide, decisions_for, false_positives
from embargo.monitor.fingerprint import entity_snapshot, snapshot_fingerprint
from embargo.monitor.four_eyes import current_policy, set_policy
from embargo.monitor.monitor import DEFAULT_LIMIT, Monitor, RunResult
from embargo.monitor.portfolio import LoadResult, Portfolio, PortfolioVersion
from embargo.monitor.queue import QueueQuery, alert_programs, queue_page, queue_programs, status_counts
from embargo.monitor.schema import ensure_schema

__all__ = [
    "ALERT_STATUSES",
    "DECISIONS",
    "DEFAULT_LIMIT",
    "Alert",
    "CaseDecision",
    "CaseSummary",
    "Customer",
    "Decision",
    "DecisionRequest",
    "FourEyes",
    "LoadResult",
    "Monitor",
    "Portfolio",
    "PortfolioVersion",
    "QueueQuery",
    "RunResult",
    "alert_programs",
    "approve",
    "assign",
    "assignees",
    "case_queue",
    "count_alerts",
    "current_policy",
    "decide",
    "decide_case",
    "decisions_for",
    "ensure_schema",
    "entity_snapshot",
    "false_positives",
    "get_alert",
    "get_case",
    "list_alerts",
    "pending_requests",
    "queue_page",
    "queue_programs",
    "read_customers",
    "reject",
    "request_decision",
    "requests_for",
    "set_policy",
    "snapshot_fingerprint",
    "status_counts",
]
