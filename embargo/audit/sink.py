"""Files of JSON lines kept outside the database: appended under a lock after their last line, read back.

Checkpoints are exported to such a file (:mod:`embargo.audit.checkpoint`). Whoever
writes it next must know what it already holds, across processes: so the file is
locked (``flock``) while its last line is read and the new lines are appended
and synced, and a last line cut short by a crash is left on a line of its own.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from embargo.errors import QueryError

__all__ = ["append_lines", "read_lines"]

#: How much of a file's end is read at a time, looking for its last line.
_CHUNK = 4096


def _last_line(fh: IO[bytes]) -> bytes:
    """The last non-empty line of a file open for reading, read from its end (b"" for an empty file)."""
    pos = fh.seek(0, os.SEEK_END)
    tail = b""
    while pos > 0:
        step = min(_CHUNK, pos)
        pos -= step
        fh.seek(pos)
        tail = fh.read(step) + tail
        body = tail.rstrip(b"\n")
        if b"\n" in body:
            return body.rsplit(b"\n", 1)[1]
    return tail.rstrip(b"\n")


def append_lines(path: Path, lines_after: Callable[[bytes], list[str]]) -> int:
    """Append to ``path`` the lines ``lines_after(last line)`` gives, under an exclusive lock; returns how many.

    Args:
        lines_after: given the file's last line (b"" when it is new or empty), the
            lines to append, each ending with a newline.
    """
    with path.open("ab+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        lines = lines_after(_last_line(fh))
        if not lines:
            return 0
        end = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, end - 1))
        start = b"\n" if end and fh.read(1) != b"\n" else b""  # a line cut short by a crash stays on its own
        fh.write(start + "".join(lines).encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
        return len(lines)


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-empty lines of ``path`` with their numbers (from 1).

    Raises:
        QueryError: the file cannot be read.
    """
    try:
        with path.open("rb") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield number, line
    except OSError as exc:
        raise QueryError(f"cannot read the checkpoints file {path}: {exc}") from exc
