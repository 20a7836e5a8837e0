"""Period reports for a compliance officer: list updates, runs, alerts, decisions, charts."""

from embargo.report.period import ListUpdate, PeriodReport, gather
from embargo.report.render import REPORT_FORMATS, render_markdown, render_text, write_report

__all__ = ["REPORT_FORMATS", "ListUpdate", "PeriodReport", "gather", "render_markdown", "render_text", "write_report"]
