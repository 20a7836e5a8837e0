"""Administration (``admin`` role): API keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Request

from embargo.api.deps import get_service
from embargo.api.models import KeyCreate, KeyCreated, KeyModel
from embargo.api.service import Service
from embargo.auth import Role

__all__ = ["router"]

router = APIRouter(tags=["Administration"])


@router.get("/keys", summary="API keys", response_model=list[KeyModel])
def keys(include_revoked: bool = False, service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every live API key (never the keys themselves)."""
    return [k.to_dict() for k in service.keys.list(include_revoked=include_revoked)]


@router.post("/keys", summary="Create an API key", response_model=KeyCreated, status_code=201)
def create_key(request: Request, body: KeyCreate, service: Service = Depends(get_service)) -> dict[str, Any]:
    """A new key; the response holds the key itself, shown this once."""
    key, secret = service.keys.create(Role(body.role), body.name, body.rate_per_minute)
    request.state.audit = {"created_key": key.id, "created_role": key.role.value, "created_name": key.name}
    return {**key.to_dict(), "key": secret}


@router.delete("/keys/{key_id}", summary="Revoke an API key", response_model=KeyModel)
def revoke_key(
    request: Request, key_id: str = Path(max_length=100), service: Service = Depends(get_service)
) -> dict[str, Any]:
    """Revoke a key: it stops working at once."""
    request.state.audit = {"revoked_key": key_id}
    return service.keys.revoke(key_id).to_dict()
