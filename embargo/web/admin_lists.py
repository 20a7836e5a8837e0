"""Administration of lists (``admin`` role): import an uploaded list file, update lists from a folder or a mirror.

- ``/admin/lists``: the forms, and the held versions with links to the lists' pages where they are accepted.
- ``POST /admin/lists/import``: one list file, or a publication's several files (OFAC's CSV set: ``sdn.csv``,
  ``add.csv``, ``alt.csv``, ``sdn_comments.csv``), saved under their own names in one temporary folder and
  read by :func:`embargo.ingest.import_file` as ``embargo import`` reads them, under the signed-in user's name.
  The upload is bounded by ``EMBARGO_UI_MAX_BODY`` (1 MiB by default), so the import runs while the request
  waits and its result (imported, held, unchanged) is the page that answers.
- ``POST /admin/lists/update``: :func:`embargo.ingest.update` from a folder on the server, an HTTP mirror or
  the publishers, as ``embargo update [--from SOURCE]``; it can take minutes, so it runs in a thread of the
  server and ``/admin/lists/update`` follows it (polled by ``ui.js`` from ``/admin/lists/update/status``).

One list job (an import or an update) at a time per server process: a second is answered 409 while one
is under way. Another process importing into the same store is refused by the store's writer lock.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.datastructures import FormData, UploadFile

from embargo.audit import append
from embargo.auth import Role
from embargo.errors import ConflictError, EmbargoError, QueryError, SourceError
from embargo.ingest import ImportResult, UpdateOutcome, import_file, update
from embargo.server.service import Service
from embargo.sources.catalog import LISTS, get_list
from embargo.sources.registry import FORMATS
from embargo.web.admin import app_job, utc_now
from embargo.web.gate import checked_form, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["ListJob", "router"]

router = APIRouter()

#: A list name of one's own: the characters the lists' pages accept in their addresses.
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
#: Warnings of an import shown on the page (the list's page shows the version's count).
_WARNINGS_SHOWN = 10


@dataclass(slots=True)
class ListJob:
    """The list import or update this UI process runs or ran last: who, since when, how far, how it ended."""

    kind: str = ""
    actor: str = ""
    source: str = ""
    names: list[str] = field(default_factory=list)
    started_at: str = ""
    finished_at: str = ""
    list_name: str = ""
    count: int = 0
    lists_started: int = 0
    outcomes: list[UpdateOutcome] | None = None
    error: str = ""
    importing: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True while an import is read or the update's thread is alive."""
        return self.importing or (self.thread is not None and self.thread.is_alive())

    def start(self, kind: str, actor: str, source: str, names: list[str]) -> None:
        """Forget the last job and begin this one (under :attr:`lock`, once :attr:`running` is False)."""
        self.kind, self.actor, self.source, self.names, self.started_at = kind, actor, source, names, utc_now()
        self.finished_at, self.list_name, self.count, self.lists_started = "", "", 0, 0
        self.outcomes, self.error, self.importing, self.thread = None, "", False, None

    def to_dict(self) -> dict[str, Any]:
        """What the status endpoint answers (outcomes in short: the page says them in words)."""
        outcomes = None if self.outcomes is None else [{"list": o.list, "status": o.status} for o in self.outcomes]
        return {
            "running": self.running,
            "kind": self.kind or None,
            "actor": self.actor,
            "source": self.source,
            "names": self.names,
            "started_at": self.started_at or None,
            "finished_at": self.finished_at or None,
            "list": self.list_name or None,
            "count": self.count,
            "lists_started": self.lists_started,
            "outcomes": outcomes,
            "error": self.error or None,
        }


def _job(request: Request) -> ListJob:
    return app_job(request, "list_job", ListJob)


def _busy(job: ListJob) -> ConflictError:
    what = "an import" if job.kind == "import" else "an update"
    return ConflictError(f"{what} of lists started by {job.actor} at {job.started_at} is still under way")


