"""Rendering pages: the Jinja environment (autoescaped), what every page is given, and small filters."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from embargo.auth import Role, role_allows
from embargo.web.sessions import Session

__all__ = ["LINK_SCHEMES", "age", "link_url", "page", "templates"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

#: The navigation: path under /ui, label, the role it needs.
NAV = (
    ("/alerts", "Alert queue", Role.REVIEW),
    ("/screen", "Quick screen", Role.SCREEN),
    ("/text", "Screen a text", Role.SCREEN),
    ("/lists", "Lists", Role.REVIEW),
    ("/dashboard", "Dashboard", Role.REVIEW),
    ("/audit", "Audit trail", Role.APPROVE),
    ("/admin", "Admin", Role.ADMIN),
)


def age(when: str | None) -> str:
    """How long ago an ISO time was, in the largest whole unit (``3 d``, ``5 h``, ``12 min``)."""
    if not when:
        return ""
    try:
        then = datetime.fromisoformat(when)
    except ValueError:
        return when
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    seconds = max(0, int((datetime.now(UTC) - then).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return "just now"


def _label(value: str | None) -> str:
    return (value or "").replace("_", " ")


#: Schemes a link to an outside page may have: a list's or publication's URL comes from the list
#: file, which embargo does not control (``javascript:`` and ``data:`` would run in the analyst's page).
LINK_SCHEMES = ("http", "https")


def link_url(value: str | None) -> str:
    """``value`` when it is an absolute ``http(s)`` URL with a host; ``""`` otherwise (nothing is linked)."""
    text = (value or "").strip()
    scheme, sep, rest = text.partition(":")
    if not sep or scheme.lower() not in LINK_SCHEMES or not rest.startswith("//") or len(rest) < 3:
        return ""
    if any(ord(ch) < 0x21 or ch == "\x7f" for ch in text):
        return ""  # whitespace or control characters inside hide a scheme from a naive check
    return text


templates.env.filters["age"] = age
templates.env.filters["label"] = _label
templates.env.filters["link_url"] = link_url


def page(
    request: Request, name: str, title: str, session: Session | None, status: int = 200, **context: Any
) -> HTMLResponse:
    """Render ``templates/name`` with what every page needs (base URL, user, CSRF token, navigation)."""
    base = request.scope.get("root_path", "")
    nav = [(base + path, label) for path, label, role in NAV if session is not None and role_allows(session.role, role)]
    return templates.TemplateResponse(
        request,
        name,
        {"title": title, "base": base, "user": session, "nav": nav, "here": request.url.path, **context},
        status_code=status,
    )
