"""FastAPI dependencies: the server's state and the role each router needs."""

from __future__ import annotations

from fastapi import Depends, Request

from embargo.api.guard import RoleRequirement
from embargo.api.service import Service
from embargo.auth import Role

__all__ = ["ADMIN", "REVIEW", "SCREEN", "get_service"]

SCREEN = Depends(RoleRequirement(Role.SCREEN))
REVIEW = Depends(RoleRequirement(Role.REVIEW))
ADMIN = Depends(RoleRequirement(Role.ADMIN))


def get_service(request: Request) -> Service:
    """The server's state, set by the app factory."""
    service: Service = request.app.state.service
    return service
