"""Signing in with an API key, and out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse

from embargo.audit import append
from embargo.auth import RateLimiter, Role, role_allows
from embargo.web.gate import COOKIE, checked_form, session_of
from embargo.web.render import page
from embargo.web.sessions import SessionStore

__all__ = ["KEY_PREFIX", "SIGNIN_ADDRESS_FAILURES_PER_MINUTE", "SIGNIN_FAILURES_PER_MINUTE", "router"]

#: Failed sign-ins a client address may make a minute with one key (in a burst, then one every few seconds).
SIGNIN_FAILURES_PER_MINUTE = 10
#: Failed sign-ins a client address may make a minute whatever the keys: guessing stays slow, while the
#: typos of one user behind a shared address (an office's NAT) do not lock the others out.
SIGNIN_ADDRESS_FAILURES_PER_MINUTE = 60
#: Characters of the key tried that name it for the throttle (``emb_`` and eight of the key's own).
KEY_PREFIX = 12

router = APIRouter()


def _safe_next(base: str, target: str | None) -> str:
    """Only a path of this UI: never another site (an open redirect)."""
    if target and target.startswith(base + "/") and not target.startswith("//") and "\\" not in target:
        return target
    return base + "/"


@router.get("/")
def home(request: Request) -> Response:
    """The queue for reviewers, the quick screen for the others."""
    base = request.scope.get("root_path", "")
    session = session_of(request)
    if session is None:
        return RedirectResponse(base + "/login", status_code=303)
    target = "/alerts" if role_allows(session.role, Role.REVIEW) else "/screen"
    return RedirectResponse(base + target, status_code=303)


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    """The sign-in form."""
    return page(request, "login.html", "Sign in", None, next=next or "")


@router.post("/login")
def login(request: Request, key: str = Form("", max_length=200), next: str = Form("", max_length=2000)) -> Response:
    """Exchange an API key for a session cookie."""
    sessions: SessionStore = request.app.state.sessions
    per_key: RateLimiter = request.app.state.signin_limiter
    per_address: RateLimiter = request.app.state.signin_address_limiter
    client = request.client.host if request.client else "unknown"
    tried = f"signin:{client}:{key.strip()[:KEY_PREFIX]}"
    wait = max(per_key.wait(tried), per_address.wait(f"signin:{client}"))
    if wait > 0:
        refused = page(
            request, "login.html", "Sign in", None, status=429, next=next,
            error=f"Too many failed sign-ins from this address: try again in {int(wait)} seconds.",
        )  # fmt: skip
        refused.headers["Retry-After"] = str(int(wait))
        return refused
    opened = sessions.sign_in(key)
    if opened is None:
        per_key.take(tried)
        per_address.take(f"signin:{client}")
        with sessions.store.transaction() as conn:
            append(conn, "web-ui", "ui.signin_failed", {"client": client, "key_hint": key[:4]})
        return page(request, "login.html", "Sign in", None, status=401, next=next, error="Unknown or revoked API key.")
    token, session = opened
    with sessions.store.transaction() as conn:
        append(conn, session.name, "ui.signin", {"client": client, "key_id": session.key_id, "role": session.role})
    base = request.scope.get("root_path", "")
    response = RedirectResponse(_safe_next(base, next), status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(sessions.hours * 3600),
        path=base or "/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
def logout(request: Request, checked: object = Depends(checked_form(Role.SCREEN))) -> Response:
    """End the session."""
    sessions: SessionStore = request.app.state.sessions
    sessions.close(request.cookies.get(COOKIE, ""))
    base = request.scope.get("root_path", "")
    response = RedirectResponse(base + "/login?signed_out=1", status_code=303)
    response.delete_cookie(COOKIE, path=base or "/")
    return response
