"""Which text encoding a published CSV file is in, and what its byte-order mark says.

A UTF-8 byte-order mark (``EF BB BF``) at the start of a file is a claim
that the rest is UTF-8. Files are re-saved by tools that add the mark to
bytes that are something else (OFAC's Windows-1252 CSV opened and saved by a
spreadsheet, a script that writes a BOM and then Latin-1), and trusting the
mark then turns its three bytes into ``ï»¿`` glued to the first cell: the
first record's id no longer reads and the record is lost. So the mark
decides only when the bytes behind it decode as UTF-8; otherwise the file is
read as one without a mark would be (the format's legacy encoding), the
mark is dropped, and the import's issues say so.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from embargo.errors import SourceError

__all__ = ["BOM", "TextEncoding", "detect_encoding"]

BOM = b"\xef\xbb\xbf"
_NAMES = {"cp1252": "Windows-1252"}
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class TextEncoding:
    """How to read a file's text.

    Attributes:
        encoding: the codec for the bytes after ``skip``.
        skip: bytes to drop at the start (a byte-order mark).
        note: what the caller must report as an import issue (a mark that lied), or None.
    """

    encoding: str
    skip: int = 0
    note: str | None = None


def _decodes(path: Path, encoding: str, skip: int) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as fh:
        fh.seek(skip)
        try:
            while chunk := fh.read(_CHUNK):
                if b"\x00" in chunk:
                    raise SourceError("binary data (NUL bytes), not a text file", str(path))
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def detect_encoding(path: Path, legacy: str | None) -> TextEncoding:
    """UTF-8 when the bytes are UTF-8 (after a mark, if any), else ``legacy``.

    Args:
        path: the file.
        legacy: the publisher's other encoding (``cp1252``), or None for a UTF-8-only format.

    Raises:
        SourceError: the text is in neither encoding, holds NUL bytes, or cannot be read.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(len(BOM))
        skip = len(BOM) if head == BOM else 0
        if _decodes(path, "utf-8", skip):
            return TextEncoding("utf-8", skip)
        if legacy is not None and _decodes(path, legacy, skip):
            note = None
            if skip:
                note = (
                    f"the file starts with a UTF-8 byte-order mark but its bytes are not UTF-8; "
                    f"the mark was ignored and the file read as {_NAMES.get(legacy, legacy)}"
                )
            return TextEncoding(legacy, skip, note)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc
    if legacy is None:
        raise SourceError("the text is not UTF-8", str(path))
    raise SourceError(f"the text is neither UTF-8 nor {_NAMES.get(legacy, legacy)}", str(path))
