"""The report's charts as PNG bytes (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import io
from typing import Any

from embargo.extras import require
from embargo.report.period import PeriodReport

__all__ = ["alerts_over_time", "score_distribution"]

_COLORS = {"open": "#f0ad4e", "escalated": "#d9534f", "true_match": "#8b0000", "false_positive": "#5cb85c"}
_ORDER = ("true_match", "escalated", "open", "false_positive")


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _pyplot() -> Any:
    """pyplot on the Agg backend (imported late: only reports need it, and it is the 'report' extra)."""
    require("report", "a report's charts")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def alerts_over_time(report: PeriodReport) -> bytes:
    """Alerts raised per day, stacked by what became of them."""
    plt = _pyplot()
    days = sorted(report.alerts_by_day)
    fig, ax = plt.subplots(figsize=(8, 3.2))
    bottom = [0] * len(days)
    for status in _ORDER:
        counts = [report.alerts_by_day[d].get(status, 0) for d in days]
        if any(counts):
            ax.bar(days, counts, bottom=bottom, color=_COLORS[status], label=status.replace("_", " "))
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    ax.set_ylabel("alerts raised")
    ax.set_title("Alerts over time (by current status)")
    if days:
        ax.legend(fontsize=8)
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    return _png(fig)


def score_distribution(report: PeriodReport) -> bytes:
    """Histogram of alert scores by outcome, with the threshold: where do false positives sit?"""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    low = min([report.threshold or 0.7, *[s for v in report.scores.values() for s in v]])
    bins = [round(low + i * (1.0 - low) / 20, 4) for i in range(21)] if low < 1.0 else 20
    present = [s for s in _ORDER if report.scores.get(s)]
    if present:
        ax.hist(
            [report.scores[s] for s in present],
            bins=bins,
            stacked=True,
            color=[_COLORS[s] for s in present],
            label=[s.replace("_", " ") for s in present],
        )
        ax.legend(fontsize=8)
    if report.threshold is not None:
        ax.axvline(report.threshold, color="black", linestyle="--", linewidth=1)
        ax.text(report.threshold, ax.get_ylim()[1] * 0.95, f" threshold {report.threshold}", fontsize=8, va="top")
    ax.set_xlabel("score")
    ax.set_ylabel("alerts")
    ax.set_title("Score distribution of alerts raised")
    return _png(fig)
