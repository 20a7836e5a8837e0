"""Find each published list's file in a local folder (a mirror or a download dump).

A list's files are recognized by their published names (case-insensitive
globs from the catalogue) and confirmed by sniffing their content, so the UN's
``consolidated.xml`` and OFAC's ``CONSOLIDATED.XML`` are told apart by what
is inside, not by letter case.

A file saved under another name (``seco_2026-08-15.xml``) is still found by
its content, but only for a format that one list alone is published in
(SECO's XML, the FCDO's): OFAC's SDN and Consolidated lists share their
formats, so for them only the published name can tell which list a file is.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from embargo.sources.base import read_head
from embargo.sources.catalog import LISTS, PublishedList
from embargo.sources.registry import get_format

__all__ = ["Found", "find_in_folder"]


@dataclass(frozen=True, slots=True)
class Found:
    """A list file found in a folder, the others that were passed over, and whether only its content told."""

    path: Path
    format: str
    passed_over: tuple[Path, ...] = ()
    by_content: bool = False


def find_in_folder(folder: Path, item: PublishedList) -> Found | None:
    """The best file for ``item`` under ``folder`` (searched recursively).

    Formats are tried in the list's order of preference; among several files
    of the same format, the largest is taken (a full list rather than an
    excerpt), and the others are reported as passed over.
    """
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    for option in item.files:
        found = _best(files, option.format, partial(fnmatch.fnmatch, pat=option.pattern))
        if found is not None:
            return found
    for fmt_name in item.accepts:
        if _lists_of(fmt_name) == [item.name]:
            found = _best(files, fmt_name, lambda name: True)
            if found is not None:
                return Found(found.path, found.format, found.passed_over, by_content=True)
    return None


def _lists_of(format_name: str) -> list[str]:
    return [i.name for i in LISTS if format_name in i.accepts]


def _best(files: list[Path], format_name: str, named: Callable[[str], bool]) -> Found | None:
    """The largest of ``files`` that is named right and sniffs as the format (the others passed over)."""
    fmt = get_format(format_name)
    matches = [p for p in files if named(p.name.lower()) and fmt.sniff(read_head(p, 16384), p.name)]
    if not matches:
        return None
    matches.sort(key=lambda p: (-p.stat().st_size, str(p)))
    return Found(matches[0], fmt.name, tuple(matches[1:]))
