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
    """Listings added per list at each import of the period (a list's first import counts all of it)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    by_list: dict[str, list[tuple[str, int]]] = {}
    for update in report.updates:
        by_list.setdefault(update.list, []).append((update.imported_at[:10], update.added))
    for name, points in sorted(by_list.items()):
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
    if by_list:
        ax.legend(fontsize=8)
    ax.set_ylabel("listings added")
    ax.set_title("Listings added per list, by import date")
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    return _png(plt, fig)


def time_to_decision(report: PeriodReport) -> bytes:
    """Histogram of hours from an alert to its first decision."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    if report.hours_to_decision:
        ax.hist(report.hours_to_decision, bins=20, color="#31708f")
    ax.set_xlabel("hours from alert to first decision")
    ax.set_ylabel("alerts")
    ax.set_title("Time to decision")
    return _png(plt, fig)
