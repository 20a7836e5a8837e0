"""The lists in the store (``admin`` role): each list, its versions, which one is served, and diffs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query

from embargo.api.deps import get_service
from embargo.api.embargo_models import DiffModel
from embargo.api.models import ListModel, VersionModel
from embargo.api.service import Service
from embargo.store import diff_versions

__all__ = ["router"]

router = APIRouter(tags=["Lists"])

_NAME = Path(description="List name.", examples=["us_ofac_sdn"], max_length=100)


def _with_served(info: dict[str, Any], served: dict[str, int]) -> dict[str, Any]:
    current = info.get("current") or {}
    info["served_version"] = served.get(info["name"])
    info["served_is_current"] = current.get("id") is not None and current.get("id") == served.get(info["name"])
    return info


@router.get("/lists", summary="Lists in the store", response_model=list[ListModel])
def lists(service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every list with its current version (as stored now) and the version id this server serves."""
    served = service.loaded.versions
    return [_with_served(info.to_dict(), served) for info in service.store.view().lists()]


@router.get("/lists/{name}", summary="One list", response_model=ListModel)
def one_list(name: str = _NAME, service: Service = Depends(get_service)) -> dict[str, Any]:
    """A list with its current version and the version id this server serves."""
    return _with_served(service.store.view().list_info(name).to_dict(), service.loaded.versions)


@router.get("/lists/{name}/versions", summary="Versions of a list", response_model=list[VersionModel])
def versions(name: str = _NAME, service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every imported version of a list, oldest first."""
    return [v.to_dict() for v in service.store.view().versions(name)]


@router.get("/lists/{name}/diff", summary="What changed between two versions of a list", response_model=DiffModel)
def diff(
    name: str = _NAME,
    old: str = Query("previous", alias="from", max_length=20, description="Version number, `previous` or `current`."),
    new: str = Query("current", alias="to", max_length=20, description="Version number, `previous` or `current`."),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Entities added, removed and amended (field by field, designations included) from one version to another."""
    view = service.store.view()
    return diff_versions(view, view.version(name, old), view.version(name, new)).to_dict()
