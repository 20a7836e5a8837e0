"""Read payment messages from bytes, files, folders and streams, whatever their format.

:func:`read_messages` tells ISO 20022 XML from SWIFT MT by the first bytes
and hands the input to its reader. :func:`iter_inputs` turns what a user
names (files, folders, ``-`` for standard input) into inputs; with
``lines=True`` each line of a file or stream is one message: raw XML on one
line, or a JSON string (``"{1:F01...}{4:\\r\\n:20:...-}"``) for a message with
line breaks of its own, such as an MT.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from embargo.errors import MessageError
from embargo.payments.iso20022 import MAX_MESSAGE_BYTES, read_iso20022
from embargo.payments.message import Message
from embargo.payments.mt import read_mt_counted, read_mt_each

__all__ = ["Input", "iter_inputs", "read_each", "read_messages"]

#: File names a folder is read for (any other file in a folder is said and left out).
SUFFIXES = (".xml", ".fin", ".rje", ".dos", ".mt", ".txt", ".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Input:
    """Bytes that hold one message (XML) or several (an MT file), and where they come from.

    Attributes:
        error: why the input cannot be a message at all (a line that is not a JSON string), said when read.
    """

    data: bytes
    source: str
    error: str = ""

    def messages(self) -> tuple[list[Message], int]:
        """:func:`read_messages` of the input (:class:`MessageError` for an input that holds none)."""
        if self.error:
            raise MessageError(self.error, self.source)
        return read_messages(self.data, self.source)

    def each(self) -> tuple[list[Message | MessageError], int]:
        """:func:`read_each` of the input: every message, or the error of one that cannot be read."""
        if self.error:
            return [MessageError(self.error, self.source)], 0
        return read_each(self.data, self.source)


def read_messages(data: bytes, source: str = "<message>") -> tuple[list[Message], int]:
    """Every payment message in ``data``, and how many service messages (MT acknowledgements) were left out.

    Raises:
        MessageError: neither format, or a message its reader refuses (the one clear line names the element
            or field).
    """
    if len(data) > MAX_MESSAGE_BYTES:
        raise MessageError(f"{len(data):,} bytes: larger than the {MAX_MESSAGE_BYTES:,} a message may have", source)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        message = read_iso20022(data, source)
        return [message], 0
    if head in (b"{", b"\x01", b"$"):
        return read_mt_counted(data, source)
    if not head:
        raise MessageError("empty: no message", source)
    raise MessageError("neither ISO 20022 XML (begins with <) nor a SWIFT MT message (begins with {1:)", source)


def read_each(data: bytes, source: str = "<message>") -> tuple[list[Message | MessageError], int]:
    """Like :func:`read_messages`, but a message that cannot be read is its error in the list, and the others
    of the input are read still (an MT file with one message cut off gives the rest)."""
    try:
        head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if head in (b"{", b"\x01", b"$") and len(data) <= MAX_MESSAGE_BYTES:
            each, service = read_mt_each(data, source)
            return list(each), service
        messages, service = read_messages(data, source)
    except MessageError as exc:
        return [exc], 0
    return list(messages), service


def iter_inputs(names: Sequence[str], lines: bool = False) -> Iterator[Input]:
    """The inputs of files, folders (their message files, sorted, recursively) and ``-`` (standard input).

    A name that is neither a file nor a folder, or a file that cannot be read, is one input that fails
    when read (:meth:`Input.messages`): a run counts it as an error and goes on with the others.
    """
    for name in names:
        try:
            yield from _inputs(name, lines)
        except MessageError as exc:
            yield Input(b"", exc.source or name, exc.message)


def _inputs(name: str, lines: bool) -> Iterator[Input]:
    if name == "-":
        yield from _split(sys.stdin.buffer.read(), "<stdin>", lines)
        return
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        for file in files:
            if file.suffix.lower() in SUFFIXES:
                yield from _split(_read(file), str(file), lines or file.suffix.lower() in (".jsonl", ".ndjson"))
        return
    if not path.exists():
        raise MessageError("no such file or folder", name)
    yield from _split(_read(path), name, lines or path.suffix.lower() in (".jsonl", ".ndjson"))


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES * 100:
            raise MessageError(f"{size:,} bytes: larger than a day's file this reads at once", str(path))
        return path.read_bytes()
    except OSError as exc:
        raise MessageError(f"cannot read it ({exc.strerror or exc})", str(path)) from exc


def _split(data: bytes, source: str, lines: bool) -> Iterator[Input]:
    if not lines:
        yield Input(data, source)
        return
    for number, line in enumerate(data.splitlines(), 1):
        text = line.strip()
        if not text:
            continue
        where = f"{source}, line {number}"
        if text.startswith(b'"'):
            try:
                decoded = json.loads(text)
            except ValueError as exc:
                yield Input(text, where, f"a line beginning with a quote is read as a JSON string: {exc}")
                continue
            if not isinstance(decoded, str):
                yield Input(text, where, "a line beginning with a quote is read as a JSON string: not one")
                continue
            yield Input(decoded.encode("utf-8"), where)
        else:
            yield Input(text, where)
