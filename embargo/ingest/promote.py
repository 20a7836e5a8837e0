"""Deciding which version a list serves: accept a held version, roll back, set the guard's policy.

Each change is one transaction with its audit record, and names who made it
and why; the candidate index of the version made current is built after the
commit (an index built before would serve nothing new, and a crash between
the two leaves a current version that the next start indexes).
"""

from __future__ import annotations

from datetime import UTC, datetime

from embargo.errors import NotFoundError, QueryError
from embargo.ingest.guard import Policy, policy_for
from embargo.ownership.graph import refresh
from embargo.parties import resolve_parties
from embargo.store import Store, VersionInfo, Writer
from embargo.store.policies import save_list_policy

__all__ = ["accept_version", "rollback", "set_policy", "show_policy"]


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise QueryError("a reason is required (it is kept in the audit log)")
    return text


def _audit(writer: Writer, actor: str, action: str, detail: dict[str, object]) -> None:
    from embargo.audit import append

    assert writer.conn is not None
    append(writer.conn, actor, action, detail)


def _index(store: Store, version: VersionInfo) -> None:
    """Build the index of the version made current, then resolve the parties and compute ownership again."""
    from embargo.ingest.importer import build_index

    build_index(store, version)
    resolve_parties(store)
    refresh(store)


#: Version numbers go no higher (a larger number is no version, not a database error).
_MAX_SEQ = 2**31 - 1


def _seq(list_name: str, seq: int) -> int:
    if not 1 <= seq <= _MAX_SEQ:
        raise NotFoundError(f"list {list_name!r} has no version {seq}")
    return seq


def accept_version(store: Store, list_name: str, seq: int, reason: str | None, actor: str) -> VersionInfo:
    """Make held (or withdrawn) version ``seq`` of a list current.

    Raises:
        NotFoundError: no such version.
        QueryError: no reason given, or the version is already current or was never held.
    """
    why = _reason(reason)
    seq = _seq(list_name, seq)
    with store.writer() as writer:
        version = writer.version_by_seq(list_name, seq)
        if version is None:
            raise NotFoundError(f"list {list_name!r} has no version {seq}")
        current = writer.current(list_name)
        if current is not None and current.id == version.id:
            raise QueryError(f"version {seq} of {list_name} is already current")
        if version.state not in ("held", "withdrawn"):
            raise QueryError(
                f"version {seq} of {list_name} is not held (it is {version.state}); use rollback to serve it again"
            )
        made = writer.make_current(version)
        _audit(
            writer,
            actor,
            "list.accept",
            {**made.to_dict(), "reason": why, "previous": current.seq if current else None},
        )
    _index(store, made)
    return made


def rollback(store: Store, list_name: str, seq: int | None, reason: str | None, actor: str) -> VersionInfo:
    """Serve an earlier accepted version of a list again, without re-importing it.

    Args:
        seq: the version to serve; None for the accepted version before the current one.

    Raises:
        NotFoundError: no such version, or none before the current one.
        QueryError: no reason, the version is held (accept it instead), or it is already current.
    """
    why = _reason(reason)
    with store.writer() as writer:
        current = writer.current(list_name)
        if current is None:
            raise NotFoundError(f"list {list_name!r} has no current version to roll back from")
        if seq is None:
            seq = writer.served_before(list_name, current.seq)
            if seq is None:
                raise NotFoundError(f"list {list_name!r} has no version before the current one ({current.seq})")
        version = writer.version_by_seq(list_name, _seq(list_name, seq))
        if version is None:
            raise NotFoundError(f"list {list_name!r} has no version {seq}")
        if version.id == current.id:
            raise QueryError(f"version {seq} of {list_name} is already current")
        if version.state == "held":
            raise QueryError(f"version {seq} of {list_name} is held, never served: accept it instead (with a reason)")
        made = writer.make_current(version)
        _audit(writer, actor, "list.rollback", {**made.to_dict(), "reason": why, "from": current.seq})
    _index(store, made)
    return made


def show_policy(store: Store, list_name: str) -> Policy:
    """The guard policy that applies to a list now."""
    with store.reading("list policies") as conn:
        return policy_for(conn, list_name)


def set_policy(store: Store, list_name: str, max_shrink: float | None, min_entities: int | None, actor: str) -> Policy:
    """Store a list's own guard values (None leaves a value at the default); audited.

    Raises:
        QueryError: a value out of range.
    """
    if max_shrink is not None and not 0.0 <= max_shrink <= 1.0:
        raise QueryError(f"max shrink {max_shrink} must be a share between 0 and 1 (0.1 = 10%)")
    if min_entities is not None and min_entities < 1:
        raise QueryError(f"min entities {min_entities} must be at least 1")
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    with store.writer() as writer:
        assert writer.conn is not None
        save_list_policy(writer.conn, list_name, max_shrink, min_entities, now, actor)
        policy = policy_for(writer.conn, list_name)
        _audit(writer, actor, "list.policy", {"list": list_name, **policy.to_dict()})
    return policy
