"""Who may see a page: the session behind the cookie, the role a page needs, the CSRF token of every form.

Pages declare ``Depends(need(Role.REVIEW))``; a request without a live
session is sent to the sign-in page (and back afterwards), one with too
low a role gets a 403 page. Every POST form carries the session's CSRF
token in a hidden ``csrf`` field, compared in constant time.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import Request
from starlette.datastructures import FormData

from embargo.auth import Role, role_allows
from embargo.server.hooks import RequestRecord
from embargo.server.service import Service
from embargo.web.sessions import Session, SessionStore

__all__ = ["COOKIE", "Forbidden", "SignInRequired", "audit_screening", "checked_form", "need", "session_of"]

#: The session cookie's name.
COOKIE = "embargo_session"


class SignInRequired(Exception):
    """No live session: the handler redirects to the sign-in page."""

    def __init__(self, next_url: str) -> None:
        super().__init__("sign-in required")
        self.next_url = next_url


class Forbidden(Exception):
    """The session may not do this: its role is too low, or a form's CSRF token is wrong."""


def session_of(request: Request) -> Session | None:
    """The request's live session, if any."""
    sessions: SessionStore = request.app.state.sessions
    return sessions.get(request.cookies.get(COOKIE))


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def need(role: Role) -> Callable[[Request], Session]:
    """A dependency returning the session of a user with at least ``role``."""

    def check(request: Request) -> Session:
        session = session_of(request)
        if session is None:
            raise SignInRequired(quote(_here(request), safe="/?=&"))
        if not role_allows(session.role, role):
            raise Forbidden(
                f"This page needs the {role.value!r} role; you signed in with a {session.role.value!r} key."
            )
        request.state.session = session
        return session

    return check


def checked_form(role: Role) -> Callable[[Request], Awaitable[tuple[Session, FormData]]]:
    """A dependency for POST handlers: the session (with ``role``) and its form, whose CSRF token must match."""
    check = need(role)

    async def parse(request: Request) -> tuple[Session, FormData]:
        session = check(request)
        form = await request.form()
        sent = form.get("csrf")
        if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), session.csrf.encode()):
            await form.close()  # uploaded files of a refused form are not left open
            raise Forbidden("The form's security token is missing or out of date: reload the page and try again.")
        return session, form

    return parse


def audit_screening(
    request: Request,
    service: Service,
    session: Session,
    endpoint: str,
    status: int,
    started: float,
    detail: dict[str, Any],
) -> None:
    """Record a screening the web UI made, as the API records its calls: who, what, status, time, counts.

    Args:
        endpoint: the API endpoint it stands for (``/screen``, ``/text``).
        started: ``time.perf_counter()`` when the screening began.
        detail: counts only (never a name or a text); ``via: ui`` is added.
    """
    client = request.client
    service.audit(
        RequestRecord(
            key_id=session.key_id,
            key_name=session.name,
            role=session.role.value,
            method=request.method,
            endpoint=endpoint,
            path=request.url.path,
            status=status,
            duration_ms=(time.perf_counter() - started) * 1000,
            client=client.host if client else None,
            detail={**detail, "via": "ui"},
        )
    )
