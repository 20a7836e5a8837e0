"""Who owns or controls a party: its standing under each ownership rule, the chain drawn as a graph and in words.

:func:`chain_svg` draws a verdict's chain (:func:`embargo.ownership.graph.result_of`) as an
inline SVG made here, on the server: no script draws it, so it shows under the content
security policy and without JavaScript. Boxes are the parties, coloured by status and
saying it in words too (colour is never the only sign); arrows go from owner to owned,
labelled with the share or the kind of control; the screened party is at the bottom,
the designated parties at the top. Every text is escaped: names come from registers and
lists embargo does not control.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from markupsafe import Markup

from embargo.auth import Role
from embargo.errors import QueryError
from embargo.ownership import RULES
from embargo.ownership.graph import result_of
from embargo.server.service import Service
from embargo.web.gate import need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["STATUS_COLOURS", "chain_svg", "router"]

router = APIRouter()

#: Status to (fill, stroke, text colour): designated parties dark red, blocked ones pale red, possibly
#: blocked ones amber, the others plain (the UI's --high, --medium and --muted colours).
STATUS_COLOURS = {
    "designated": ("#8b0000", "#8b0000", "#ffffff"),
    "blocked": ("#fdecec", "#8b0000", "#1b1f24"),
    "possibly blocked": ("#fff4e0", "#8a4b00", "#1b1f24"),
    "not blocked": ("#ffffff", "#4a5560", "#1b1f24"),
}

_BOX_W, _BOX_H, _GAP_X, _ROW_H, _PAD = 250, 46, 36, 110, 16
#: Characters XML 1.0 does not allow at all: a name holding one would make the page's SVG unreadable.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    """Text safe inside an SVG element or attribute: escaped, without the characters XML forbids."""
    return escape(_NOT_XML.sub("", str(value)), quote=True)


def _width(text: str) -> float:
    """About how wide ``text`` is in the boxes' bold 13px type (capitals and wide scripts take more)."""
    return sum(4.0 if ch.isspace() else 10.0 if ch.isupper() or ord(ch) > 0x2E80 else 7.5 for ch in text)


def _short(name: str, room: float = _BOX_W - 16) -> str:
    """``name`` cut to fit its box, with an ellipsis (the whole name is in its tooltip and the lines)."""
    if _width(name) <= room:
        return name
    while name and _width(name) + 8 > room:
        name = name[:-1]
    return name.rstrip() + "…"


