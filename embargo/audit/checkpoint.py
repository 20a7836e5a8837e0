"""Audit checkpoints: the head of the chain, authenticated with a key the database never holds.

The hash chain (:mod:`embargo.audit.log`) shows a record changed in place, but
whoever can write the database can also cut off the newest records, or edit one
and recompute every hash after it. A checkpoint is the chain's head (``seq``,
``hash``) at one moment with an HMAC-SHA256 made with a secret from the
environment, never stored in the database: a cut or rewritten chain no longer
holds its checkpoints, and new checkpoints cannot be made for it without the
secret. A checkpoint is made in the transaction of the record it covers (so it
is committed with it or not at all) after every record of an import, portfolio
load, monitoring run, decision or settings change (:data:`CHECKPOINT_KINDS`)
and after every ``EMBARGO_AUDIT_CHECKPOINT_EVERY``-th record. Checkpoints are kept in
``audit_checkpoints`` (append-only by trigger) and, once committed, appended to
a sink outside the database (:func:`ship`): someone who can write the database
can delete checkpoints there too, but not the lines already shipped to storage
they cannot rewrite. ``embargo audit verify --checkpoints FILE`` checks the
chain against them.

Settings:

``EMBARGO_AUDIT_KEY``
    The HMAC-SHA256 secret checkpoints are made with: at least 32 characters
    (``openssl rand -hex 32``). Unset, with no key file: checkpoints are made
    without a MAC, and ``embargo audit verify`` says that cutting or rewriting
    the chain cannot then be proven.
``EMBARGO_AUDIT_KEY_FILE``
    A file holding the secret instead, on its first line; further lines are
    retired secrets, still accepted for the checkpoints made with them (key
    rotation). Not both settings.
``EMBARGO_AUDIT_CHECKPOINT_EVERY``
    A checkpoint after every this many records, besides those of
    :data:`CHECKPOINT_KINDS` (default 100; 1 to 1,000,000).
``EMBARGO_AUDIT_CHECKPOINTS``
    Where committed checkpoints are appended as JSON lines: a file (its folder
    must exist), or ``-`` for standard output (a log shipper reading the
    server's output). Unset: they stay in the database only
    (``embargo audit checkpoints --output FILE`` exports them).

Only HMAC is offered: Ed25519 signatures would need the ``cryptography``
package, which embargo does not depend on. The difference is who can check: an
HMAC is checked with the secret itself, so the verifier must be trusted with it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from embargo.audit.sink import append_lines, read_lines
from embargo.errors import ConfigError, EmbargoError, QueryError, StoreError
from embargo.settings import env_number, env_text
from embargo.store.audit import Checkpoint, chain_head, checkpoint_at, checkpoints_after, insert_checkpoint
from embargo.store.connection import DbError
from embargo.store.store import after_commit

if TYPE_CHECKING:
    from embargo.store import Store
    from embargo.store.connection import Connection

__all__ = [
    "CHECKPOINT_KINDS",
    "HMAC",
    "UNKEYED",
    "Checkpoint",
    "after_append",
    "authenticate",
    "check_settings",
    "checkpoint_every",
    "checkpoint_keys",
    "checkpoint_now",
    "checkpoint_sink",
    "export_checkpoints",
    "key_id",
    "read_sink",
    "ship",
    "stored_checkpoints",
]

logger = logging.getLogger("embargo.audit")

#: ``algorithm`` of a checkpoint with an HMAC-SHA256, and of one made without a key.
HMAC = "hmac-sha256"
UNKEYED = "none"
#: Kinds (or kind prefixes) of record after which a checkpoint is always made:
#: list imports and changes, portfolio loads, monitoring runs, decisions, four-eyes steps, settings.
CHECKPOINT_KINDS = ("list.", "portfolio.", "monitor.", "alert.decide", "alert.decision_", "settings.")
#: Default of ``EMBARGO_AUDIT_CHECKPOINT_EVERY``.
EVERY = 100
#: Shortest secret accepted (characters).
MIN_KEY = 32
#: ``event`` of a sink line (a log shipper's file may hold other lines too).
EVENT = "embargo.audit.checkpoint"


def key_id(secret: bytes) -> str:
    """A short name of a secret that does not reveal it (which key a checkpoint was made with)."""
    return hashlib.sha256(b"embargo audit key id\n" + secret).hexdigest()[:16]


def checkpoint_every() -> int:
    """``EMBARGO_AUDIT_CHECKPOINT_EVERY``.

    Raises:
        ConfigError: not a whole number from 1 to 1,000,000.
    """
    return env_number(
        "EMBARGO_AUDIT_CHECKPOINT_EVERY", EVERY, int, 1, 1_000_000, "a whole number of records from 1 to 1000000"
    )


def _checked_key(text: str, where: str) -> bytes:
    secret = text.strip()
    if len(secret) < MIN_KEY:
        raise ConfigError(
            f"{where} is too short: an audit key needs at least {MIN_KEY} characters (openssl rand -hex 32)"
        )
    return secret.encode("utf-8")


def checkpoint_keys() -> tuple[bytes, ...]:
    """The configured secrets, the one checkpoints are made with first (none: checkpoints are unkeyed).

    Raises:
        ConfigError: both settings given, the file unreadable or empty, or a secret too short.
    """
    text = env_text("EMBARGO_AUDIT_KEY", strip=False)
    path = env_text("EMBARGO_AUDIT_KEY_FILE")
    if text.strip() and path:
        raise ConfigError("set EMBARGO_AUDIT_KEY or EMBARGO_AUDIT_KEY_FILE, not both")
    if text.strip():
        return (_checked_key(text, "EMBARGO_AUDIT_KEY"),)
    if not path:
        return ()
    try:
        lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"EMBARGO_AUDIT_KEY_FILE={path!r} cannot be read: {exc}") from exc
    keys = tuple(
        _checked_key(line, f"line {n} of EMBARGO_AUDIT_KEY_FILE") for n, line in enumerate(lines, 1) if line.strip()
    )
    if not keys:
        raise ConfigError(f"EMBARGO_AUDIT_KEY_FILE={path!r} holds no key")
    return keys


def checkpoint_sink() -> str | None:
    """``EMBARGO_AUDIT_CHECKPOINTS``: a file path, ``-`` (standard output), or None.

    Raises:
        ConfigError: a path whose folder does not exist, or that is a folder.
    """
    text = env_text("EMBARGO_AUDIT_CHECKPOINTS")
    if not text or text == "-":
        return text or None
    path = Path(text).expanduser()
    if path.is_dir() or not path.parent.is_dir():
        raise ConfigError(f"EMBARGO_AUDIT_CHECKPOINTS={text!r} is not a file in an existing folder (or - for stdout)")
    return str(path)


def check_settings() -> None:
    """Read every checkpoint setting once, so a server refuses to start on a bad one.

    Raises:
        ConfigError: any of ``EMBARGO_AUDIT_KEY``/``_KEY_FILE``, ``EMBARGO_AUDIT_CHECKPOINT_EVERY``
            or ``EMBARGO_AUDIT_CHECKPOINTS`` cannot be used (otherwise the first write would fail).
    """
    checkpoint_keys()
    checkpoint_every()
    checkpoint_sink()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _sign(seq: int, digest: str, at: str, keys: tuple[bytes, ...]) -> Checkpoint:
    if not keys:
        return Checkpoint(seq, digest, at, UNKEYED, "", "")
    unsigned = Checkpoint(seq, digest, at, HMAC, key_id(keys[0]), "")
    return Checkpoint(**{**unsigned.to_dict(), "mac": hmac.new(keys[0], unsigned.message(), "sha256").hexdigest()})


def authenticate(checkpoint: Checkpoint, keys: tuple[bytes, ...]) -> bool | None:
    """Whether a checkpoint was made with one of ``keys``.

    Returns:
        True: its MAC holds. False: it does not, its key is none of ``keys`` or
        its algorithm is unknown (forged, or changed since). None: nothing to
        check (made without a key, or no key given).
    """
    if checkpoint.algorithm == UNKEYED:
        return None
    if checkpoint.algorithm != HMAC:
        return False
    if not keys:
        return None
    secret = next((k for k in keys if key_id(k) == checkpoint.key_id), None)
    if secret is None:
        return False
    expected = hmac.new(secret, checkpoint.message(), "sha256").hexdigest()
    return hmac.compare_digest(expected, checkpoint.mac)


# Checkpoints made on a connection whose transaction has not been shipped yet, by id(conn)
# (sqlite3 connections take no weak references). A rolled-back transaction leaves its entry
# behind: ship() only writes what it finds committed, and the table is kept small.
_PENDING: dict[int, list[Checkpoint]] = {}
_PENDING_LOCK = threading.Lock()
_MAX_PENDING = 256


def _remember(conn: Connection, checkpoint: Checkpoint) -> None:
    with _PENDING_LOCK:
        if id(conn) not in _PENDING and len(_PENDING) >= _MAX_PENDING:
            del _PENDING[next(iter(_PENDING))]
        _PENDING.setdefault(id(conn), []).append(checkpoint)


def _insert(conn: Connection, seq: int, digest: str, keys: tuple[bytes, ...]) -> Checkpoint:
    made = _sign(seq, digest, _now(), keys)
    insert_checkpoint(conn, made)
    _remember(conn, made)
    return made


def after_append(conn: Connection, seq: int, digest: str, kind: str) -> Checkpoint | None:
    """Checkpoint the record just appended when its kind or seq calls for one (in its transaction).

    Raises:
        ConfigError: a checkpoint setting is wrong (the change is then not made either).
    """
    if seq % checkpoint_every() != 0 and not kind.startswith(CHECKPOINT_KINDS):
        return None
    checkpoint_sink()  # a wrong sink is refused now, not found out after the commit
    return _insert(conn, seq, digest, checkpoint_keys())


def checkpoint_now(store: Store) -> Checkpoint:
    """Checkpoint the head of the chain now (the existing checkpoint if it has one), and ship it.

    Raises:
        QueryError: the audit log is empty.
        ConfigError: a checkpoint setting is wrong.
        LockedError: another process is writing to the store.
    """
    keys = checkpoint_keys()
    checkpoint_sink()
    with store.transaction() as conn:  # shipped by :func:`ship` after the commit
        head = chain_head(conn)
        if head is None:
            raise QueryError("the audit log is empty: there is nothing to checkpoint")
        made = checkpoint_at(conn, head[0])
        if made is None:
            made = _insert(conn, head[0], head[1], keys)
    return made


def stored_checkpoints(conn: Connection, after: int = 0) -> list[Checkpoint]:
    """The checkpoints in the database with a seq above ``after``, oldest first."""
    return checkpoints_after(conn, after)


def _line(checkpoint: Checkpoint) -> str:
    return json.dumps({"event": EVENT, **checkpoint.to_dict()}, sort_keys=True) + "\n"


def _parse(line: bytes | str) -> Checkpoint | None:
    try:
        data = json.loads(line)
        if not isinstance(data, dict) or data.get("event") != EVENT:
            return None
        return Checkpoint(
            int(data["seq"]), str(data["hash"]), str(data["at"]), str(data["algorithm"]), str(data["key_id"]),
            str(data["mac"]),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError):
        return None


def _append(path: Path, checkpoints: Iterable[Checkpoint], conn: Connection | None) -> int:
    """Append to ``path`` the checkpoints newer than its last line.

    With ``conn``, those missing since the file's last checkpoint are read from
    the database (a process that died between its commit and its export); a new
    file gets ``checkpoints`` only.
    """
    given = list(checkpoints)

    def lines_after(last_line: bytes) -> list[str]:
        last = _parse(last_line) if last_line else None
        if last is None:
            wanted = given
        elif conn is not None:
            wanted = stored_checkpoints(conn, last.seq)
        else:
            wanted = [c for c in given if c.seq > last.seq]
        return [_line(c) for c in wanted]

    return append_lines(path, lines_after)


@after_commit
def ship(conn: Connection) -> None:
    """Append the checkpoints that ``conn``'s transaction made to the sink, right after its ``COMMIT``.

    Registered with :func:`~embargo.store.store.after_commit`: every
    :meth:`Store.transaction <embargo.store.store.Store.transaction>` (and so every
    :class:`~embargo.store.writer.Writer`) runs it after committing; a caller that commits by
    hand calls it itself. Calling it twice for one commit writes nothing the second time.

    Only checkpoints found committed are written, so a transaction that rolled
    back leaves no line (verify would read one as a cut chain). A sink that
    cannot be written is logged, never raised: the change is committed already,
    and its checkpoint is in the database (``embargo audit checkpoints`` exports it).
    """
    with _PENDING_LOCK:
        made = _PENDING.pop(id(conn), [])
    if not made:
        return
    if conn.in_transaction:
        raise StoreError("audit checkpoints are shipped after COMMIT, not inside the transaction")
    sink = env_text("EMBARGO_AUDIT_CHECKPOINTS")
    try:
        sink = checkpoint_sink() or ""
        if not sink:
            return
        committed = [c for c in stored_checkpoints(conn, min(c.seq for c in made) - 1) if c in made]
        if sink == "-":
            sys.stdout.write("".join(_line(c) for c in committed))
            sys.stdout.flush()
        else:
            _append(Path(sink), committed, conn)
    except (OSError, DbError, EmbargoError) as exc:
        logger.warning("audit checkpoints not exported to %s: %s (embargo audit checkpoints exports them)", sink, exc)


def export_checkpoints(store: Store, output: str) -> int:
    """Write the stored checkpoints as JSON lines; returns how many lines were written.

    Args:
        output: ``-`` for standard output (all of them), or a file: a new file gets
            all of them, an existing one those newer than its last line (so the
            sink itself can be filled in).
    """
    with store.reading("audit checkpoints") as conn:
        found = stored_checkpoints(conn)
    if output == "-":
        sys.stdout.write("".join(_line(c) for c in found))
        sys.stdout.flush()
        return len(found)
    return _append(Path(output), found, None)


def read_sink(path: Path) -> tuple[list[tuple[int, Checkpoint]], int]:
    """The checkpoints of an exported file, with their line numbers, and how many lines were not checkpoints.

    Raises:
        QueryError: the file cannot be read.
    """
    found: list[tuple[int, Checkpoint]] = []
    skipped = 0
    for number, line in read_lines(path):
        checkpoint = _parse(line)
        if checkpoint is None:
            skipped += 1
        else:
            found.append((number, checkpoint))
    return found, skipped