def _lists_page(request: Request, session: Session, status: int = 200, **context: Any) -> Response:
    service: Service = request.app.state.service
    stored = service.store.view().lists()
    catalogue = {i.name for i in LISTS}
    return page(
        request,
        "admin_lists.html",
        "Import and update lists",
        session,
        status=status,
        held=[i for i in stored if i.held_count],
        catalogue=list(LISTS),
        updated=[i for i in LISTS if i.closed is None],  # a closed list is imported by hand, never updated
        own=[i.name for i in stored if i.name not in catalogue],
        formats=[f.name for f in FORMATS],
        limit=service.config.limits.ui_body,
        job=_job(request),
        **context,
    )


@router.get("/admin/lists")
def lists_admin(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """The forms to import a list file and to update lists, and the held versions waiting for a decision."""
    return _lists_page(request, session)


# --- import an uploaded file ----------------------------------------------------------------------


def _list_name(form: FormData) -> str:
    """The list chosen: a catalogue list or one's own from the menu, else the name typed for a new list."""
    chosen = str(form.get("list") or "").strip()
    typed = str(form.get("new_list") or "").strip()
    if chosen and typed:
        raise QueryError("choose a list or type a new list's name, not both")
    name = chosen or typed
    if not name:
        raise QueryError("choose the list the file is a version of, or type a new list's name")
    if len(name) > 100 or not set(name) <= _NAME_CHARS:
        raise QueryError("a list name is at most 100 letters, digits, '_', '.' or '-'")
    return name


def _uploads(form: FormData) -> list[UploadFile]:
    files = [f for f in form.getlist("file") if isinstance(f, UploadFile) and (f.filename or "").strip()]
    if not files:
        raise QueryError("choose the list file to upload")
    return files


def _safe_name(filename: str | None, taken: set[str]) -> str:
    """The uploaded file's own name (formats recognize files by it), without any folder, never twice."""
    name = FilePath((filename or "").replace("\\", "/")).name.strip()
    if name in ("", ".", ".."):
        name = "upload"
    if name.lower() in taken:
        raise QueryError(f"two uploaded files are named {name}")
    taken.add(name.lower())
    return name


@router.post("/admin/lists/import")
def import_upload(request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.ADMIN))) -> Response:
    """Import the uploaded file (or a publication's files) as a new version of a list, under the user's name."""
    session, form = checked
    try:
        return _import(request, session, form)
    finally:  # every uploaded file, whatever was refused
        for upload in form.getlist("file"):
            if isinstance(upload, UploadFile):
                upload.file.close()


def _import(request: Request, session: Session, form: FormData) -> Response:
    service: Service = request.app.state.service
    list_name = _list_name(form)
    format_name = str(form.get("format") or "").strip() or None
    if format_name is not None and format_name not in {f.name for f in FORMATS}:
        raise QueryError(f"unknown format {format_name!r}")
    known = get_list(list_name)
    title = str(form.get("title") or "").strip()[:300] or None
    authority = str(form.get("authority") or "").strip()[:200] or None
    if known is not None:
        title = authority = None  # a catalogue list knows its own
    uploads = _uploads(form)
    job = _job(request)
    with job.lock:
        if job.running:
            raise _busy(job)
        job.start("import", session.name, "upload", [list_name])
        job.list_name, job.lists_started, job.importing = list_name, 1, True
    try:
        with tempfile.TemporaryDirectory(prefix="embargo-list-upload-") as tmp:
            taken: set[str] = set()
            paths: list[FilePath] = []
            for upload in uploads:
                path = FilePath(tmp) / _safe_name(upload.filename, taken)
                path.write_bytes(upload.file.read())
                paths.append(path)
            shown = ", ".join(p.name for p in paths)
            # several files: the folder, where the list's main file is found by its published name
            target = paths[0] if len(paths) == 1 else FilePath(tmp)

            def progress(count: int) -> None:
                job.count = count

            try:
                result = import_file(
                    service.store,
                    target,
                    list_name,
                    format_name=format_name,
                    title=title,
                    authority=authority,
                    progress=progress,
                    actor=session.name,
                )
            except SourceError as exc:  # the user's file: said on a 400 page, as the portfolio upload does
                place = (exc.location or "").replace(tmp + "/", "").replace(tmp, "the upload")  # no server path
                where = f" ({place})" if place and place != shown else ""
                raise QueryError(f"{shown}{where}: {exc.message}; nothing was stored") from exc
    finally:
        job.finished_at, job.importing = utc_now(), False
    if result.status in ("imported", "accepted"):
        service.refresh()
    return _lists_page(request, session, imported=_said(result), upload_name=shown)


