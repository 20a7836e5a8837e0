"""``POST /text``: every person and organization an article names, screened (as ``embargo text``).

The body is JSON (``{"text": ..., "html": null, "limit": 3}``) or the text itself,
``text/plain`` or ``text/html`` (then ``html`` and ``limit`` are query parameters;
the media type says whether it is HTML unless ``html`` is given). The answer is
:meth:`embargo.text.TextReport.to_dict`. The audit log gets counts only (characters,
words, mentions, verdicts), never the text.
"""

from __future__ import annotations

import codecs
from typing import Any

import anyio
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Query as Param
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from embargo.api.deps import get_service
from embargo.api.errors import ERROR_RESPONSES
from embargo.api.text_models import MAX_LIMIT, TextRequest, TextResult
from embargo.budget import time_budget
from embargo.matching.query import check_unicode
from embargo.server.service import Service
from embargo.text import extract_main_text, looks_like_html

__all__ = ["router"]

router = APIRouter(tags=["Screening"])

_RAW = {"schema": {"type": "string", "minLength": 1}}
_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/TextRequest"}},
            "text/plain": _RAW,
            "text/html": _RAW,
        },
    }
}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    415: {"description": "The body is not JSON, text/plain or text/html", **ERROR_RESPONSES[400]},
}


def _media(request: Request) -> tuple[str, str]:
    """The body's media type (lower case, no parameters) and charset."""
    header = request.headers.get("content-type", "")
    kind, _, params = header.partition(";")
    charset = "utf-8"
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    return kind.strip().lower(), charset


def _read(body: bytes, kind: str, charset: str, html: bool | None, limit: int) -> tuple[str, bool | None, int]:
    """The text, whether it is HTML and the hit limit, from whichever body was sent."""
    if kind in ("", "application/json") or kind.endswith("+json"):
        try:
            sent = TextRequest.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from exc
        given = sent.model_fields_set
        text = check_unicode(sent.text, "text")
        return text, sent.html if "html" in given else html, sent.limit if "limit" in given else limit
    if kind not in ("text/plain", "text/html"):
        raise HTTPException(415, f"Send JSON, text/plain or text/html, not {kind!r}.")
    try:
        codecs.lookup(charset)
    except LookupError as exc:
        raise HTTPException(400, f"Unknown charset {charset!r}.") from exc
    text = body.decode(charset, errors="replace")  # as `embargo text` reads files: a bad byte is no reason to refuse
    return text, (kind == "text/html") if html is None else html, limit


@router.post(
    "/text",
    summary="Screen every person and organization a text names",
    response_model=TextResult,
    responses=_RESPONSES,
    openapi_extra=_BODY,
)
async def screen_text(
    request: Request,
    html: bool | None = Param(None, description="With a raw body: true for HTML, false for plain text."),
    limit: int = Param(3, ge=1, le=MAX_LIMIT, description="With a raw body: hits kept per mention."),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Find the people and organizations an article names and screen each against every served list.

    ```sh
    curl -s -X POST "$E/text" -H "Authorization: ApiKey $KEY" -H 'Content-Type: application/json' \\
      -d '{"text": "President Alexander Lukashenko spoke. Lukashenko'"'"'s son Dmitry did not."}'
    curl -s -X POST "$E/text" -H "Authorization: ApiKey $KEY" -H 'Content-Type: text/html' --data-binary @page.html
    ```

    Each mention comes with its offsets in the screened text (for HTML, the page's main text),
    what it resolves to, its best hits and a verdict: `listed`, `ambiguous` or `not_listed`.
    """
    kind, charset = _media(request)
    raw, as_html, hits = _read(await request.body(), kind, charset, html, limit)
    if not raw.strip():
        raise HTTPException(400, "text: the text is empty.")
    loaded = service.screening  # one snapshot for the whole call, as every screening call
    max_text = service.config.limits.text

    def run() -> dict[str, Any]:
        # built on the first call of a snapshot (with the NER models, the first time): not part of the budget
        screener = service.texts.get(loaded.screener)
        with time_budget(service.config.limits.seconds):
            text = extract_main_text(raw, as_html)
            if len(text) > max_text:
                raise HTTPException(
                    413,
                    f"Text of {len(text)} characters; at most {max_text} are screened at once (EMBARGO_API_MAX_TEXT).",
                )
            report = screener.screen(text, html=False, limit=hits).to_dict()
        verdicts = [m["verdict"] for m in report["mentions"]]
        request.state.audit = {
            "html": as_html if as_html is not None else looks_like_html(raw),
            "characters": report["characters"],
            "words": report["words"],
            "mentions": len(verdicts),
            "listed": verdicts.count("listed"),
            "ambiguous": verdicts.count("ambiguous"),
        }
        return report

    return await anyio.to_thread.run_sync(run)
