"""FastAPI dependencies: the server's state and the role each router needs."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request

from embargo.api.guard import RoleRequirement
from embargo.auth import ApiKey, Role
from embargo.errors import PermissionDenied
from embargo.server.service import Service

__all__ = ["get_service", "key_principal", "requires"]


def key_principal(key: ApiKey) -> str:
    """The id of the principal a key acts for: who decides, approves or changes a setting.

    Raises:
        PermissionDenied: the key acts for no principal (every key has one since store schema 0006).
    """
    if not key.principal_id:
        raise PermissionDenied(f"API key {key.id} acts for no principal: make a new key")
    return key.principal_id


def requires(role: Role) -> Any:
    """The dependency a router of ``role`` endpoints is included with."""
    return Depends(RoleRequirement(role))


async def get_service(request: Request) -> Service:
    """The server's state, set by the app factory (async: FastAPI runs a sync dependency in a thread)."""
    service: Service = request.app.state.service
    return service
