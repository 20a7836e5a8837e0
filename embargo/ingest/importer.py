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
from embargo.ingest.guard import hold_reason, policy_for, removed_count
from embargo.ingest.mirror import find_in_folder
from embargo.ownership.graph import OwnershipResult, refresh
from embargo.parties import Resolution, resolve_parties
from embargo.settings import max_list_bytes
from embargo.sources.base import Format, ParseContext, ParseIssue
from embargo.sources.catalog import get_list
from embargo.sources.registry import get_format, refuse_html, sniff_format
from embargo.store import Store, VersionInfo, Writer

__all__ = ["ImportResult", "build_index", "content_hash", "import_file", "main_file", "resolve_format"]

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
        status: ``imported`` (a new current version), ``unchanged`` (same bytes as
            the current version; nothing written), ``held`` (stored, not served:
            ``version.hold_reason`` says why) or ``accepted`` (a held version made current).
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
    previous: VersionInfo | None = None
    removed: int = 0
    #: The parties resolved after the version became current (None: not resolved by this import).
    parties: Resolution | None = None
    #: Ownership computed again after it (None: the store holds no ownership data, or nothing was resolved).
    ownership: OwnershipResult | None = None

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
            "previous": self.previous.to_dict() if self.previous else None,
            "removed": self.removed,
            "parties": self.parties.to_dict() if self.parties else None,
            **({"ownership": self.ownership.to_dict()} if self.ownership else {}),
        }


def ensure_index(store: Store, version: VersionInfo) -> None:
    """Build the current version's index when its file is missing (a crash between the commit and the index)."""
    from embargo.index import index_path

    if not index_path(store, version).exists():
        build_index(store, version)


def build_index(store: Store, version: VersionInfo) -> None:
    """Build the committed version's candidate index and drop indexes of versions no longer current."""
    from embargo.index import build_version_index, prune_indexes

    build_version_index(store, version)
    current = {i.current.id for i in store.view().lists() if i.current is not None}
    prune_indexes(store, current)


def _audit(writer: Writer, action: str, detail: dict[str, Any], actor: str = "embargo") -> None:
    """Record the import (or hold, or acceptance) in the audit log, in the import's own transaction."""
    from embargo.audit import append

    assert writer.conn is not None
    append(writer.conn, actor, action, detail)


def _describe(fmt: Format) -> str:
    return f"{fmt.title} ({fmt.name})"


def resolve_format(path: Path, list_name: str, format_name: str | None = None) -> Format:
    """The format to read ``path`` with, checked against what the file is and what the list accepts.

    The file's content decides: ``--format`` may name the format a file cannot
    be sniffed as (a custom CSV), never force one the content contradicts. A
    catalogue list accepts only the formats it is published in, so another
    publisher's file cannot replace it by mistake.

    Raises:
        SourceError: one line naming the file, what it is and what the list expects.
    """
    try:
        sniffed: Format | None = sniff_format(path)
        sniff_error: SourceError | None = None
    except SourceError as exc:
        sniffed, sniff_error = None, exc
    if format_name:
        fmt = get_format(format_name)
        if sniffed is not None and sniffed.name != fmt.name:
            raise SourceError(
                f"this file is {_describe(sniffed)}; the format {fmt.name} cannot read it as {fmt.title}", str(path)
            )
    elif sniffed is None:
        assert sniff_error is not None
        raise sniff_error
    else:
        fmt = sniffed
    known = get_list(list_name)
    if known is not None:
        accepted = known.accepts
        if fmt.name not in accepted:
            wanted = " or ".join(_describe(get_format(name)) for name in accepted)
            raise SourceError(f"this file is {_describe(fmt)}; {list_name} expects {wanted}", str(path))
    return fmt


def _check_size(files: builtins.list[Path]) -> None:
    limit = max_list_bytes()
    for path in files:
        size = path.stat().st_size
        if size > limit:
            raise SourceError(
                f"the file is {size:,} bytes, more than the {limit:,} an import reads "
                "(EMBARGO_MAX_LIST_BYTES); refused",
                str(path),
            )


def main_file(path: Path, list_name: str) -> Path:
    """The list file to import when ``path`` is a folder of one list's files (``embargo import FOLDER``).

    Raises:
        SourceError: the folder holds no file of the list (the message says which files it expected),
            or the list is not in the catalogue (a folder needs known file names).
    """
    known = get_list(list_name)
    if known is None:
        raise SourceError(
            f"a folder can be imported only for a catalogue list; {list_name} is a list of your own: name its file",
            str(path),
        )
    found = find_in_folder(path, known)
    if found is None:
        expected = "; ".join(_expected(f.format, f.filename) for f in known.files)
        raise SourceError(f"no file of {list_name} in this folder; expected one of: {expected}", str(path))
    return found.path


def _expected(format_name: str, filename: str) -> str:
    companions = get_format(format_name).companions(filename)
    return filename + (f" (with {', '.join(companions)} beside it)" if companions else "")


