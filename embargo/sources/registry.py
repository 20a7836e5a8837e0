"""The registry of list formats: a tuple and a lookup, no magic."""

from __future__ import annotations

from pathlib import Path

from embargo.errors import SourceError
from embargo.sources import (
    au_dfat,
    ca_sema,
    ch_seco,
    custom_csv,
    eu_fsf,
    eu_journal,
    ftm,
    ofac_advanced,
    ofac_csv,
    ofac_xml,
    uk_fcdo,
    uk_fcdo_csv,
    uk_ofsi,
    un_sc,
)
from embargo.sources.base import Format, looks_like_html, read_head

__all__ = ["FORMATS", "get_format", "refuse_html", "sniff_format"]

_HTML = "this is an HTML page, not a list file (an error page served instead of the list?)"

#: Every format embargo reads, most specific sniffers first (custom CSV last:
#: it must never claim a publisher's CSV).
FORMATS: tuple[Format, ...] = (
    ofac_advanced.FORMAT,
    ofac_xml.FORMAT,
    ofac_csv.FORMAT,
    eu_fsf.FORMAT,
    uk_ofsi.FORMAT,
    uk_fcdo.FORMAT,
    un_sc.FORMAT,
    ch_seco.FORMAT,
    ca_sema.FORMAT,
    eu_journal.FORMAT,
    au_dfat.FORMAT,
    ftm.FORMAT,
    uk_fcdo_csv.FORMAT,
    custom_csv.FORMAT,
)


def get_format(name: str) -> Format:
    """A format by name.

    Raises:
        SourceError: no such format (the message lists the known ones).
    """
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in FORMATS)
    raise SourceError(f"unknown format {name!r} (known: {known})")


def sniff_format(path: Path) -> Format:
    """The format of a file, judged from its first bytes and its name.

    Raises:
        SourceError: the file is empty, unreadable, or not a known format.
    """
    if not path.is_file():
        raise SourceError("no such file", str(path))
    head = read_head(path, 16384)
    if not head.strip(b"\x00\x1a \t\r\n\xef\xbb\xbf"):
        raise SourceError("the file is empty", str(path))
    if looks_like_html(head):
        raise SourceError(_HTML, str(path))
    for fmt in FORMATS:
        if fmt.sniff(head, path.name):
            return fmt
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        raise SourceError(
            "this is an HTML page, not a list file (an error page served instead of the list?)", str(path)
        )
    known = ", ".join(f.name for f in FORMATS)
    raise SourceError(f"cannot tell the file's format; name it (one of: {known})", str(path))


def refuse_html(path: Path) -> None:
    """Raise :class:`SourceError` when ``path`` holds an HTML page, whatever format was asked for."""
    if looks_like_html(read_head(path, 4096)):
        raise SourceError(_HTML, str(path))