def _graph(verdict: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, str, str]]]:
    """The chain's parties (key to name, status, level) and its links (from, to, label, tooltip)."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str, str]] = []

    def add(key: str, name: str, status: str, level: int) -> None:
        found = nodes.setdefault(key, {"name": name, "status": status, "level": level})
        found["level"] = max(found["level"], level)
        if found["status"] == "not blocked" and status != "not blocked":
            found["status"] = status

    steps: list[dict[str, Any]] = verdict.get("steps") or []
    for step in steps:
        add(str(step["node"]), str(step.get("name") or step["node"]), str(step.get("status", "")), int(step["depth"]))
    for step in steps:
        key, depth = str(step["node"]), int(step["depth"])
        for h in step.get("holdings", []):
            owner = str(h["owner"])
            add(owner, str(h.get("owner_name") or owner), "not blocked", depth + 1)
            when = _period(h.get("start"), h.get("end"))
            text = str(h["share"]["text"])
            edges.append((owner, key, text, f"holds {text}{when}" + (f"; {h['source']}" if h.get("source") else "")))
        for c in step.get("controls", []):
            controller = str(c["controller"])
            add(controller, str(c.get("controller_name") or controller), "not blocked", depth + 1)
            label = f"controls ({c['kind']})" if c.get("kind") else "controls"
            when = _period(c.get("start"), c.get("end"))
            edges.append((controller, key, label, label + when + (f"; {c['source']}" if c.get("source") else "")))
    top = max((n["level"] for n in nodes.values()), default=0)
    for n in nodes.values():
        if n["status"] == "designated":
            n["level"] = top  # the designated parties at the top, where the chain starts
    return nodes, list(dict.fromkeys(edges))


def _period(start: object, end: object) -> str:
    if start and end:
        return f" from {start} to {end}"
    if start:
        return f" since {start}"
    return f" until {end}" if end else ""


def chain_svg(verdict: dict[str, Any]) -> str:
    """A verdict's chain as an inline SVG graph (one ``<g class="node">`` box per party of the chain).

    Args:
        verdict: one rule's verdict, as :func:`embargo.ownership.graph.result_of` gives it.

    Returns:
        The ``<svg>`` element's markup, well-formed XML, every text escaped.
    """
    nodes, edges = _graph(verdict)
    rule = re.sub(r"[^a-z0-9_-]", "", str(verdict.get("rule", "")).lower()) or "rule"
    top = max((n["level"] for n in nodes.values()), default=0)
    rows: dict[int, list[str]] = {}
    for key, n in sorted(nodes.items(), key=lambda kv: (kv[1]["name"], kv[0])):
        rows.setdefault(n["level"], []).append(key)
    widest = max((len(r) for r in rows.values()), default=1)
    width = _PAD * 2 + widest * _BOX_W + (widest - 1) * _GAP_X
    height = _PAD * 2 + top * _ROW_H + _BOX_H
    where: dict[str, tuple[float, float]] = {}
    for level, keys in rows.items():
        row_w = len(keys) * _BOX_W + (len(keys) - 1) * _GAP_X
        x0 = (width - row_w) / 2
        row_y = float(_PAD + (top - level) * _ROW_H)
        for i, key in enumerate(keys):
            where[key] = (x0 + i * (_BOX_W + _GAP_X), row_y)
    steps = verdict.get("steps") or [{}]
    subject = str(steps[0].get("name") or steps[0].get("node") or "the party")
    summary = f"{subject}: {verdict.get('status', '')} under {verdict.get('rule_title') or rule}"
    if len(nodes) > 1:
        summary += f"; the chain of {len(nodes)} parties, owners above what they own"
    marker = f"arrow-{rule}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chain" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{_text(summary)}">',
        f"<title>{_text(summary)}</title>",
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1b1f24"/></marker></defs>',
    ]
    for owner, owned, label, tooltip in edges:
        (ox, oy), (ax, ay) = where[owner], where[owned]
        x1, y1 = ox + _BOX_W / 2, oy + (_BOX_H if oy < ay else 0)
        x2, y2 = ax + _BOX_W / 2, ay + (0 if oy < ay else _BOX_H)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        out.append(
            f'<g class="link"><title>{_text(tooltip)}</title>'
            f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#1b1f24" stroke-width="1.5" '
            f'marker-end="url(#{marker})"/>'
            f'<text x="{mx:.0f}" y="{my + 4:.0f}" text-anchor="middle" font-size="12" fill="#1b1f24" '
            f'stroke="#ffffff" stroke-width="4" paint-order="stroke">{_text(_short(label, _BOX_W))}</text></g>'
        )
    for key, n in nodes.items():
        x, y = where[key]
        fill, stroke, ink = STATUS_COLOURS.get(n["status"], STATUS_COLOURS["not blocked"])
        status_class = re.sub(r"[^a-z]+", "-", n["status"]).strip("-") or "unknown"
        out.append(
            f'<g class="node {status_class}"><title>{_text(n["name"])} [{_text(key)}]: {_text(n["status"])}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{_BOX_W}" height="{_BOX_H}" rx="5" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{3 if key == str(steps[0].get("node")) else 1.5}"/>'
            f'<text x="{x + _BOX_W / 2:.0f}" y="{y + 19:.0f}" text-anchor="middle" font-size="13" font-weight="600" '
            f'fill="{ink}">{_text(_short(n["name"]))}</text>'
            f'<text x="{x + _BOX_W / 2:.0f}" y="{y + 36:.0f}" text-anchor="middle" font-size="11" '
            f'fill="{ink}">{_text(n["status"])}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _rule(value: str) -> str | None:
    name = value.strip().lower()
    if not name:
        return None
    if name not in RULES:
        raise QueryError(f"unknown rule {value!r}: use one of {', '.join(RULES)}")
    return name


def _as_of(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise QueryError(f"as of: not a date: {value!r} (use YYYY-MM-DD)") from exc


@router.get("/ownership/{ref:path}")
def ownership_page(
    request: Request,
    ref: str,
    rule: str = Query("", max_length=20),
    as_of: str = Query("", max_length=40),
    session: Session = Depends(need(Role.SCREEN)),
) -> Response:
    """A party's standing under each ownership rule (or one), as of today or a date: graph, lines, steps."""
    service: Service = request.app.state.service
    verdicts = result_of(service.store, ref, _rule(rule), _as_of(as_of))
    shown = [{"verdict": v, "svg": Markup(chain_svg(v))} for v in verdicts]  # every text escaped in chain_svg
    steps = verdicts[0]["steps"] if verdicts else []
    name = str(steps[0].get("name") or ref) if steps else ref
    node = str(steps[0].get("node") or ref) if steps else ref
    return page(
        request,
        "ownership.html",
        f"Ownership: {name}",
        session,
        ref=ref,
        node=node,
        party=name,
        rule=rule.strip().lower(),
        as_of=as_of.strip(),
        rules=list(RULES.values()),
        shown=shown,
    )
