"""Held payment messages (``payment_messages``) and released hits (``payment_releases``).

A held message is an alert of kind ``payment`` (``alerts.kind``) with its
message kept whole beside it: the bytes as received, the verdict and, for each
hit, the fingerprints of the party and of the listed entry it met. Releasing
the alert remembers those fingerprints (:func:`release_hits`); screening asks
which of a message's hits were released before on the same party and the
same entry (:func:`released`). What makes a hold and a release is the
payments package's (:mod:`embargo.payments.review`); every function here runs
on the caller's connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from embargo.store.connection import Connection

__all__ = ["HeldMessage", "alert_kind", "held_message", "insert_message", "open_alert_for", "release_hits", "released"]


@dataclass(frozen=True, slots=True)
class HeldMessage:
    """A held message as stored."""

    alert_id: int
    digest: str
    type: str
    message_id: str
    source: str
    received_at: str
    verdict: dict[str, Any]
    raw: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (the raw message included)."""
        return {
            "alert_id": self.alert_id,
            "digest": self.digest,
            "type": self.type,
            "message_id": self.message_id,
            "source": self.source,
            "received_at": self.received_at,
            "verdict": self.verdict,
            "raw": self.raw,
        }


def insert_message(
    conn: Connection,
    alert_id: int,
    digest: str,
    type_: str,
    message_id: str,
    source: str,
    received_at: str,
    verdict: dict[str, Any],
    raw: str,
) -> None:
    """Keep a held message beside its alert (``verdict`` as JSON; its hits carry their fingerprints)."""
    conn.execute(
        "INSERT INTO payment_messages (alert_id, digest, type, message_id, source, received_at, verdict, raw) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (alert_id, digest, type_, message_id, source, received_at, json.dumps(verdict, sort_keys=True), raw),
    )
    conn.execute("UPDATE alerts SET kind = 'payment' WHERE id = ?", (alert_id,))


def held_message(conn: Connection, alert_id: int) -> HeldMessage | None:
    """The message held under an alert, or None (a customer's alert, or no such alert)."""
    row = conn.execute(
        "SELECT alert_id, digest, type, message_id, source, received_at, verdict, raw FROM payment_messages "
        "WHERE alert_id = ?",
        (alert_id,),
    ).fetchone()
    if row is None:
        return None
    return HeldMessage(int(row[0]), row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7])


def open_alert_for(conn: Connection, digest: str) -> int | None:
    """The alert of a message with these bytes that is still open or escalated (the same message sent again)."""
    row = conn.execute(
        "SELECT p.alert_id FROM payment_messages p JOIN alerts a ON a.id = p.alert_id "
        "WHERE p.digest = ? AND a.status IN ('open', 'escalated') ORDER BY p.alert_id LIMIT 1",
        (digest,),
    ).fetchone()
    return None if row is None else int(row[0])


def alert_kind(conn: Connection, alert_id: int) -> str | None:
    """``customer`` or ``payment``; None when there is no such alert."""
    row = conn.execute("SELECT kind FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    return None if row is None else str(row[0])


def release_hits(conn: Connection, alert_id: int, released_at: str, released_by: str) -> int:
    """Remember every hit of a held message as released (party, target, entry fingerprint); returns how many."""
    held = held_message(conn, alert_id)
    if held is None:
        return 0
    count = 0
    for hit in held.verdict.get("hits", []):
        party, target, entry = hit.get("party_key"), hit.get("target"), hit.get("entity_fingerprint")
        if not (party and target and entry):
            continue
        conn.execute("DELETE FROM payment_releases WHERE party_key = ? AND target = ?", (party, target))
        conn.execute(
            "INSERT INTO payment_releases (party_key, target, entity_fingerprint, alert_id, released_at, released_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (party, target, entry, alert_id, released_at, released_by),
        )
        count += 1
    return count


def released(conn: Connection, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, int]]:
    """For each (party key, target) released before: the entry fingerprint then, and the alert released."""
    out: dict[tuple[str, str], tuple[str, int]] = {}
    for party, target in dict.fromkeys(pairs):
        row = conn.execute(
            "SELECT entity_fingerprint, alert_id FROM payment_releases WHERE party_key = ? AND target = ?",
            (party, target),
        ).fetchone()
        if row is not None:
            out[(party, target)] = (str(row[0]), int(row[1]))
    return out
