"""Screen a text: an article pasted (or a saved page's HTML, pasted or uploaded), shown annotated.

The text is screened as ``POST /text`` screens it (:mod:`embargo.api.routers.text`):
the served snapshot's text screener (``service.texts``), the same longest text
(``EMBARGO_API_MAX_TEXT``, counted on the main text) and time budget
(``EMBARGO_REQUEST_SECONDS``), and an audit record of counts only, never the text.
The result is the annotated view of ``embargo text --html``
(:func:`embargo.text.annotate.render_fragment`), styled by :data:`~embargo.text.annotate.CSS`
served as ``/ui/text.css`` (the UI's content security policy allows no inline style).
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from markupsafe import Markup
from starlette.datastructures import FormData, UploadFile

from embargo.auth import Role
from embargo.budget import time_budget
from embargo.errors import QueryError
from embargo.extras import MissingExtraError, missing
from embargo.matching.query import check_unicode
from embargo.server.service import Service
from embargo.text import extract_main_text, looks_like_html
from embargo.text.annotate import CSS, render_fragment, screened_lists
from embargo.web.gate import audit_screening, checked_form, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["FORMATS", "router"]

router = APIRouter()

#: What the input is: guessed, HTML or plain text (as ``embargo text --format``).
FORMATS = {"auto": None, "html": True, "text": False}

#: Hits shown per mention.
LIMIT = 3

_TITLE = "Screen a text"


def _missing_extra() -> str:
    absent = missing("text")
    return str(MissingExtraError("Screening a text", "text", absent)) if absent else ""


@router.get("/text.css")
def annotated_style() -> Response:
    """The annotated view's stylesheet (the same rules the standalone report has inline)."""
    return Response(CSS, media_type="text/css")


@router.get("/text")
def text_form(request: Request, session: Session = Depends(need(Role.SCREEN))) -> Response:
    """The form: paste a text or a page's HTML, or upload a saved page."""
    service: Service = request.app.state.service
    return _page(request, session, service, extra=_missing_extra())


def _page(request: Request, session: Session, service: Service, status: int = 200, **context: Any) -> Response:
    context.setdefault("text", "")
    context.setdefault("format", "auto")
    context.setdefault("extra", "")
    context.setdefault("error", "")
    context.setdefault("result", None)
    return page(request, "text.html", _TITLE, session, status=status, max_text=service.config.limits.text, **context)


def _input(form: FormData) -> tuple[str, str, str]:
    """The text to screen, its source's name and the format asked for (an uploaded file wins over the box)."""
    chosen = str(form.get("format") or "auto")
    if chosen not in FORMATS:
        raise QueryError(f"format: one of {', '.join(FORMATS)}, not {chosen!r}")
    upload = form.get("page")
    if isinstance(upload, UploadFile):
        try:
            data = upload.file.read() if upload.filename else b""
        finally:
            upload.file.close()  # the form was parsed by hand (checked_form): nobody else closes it
        if data.strip():
            # as `embargo text` reads files: a bad byte is no reason to refuse
            return data.decode("utf-8", errors="replace"), upload.filename or "uploaded file", chosen
    # a browser sends a text box's line breaks as CRLF: as LF, offsets and counts are those of `embargo text`
    return str(form.get("text") or "").replace("\r\n", "\n"), "pasted text", chosen


@router.post("/text")
def screen_text(request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.SCREEN))) -> Response:
    """Screen the text sent and show it annotated."""
    session, form = checked
    service: Service = request.app.state.service
    extra = _missing_extra()
    if extra:
        return _page(request, session, service, status=501, extra=extra)
    raw, source, chosen = _input(form)
    shown = raw if source == "pasted text" else ""
    if not raw.strip():
        return _page(request, session, service, status=400, format=chosen, error="The text is empty.")
    started = time.perf_counter()
    status, error = 200, ""
    detail: dict[str, Any] = {}
    result: Markup | None = None
    try:
        text = check_unicode(raw, "text")
        loaded = service.screening  # one snapshot for the whole call, as every screening call
        # built on the first call of a snapshot (with the NER models, the first time): not part of the budget
        screener = service.texts.get(loaded.screener)
        with time_budget(service.config.limits.seconds):
            main = extract_main_text(text, FORMATS[chosen])
            limit = service.config.limits.text
            if len(main) > limit:
                status = 413
                error = f"Text of {len(main)} characters; at most {limit} are screened at once (EMBARGO_API_MAX_TEXT)."
            else:
                report = screener.screen(main, html=False, limit=LIMIT)
                lists = screened_lists(service.store, loaded.versions)
                # render_fragment escapes every piece of text itself
                result = Markup(render_fragment(report, source=source, lists=lists))
                verdicts = [r.verdict for r in report.mentions]
                detail = {
                    "html": FORMATS[chosen] if FORMATS[chosen] is not None else looks_like_html(text),
                    "characters": len(report.text),
                    "words": report.words,
                    "mentions": len(verdicts),
                    "listed": verdicts.count("listed"),
                    "ambiguous": verdicts.count("ambiguous"),
                }
    except QueryError as exc:
        status, error = 400, str(exc)
    audit_screening(request, service, session, "/text", status, started, detail)
    return _page(request, session, service, status=status, text=shown, format=chosen, error=error, result=result)
