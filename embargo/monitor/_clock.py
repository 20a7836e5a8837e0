"""The clock and the default actor of monitoring's operations."""

from __future__ import annotations

import os
from datetime import UTC, datetime

__all__ = ["default_actor", "now"]


def now() -> str:
    """UTC time, ISO, to the second (what alerts and decisions show)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def default_actor() -> str:
    """Who runs an operation when nobody is named: the OS user."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or "embargo"
