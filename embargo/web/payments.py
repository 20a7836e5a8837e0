"""A held payment message in the analyst UI: what its review page shows, its decision buttons, its queue badge.

A held message is an alert of kind ``payment`` (:mod:`embargo.payments.review`): its review page shows
the message (type, id, source, banks, amounts), every hit with its element and what it met (the listed
entry and its designations, or the country-wide programme), the hits released before that no longer
hold it, and the message as received; it is decided ``release``, ``reject`` or ``escalated``, through
the same decision form (and four-eyes) as a customer's alert.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from embargo.monitor import Alert
from embargo.store.payments import HeldMessage

__all__ = ["PAYMENT_CHOICES", "PaymentHitRow", "PaymentView", "decision_words", "is_payment", "payment_view"]

#: The decision buttons of a held message: value, label, keyboard shortcut (r release, b reject: block it).


PAYMENT_CHOICES = (("release", "Release", "r"), ("reject", "Reject", "b"), ("escalated", "Escalate", "e"))

#: A decision in words, as a sentence says what was done (``released by A. Analyst``).
_DONE = {"release": "released", "reject": "rejected"}


def decision_words(decision: str) -> str:
    """A decision as done (``released``, ``rejected``, ``true match``)."""
    return _DONE.get(decision, decision.replace("_", " "))


def is_payment(alert: Alert) -> bool:
    """Whether the alert holds a payment message (as :func:`embargo.payments.review.hold` raises one)."""
    return alert.schema == "Payment" and alert.customer_id.startswith("payment:")


@dataclass(frozen=True, slots=True)
class PaymentHitRow:
    """One hit as the review page shows it."""

    path: str
    kind: str
    value: str
    detail: str
    score: float
    list_name: str
    caption: str
    target: str
    programme: str
    designations: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PaymentView:
    """What the review page shows of a held message."""

    type: str
    message_id: str
    source: str
    family: str
    sender: str
    receiver: str
    transactions: int | None
    amounts: list[str]
    received_at: str
    digest: str
    hits: list[PaymentHitRow]
    released: list[PaymentHitRow]
    notes: list[str]
    screened: int | None
    raw: str


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _score(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _designations(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [
        {"authority": _text(d.get("authority")), "program": _text(d.get("program")), "list": _text(d.get("list"))}
        for d in value
        if isinstance(d, dict)
    ]


def _hit(data: Any) -> PaymentHitRow | None:
    if not isinstance(data, dict):
        return None
    return PaymentHitRow(
        path=_text(data.get("path")),
        kind=_text(data.get("kind")),
        value=_text(data.get("value")),
        detail=_text(data.get("detail")),
        score=_score(data.get("score")),
        list_name=_text(data.get("list")),
        caption=_text(data.get("caption")),
        target=_text(data.get("target")),
        programme=_text(data.get("programme")),
        designations=_designations(data.get("designations")),
    )


def _hits(value: Any) -> list[PaymentHitRow]:
    rows = [_hit(h) for h in value] if isinstance(value, list) else []
    return [r for r in rows if r is not None]


def payment_view(held: HeldMessage) -> PaymentView:
    """The review page's reading of a held message (its verdict as stored, read defensively)."""
    verdict = held.verdict if isinstance(held.verdict, dict) else {}
    message = verdict.get("message") if isinstance(verdict.get("message"), dict) else {}
    assert isinstance(message, dict)
    amounts = message.get("amounts")
    transactions = message.get("transactions")
    screened = verdict.get("screened")
    notes = verdict.get("notes")
    return PaymentView(
        type=_text(message.get("type")) or held.type,
        message_id=_text(message.get("id")) or held.message_id,
        source=_text(message.get("source")) or held.source,
        family=_text(message.get("family")),
        sender=_text(message.get("sender")),
        receiver=_text(message.get("receiver")),
        transactions=transactions if isinstance(transactions, int) else None,
        amounts=[_text(a) for a in amounts] if isinstance(amounts, list) else [],
        received_at=held.received_at,
        digest=held.digest,
        hits=_hits(verdict.get("hits")),
        released=_hits(verdict.get("released")),
        notes=[_text(n) for n in notes] if isinstance(notes, list) else [],
        screened=screened if isinstance(screened, int) else None,
        raw=held.raw,
    )
