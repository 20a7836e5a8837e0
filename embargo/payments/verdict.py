"""A message's verdict: ``pass``, or ``hold`` with every hit, each naming its element and what it met."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from embargo.payments.message import Message
from embargo.screening import Hit

__all__ = ["HIT_KINDS", "PaymentHit", "Verdict"]

#: What a hit is: a name scored against a listed entity, an identifier a list carries, a country or place
#: of a country-wide programme, a listed name found in a free text.
HIT_KINDS = ("name", "bic", "lei", "identifier", "country", "place", "text")


@dataclass(slots=True)
class PaymentHit:
    """One reason to hold a message.

    Attributes:
        path: the element or field (``CdtTrfTxInf[1]/Cdtr``, ``59``).
        role: its policy name (``Cdtr``).
        kind: one of :data:`HIT_KINDS`.
        value: what the message says there (the name, the BIC, the country code, the text's words).
        score: 1.0 for an exact identifier, a country or a place; the match score for a name.
        detail: the hit in one line of words.
        entity_id: the listed entity met (names, identifiers, texts); "" for a country or place.
        list_name: its list.
        caption: its name as listed.
        source_id: the publisher's id of the entity.
        programme: the programme (country and place hits), its key.
        explanation: the score in words (:meth:`embargo.screening.Hit.explanation`'s form).
        designations: the designations of the listed party (authority, program, measures).
        ownership: its ownership verdicts when it is blocked by ownership or control.
    """

    path: str
    role: str
    kind: str
    value: str
    score: float
    detail: str
    entity_id: str = ""
    list_name: str = ""
    caption: str = ""
    source_id: str = ""
    programme: str = ""
    explanation: list[dict[str, Any]] = field(default_factory=list)
    designations: list[dict[str, Any]] = field(default_factory=list)
    ownership: list[dict[str, Any]] = field(default_factory=list)
    #: The fingerprint of the party or text (its screened values, wherever in a message it stands).
    party_key: str = ""
    #: The fingerprint of what was met (the listed entry's match-relevant data, or the programme's).
    entity_fingerprint: str = ""
    #: The screening hit it was made from (designations are read through it), if any; not shown.
    source: Hit | None = field(default=None, repr=False, compare=False)

    @property
    def target(self) -> str:
        """What was met: the listed entity's id, or ``programme:NAME``."""
        return self.entity_id or f"programme:{self.programme}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form; empty parts are left out."""
        data: dict[str, Any] = {
            "path": self.path,
            "role": self.role,
            "kind": self.kind,
            "value": self.value,
            "score": round(self.score, 4),
            "detail": self.detail,
        }
        data["target"] = self.target
        for key in ("entity_id", "list_name", "caption", "source_id", "programme", "party_key", "entity_fingerprint"):
            if getattr(self, key):
                data["list" if key == "list_name" else key] = getattr(self, key)
        for key in ("explanation", "designations", "ownership"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass(slots=True)
class Verdict:
    """The verdict on one message.

    Attributes:
        message: the message read.
        verdict: ``pass`` or ``hold``.
        hits: every hit, in message order (none when the message passes).
        notes: what was not screened and why (an element the policy skips, an empty bank, a value
            that could not be read): never silently.
        screened: how many elements were screened.
        released: hits an analyst released before on the same party and the same listed entry
            (:mod:`embargo.payments.review`), which hold the message no more.
        seconds: the time the screening took.
    """

    message: Message
    verdict: str
    hits: list[PaymentHit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    screened: int = 0
    released: list[PaymentHit] = field(default_factory=list)
    seconds: float = 0.0
    #: The alert a held message was raised as, once raised.
    alert_id: int | None = None

    @property
    def held(self) -> bool:
        """Whether the message is held."""
        return self.verdict == "hold"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (what the CLI writes and the API answers)."""
        m = self.message
        data: dict[str, Any] = {
            "message": {
                "type": m.type,
                "family": m.family,
                "id": m.id,
                "source": m.source,
                "sender": m.sender,
                "receiver": m.receiver,
                "transactions": m.transactions,
                "amounts": list(m.amounts),
            },
            "verdict": self.verdict,
            "hits": [h.to_dict() for h in self.hits],
            "screened": self.screened,
            "notes": self.notes,
            "milliseconds": round(self.seconds * 1000, 3),
        }
        if self.released:
            data["released"] = [h.to_dict() for h in self.released]
        if self.alert_id is not None:
            data["alert_id"] = self.alert_id
        return data

    def lines(self) -> list[str]:
        """The verdict in words: a line for the message, then one per hit."""
        m = self.message
        head = f"{self.verdict.upper()}  {m.type} {m.id or '(no id)'}  {m.source}"
        if self.alert_id is not None:
            head += f"  (alert {self.alert_id})"
        out = [head]
        for hit in self.hits:
            out.append(f"  {hit.path}: {hit.detail}")
        for hit in self.released:
            out.append(f"  {hit.path}: released before: {hit.detail}")
        out.extend(f"  note: {n}" for n in self.notes)
        return out


def message_digest(data: bytes) -> str:
    """A message's content id: the SHA-256 of its bytes (what an alert names it by)."""
    return hashlib.sha256(data).hexdigest()
