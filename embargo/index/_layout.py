"""The index file: a pickled header, then flat sections of bytes.

``EMBIDX`` + format version (8 bytes), the header length (8 bytes), the
header (a pickle of a small dict: list, version, schema names, the symbol
table, and where each section lies), then the sections, each starting at a
multiple of 8 so that it can be viewed as an array of 8-byte numbers in
place. Numbers are in the byte order of the machine that wrote the file; a
file from a machine of the other order is rebuilt like a stale one.
"""

from __future__ import annotations

import mmap
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from embargo.errors import StoreError
from embargo.store.private import open_private, private_folder

__all__ = ["Sections", "read_sections", "write_sections"]

Sections = dict[str, memoryview]
_MAGIC = b"EMBIDX"


def write_sections(path: Path, header: dict[str, Any], sections: Sections) -> None:
    """Write ``header`` and ``sections`` atomically (a temporary file, then a rename)."""
    private_folder(path.parent)
    tmp = path.with_name(path.name + ".part")
    places: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, data in sections.items():
        places[name] = (offset, data.nbytes)
        offset += -(-data.nbytes // 8) * 8
    head = pickle.dumps({**header, "byteorder": sys.byteorder, "places": places}, protocol=pickle.HIGHEST_PROTOCOL)
    head += b"\0" * (-len(head) % 8)
    with open_private(tmp) as fh:
        fh.write(_MAGIC + int(header["format_version"]).to_bytes(2, "little"))
        fh.write(len(head).to_bytes(8, "little"))
        fh.write(head)
        for data in sections.values():
            fh.write(data)
            fh.write(b"\0" * (-data.nbytes % 8))
    tmp.replace(path)


def read_sections(path: Path, format_version: int) -> tuple[dict[str, Any], Sections]:
    """The header and the sections of an index file, viewed in place.

    On POSIX the file is memory-mapped (pages are read when touched and
    shared between processes); elsewhere it is read whole, so that a newer
    index can replace the file while a screener has it open.
    """
    try:
        with path.open("rb") as fh:
            if os.name == "posix":
                buffer: Any = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            else:  # pragma: no cover - Windows cannot replace a mapped file
                buffer = fh.read()
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read index {path}: {exc}") from exc
    view = memoryview(buffer)
    if view.nbytes < 16 or bytes(view[:6]) != _MAGIC:
        raise StoreError(f"index {path} is not an embargo index")
    if int.from_bytes(view[6:8], "little") != format_version:
        raise StoreError(f"index {path} is from another embargo version")
    size = int.from_bytes(view[8:16], "little")
    try:
        header = pickle.loads(view[16 : 16 + size])  # our own file, in the store's folder
    except (pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError) as exc:
        raise StoreError(f"cannot read index {path}: {exc}") from exc
    if header.get("byteorder") != sys.byteorder:
        raise StoreError(f"index {path} was written on a machine of another byte order")
    start = 16 + size
    sections: Sections = {}
    for name, (offset, length) in header["places"].items():
        if start + offset + length > view.nbytes:
            raise StoreError(f"index {path} is truncated")
        sections[name] = view[start + offset : start + offset + length]
    return header, sections
