"""Ownership and control: entities blocked because designated parties own or control them (OFAC, EU, UK rules)."""

from embargo.ownership.compute import BLOCKED, DESIGNATED, NOT_BLOCKED, POSSIBLY, Propagation, Verdict
from embargo.ownership.links import Control, Ownership, Share
from embargo.ownership.rules import EU, OFAC, RULES, UK, Rule, rule

__all__ = [
    "BLOCKED",
    "DESIGNATED",
    "EU",
    "NOT_BLOCKED",
    "OFAC",
    "POSSIBLY",
    "RULES",
    "UK",
    "Control",
    "Ownership",
    "Propagation",
    "Rule",
    "Share",
    "Verdict",
    "rule",
]
