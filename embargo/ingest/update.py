"""``embargo update``: bring every list up to date, each on its own.

Lists come from their publishers' addresses, from an HTTP mirror that serves
the published file names, or from a local folder. One list failing does not
stop the others; each outcome is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from platformdirs import user_cache_dir

from embargo.errors import EmbargoError, FetchError, NotFoundError
from embargo.ingest.fetch import download
from embargo.ingest.importer import ImportResult, import_file
from embargo.ingest.mirror import find_in_folder
from embargo.ownership.graph import refresh
from embargo.parties import resolve_parties
from embargo.settings import http_timeout
from embargo.sources.catalog import LISTS, ListFile, PublishedList, get_list
from embargo.store import Store

__all__ = ["UpdateOutcome", "select_lists", "update"]


@dataclass(slots=True)
class UpdateOutcome:
    """What happened to one list: ``imported``, ``unchanged``, ``held``, ``failed``, ``missing`` or ``closed``."""

    list: str
    status: str
    file: str | None = None
    result: ImportResult | None = None
    error: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "list": self.list,
            "status": self.status,
            "file": self.file,
            "error": self.error,
            "note": self.note,
            "result": self.result.to_dict() if self.result else None,
        }


def select_lists(names: Sequence[str], local: bool) -> list[PublishedList]:
    """Catalogue lists named, or by default every list the source can provide (closed ones: reported, not read)."""
    if names:
        chosen = []
        for name in names:
            item = get_list(name)
            if item is None:
                known = ", ".join(i.name for i in LISTS)
                raise NotFoundError(f"unknown list {name!r} (known: {known})")
            chosen.append(item)
        return chosen
    if local:
        return list(LISTS)
    return [i for i in LISTS if i.url is not None]


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def update(
    store: Store,
    names: Sequence[str] = (),
    source: str | None = None,
    cache_dir: Path | None = None,
    progress: Callable[[str, int], None] | None = None,
    resolve: bool = True,
) -> list[UpdateOutcome]:
    """Update lists from the publishers, an HTTP mirror (``source`` URL) or a folder.

    Args:
        resolve: when a list's current version changed, resolve the parties once after every list
            (:func:`~embargo.parties.resolve_parties`; what it found is kept in the store:
            :func:`embargo.store.parties.last_summary`).
    """
    local = source is not None and not _is_url(source)
    chosen = select_lists(names, local)
    outcomes: list[UpdateOutcome] = []
    cache = cache_dir or Path(user_cache_dir("embargo", appauthor=False)) / "downloads"
    client = None if local else httpx.Client(timeout=http_timeout(), follow_redirects=True)
    try:
        for item in chosen:
            outcomes.append(_update_one(store, item, source, cache, client, progress, explicit=bool(names)))
    finally:
        if client is not None:
            client.close()
    if resolve and any(o.status in ("imported", "accepted") for o in outcomes):
        resolve_parties(store)
        refresh(store)
    return outcomes


def _fetch_first(
    item: PublishedList, options: list[ListFile], source: str | None, cache: Path, client: httpx.Client
) -> tuple[Path, str, str | None]:
    """The first of a list's published files that can be fetched, preferred first.

    A list published in several formats (OFAC's advanced XML, classic XML and CSV) is still
    updated when its preferred file cannot be had (a mirror without it); the outcome says so.

    Raises:
        FetchError: no file could be fetched (the reason for the preferred one first).
    """
    failures: list[str] = []
    for option in options:
        assert option.url is not None
        url = option.url if source is None else source.rstrip("/") + "/" + option.filename
        try:
            got = download(url, cache / item.name / option.filename, client)
        except FetchError as exc:
            failures.append(f"{option.filename}: {exc}")
            continue
        note = f"took {option.filename}; not fetched: " + "; ".join(failures) if failures else None
        return got.path, option.format, note
    raise FetchError("; ".join(failures))


def _update_one(
    store: Store,
    item: PublishedList,
    source: str | None,
    cache: Path,
    client: httpx.Client | None,
    progress: Callable[[str, int], None] | None,
    explicit: bool,
) -> UpdateOutcome:
    note = None
    if item.closed is not None:
        after = f"; its successor is {item.successor}" if item.successor else ""
        return UpdateOutcome(
            item.name,
            "failed" if explicit else "closed",
            error=f"the publisher closed this list on {item.closed}{after}; `embargo import` still reads its files",
        )
    try:
        if source is not None and not _is_url(source):
            found = find_in_folder(Path(source), item)
            if found is None:
                status = "failed" if explicit else "missing"
                return UpdateOutcome(item.name, status, error=f"no file for this list in {source}")
            path, fmt = found.path, found.format
            notes = []
            if found.by_content:
                notes.append(f"found by its content ({fmt}), not by a published file name")
            if found.passed_over:
                notes.append("also found, smaller: " + ", ".join(str(p) for p in found.passed_over))
            note = "; ".join(notes) or None
        else:
            options = [o for o in item.files if o.url is not None]
            if not options:
                return UpdateOutcome(item.name, "missing", error="no download address (import this list by hand)")
            assert client is not None
            path, fmt, note = _fetch_first(item, options, source, cache, client)

        def tick(n: int) -> None:
            if progress is not None:
                progress(item.name, n)

        result = import_file(store, path, item.name, format_name=fmt, progress=tick, resolve=False)
    except EmbargoError as exc:
        return UpdateOutcome(item.name, "failed", error=str(exc))
    if result.status == "held":
        note = "held, not served (embargo update never accepts a held version): " + (
            result.version.hold_reason if result.version and result.version.hold_reason else "see embargo versions"
        )
    return UpdateOutcome(item.name, result.status, file=str(path), result=result, note=note)
