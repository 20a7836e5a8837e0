"""FastAPI dependencies: the server's state and the role each router needs."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request

from embargo.api.guard import RoleRequirement
from embargo.api.service import Service
from embargo.auth import Role

__all__ = ["get_service", "requires"]


def requires(role: Role) -> Any:
    """The dependency a router of ``role`` endpoints is included with."""
    return Depends(RoleRequirement(role))


async def get_service(request: Request) -> Service:
    """The server's state, set by the app factory (async: FastAPI runs a sync dependency in a thread)."""
    service: Service = request.app.state.service
    return service
