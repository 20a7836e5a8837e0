"""Checking the audit trail: which record was changed, removed or reordered; whether the log was cut
or rewritten since its checkpoints; whether the tables it describes still say what it says.

Three checks, one report (:class:`VerifyResult`):

- the chain walk: each record's hash and its link to the one before it;
- the checkpoints (:mod:`embargo.audit.checkpoint`), from the database and from an exported
  file: each must authenticate with the configured key, and the chain must still hold the
  record each one names, with the same hash (else ``truncated`` or ``rewritten``);
- the state (:mod:`embargo.audit.state`): alerts, decisions and four-eyes requests against
  the records that made them.

What could not be proven (no key, no exported checkpoints) is said in ``notes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from embargo.audit.checkpoint import (
    UNKEYED,
    Checkpoint,
    authenticate,
    checkpoint_keys,
    checkpoint_sink,
    read_sink,
    stored_checkpoints,
)
from embargo.audit.log import GENESIS, ensure_audit_schema, record_hash
from embargo.audit.problem import AuditProblem
from embargo.audit.state import StateCheck, check_state
from embargo.errors import QueryError
from embargo.store import Store
from embargo.store.audit import audit_rows
from embargo.store.connection import Row
from embargo.store.snapshot import snapshot

__all__ = ["AuditProblem", "VerifyResult", "verify"]

#: How far a renumbered record is searched for its original seq.
_WINDOW = 64


@dataclass(slots=True)
class VerifyResult:
    """The outcome of a verification: the records checked, the head, and any problems found."""

    records: int
    head_seq: int
    head_hash: str
    problems: list[AuditProblem] = field(default_factory=list)
    #: What the checkpoints showed: how many, authenticated or not, the newest that holds.
    checkpoints: dict[str, Any] = field(default_factory=dict)
    #: How many alerts, decisions and four-eyes requests were compared with the log.
    state: dict[str, int] = field(default_factory=dict)
    #: What this verification could not prove, in words.
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the chain is intact."""
        return not self.problems

    @property
    def first(self) -> AuditProblem | None:
        """The first broken place, if any."""
        return self.problems[0] if self.problems else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "ok": self.ok,
            "records": self.records,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "problems": [p.to_dict() for p in self.problems],
            "checkpoints": self.checkpoints,
            "state": self.state,
            "notes": self.notes,
        }


def _written_as(row: Row) -> int | None:
    """The seq a record's hash was made with, when it is not its present seq."""
    for delta in range(1, _WINDOW):
        for seq in (int(row["seq"]) + delta, int(row["seq"]) - delta):
            if seq > 0 and record_hash(seq, *_fields(row)) == row["hash"]:
                return seq
    return None


def _fields(row: Row) -> tuple[str, str, str, str, str]:
    return (str(row["at"]), str(row["actor"]), str(row["kind"]), str(row["payload"]), str(row["prev_hash"]))


def _walk(rows: list[Row]) -> list[AuditProblem]:
    """Every break of the chain itself."""
    hashes = {str(r["hash"]): i for i, r in enumerate(rows)}
    problems: list[AuditProblem] = []
    expected_seq, prev_hash = 1, GENESIS
    for i, row in enumerate(rows):
        seq = int(row["seq"])
        if record_hash(seq, *_fields(row)) != row["hash"]:
            original = _written_as(row)
            if original is None:
                problems.append(AuditProblem(seq, "changed", "the record's content differs from what was hashed"))
            elif row["prev_hash"] not in hashes and row["prev_hash"] != GENESIS:
                problems.append(
                    AuditProblem(seq, "removed", f"was written as seq {original}; the record before it is gone")
                )
            else:
                problems.append(AuditProblem(seq, "reordered", f"was written as seq {original}"))
        elif seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq} to {seq - 1}"
            problems.append(AuditProblem(expected_seq, "removed", f"record(s) {missing} are missing"))
        elif row["prev_hash"] != prev_hash:
            where = hashes.get(str(row["prev_hash"]))
            if where is not None:
                problems.append(
                    AuditProblem(seq, "reordered", f"follows seq {rows[where]['seq']}, not seq {expected_seq - 1}")
                )
            else:
                problems.append(AuditProblem(seq, "removed", "the record it follows is not in the log"))
        expected_seq, prev_hash = seq + 1, str(row["hash"])
        del i
    return problems


