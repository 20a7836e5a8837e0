"""The report as Markdown (charts as PNG files beside it) or self-contained HTML (charts inline)."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from embargo.errors import QueryError
from embargo.report.charts import alerts_over_time, score_distribution
from embargo.report.period import PeriodReport

__all__ = ["REPORT_FORMATS", "render_markdown", "render_text", "write_report"]

REPORT_FORMATS = ("md", "html")


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} h"


def render_markdown(report: PeriodReport, charts: dict[str, str]) -> str:
    """The report's Markdown text; ``charts`` maps chart names to image links."""
    ttd = report.time_to_decision()
    decided = sum(report.decisions.values())
    fp = report.decisions.get("false_positive", 0)
    lines = [
        "# Screening report",
        "",
        f"Period: {report.since} to {report.until}",
        "",
        "## Summary",
        "",
        "| | |",
        "| --- | --- |",
        f"| list versions imported | {len(report.updates)} |",
        f"| entities added / removed / amended | {sum(u.added for u in report.updates):,} / "
        f"{sum(u.removed for u in report.updates):,} / {sum(u.amended for u in report.updates):,} |",
        f"| monitoring runs | {', '.join(f'{v} {k}' for k, v in sorted(report.runs.items())) or 'none'} |",
        f"| customers screened (sum over runs) | {report.customers_screened:,} |",
        f"| portfolio size now | {report.portfolio_size:,} |",
        f"| alerts raised | {report.alerts_raised:,} |",
        f"| decisions | {', '.join(f'{v} {k}' for k, v in sorted(report.decisions.items())) or 'none'} |",
        f"| false positives among decisions | {fp / decided:.0%} |" if decided else "| false positives | – |",
        f"| alerts open or escalated now | {report.open_now:,} |",
        f"| time to first decision (median / p90 / mean) | {_hours(ttd['median'])} / {_hours(ttd['p90'])} / "
        f"{_hours(ttd['mean'])} |",
        f"| threshold of the latest run | {report.threshold if report.threshold is not None else '–'} |",
        "",
        "## List updates",
        "",
    ]
    if report.updates:
        lines += ["| list | version | imported | entities | added | removed | amended |", "| --- " * 7 + "|"]
        lines += [
            f"| {u.list} | {u.seq} | {u.imported_at} | {u.entities:,} | {u.added:,} | {u.removed:,} | {u.amended:,} |"
            for u in report.updates
        ]
    else:
        lines.append("No list was updated in the period.")
    lines += [
        "",
        "## Alerts over time",
        "",
        f"![alerts over time]({charts['alerts']})",
        "",
        "## Score distribution",
        "",
        "Where false positives crowd just above the threshold and true matches sit well above it, the threshold "
        "can rise; true matches near the threshold say it must not.",
        "",
        f"![score distribution]({charts['scores']})",
        "",
    ]
    return "\n".join(lines)


def _html(markdown: str) -> str:
    """A small Markdown-to-HTML for the report's own constructs (headings, tables, images, paragraphs)."""
    body: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            head, *rest = rows
            body.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>")
            body.extend("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rest)
            body.append("</table>")
            rows.clear()

    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [html.escape(c.strip()) for c in line.strip("|").split("|")]
            if not all(set(c) <= {"-", " "} for c in cells):
                rows.append(cells)
            continue
        flush()
        if line.startswith("## "):
            body.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.startswith("!["):
            alt, _, src = line[2:-1].partition("](")
            body.append(f'<img alt="{html.escape(alt)}" src="{src}">')
        elif line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    flush()
    style = (
        "body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}img{max-width:100%}"
    )
    return f'<!doctype html><html><head><meta charset="utf-8"><title>Screening report</title><style>{style}</style>' \
        f"</head><body>{''.join(body)}</body></html>\n"  # fmt: skip


def render_text(report: PeriodReport, format: str) -> str:
    """The report as one self-contained text (charts inline as data URIs), e.g. for an HTTP response."""
    if format not in REPORT_FORMATS:
        raise QueryError(f"unknown report format {format!r} (use {', '.join(REPORT_FORMATS)})")
    images = {"alerts": alerts_over_time(report), "scores": score_distribution(report)}
    links = {k: "data:image/png;base64," + base64.b64encode(v).decode() for k, v in images.items()}
    markdown = render_markdown(report, links)
    return _html(markdown) if format == "html" else markdown


def write_report(report: PeriodReport, path: Path, format: str | None = None) -> list[Path]:
    """Write the report; returns the files written (Markdown: the text and its two PNGs)."""
    fmt = format or path.suffix.lstrip(".").lower()
    if fmt not in REPORT_FORMATS:
        raise QueryError(f"unknown report format {fmt!r} (use {', '.join(REPORT_FORMATS)})")
    images = {"alerts": alerts_over_time(report), "scores": score_distribution(report)}
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        links = {k: "data:image/png;base64," + base64.b64encode(v).decode() for k, v in images.items()}
        path.write_text(_html(render_markdown(report, links)), encoding="utf-8")
        return [path]
    written = []
    links = {}
    for name, data in images.items():
        png = path.with_name(f"{path.stem}-{name}.png")
        png.write_bytes(data)
        written.append(png)
        links[name] = png.name
    path.write_text(render_markdown(report, links), encoding="utf-8")
    return [path, *written]
