"""Find each published list's file in a local folder (a mirror or a download dump).

A list's files are recognized by their published names (case-insensitive
globs from the catalogue) and confirmed by sniffing their content, so the UN's
``consolidated.xml`` and OFAC's ``CONSOLIDATED.XML`` are told apart by what
is inside, not by letter case.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from embargo.sources.base import read_head
from embargo.sources.catalog import PublishedList
from embargo.sources.registry import get_format

__all__ = ["Found", "find_in_folder"]


@dataclass(frozen=True, slots=True)
class Found:
    """A list file found in a folder, and the others that were passed over."""

    path: Path
    format: str
    passed_over: tuple[Path, ...] = ()


def find_in_folder(folder: Path, item: PublishedList) -> Found | None:
    """The best file for ``item`` under ``folder`` (searched recursively).

    Formats are tried in the list's order of preference; among several files
    of the same format, the largest is taken (a full list rather than an
    excerpt), and the others are reported as passed over.
    """
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    for option in item.files:
        fmt = get_format(option.format)
        matches = []
        for path in files:
            if not fnmatch.fnmatch(path.name.lower(), option.pattern):
                continue
            if fmt.sniff(read_head(path, 16384), path.name):
                matches.append(path)
        if matches:
            matches.sort(key=lambda p: (-p.stat().st_size, str(p)))
            return Found(matches[0], fmt.name, tuple(matches[1:]))
    return None