def _read(store: Store) -> tuple[list[Row], list[Checkpoint], StateCheck]:
    """The log, its checkpoints and the state check, all from one snapshot of the database
    (a write committed half-way through would otherwise read as a cut log or a row without its record)."""
    with snapshot(store) as conn:
        ensure_audit_schema(conn)
        rows = audit_rows(conn)
        stored = stored_checkpoints(conn)
        state = check_state(conn, ((int(r["seq"]), str(r["kind"]), str(r["payload"])) for r in rows))
    return rows, stored, state


def _sink(checkpoints: Path | None) -> Path | None:
    """The exported checkpoints to check against: the file given, else the configured sink if it is a file."""
    if checkpoints is not None:
        if not checkpoints.is_file():
            raise QueryError(f"no checkpoints file {checkpoints}")
        return checkpoints
    configured = checkpoint_sink()
    if configured is not None and configured != "-" and Path(configured).is_file():
        return Path(configured)
    return None


def _against_checkpoints(
    chain: dict[int, str],
    head_seq: int,
    stored: list[Checkpoint],
    external: list[tuple[str, Checkpoint]],
    keys: tuple[bytes, ...],
) -> tuple[list[AuditProblem], dict[str, Any]]:
    """Authenticate each checkpoint, then check the chain still holds what each names.

    Problems come in order of weight: the chain rewritten, the chain cut, checkpoints
    that do not authenticate, exported checkpoints gone from the database.
    """
    forged: list[AuditProblem] = []
    kept: dict[tuple[int, str, str], tuple[str, bool | None, Checkpoint]] = {}
    sources = [*external, *(("in the database", c) for c in stored)]
    for where, cp in sources:
        proven = authenticate(cp, keys)
        if proven is False:
            forged.append(
                AuditProblem(
                    cp.seq, "unauthenticated",
                    f"the checkpoint {where} (made at {cp.at}, key {cp.key_id or 'none'}) does not authenticate with "
                    "the configured key: forged, changed since, or made with a key no longer configured",
                )
            )  # fmt: skip
        else:
            kept.setdefault((cp.seq, cp.hash, cp.mac), (where, proven, cp))
    table = {(c.seq, c.hash, c.mac) for c in stored}
    gone = [(w, c) for w, c in external if authenticate(c, keys) is not False and (c.seq, c.hash, c.mac) not in table]
    missing = [
        AuditProblem(
            gone[0][1].seq, "removed",
            f"{len(gone)} exported checkpoint(s), the first {gone[0][0]}, are no longer in the audit_checkpoints "
            f"table (seq {', '.join(str(c.seq) for _, c in gone[:5])}{', ...' if len(gone) > 5 else ''})",
        )
    ] if gone else []  # fmt: skip
    problems: list[AuditProblem] = []
    holding: tuple[str, bool | None, Checkpoint] | None = None
    differing: list[tuple[str, Checkpoint]] = []
    beyond: tuple[str, Checkpoint] | None = None
    for where, proven, cp in sorted(kept.values(), key=lambda k: k[2].seq):
        found = chain.get(cp.seq)
        if cp.seq > head_seq:
            beyond = (where, cp)
        elif found == cp.hash:
            if not differing:
                holding = (where, proven, cp)
        elif found is not None:
            differing.append((where, cp))
    if differing:
        where, cp = differing[0]
        after = holding[2].seq if holding is not None else 0
        more = f"; {len(differing) - 1} later checkpoint(s) differ too" if len(differing) > 1 else ""
        problems.append(
            AuditProblem(
                cp.seq, "rewritten",
                f"its hash is {chain[cp.seq][:16]}…, the checkpoint {where} (made at {cp.at}) says {cp.hash[:16]}…: "
                f"the chain was rewritten after seq {after}, the newest checkpoint that still holds{more}",
            )
        )  # fmt: skip
    if beyond is not None:
        where, cp = beyond
        lost = f"records {head_seq + 1} to {cp.seq} at least are" if cp.seq > head_seq + 1 else f"record {cp.seq} is"
        problems.append(
            AuditProblem(
                head_seq + 1, "truncated",
                f"the log ends at seq {head_seq}, but the checkpoint {where} (made at {cp.at}) holds seq {cp.seq}: "
                f"{lost} gone",
            )
        )  # fmt: skip
    problems += forged + missing
    summary: dict[str, Any] = {
        "stored": len(stored),
        "exported": len(external),
        "authenticated": sum(1 for _, proven, _ in kept.values() if proven),
        "unkeyed": sum(1 for _, _, cp in kept.values() if cp.algorithm == UNKEYED),
        "newest_holding": None,
    }
    if holding is not None:
        where, proven, cp = holding
        summary["newest_holding"] = {
            "seq": cp.seq,
            "hash": cp.hash,
            "at": cp.at,
            "where": where,
            "authenticated": bool(proven),
        }
    return problems, summary