def _version_message(version: VersionInfo, accept_reason: str | None, forced: str | None) -> dict[str, Any]:
    data = version.to_dict()
    if forced is not None:
        data["accepted_despite"] = forced
        data["accept_reason"] = accept_reason
    return data


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
    accept: str | None = None,
    actor: str = "embargo",
    resolve: bool = True,
) -> ImportResult:
    """Read ``path`` as a new version of ``list_name``.

    A version the import guard (:mod:`embargo.ingest.guard`) finds suspect is
    stored as *held*: not served, status ``held``, with the reason. The same
    file imported again with ``accept`` (the reason, audited) is promoted.

    Args:
        store: where to write.
        path: the list's main file (companion files are found by the format), or a
            folder holding a catalogue list's files.
        list_name: a catalogue list (``us_ofac_sdn``) or any name for a custom list.
        format_name: the format; sniffed when None, and never allowed to contradict the content.
        title, authority, url: for custom lists (catalogue lists know theirs).
        progress: called every 500 entities with the count so far.
        accept: make the version current even if the guard would hold it; the reason why (audited).
        actor: who imports (for the audit log).
        resolve: resolve the parties again when the version becomes current
            (:func:`~embargo.parties.resolve_parties`); ``embargo update`` does it once, after every list.

    Raises:
        SourceError: the file cannot be read, or is not a file of this list; nothing is written.
        StoreError: the store cannot be written (e.g. another import holds it).
    """
    path = Path(path)
    if path.is_dir():
        path = main_file(path, list_name)
    if not path.is_file():
        raise SourceError("no such file", str(path))
    if accept is not None and not accept.strip():
        raise SourceError("accepting a held version needs a reason (it is audited)", str(path))
    fmt = resolve_format(path, list_name, format_name)
    refuse_html(path)
    known = get_list(list_name)
    authority = authority or (known.authority if known else "internal")
    title = title or (known.title if known else list_name)
    url = url or (known.url if known else None)
    files = fmt.files(path)
    _check_size(files)
    digest = content_hash(files)
    names = [f.name for f in files]
    ctx = ParseContext(list_name=list_name, authority=authority, path=path)
    again: ImportResult | None = None
    unchanged: VersionInfo | None = None
    with store.writer() as writer:
        current = writer.current(list_name)
        if current is not None and current.content_hash == digest:
            unchanged = current
        else:
            seen = writer.stored_with_hash(list_name, digest)
            if seen is not None:
                again = _import_seen(writer, seen, names, accept, actor)
    if unchanged is not None:
        # an import killed after its commit and before its index: the re-run finishes the job
        ensure_index(store, unchanged)
        return ImportResult("unchanged", list_name, unchanged, names)
    if again is not None:  # read before and not served: held again, or accepted now
        if again.status == "accepted" and again.version is not None:
            build_index(store, again.version)
        result = again
    else:
        result = _import_new(store, path, fmt, ctx, names, digest, (title, authority, url), progress, accept, actor)
    if resolve and result.status in ("imported", "accepted"):
        result.parties = resolve_parties(store)
        result.ownership = refresh(store)
    return result


def _import_new(
    store: Store,
    path: Path,
    fmt: Format,
    ctx: ParseContext,
    names: builtins.list[str],
    digest: str,
    about: tuple[str, str, str | None],
    progress: Progress | None,
    accept: str | None,
    actor: str,
) -> ImportResult:
    """Parse the file into a new version; make it current, or hold it when the guard says so."""
    list_name = ctx.list_name
    title, authority, url = about
    with store.writer() as writer:
        current = writer.current(list_name)
        if current is not None and current.content_hash == digest:  # imported meanwhile by another process
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
        assert writer.conn is not None
        removed = removed_count(writer.conn, current.id, version.id) if current is not None else 0
        reason = hold_reason(current, version, removed, policy_for(writer.conn, list_name))
        if reason is not None and accept is None:
            version = writer.hold(version, reason, current)
            _audit(writer, "list.hold", version.to_dict(), actor)
            status = "held"
        else:
            _audit(writer, "list.import", _version_message(version, accept, reason), actor)
            status = "imported"
        if progress is not None:
            progress(count)
    if status == "imported":
        build_index(store, version)
    result = ImportResult(status, list_name, version, names, ctx.issues, ctx.issue_count, writer.duplicates)
    result.previous = current
    result.removed = removed
    return result


def _import_seen(
    writer: Writer, seen: VersionInfo, names: builtins.list[str], accept: str | None, actor: str
) -> ImportResult:
    """The file is a version stored before and not served (held, or withdrawn by a rollback)."""
    if accept is None:
        if seen.state == "withdrawn":
            seen.hold_reason = f"the same content as version {seen.seq}, which a rollback withdrew"
        return ImportResult("held", seen.list, seen, names)
    assert writer.conn is not None
    version = writer.make_current(seen)
    _audit(writer, "list.accept", {**version.to_dict(), "reason": accept}, actor)
    return ImportResult("accepted", seen.list, version, names)
