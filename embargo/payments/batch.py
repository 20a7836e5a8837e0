"""Screen many messages (a day's file, a folder, a stream): a verdict each, held ones raised, and a summary.

A message that cannot be read is never passed: it is counted as an error,
with its one line (file, message, element or field), and the run says so
(the CLI exits non-zero). Held messages are raised as alerts
(:func:`~embargo.payments.review.hold`) unless asked not to.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from embargo.errors import MessageError
from embargo.payments.readers import Input
from embargo.payments.review import hold
from embargo.payments.screen import PaymentScreener
from embargo.payments.verdict import Verdict, message_digest
from embargo.screening.collector import batch_collection, settle

__all__ = ["PaymentSummary", "screen_inputs"]


@dataclass(slots=True)
class PaymentSummary:
    """What a run screened: messages by verdict and type, hits by kind, alerts, errors, time.

    Attributes:
        errors: each message or input that could not be read, in one line.
        alerts: alerts raised for held messages; ``alerts_existing`` were open already (the same bytes).
        service: MT service messages (acknowledgements) left out.
    """

    messages: int = 0
    passed: int = 0
    held: int = 0
    released: int = 0
    errors: list[str] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    alerts: list[int] = field(default_factory=list)
    alerts_existing: list[int] = field(default_factory=list)
    service: int = 0
    seconds: float = 0.0
    screening_seconds: float = 0.0
    #: The first message's screening time: it loads the name data (the text screener's dictionary).
    first_seconds: float = 0.0

    @property
    def per_second(self) -> float:
        """Messages screened per second of screening after the first (reading and writing outputs left out)."""
        rest = self.screening_seconds - self.first_seconds
        return (self.messages - 1) / rest if self.messages > 1 and rest > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "messages": self.messages,
            "passed": self.passed,
            "held": self.held,
            "passed_on_releases": self.released,
            "errors": self.errors,
            "types": dict(sorted(self.types.items())),
            "hits": dict(sorted(self.hits.items())),
            "alerts": self.alerts,
            "alerts_existing": self.alerts_existing,
            "service_messages_skipped": self.service,
            "seconds": round(self.seconds, 3),
            "first_message_seconds": round(self.first_seconds, 3),
            "messages_per_second": round(self.per_second, 1),
        }

    def lines(self) -> list[str]:
        """The summary in words."""
        types = ", ".join(f"{n:,} {t}" for t, n in sorted(self.types.items())) or "none"
        kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(self.hits.items())) or "none"
        rate = f", then {self.per_second:,.0f} messages/s" if self.messages > 1 else ""
        out = [
            f"{self.messages:,} message{'' if self.messages == 1 else 's'} ({types}) in {self.seconds:.2f} s "
            f"(the first message {self.first_seconds:.2f} s: it loads the name data{rate})",
            f"{self.passed:,} passed, {self.held:,} held, {len(self.errors):,} could not be read",
            f"hits by kind: {kinds}",
        ]
        if self.released:
            out.append(f"{self.released:,} passed because every hit was released before on the same party and entry")
        if self.alerts or self.alerts_existing:
            out.append(
                f"alerts raised: {len(self.alerts):,}"
                + (
                    f"; already open for the same message: {len(self.alerts_existing):,}"
                    if self.alerts_existing
                    else ""
                )
            )
        if self.service:
            out.append(f"{self.service:,} MT service messages (acknowledgements) left out")
        return out


def screen_inputs(
    screener: PaymentScreener,
    inputs: Iterable[Input],
    on_verdict: Callable[[Verdict], None] | None = None,
    raise_alerts: bool = True,
    actor: str = "embargo",
    progress: Callable[[PaymentSummary], None] | None = None,
) -> PaymentSummary:
    """Screen every message of ``inputs``, in order.

    Args:
        on_verdict: called with each verdict (to print or write it).
        raise_alerts: raise an alert for each held message (needs the screener's store).
        actor: who screens (the audit records' actor).
        progress: called every 1,000 messages with the summary so far.
    """
    summary = PaymentSummary()
    start = time.perf_counter()
    store = screener.screener.store
    versions = {index.list_name: index.version_id for index in screener.screener.indexes}
    with batch_collection():
        for item in inputs:
            each, service = item.each()
            summary.service += service
            for message in each:
                if isinstance(message, MessageError):  # never passed; the input's other messages are screened
                    summary.errors.append(str(message))
                    continue
                if summary.messages == 1:
                    # the first message loaded the name data: from the second on, what is loaded stays out of
                    # the collector's passes (one pass now; a run of one message does not wait for it)
                    settle()
                began = time.perf_counter()
                verdict = screener.screen(message)
                took = time.perf_counter() - began
                summary.screening_seconds += took
                if not summary.messages:
                    summary.first_seconds = took
                summary.messages += 1
                summary.types[message.type] += 1
                summary.hits.update(h.kind for h in verdict.hits)
                if verdict.held:
                    summary.held += 1
                    if raise_alerts and store is not None:
                        raw = message.raw or item.data
                        alert_id, new = hold(store, verdict, raw, message_digest(raw), actor, versions)
                        (summary.alerts if new else summary.alerts_existing).append(alert_id)
                        verdict.alert_id = alert_id
                else:
                    summary.passed += 1
                    summary.released += bool(verdict.released)
                if on_verdict is not None:
                    on_verdict(verdict)
                if progress is not None and summary.messages % 1000 == 0:
                    summary.seconds = time.perf_counter() - start
                    progress(summary)
    summary.seconds = time.perf_counter() - start
    return summary
