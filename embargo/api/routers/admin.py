"""Administration (``admin`` role): the lists in the store and their versions, API keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path

from embargo.api.deps import get_service
from embargo.api.models import KeyCreate, KeyCreated, KeyModel, ListModel, VersionModel
from embargo.api.service import Service
from embargo.auth import Role

__all__ = ["router"]

router = APIRouter(tags=["Administration"])


@router.get("/lists", summary="Lists in the store", response_model=list[ListModel])
def lists(service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every list with its current version (as stored now, which may be newer than the one served)."""
    return [info.to_dict() for info in service.store.view().lists()]


@router.get("/lists/{name}/versions", summary="Versions of a list", response_model=list[VersionModel])
def versions(
    name: str = Path(description="List name.", examples=["us_ofac_sdn"]), service: Service = Depends(get_service)
) -> list[dict[str, Any]]:
    """Every imported version of a list, oldest first."""
    return [v.to_dict() for v in service.store.view().versions(name)]


@router.get("/keys", summary="API keys", response_model=list[KeyModel])
def keys(include_revoked: bool = False, service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every live API key (never the keys themselves)."""
    return [k.to_dict() for k in service.keys.list(include_revoked=include_revoked)]


@router.post("/keys", summary="Create an API key", response_model=KeyCreated, status_code=201)
def create_key(body: KeyCreate, service: Service = Depends(get_service)) -> dict[str, Any]:
    """A new key; the response holds the key itself, shown this once."""
    key, secret = service.keys.create(Role(body.role), body.name, body.rate_per_minute)
    return {**key.to_dict(), "key": secret}


@router.delete("/keys/{key_id}", summary="Revoke an API key", response_model=KeyModel)
def revoke_key(key_id: str = Path(max_length=100), service: Service = Depends(get_service)) -> dict[str, Any]:
    """Revoke a key: it stops working at once."""
    return service.keys.revoke(key_id).to_dict()
