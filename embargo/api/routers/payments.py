"""``POST /payments/screen``: a payment message in (ISO 20022 XML or SWIFT MT), its verdict out.

The body is the message as sent to the bank (``application/xml``, ``text/xml``,
``text/plain`` or ``application/octet-stream``; the reader tells the formats by
their first bytes). An MT body may hold several messages (acknowledgements are
left out): the answer has a verdict each. A held message is raised as an alert
in the analysts' queue (``alerts=false``: a dry run), decided with
``POST /alerts/{id}/decision`` as ``release``, ``reject`` or ``escalated``.
The screening policy is the server's (``EMBARGO_PAYMENT_POLICY``, else embargo's
default). The audit log gets the message's type, id and verdict, never its content.
"""

from __future__ import annotations

import threading
from typing import Any

import anyio
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Query as Param

from embargo.api.deps import get_service
from embargo.api.errors import ERROR_RESPONSES
from embargo.auth import ApiKey
from embargo.budget import time_budget
from embargo.errors import MessageError
from embargo.payments.policy import Policy, default_policy, read_policy
from embargo.payments.readers import read_messages
from embargo.payments.review import held_message, hold
from embargo.payments.screen import PaymentScreener
from embargo.payments.verdict import message_digest
from embargo.screening import Screener
from embargo.screening.collector import settle
from embargo.server.service import Service
from embargo.settings import payment_policy_setting
from embargo.text import TextScreener

__all__ = ["review_router", "router"]

router = APIRouter(tags=["Payments"])
review_router = APIRouter(tags=["Payments"])

_MEDIA = ("application/xml", "text/xml", "text/plain", "application/octet-stream", "")
_RAW = {"schema": {"type": "string", "minLength": 1}}
_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {m: _RAW for m in _MEDIA if m}},
}


class _Screeners:
    """The payment screener of the snapshot being served, built on first use per snapshot."""

    def __init__(self) -> None:
        self._built: tuple[Screener, PaymentScreener] | None = None
        self._lock = threading.Lock()
        self._policy: Policy | None = None

    def policy(self) -> Policy:
        if self._policy is None:
            path = payment_policy_setting()
            self._policy = read_policy(path) if path is not None else default_policy()
        return self._policy

    def get(self, service: Service, screener: Screener) -> PaymentScreener:
        built = self._built
        if built is not None and built[0] is screener:
            return built[1]
        with self._lock:
            built = self._built
            if built is None or built[0] is not screener:
                policy = self.policy()
                # the served text screener loads the language models; a policy without them needs the
                # name dictionary alone
                texts = service.texts.get(screener) if policy.text_models else TextScreener(service.store, screener)
                made = PaymentScreener(screener, policy, texts)
                made.warm_up()  # once per snapshot: no request after this one waits for the name data
                settle()  # what it loaded stays out of the collector's passes, as the snapshot's tables do
                built = (screener, made)
                self._built = built
            return built[1]


_SCREENERS = _Screeners()


@router.post(
    "/payments/screen",
    summary="Screen a payment message (ISO 20022 or SWIFT MT): pass, or hold with every hit",
    responses={415: {"description": "A media type that is no message", **ERROR_RESPONSES[400]}},
    openapi_extra=_BODY,
)
async def screen_payment(
    request: Request,
    alerts: bool = Param(True, description="Raise an alert for a held message (false: a dry run)."),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Screen every party, bank and free text of a payment message by the server's policy.

    ```sh
    curl -s -X POST "$E/payments/screen" -H "Authorization: ApiKey $KEY" \\
      -H 'Content-Type: application/xml' --data-binary @pacs008.xml
    ```

    The answer has a verdict per message: `pass`, or `hold` with each hit's element (`path`), what
    it met (a listed entity by name or by BIC/LEI/IMO, a country or place of a country-wide programme,
    a listed name in a free text), the score, its explanation and the designations; and `alert_id`
    when the held message was raised. A message that cannot be read is a 400 naming the element or
    field: it is never passed.
    """
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind not in _MEDIA:
        raise HTTPException(415, f"Send the message as application/xml, text/xml or text/plain, not {kind!r}.")
    body = await request.body()
    loaded = service.screening
    key: ApiKey | None = getattr(request.state, "api_key", None)
    actor = key.name if key is not None else "api"

    def run() -> dict[str, Any]:
        screener = _SCREENERS.get(service, loaded.screener)
        try:
            messages, service_messages = read_messages(body, "request body")
        except MessageError as exc:
            raise HTTPException(400, str(exc)) from exc
        versions = {index.list_name: index.version_id for index in loaded.screener.indexes}
        verdicts = []
        with time_budget(service.config.limits.seconds):
            for message in messages:
                verdict = screener.screen(message)
                if verdict.held and alerts:
                    raw = message.raw or body
                    verdict.alert_id, _ = hold(service.store, verdict, raw, message_digest(raw), actor, versions)
                verdicts.append(verdict)
        request.state.audit = {
            "messages": [
                {"type": v.message.type, "id": v.message.id, "verdict": v.verdict, "hits": len(v.hits)}
                for v in verdicts
            ],
            **({"alerts": [v.alert_id for v in verdicts if v.alert_id]} if alerts else {}),
        }
        return {
            "verdicts": [v.to_dict() for v in verdicts],
            "service_messages_skipped": service_messages,
            "policy": screener.policy.to_dict(),
        }

    return await anyio.to_thread.run_sync(run)


@review_router.get("/payments/held/{alert_id}", summary="A held payment message: the message and its verdict")
def held(alert_id: int, service: Service = Depends(get_service)) -> dict[str, Any]:
    """The message held under an alert, as received, with the verdict it was held on."""
    found = held_message(service.store, alert_id)
    if found is None:
        raise HTTPException(404, f"alert {alert_id} holds no payment message")
    return found.to_dict()
