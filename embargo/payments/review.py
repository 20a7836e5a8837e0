"""Held messages in the analysts' queue: the hold, the release or rejection, and what a release remembers.

A held message becomes an alert of kind ``payment`` (:func:`hold`), in the
same queue as the customers' alerts, with the message kept whole beside it
(:mod:`embargo.store.payments`) and its ``alert.raise`` audit record (kind ``payment``, the
message's type, id and digest, each hit's element and target). Its
decisions are ``release`` and ``reject`` (and ``escalated``), made as every
decision is (:func:`embargo.monitor.decide`: a note, a principal of the
store, four-eyes where the store's policy asks it, an ``alert.decide`` audit
record).

A release remembers each hit by two fingerprints: the party's (the values
screened: name, address, identifiers, account, or a text's words, wherever
in a message they stand) and the listed entry's (its names, dates,
countries, identifiers and designations; a programme's countries and places).
A later message whose hits were all released on the same party and the same
unchanged entry passes (:func:`apply_releases`), naming the releases; a
change to either holds it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from embargo.audit import append
from embargo.matching import ALGORITHM
from embargo.model import Entity
from embargo.monitor._clock import now
from embargo.monitor.fingerprint import entity_snapshot, snapshot_fingerprint
from embargo.payments.policy import Policy
from embargo.payments.verdict import PaymentHit, Verdict
from embargo.screening import Screener
from embargo.store import Store, alerts, cases
from embargo.store import payments as rows
from embargo.store.payments import HeldMessage

__all__ = ["PAYMENT_DECISIONS", "apply_releases", "fingerprint_hits", "held_message", "hold", "listed_entity"]

#: The decisions a held message takes.
PAYMENT_DECISIONS = ("release", "reject", "escalated")


def fingerprint_hits(
    screener: Screener, policy: Policy, hits: list[PaymentHit], entity: Callable[[str], Entity | None] | None = None
) -> None:
    """Give each hit the fingerprint of what it met (for the hits of held messages).

    Args:
        entity: a listed entity by id (a screener's cache of the entities it read); the store when None.
    """
    programmes = {p.name: p for p in policy.programmes}
    for hit in hits:
        if hit.entity_fingerprint:
            continue
        if hit.programme:
            p = programmes.get(hit.programme)
            data: dict[str, Any] = (
                {"programme": p.name, "countries": sorted(p.countries), "subdivisions": sorted(p.subdivisions),
                 "places": sorted(p.places)}
                if p is not None
                else {"programme": hit.programme}
            )  # fmt: skip
            hit.entity_fingerprint = _digest(data)
        elif hit.source is not None and hit.source.kind == "ownership" and screener.owned is not None:
            held = screener.owned.entities.get(hit.entity_id, {})
            hit.entity_fingerprint = _digest({"entity": held, "ownership": hit.source.ownership})
        else:
            listed = (entity or (lambda e: listed_entity(screener, e)))(hit.entity_id)
            hit.entity_fingerprint = (
                _digest({"entity": hit.entity_id}) if listed is None else snapshot_fingerprint(entity_snapshot(listed))
            )


def listed_entity(screener: Screener, entity_id: str) -> Entity | None:
    """A listed entity of the versions ``screener`` serves (its own cache, else read from those versions)."""
    if screener.entities is not None:
        return screener.entities(entity_id)
    if screener.store is None:
        return None
    return screener.store.view().entity_in(entity_id, [index.version_id for index in screener.indexes])


def apply_releases(store: Store, verdict: Verdict) -> Verdict:
    """The verdict with the hits released before on the same party and the same unchanged entry set aside.

    A message whose every hit was released passes (its :attr:`Verdict.released` names them); one
    hit not released keeps it held, with the released ones shown apart.
    """
    if not verdict.hits:
        return verdict
    with store.reading("the released payment hits") as conn:
        found = rows.released(conn, [(h.party_key, h.target) for h in verdict.hits])
    if not found:
        return verdict
    still: list[PaymentHit] = []
    for hit in verdict.hits:
        before = found.get((hit.party_key, hit.target))
        if before is not None and before[0] == hit.entity_fingerprint:
            hit.detail += f" (released in alert {before[1]})"
            verdict.released.append(hit)
        else:
            still.append(hit)
    verdict.hits = still
    verdict.verdict = "hold" if still else "pass"
    return verdict


def hold(
    store: Store, verdict: Verdict, raw: bytes | str, digest: str, actor: str, versions: dict[str, int]
) -> tuple[int, bool]:
    """Raise the alert of a held message (and its audit record) in one transaction.

    The same message (the same bytes) held again while its alert is open or escalated is not raised twice.

    Args:
        raw: the message as received (kept whole with the alert).
        digest: its content id (:func:`~embargo.payments.verdict.message_digest`).
        actor: who screened it (the CLI's user, the API key's principal).
        versions: the list versions screened against (list name to version id).

    Returns:
        The alert's id, and whether it is new.
    """
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    m = verdict.message
    top = max(verdict.hits, key=lambda h: h.score)
    when = now()
    data = verdict.to_dict()
    with store.transaction() as conn:
        existing = rows.open_alert_for(conn, digest)
        if existing is not None:
            return existing, False
        customer_id = f"payment:{digest[:24]}"
        list_name = top.list_name or "programme"
        reason = f"payment held: {len(verdict.hits)} hit{'s' if len(verdict.hits) != 1 else ''} " + (
            f"({', '.join(sorted({h.kind for h in verdict.hits}))})"
        )
        alert_id = alerts.insert(
            conn,
            run_id=0,
            created_at=when,
            customer_id=customer_id,
            entity_id=top.target,
            list_name=list_name,
            list_version=versions.get(top.list_name, 0),
            list_versions=json.dumps(versions, sort_keys=True),
            score=top.score,
            caption=top.caption or top.detail,
            schema="Payment",
            matched_name=top.value,
            query_name=f"{m.type} {m.id}".strip(),
            algorithm=ALGORITHM,
            explanation=json.dumps([h.to_dict() for h in verdict.hits], ensure_ascii=False, sort_keys=True),
            reason=reason,
            customer_fingerprint=digest,
            entity_fingerprint=top.entity_fingerprint,
            customer_data=json.dumps(data["message"], ensure_ascii=False, sort_keys=True),
            entity_data="{}",
            # a case of its own (the queue pages by case): the message and what it met best
            case_id=cases.case_for(conn, customer_id, top.target, when),
        )
        rows.insert_message(conn, alert_id, digest, m.type, m.id, m.source, when, data, text)
        programs = sorted(
            {str(d["program"]) for h in verdict.hits for d in h.designations if d.get("program")}
            | {h.programme for h in verdict.hits if h.programme}
        )
        alerts.insert_programs(conn, alert_id, programs)
        # the record every alert is raised with (the audit's state check reads it), and the message's facts
        append(
            conn,
            actor,
            "alert.raise",
            {
                "alert_id": alert_id,
                "run_id": 0,
                "kind": "payment",
                "customer_id": customer_id,
                "entity_id": top.target,
                "list": list_name,
                "list_version": versions.get(top.list_name, 0),
                "score": top.score,
                "algorithm": ALGORITHM,
                "reason": reason,
                "customer_fingerprint": digest,
                "entity_fingerprint": top.entity_fingerprint,
                "message": {"type": m.type, "id": m.id, "source": m.source, "digest": digest},
                "hits": [
                    {"path": h.path, "kind": h.kind, "target": h.target, "score": round(h.score, 4)}
                    for h in verdict.hits
                ],
            },
            at=when,
        )
    return alert_id, True


def held_message(store: Store, alert_id: int) -> HeldMessage | None:
    """The message held under alert ``alert_id`` (None: a customer's alert or no such alert)."""
    with store.reading("the held message") as conn:
        return rows.held_message(conn, alert_id)


def _digest(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