def _notes(
    keys: tuple[bytes, ...], summary: dict[str, Any], sink: Path | None, skipped: int, head_seq: int, broken: bool
) -> list[str]:
    """What the verification could not prove, in words (``broken``: a checkpoint no longer holds)."""
    notes: list[str] = []
    if not keys:
        notes.append(
            "no checkpoint key is configured (EMBARGO_AUDIT_KEY or EMBARGO_AUDIT_KEY_FILE): checkpoints cannot be "
            "authenticated, so whoever can write the database could cut the log, or rewrite it from an edit on, "
            "with checkpoints to match, unseen"
        )
    elif summary["unkeyed"]:
        notes.append(f"{summary['unkeyed']} checkpoint(s) were made without a key: they prove nothing on their own")
    if sink is None:
        notes.append(
            "checked against the checkpoints in the database only: whoever can write it could delete the newest "
            "records with their checkpoints; check against the exported checkpoints too (audit verify "
            "--checkpoints FILE, or EMBARGO_AUDIT_CHECKPOINTS set to a file)"
        )
    if skipped:
        notes.append(f"{skipped} line(s) of {sink} are not checkpoints: skipped")
    newest = summary["newest_holding"]
    if head_seq and newest is None:
        notes.append("no checkpoint holds yet: cutting or rewriting the log cannot be seen")
    elif newest is not None and newest["seq"] < head_seq and not broken:
        notes.append(
            f"records after seq {newest['seq']} (the newest checkpoint) are covered by the hash chain only, "
            "until the next checkpoint (embargo audit checkpoint makes one now)"
        )
    return notes


def verify(store: Store, head: tuple[int, str] | None = None, checkpoints: Path | None = None) -> VerifyResult:
    """Check the chain, the checkpoints and the state, and report every problem where it is.

    Args:
        head: a ``(seq, hash)`` pair recorded earlier (by a previous verify or
            an export); the log must still hold that record unchanged, which
            catches removing the newest records or rewriting the whole chain.
        checkpoints: checkpoints exported to a file (``EMBARGO_AUDIT_CHECKPOINTS``,
            ``embargo audit checkpoints``), the authority nobody can rewrite from inside
            the database; by default the configured sink when it is a file.

    Raises:
        ConfigError: a checkpoint key setting is wrong.
        QueryError: the checkpoints file cannot be read.
    """
    keys = checkpoint_keys()
    sink = _sink(checkpoints)
    external, skipped = read_sink(sink) if sink is not None else ([], 0)
    rows, stored, state = _read(store)
    problems = _walk(rows)
    if head is not None:
        seq, digest = head
        anchored = next((r for r in rows if r["seq"] == seq), None)
        if anchored is None:
            problems.append(AuditProblem(seq, "removed", f"the anchored head (seq {seq}) is no longer in the log"))
        elif anchored["hash"] != digest:
            problems.append(AuditProblem(seq, "changed", "the anchored head's hash differs: the chain was rewritten"))
    last = rows[-1] if rows else None
    head_seq = int(last["seq"]) if last else 0
    chain = {int(r["seq"]): str(r["hash"]) for r in rows}
    found, summary = _against_checkpoints(
        chain, head_seq, stored, [(f"on line {n} of {sink}", c) for n, c in external], keys
    )
    return VerifyResult(
        records=len(rows),
        head_seq=head_seq,
        head_hash=str(last["hash"]) if last else GENESIS,
        problems=[*problems, *found, *state.problems],
        checkpoints=summary,
        state=state.to_dict(),
        notes=_notes(
            keys, summary, sink, skipped, head_seq, any(p.problem in ("rewritten", "truncated") for p in found)
        ),
    )