@dataclass(frozen=True, slots=True)
class _Said:
    """An import's result as the page words it."""

    result: ImportResult
    warnings: list[str]


def _said(result: ImportResult) -> _Said:
    warnings = [f"{i.location}: {i.message}" if i.location else i.message for i in result.issues[:_WARNINGS_SHOWN]]
    return _Said(result, warnings)


# --- update from a folder, a mirror or the publishers -------------------------------------------


def _source(form: FormData) -> str | None:
    text = str(form.get("source") or "").strip()
    if not text:
        return None
    if len(text) > 1000:
        raise QueryError("the folder or address is too long")
    if text.startswith(("http://", "https://")):
        return text
    if "://" in text:
        raise QueryError("a mirror's address starts with http:// or https://")
    if not FilePath(text).is_dir():
        raise QueryError(f"no folder {text} on the server")
    return text


def _names(form: FormData) -> list[str]:
    names = [str(n).strip() for n in form.getlist("names") if str(n).strip()]
    for name in names:
        if get_list(name) is None:
            raise QueryError(f"unknown list {name!r}: updates read the catalogue's lists")
    return list(dict.fromkeys(names))


def _run(job: ListJob, service: Service, source: str | None) -> None:
    """The update's thread: read every list, keep the outcomes (or the error), serve what changed."""

    def progress(list_name: str, count: int) -> None:
        if list_name != job.list_name:
            job.list_name, job.lists_started = list_name, job.lists_started + 1
        job.count = count

    try:
        outcomes = update(service.store, job.names, source, progress=progress)
        job.outcomes = outcomes
        with service.store.transaction() as conn:  # update() audits each import as "embargo": say who asked
            append(
                conn,
                job.actor,
                "list.update",
                {
                    "source": source or "the publishers",
                    "lists": {o.list: o.status for o in outcomes},
                    "via": "ui",
                },
            )
        if any(o.status in ("imported", "accepted") for o in outcomes):
            service.refresh()
    except EmbargoError as exc:
        job.error = str(exc)
    except Exception as exc:  # a thread's failure would otherwise be lost: shown on the page instead
        job.error = f"the update failed: {exc.__class__.__name__}: {exc}"
    finally:
        job.finished_at = utc_now()


@router.post("/admin/lists/update")
def start_update(request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.ADMIN))) -> Response:
    """Start an update of the lists (all, or those chosen) from a folder, a mirror or the publishers; answers now."""
    session, form = checked
    service: Service = request.app.state.service
    source = _source(form)
    names = _names(form)
    job = _job(request)
    with job.lock:
        if job.running:
            raise _busy(job)
        job.start("update", session.name, source or "", names)
        job.thread = threading.Thread(target=_run, args=(job, service, source), name="embargo-ui-update", daemon=True)
        job.thread.start()
    return RedirectResponse(f"{request.scope.get('root_path', '')}/admin/lists/update", status_code=303)


@router.get("/admin/lists/update")
def update_page(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """The update under way (which list, how many entries read) or the last one's outcomes."""
    return page(request, "admin_lists_update.html", "List update", session, job=_job(request))


@router.get("/admin/lists/update/status")
def update_status(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """The list job's state as JSON, for the page's script to poll."""
    return JSONResponse(_job(request).to_dict())
