"""Import one list file into the store as a new version, all or nothing.

The flow: resolve the list and the format, hash every file of the
publication, compare with the current version (a byte-identical file adds no
version), then stream the parser's entities into one write transaction. A
``SourceError`` anywhere rolls the whole import back.
"""

from __future__ import annotations

import builtins
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from embargo.errors import SourceError
from embargo.sources.base import Format, ParseContext, ParseIssue
from embargo.sources.catalog import get_list
from embargo.sources.registry import get_format, refuse_html, sniff_format
from embargo.store import Store, VersionInfo, Writer

__all__ = ["ImportResult", "content_hash", "import_file"]

#: Called with the number of entities read so far.
Progress = Callable[[int], None]

_CHUNK = 1 << 20


def content_hash(files: list[Path]) -> str:
    """SHA-256 over the bytes of every file of a publication, in the format's order.

    File names are left out, so the same file saved under another name is
    the same content; each file's size goes in first, so the split between
    the files of a set counts.
    """
    digest = hashlib.sha256()
    for path in files:
        try:
            digest.update(path.stat().st_size.to_bytes(8, "big"))
            with path.open("rb") as fh:
                while chunk := fh.read(_CHUNK):
                    digest.update(chunk)
        except OSError as exc:
            raise SourceError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc
    return digest.hexdigest()


@dataclass(slots=True)
class ImportResult:
    """What an import did.

    Attributes:
        status: ``imported`` (a new version) or ``unchanged`` (same bytes as
            the current version; nothing written).
        list: the list name.
        version: the version now current.
        issues: records skipped or partly read (first 1,000).
        issue_count: how many there were in all.
        files: the files read.
    """

    status: str
    list: str
    version: VersionInfo | None
    files: builtins.list[str]
    issues: builtins.list[ParseIssue] = field(default_factory=builtins.list)
    issue_count: int = 0
    duplicates: builtins.list[str] = field(default_factory=builtins.list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "status": self.status,
            "list": self.list,
            "files": self.files,
            "version": self.version.to_dict() if self.version else None,
            "issue_count": self.issue_count,
            "issues": [{"location": i.location, "message": i.message} for i in self.issues],
            "duplicates": self.duplicates,
        }


def _index(store: Store, version: VersionInfo) -> None:
    """Build the committed version's candidate index and drop indexes of versions no longer current."""
    from embargo.index import build_version_index, prune_indexes

    build_version_index(store, version)
    current = {i.current.id for i in store.view().lists() if i.current is not None}
    prune_indexes(store, current)


def _audit(writer: Writer, version: VersionInfo) -> None:
    """Record the import in the audit log, in the import's own transaction."""
    from embargo.audit import append

    assert writer.conn is not None
    append(writer.conn, "embargo", "list.import", version.to_dict())


def _resolve_format(path: Path, format_name: str | None) -> Format:
    if format_name:
        return get_format(format_name)
    return sniff_format(path)


def import_file(
    store: Store,
    path: Path,
    list_name: str,
    *,
    format_name: str | None = None,
    title: str | None = None,
    authority: str | None = None,
    url: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read ``path`` as a new version of ``list_name``.

    Args:
        store: where to write.
        path: the list's main file (companion files are found by the format).
        list_name: a catalogue list (``us_ofac_sdn``) or any name for a custom list.
        format_name: the format; sniffed from the file when None.
        title, authority, url: for custom lists (catalogue lists know theirs).
        progress: called every 500 entities with the count so far.

    Raises:
        SourceError: the file cannot be read; nothing is written.
        StoreError: the store cannot be written (e.g. another import holds it).
    """
    path = Path(path)
    if not path.is_file():
        raise SourceError("no such file", str(path))
    fmt = _resolve_format(path, format_name)
    refuse_html(path)
    known = get_list(list_name)
    authority = authority or (known.authority if known else "internal")
    title = title or (known.title if known else list_name)
    url = url or (known.url if known else None)
    files = fmt.files(path)
    digest = content_hash(files)
    names = [f.name for f in files]
    ctx = ParseContext(list_name=list_name, authority=authority, path=path)
    with store.writer() as writer:
        current = writer.current(list_name)
        if current is not None and current.content_hash == digest:
            return ImportResult("unchanged", list_name, current, names)
        writer.begin_version(
            list_name, title=title, authority=authority, format=fmt.name, url=url, content_hash=digest, files=names
        )
        count = 0
        try:
            for entity in fmt.parse(path, ctx):
                if writer.add(entity):
                    count += 1
                    if progress is not None and count % 500 == 0:
                        progress(count)
        except SourceError:
            raise
        except (ValueError, KeyError, IndexError, TypeError, UnicodeError, OSError) as exc:
            raise SourceError(f"could not be read ({type(exc).__name__}: {exc})", str(path)) from exc
        if count == 0:
            raise ctx.error("no entries found; refusing to replace the list with an empty version")
        if ctx.issue_count > max(10, count):
            raise ctx.error(
                f"{ctx.issue_count} broken records against {count} good ones; refusing a version that would "
                f"drop most of the list (first problem: {ctx.issues[0]})"
            )
        for dup in writer.duplicates:
            ctx.warn(dup, "the same record id appears again in the file; the later record was ignored")
        version = writer.finish(ctx.published, [(i.location, i.message) for i in ctx.issues], ctx.issue_count)
        _audit(writer, version)
        if progress is not None:
            progress(count)
    _index(store, version)
    return ImportResult("imported", list_name, version, names, ctx.issues, ctx.issue_count, writer.duplicates)
