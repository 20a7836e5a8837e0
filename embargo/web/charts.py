"""The dashboard's own charts (PNG, matplotlib's Agg backend), beside the report's in :mod:`embargo.report.charts`."""

from __future__ import annotations

import io
from typing import Any

from embargo.report import PeriodReport

__all__ = ["designations_added", "time_to_decision"]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(plt: Any, fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def designations_added(report: PeriodReport) -> bytes:
    """Listings added per list and import day, stacked (a list's first import counts all of it)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    days = sorted({u.imported_at[:10] for u in report.updates})
    added: dict[str, dict[str, int]] = {}
    for update in report.updates:
        per_day = added.setdefault(update.list, {})
        per_day[update.imported_at[:10]] = per_day.get(update.imported_at[:10], 0) + update.added
    bottom = [0] * len(days)
    for name, per_day in sorted(added.items()):
        counts = [per_day.get(d, 0) for d in days]
        ax.bar(days, counts, bottom=bottom, label=name)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    if added:
        ax.legend(fontsize=8)
    ax.set_ylabel("listings added")
    ax.set_title("Listings added per list, by import day")
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    return _png(plt, fig)


def time_to_decision(report: PeriodReport) -> bytes:
    """Histogram of hours from an alert to its first decision."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    if report.hours_to_decision:
        ax.hist(report.hours_to_decision, bins=20, color="#31708f")
    ax.set_xlim(left=0)
    ax.set_xlabel("hours from alert to first decision")
    ax.set_ylabel("alerts")
    ax.set_title("Time to decision")
    return _png(plt, fig)
