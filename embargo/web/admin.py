"""Administration (``admin`` role): API keys, the portfolio and monitoring runs, and where lists wait for a decision.

- ``/admin``: what waits for an administrator (held list versions, linked to the lists' pages where they
  are accepted or rolled back: :mod:`embargo.web.lists`), the portfolio and the last monitoring run. List
  imports and updates are :mod:`embargo.web.admin_lists`.
- ``/admin/keys``: every API key; create one (shown once, on the page that answers the form) or revoke one,
  through :class:`embargo.auth.KeyStore` as ``embargo keys`` and the API's ``/keys`` do. The key store
  writes no audit record itself (the API's request hook records its calls), so each change here appends
  one (``key.create``, ``key.revoke``) under the signed-in user's name.
- ``/admin/portfolio``: upload a customer file, full or partial, as ``embargo portfolio load`` and
  ``POST /portfolio`` do (:meth:`embargo.monitor.Portfolio.load`, which audits it); start a monitoring run.
- ``/admin/monitor``: the run under way (customers screened so far, from :meth:`Monitor.run`'s progress
  callback, polled by ``ui.js`` from ``/admin/monitor/status``) or the last one's result.

A run started here screens in a thread of the server, with one screening process (``workers=1``):
the monitor's parallel screening forks worker processes, which must not be forked from a server
process that has threads (the API runs its runs in a spawned process for that reason).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path as FilePath
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.datastructures import FormData, UploadFile

from embargo.audit import append
from embargo.auth import Role
from embargo.errors import ConflictError, EmbargoError, NotFoundError, QueryError, SourceError
from embargo.monitor import Monitor, Portfolio
from embargo.server.service import Service
from embargo.web.gate import checked_form, need
from embargo.web.render import page
from embargo.web.sessions import Session

__all__ = ["MonitorJob", "app_job", "router", "utc_now"]

router = APIRouter()

_PARQUET_MAGIC = b"PAR1"
_ROLES = [r.value for r in (Role.SCREEN, Role.REVIEW, Role.APPROVE, Role.ADMIN)]
#: Guards making the UI application's one job record.
_JOB_LOCK = threading.Lock()
J = TypeVar("J")


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(slots=True)
class MonitorJob:
    """The monitoring run this UI process started last: who, since when, how far, and how it ended."""

    actor: str = ""
    full: bool = False
    started_at: str = ""
    finished_at: str = ""
    done: int = 0
    total: int = 0
    result: dict[str, Any] | None = None
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True while the run's thread is alive."""
        return self.thread is not None and self.thread.is_alive()

    def to_dict(self) -> dict[str, Any]:
        """What the status endpoint answers."""
        return {
            "running": self.running,
            "actor": self.actor,
            "full": self.full,
            "started_at": self.started_at or None,
            "finished_at": self.finished_at or None,
            "done": self.done,
            "total": self.total,
            "result": self.result,
            "error": self.error or None,
        }


def app_job(request: Request, name: str, make: Callable[[], J]) -> J:
    """The UI application's one job record called ``name`` (made with ``make`` on first use).

    The administration pages keep one record per kind of job (a monitoring run, a list job) on the
    application's state, shared by its requests and the thread running the job.
    """
    state = request.app.state
    with _JOB_LOCK:
        if not hasattr(state, name):
            setattr(state, name, make())
        job: J = getattr(state, name)
    return job


def _job(request: Request) -> MonitorJob:
    return app_job(request, "monitor_job", MonitorJob)


def _base(request: Request) -> str:
    return str(request.scope.get("root_path", ""))


@router.get("/admin")
def overview(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """What waits for an administrator, and the way to each administration page."""
    service: Service = request.app.state.service
    lists = service.store.view().lists()
    return page(
        request,
        "admin.html",
        "Administration",
        session,
        held=[i for i in lists if i.held_count],
        lists=lists,
        portfolio=Portfolio(service.store).current(),
        last_run=Monitor(service.store).last_run(),
        job=_job(request),
        list_job=getattr(request.app.state, "list_job", None),  # embargo.web.admin_lists, once a list job ran
        keys=len(service.keys.list()),
    )


# --- API keys -------------------------------------------------------------------------------------


def _keys_page(request: Request, session: Session, created: dict[str, Any] | None = None) -> Response:
    service: Service = request.app.state.service
    return page(
        request,
        "admin_keys.html",
        "API keys",
        session,
        keys=list(reversed(service.keys.list(include_revoked=True))),
        roles=_ROLES,
        created=created,
        notice=request.query_params.get("notice"),
        status=201 if created else 200,
    )


@router.get("/admin/keys")
def keys(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """Every API key, newest first (never the keys themselves), with the forms to create and revoke."""
    return _keys_page(request, session)


@router.post("/admin/keys")
def create_key(request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.ADMIN))) -> Response:
    """A new key, shown on the page that answers (never in an address, never again)."""
    session, form = checked
    service: Service = request.app.state.service
    role = str(form.get("role") or "")
    if role not in _ROLES:
        raise QueryError(f"choose a role: {', '.join(_ROLES)}")
    name = str(form.get("name") or "").strip()[:200]
    principal = str(form.get("principal") or "").strip()[:200] or None
    if principal is not None and name:
        raise QueryError("give either a name (a new principal) or an existing principal, not both")
    key, secret = service.keys.create(Role(role), name, principal=principal)
    with service.store.transaction() as conn:
        append(
            conn,
            session.name,
            "key.create",
            {"key_id": key.id, "role": key.role.value, "name": key.name, "principal": key.principal_id, "via": "ui"},
        )
    return _keys_page(request, session, created={"key": key, "secret": secret})


