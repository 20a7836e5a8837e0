"""The analyst web UI (``/ui``): alert queue, review, four-eyes approvals, quick screen, lists, dashboard, audit."""

from embargo.web.app import create_ui

__all__ = ["create_ui"]
