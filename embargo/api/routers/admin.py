"""Administration (``admin`` role): API keys, the four-eyes policy, and splitting and merging parties."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Request

from embargo.api.deps import get_service, key_principal
from embargo.api.embargo_models import PartyMerge, PartyModel, PartySplit
from embargo.api.models import FourEyesModel, KeyCreate, KeyCreated, KeyModel
from embargo.auth import ApiKey, Role
from embargo.errors import QueryError
from embargo.monitor.four_eyes import FourEyes, current_policy, set_policy
from embargo.ownership.graph import refresh
from embargo.parties import merge, party, split
from embargo.server.service import Service

__all__ = ["router"]

router = APIRouter(tags=["Administration"])


@router.get("/keys", summary="API keys", response_model=list[KeyModel])
def keys(include_revoked: bool = False, service: Service = Depends(get_service)) -> list[dict[str, Any]]:
    """Every live API key (never the keys themselves)."""
    return [k.to_dict() for k in service.keys.list(include_revoked=include_revoked)]


@router.post("/keys", summary="Create an API key", response_model=KeyCreated, status_code=201)
def create_key(request: Request, body: KeyCreate, service: Service = Depends(get_service)) -> dict[str, Any]:
    """A new key, shown this once in the response: for a new principal named `name` (no other
    principal may have a name that reads the same: 400), or another key for `principal`.
    Any role may be given, `approve` included."""
    if body.principal is not None and body.name.strip():
        raise QueryError("give either name (a new principal) or principal (an existing one), not both")
    key, secret = service.keys.create(Role(body.role), body.name, body.rate_per_minute, principal=body.principal)
    request.state.audit = {"created_key": key.id, "created_role": key.role.value, "created_name": key.name}
    return {**key.to_dict(), "key": secret}


@router.delete("/keys/{key_id}", summary="Revoke an API key", response_model=KeyModel)
def revoke_key(
    request: Request, key_id: str = Path(max_length=100), service: Service = Depends(get_service)
) -> dict[str, Any]:
    """Revoke a key: it stops working at once."""
    request.state.audit = {"revoked_key": key_id}
    return service.keys.revoke(key_id).to_dict()


@router.get("/four-eyes", summary="The four-eyes policy", response_model=FourEyesModel)
def four_eyes(service: Service = Depends(get_service)) -> dict[str, Any]:
    """Which decisions wait for a second principal, as the store holds it (every process obeys it)."""
    return current_policy(service.store).to_dict()


@router.put("/four-eyes", summary="Set the four-eyes policy", response_model=FourEyesModel)
def set_four_eyes(request: Request, body: FourEyesModel, service: Service = Depends(get_service)) -> dict[str, Any]:
    """Turn four-eyes on or off for every process that writes to the store; audited (`settings.four_eyes`)."""
    key: ApiKey = request.state.api_key
    request.state.audit = {"four_eyes": body.enabled, "min_score": body.min_score}
    made = set_policy(service.store, FourEyes(body.enabled, body.min_score), key_principal(key))
    return made.to_dict()


@router.get("/parties/{ref}", summary="A party and the evidence linking its entities", response_model=PartyModel)
def get_party(ref: str = Path(max_length=300), service: Service = Depends(get_service)) -> dict[str, Any]:
    """The party of an entity (by party id, entity id or publisher's record id): its entities and every
    piece of evidence on them, `linked` or `blocked` (see docs/parties.md)."""
    return party(service.store, ref).to_dict()


@router.post("/parties/merge", summary="Judge two entities one party", response_model=PartyModel)
def merge_parties(request: Request, body: PartyMerge, service: Service = Depends(get_service)) -> dict[str, Any]:
    """Judge two entities (or the parties they are in) one party, whatever the evidence; audited
    (`party.merge`), and the parties are resolved again at once."""
    key: ApiKey = request.state.api_key
    merge(service.store, body.first, body.second, body.reason, key_principal(key))
    refresh(service.store)  # who ownership blocks follows the parties
    request.state.audit = {"merged": [body.first, body.second]}
    service.refresh()
    return party(service.store, body.first).to_dict()


@router.post("/parties/split", summary="Take an entity out of its party", response_model=PartyModel)
def split_party(request: Request, body: PartySplit, service: Service = Depends(get_service)) -> dict[str, Any]:
    """Judge an entity a different party from each other entity of its party; audited (`party.split`), and
    the parties are resolved again at once. Answers the entity's party now."""
    key: ApiKey = request.state.api_key
    split(service.store, body.entity, body.reason, key_principal(key))
    refresh(service.store)  # who ownership blocks follows the parties
    request.state.audit = {"split": body.entity}
    service.refresh()
    return party(service.store, body.entity).to_dict()