@router.post("/admin/keys/{key_id}/revoke")
def revoke_key(
    request: Request,
    key_id: str = Path(max_length=100, pattern=r"^[A-Za-z0-9_-]+$"),
    checked: tuple[Session, FormData] = Depends(checked_form(Role.ADMIN)),
) -> Response:
    """Revoke a key: it stops working at once, and the sessions it opened end at their next request."""
    session, _ = checked
    service: Service = request.app.state.service
    if service.keys.get(key_id).revoked_at is not None:
        raise ConflictError(f"key {key_id} is revoked already")
    key = service.keys.revoke(key_id)
    with service.store.transaction() as conn:
        append(
            conn,
            session.name,
            "key.revoke",
            {"key_id": key.id, "role": key.role.value, "name": key.name, "principal": key.principal_id, "via": "ui"},
        )
    return RedirectResponse(f"{_base(request)}/admin/keys?notice=revoked", status_code=303)


# --- portfolio and monitoring ---------------------------------------------------------------------


@router.get("/admin/portfolio")
def portfolio(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """The portfolio's loads, newest first, the upload form, and the button that starts a monitoring run."""
    service: Service = request.app.state.service
    folio = Portfolio(service.store)
    return page(
        request,
        "admin_portfolio.html",
        "Portfolio and monitoring",
        session,
        current=folio.current(),
        versions=list(reversed(folio.versions())),
        job=_job(request),
        loaded=request.query_params.get("loaded"),
    )


@router.post("/admin/portfolio")
def upload_portfolio(
    request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.ADMIN))
) -> Response:
    """Load an uploaded customer file (CSV or Parquet): ``full`` replaces the portfolio, ``partial`` adds, changes."""
    session, form = checked
    service: Service = request.app.state.service
    mode = str(form.get("mode") or "")
    if mode not in ("full", "partial"):
        raise QueryError("choose full (the file is the whole portfolio) or partial (add and change customers)")
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise QueryError("choose a customer file to upload")
    try:
        data = upload.file.read()
    finally:
        upload.file.close()
    if not data.strip():
        raise QueryError("the file is empty: upload a CSV or Parquet customer file")
    name = FilePath(upload.filename or "upload").name
    suffix = ".parquet" if data[:4] == _PARQUET_MAGIC else ".csv"
    with tempfile.TemporaryDirectory(prefix="embargo-upload-") as tmp:
        path = FilePath(tmp) / ("customers" + suffix)
        path.write_bytes(data)
        try:
            result = Portfolio(service.store).load(
                path, partial=mode == "partial", actor=session.name, source=f"ui upload {name} by {session.name}"
            )
        except SourceError as exc:  # the user's file: said on a 400 page, as the API answers it
            where = f" ({exc.location})" if exc.location else ""
            raise QueryError(f"{name}{where}: {exc.message}; nothing was stored") from exc
    return page(
        request,
        "admin_portfolio.html",
        "Portfolio and monitoring",
        session,
        current=Portfolio(service.store).current(),
        versions=list(reversed(Portfolio(service.store).versions())),
        job=_job(request),
        result=result,
        upload_name=name,
    )


def _run(job: MonitorJob, service: Service) -> None:
    """The run's thread: screen, then keep the result or the error for the status page."""

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total

    try:
        result = Monitor(service.store, workers=1).run(full=job.full, actor=job.actor, progress=progress)
        job.result = result.to_dict()
    except EmbargoError as exc:
        job.error = str(exc)
    except Exception as exc:  # a thread's failure would otherwise be lost: shown on the page instead
        job.error = f"the run failed: {exc.__class__.__name__}: {exc}"
    finally:
        job.finished_at = utc_now()


@router.post("/admin/monitor")
def start_run(request: Request, checked: tuple[Session, FormData] = Depends(checked_form(Role.ADMIN))) -> Response:
    """Start a monitoring run (incremental, or full when asked) in the background; answers at once."""
    session, form = checked
    service: Service = request.app.state.service
    if Portfolio(service.store).current() is None:
        raise NotFoundError("the portfolio is empty: upload customers first")
    job = _job(request)
    with job.lock:
        if job.running:
            raise ConflictError(f"a monitoring run started by {job.actor} at {job.started_at} is still under way")
        job.actor, job.full, job.started_at = session.name, form.get("full") == "yes", utc_now()
        job.finished_at, job.done, job.total, job.result, job.error = "", 0, 0, None, ""
        job.thread = threading.Thread(target=_run, args=(job, service), name="embargo-ui-monitor", daemon=True)
        job.thread.start()
    return RedirectResponse(f"{_base(request)}/admin/monitor", status_code=303)


@router.get("/admin/monitor")
def monitor(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """The run under way (how many customers are screened) or the last run's result."""
    service: Service = request.app.state.service
    return page(
        request,
        "admin_monitor.html",
        "Monitoring run",
        session,
        job=_job(request),
        last_run=Monitor(service.store).last_run(),
    )


@router.get("/admin/monitor/status")
def monitor_status(request: Request, session: Session = Depends(need(Role.ADMIN))) -> Response:
    """The run's state as JSON, for the page's script to poll."""
    return JSONResponse(_job(request).to_dict())
