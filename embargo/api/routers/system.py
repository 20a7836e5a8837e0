"""Health, readiness, the data catalog and the algorithms."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from embargo.api.algorithms import algorithms_json
from embargo.api.deps import get_service
from embargo.api.embargo_models import ReadyResponse
from embargo.api.models import AlgorithmsResponse, CatalogResponse, ErrorResponse, StatusResponse
from embargo.server.service import Service
from embargo.sources import get_list

__all__ = ["catalog_router", "probes_router"]

probes_router = APIRouter(tags=["System information"])
catalog_router = APIRouter(tags=["System information"])


@probes_router.get("/healthz", summary="Health check", response_model=StatusResponse)
def healthz() -> dict[str, str]:
    """The process is up (no key needed)."""
    return {"status": "ok"}


@probes_router.get(
    "/readyz",
    summary="Readiness check",
    response_model=ReadyResponse,
    responses={503: {"model": ErrorResponse, "description": "The index is not loaded yet (or, strict, is stale)"}},
)
def readyz(
    strict: bool = Query(
        False,
        description="Also answer 503 while a failed list update leaves older versions served, or while a current "
        "list version has no index yet (an import that stopped between its commit and its index).",
    ),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """200 once queries can be answered (no key needed); the body says which list versions are served.

    `status` is `ok`, `updating` (a new version's index is being built) or `stale` (a list update
    could not be loaded: the previous version is still served and `detail` says why). A stale or
    updating server still answers, so it stays ready; monitors that must page on it ask with
    `strict=true`, which is also 503 while any current list version lacks its index file.
    """
    if not service.ready:
        state = service.status()
        raise HTTPException(503, detail=state["detail"] if state["status"] == "empty" else "Index not ready.")
    state = service.status()
    if strict and state["status"] in ("stale", "updating"):
        raise HTTPException(503, detail=state["detail"])
    if strict and (missing := service.missing_indexes()):
        raise HTTPException(503, detail=f"no index yet for {', '.join(missing)} (run the import or update again)")
    return state


@catalog_router.get("/catalog", summary="Data catalog", response_model=CatalogResponse)
def catalog(service: Service = Depends(get_service)) -> dict[str, Any]:
    """Every dataset a query can name: each list served, and the collections of them."""
    cat = service.loaded.catalog
    datasets: list[dict[str, Any]] = []
    for ds in cat.datasets.values():
        entry: dict[str, Any] = {"name": ds.name, "title": ds.title, "load": False, "index_current": False}
        if ds.collection:
            entry["children"] = sorted(ds.lists)
            versions = [cat.lists[n].current for n in ds.lists]
            entry["entity_count"] = sum(v.entities for v in versions if v is not None)
        elif ds.info is not None and ds.info.current is not None:
            version = ds.info.current
            published = get_list(ds.name)
            entry.update(
                summary=published.title if published else ds.info.title,
                url=(published.info_url if published else None) or ds.info.url,
                version=f"{version.seq}-{version.content_hash[:12]}",
                updated_at=version.imported_at,
                last_export=version.imported_at,
                entity_count=version.entities,
                load=True,
                index_version=f"{version.seq}-{version.content_hash[:12]}",
                index_current=True,
                publisher={"name": ds.info.authority, "official": published.official if published else None},
            )
        datasets.append(entry)
    current = [d["name"] for d in datasets if d["load"]]
    return {"datasets": datasets, "current": current, "outdated": [], "index_stale": False}


@catalog_router.get("/algorithms", summary="Matching algorithms", response_model=AlgorithmsResponse)
def algorithms() -> dict[str, Any]:
    """embargo's algorithm and the yente names accepted for it."""
    return algorithms_json()
