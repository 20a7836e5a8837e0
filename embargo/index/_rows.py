"""Reading a version's stored records ahead of the index-build workers.

The parent builds rigour's name automaton before it forks the workers (they
inherit it); that takes seconds on one core while the other is idle. A
reader process, forked first, spends that time fetching the records from
the store and writing them, in the workers' runs, to files the workers then
read instead of the store (a file of marshal chunks reads far faster than
the SQL join). Fetching is all it does: decoding them there and shipping
the objects would cost the workers more to unpickle than to decode.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from multiprocessing.process import BaseProcess
from pathlib import Path

from embargo.store import Store

__all__ = ["read_rows", "rows_path", "start_reader"]

#: Records per marshal chunk: a worker holds one chunk at a time, not its whole run.
_CHUNK = 4096


def rows_path(folder: Path, job: int) -> Path:
    """The file of job ``job``'s records (present only once complete)."""
    return folder / f"{job}.rows"


def _write(db: str, version_id: int, sizes: Sequence[int], folder: str) -> None:
    """Write each job's run of records to its file, in one pass over the version."""
    rows = Store(db).view().iter_entity_json(version_id)
    for job, size in enumerate(sizes):
        path = rows_path(Path(folder), job)
        part = path.with_suffix(".part")
        left = size
        with part.open("wb") as out:
            while left != 0:
                chunk = [row for _, row in zip(range(_CHUNK if left < 0 else min(left, _CHUNK)), rows, strict=False)]
                if not chunk:
                    break
                marshal.dump(chunk, out)
                left = left - len(chunk) if left > 0 else left
        # the rename marks the file complete: a worker that finds no file reads the store itself
        os.replace(part, path)


def start_reader(db: str, version_id: int, sizes: Sequence[int], folder: Path) -> BaseProcess:
    """Fork the reader of a version's records into ``folder``, one file per job (-1: the rest)."""
    reader = multiprocessing.get_context("fork").Process(
        target=_write, args=(db, version_id, list(sizes), str(folder)), daemon=True
    )
    reader.start()
    return reader


def read_rows(path: Path) -> Iterator[str]:
    """The records the reader wrote to ``path``, in order."""
    with path.open("rb") as src:
        while True:
            try:
                chunk = marshal.load(src)
            except EOFError:
                return
            yield from chunk
