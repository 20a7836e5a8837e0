"""The portfolio and monitoring runs (``admin`` role).

``POST /portfolio`` takes a customer file (CSV or Parquet, the columns of
batch screening) as the request body or as a ``multipart/form-data`` file,
loads it as a new portfolio version (``mode=full`` replaces the portfolio,
``mode=partial`` adds and changes) and indexes it, all before answering.
``POST /monitor`` runs monitoring in a separate process: a run screens with
worker processes of its own, which must not be forked from a server process
that has threads; the API key's name is the run's actor in the audit log.
"""

from __future__ import annotations

import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from email.parser import BytesParser
from email.policy import HTTP
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Literal

import anyio
from fastapi import APIRouter, Depends, Query, Request

from embargo.api.deps import get_service
from embargo.api.embargo_models import MonitorRequest, PortfolioLoadModel, PortfolioModel, RunModel
from embargo.api.errors import WRITE_RESPONSES
from embargo.auth import ApiKey
from embargo.errors import LockedError, NotFoundError, QueryError, SourceError
from embargo.monitor import Monitor, Portfolio
from embargo.server.service import Service
from embargo.store import Store

__all__ = ["router", "run_monitor"]

router = APIRouter(tags=["Monitoring"], responses=WRITE_RESPONSES)

_PARQUET_MAGIC = b"PAR1"
_run_lock = threading.Lock()


def _file_from(body: bytes, content_type: str) -> tuple[bytes, str]:
    """The uploaded file and its name: the body itself, or the first file part of a multipart body."""
    if not content_type.lower().startswith("multipart/"):
        return body, "upload"
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise QueryError("a multipart body without parts")
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and (part.get_filename() or part.get_param("name", header="content-disposition")):
            return payload, Path(part.get_filename() or "upload").name
    raise QueryError("the multipart body has no file part")


@router.post("/portfolio", summary="Upload the portfolio", response_model=PortfolioLoadModel)
async def upload_portfolio(
    request: Request,
    mode: Literal["full", "partial"] = Query(
        ...,
        description="`full`: the file is the whole portfolio (customers not in it are removed); "
        "`partial`: only add and change customers.",
    ),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Load a customer file (CSV or Parquet: `id,name[,birth_date,nationality,country,id_number,schema,gender]`).

    Send the file as the body (`--data-binary @customers.csv`) or as a multipart file (`-F file=@customers.csv`).
    A bad row rejects the whole file, naming the line; nothing is stored then.
    """
    key: ApiKey = request.state.api_key
    data, name = _file_from(await request.body(), request.headers.get("content-type", ""))
    if not data.strip():
        raise QueryError("the upload is empty: send a CSV or Parquet customer file")
    parquet = data[:4] == _PARQUET_MAGIC
    if name == "upload":
        name = "upload.parquet" if parquet else "upload.csv"
    suffix = ".parquet" if parquet else ".csv"
    source = f"api upload {name} by {key.name}"

    def load() -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="embargo-upload-") as tmp:
            path = Path(tmp) / ("customers" + suffix)
            path.write_bytes(data)
            try:
                result = Portfolio(service.store).load(path, partial=mode == "partial", actor=key.name, source=source)
            except SourceError as exc:
                raise SourceError(exc.message, name, exc.location) from exc
        return result.to_dict()

    result = await anyio.to_thread.run_sync(load)
    version = result.get("version") or {}
    request.state.audit = {"mode": mode, "status": result["status"], "portfolio_version": version.get("id")}
    return result


@router.get("/portfolio", summary="The portfolio's versions", response_model=PortfolioModel)
def show_portfolio(service: Service = Depends(get_service)) -> dict[str, Any]:
    """Every load of the portfolio (who, when, from what, how many added, changed, removed)."""
    portfolio = Portfolio(service.store)
    current = portfolio.current()
    return {"current": current.to_dict() if current else None, "versions": [v.to_dict() for v in portfolio.versions()]}


def run_monitor(db: str, full: bool, threshold: float | None, limit: int, actor: str) -> dict[str, Any]:
    """One monitoring run (in a process of its own); its result as JSON-able data."""
    return Monitor(Store(db), threshold=threshold, limit=limit).run(full=full, actor=actor).to_dict()


@router.post("/monitor", summary="Run monitoring", response_model=RunModel)
def monitor(
    request: Request, body: MonitorRequest | None = None, service: Service = Depends(get_service)
) -> dict[str, Any]:
    """Screen the portfolio again (only what changed since the last run, or everything with `full`) and raise
    alerts for what is new; answers when the run is committed."""
    key: ApiKey = request.state.api_key
    options = body or MonitorRequest.model_validate({})
    if Portfolio(service.store).current() is None:
        raise NotFoundError("the portfolio is empty: upload customers first (POST /portfolio)")
    if not _run_lock.acquire(blocking=False):
        raise LockedError("a monitoring run started through this server is still under way")
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            args = (service.store.url, options.full, options.threshold, options.limit, key.name)
            result = pool.submit(run_monitor, *args).result()
    finally:
        _run_lock.release()
    request.state.audit = {"run": result["id"], "mode": result["mode"], "alerts_raised": result["alerts_raised"]}
    return result
