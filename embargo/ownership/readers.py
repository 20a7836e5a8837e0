"""Every ownership reader by name, and which one a file needs.

=================  ==========================================================  =================================
format             what                                                        module
=================  ==========================================================  =================================
``ftm``            FollowTheMoney JSON lines (``Ownership``, ``Directorship``)  :mod:`embargo.ownership.ftm`
``bods``           Beneficial Ownership Data Standard 0.2-0.4 (JSON, lines)     :mod:`embargo.ownership.bods`
``csv``            ``owner_id,owner_name,asset_id,asset_name,share,start,end``  :mod:`embargo.ownership.csv_file`
``ofac-advanced``  OFAC advanced XML relationships ("Owned or Controlled By")   :mod:`embargo.ownership.ofac_relations`
``uk-fcdo``        UK Sanctions List parent companies, subsidiaries (XML, CSV)  :mod:`embargo.ownership.uk_fcdo`
=================  ==========================================================  =================================

:func:`sniff` tells them apart by what the file starts with, not by its name:
an XML document element ``Sanctions`` (OFAC) or ``Designations`` (UK); JSON
whose first statement has ``statementType`` or ``recordType`` (BODS) or
``schema`` (FtM); a CSV header starting ``owner_id`` (the plain CSV) or the UK
list's own CSV (its ``Report Date`` line or ``Unique ID``/``Name 6`` header).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from embargo.errors import SourceError
from embargo.ownership.bods import read_bods
from embargo.ownership.csv_file import read_csv
from embargo.ownership.data import OwnershipData
from embargo.ownership.ftm import read_ftm
from embargo.ownership.ofac_relations import read_ofac_relations
from embargo.ownership.uk_fcdo import read_uk_fcdo
from embargo.sources import uk_fcdo_csv
from embargo.sources.base import read_head
from embargo.sources.xml import sniff_root

__all__ = ["FORMATS", "READERS", "read_ownership", "sniff"]

FORMATS = ("ftm", "bods", "csv", "ofac-advanced", "uk-fcdo")
READERS: dict[str, Callable[[Path], OwnershipData]] = {
    "ftm": read_ftm,
    "bods": read_bods,
    "csv": read_csv,
    "ofac-advanced": read_ofac_relations,
    "uk-fcdo": read_uk_fcdo,
}
_HEAD = 65536
_BODS_KEYS = re.compile(rb'"(statementType|recordType)"\s*:')
_FTM_KEY = re.compile(rb'"schema"\s*:')


def _known() -> str:
    return ", ".join(FORMATS)


def _first_json(text: str) -> object:
    """The first JSON value of a head of a file: the first line, or the first item of an array."""
    decoder = json.JSONDecoder()
    body = text.lstrip()
    if body.startswith("["):
        body = body[1:].lstrip()
    try:
        return decoder.raw_decode(body)[0]
    except json.JSONDecodeError:
        return None


def sniff(path: Path) -> str:
    """The format of an ownership file (one of :data:`FORMATS`), from its content.

    Raises:
        SourceError: it cannot be read, or is none of the formats (naming those known).
    """
    head = read_head(path, _HEAD)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        root = sniff_root(text)
        if root == "Sanctions":
            return "ofac-advanced"
        if root == "Designations":
            return "uk-fcdo"
    elif text.startswith((b"{", b"[")):
        first = _first_json(text.decode("utf-8", "replace"))
        if isinstance(first, dict):
            if "statementType" in first or "recordType" in first:
                return "bods"
            if "schema" in first:
                return "ftm"
        elif _BODS_KEYS.search(text):  # a first statement longer than the head read
            return "bods"
        elif _FTM_KEY.search(text):
            return "ftm"
    else:
        first_line = text.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
        if first_line.replace('"', "").startswith("owner_id,"):
            return "csv"
        if uk_fcdo_csv.sniff(head, path.name):
            return "uk-fcdo"
    raise SourceError(f"not an ownership file of a known format (the formats are {_known()})", str(path))


def read_ownership(path: Path, fmt: str | None = None) -> OwnershipData:
    """The ownership data of a file, read as ``fmt`` (one of :data:`FORMATS`) or as :func:`sniff` finds.

    Raises:
        SourceError: an unknown format, a file of no known format, or what the reader raises.
    """
    name = sniff(path) if fmt is None else fmt
    reader = READERS.get(name)
    if reader is None:
        raise SourceError(f"unknown ownership format {name!r} (the formats are {_known()})", str(path))
    return reader(path)
