"""The partner API's partners: indirect resellers and providers, inviting a reseller."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlmodel import Session

from rxapp.api import paging, schemas
from rxapp.api.calls import Call, caller, creating_caller, perform
from rxapp.api.routes.common import CREATED, CursorParam, Limit, stored
from rxapp.models import Organization
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import partners

router = APIRouter()


def _partners(action: Action, cursor: str | None, limit: int):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        require(actor, action, read=True)  # the service picks the side by organization kind: make it the asked one
        rows = [
            schemas.Partner(
                relationship_id=p.id,
                organization_id=p.org_id,
                name=p.name,
                country=p.country,
                mpn_id=p.mpn_id,
                contact_email=p.contact_email,
                since=p.started_on,
            )
            for p in partners.list_partnerships(session, actor)
        ]
        return paging.slice_after(
            rows, f"partners.{action.value}", lambda r: (r.name, r.relationship_id), cursor, limit
        )

    return work


@router.get(
    "/indirect-resellers",
    response_model=schemas.Page[schemas.Partner],
    tags=["partners"],
    summary="A provider's indirect resellers",
)
def list_indirect_resellers(
    call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT
):
    return perform(call, _partners(Action.VIEW_INDIRECT_RESELLERS, cursor, limit))


@router.get(
    "/indirect-providers",
    response_model=schemas.Page[schemas.Partner],
    tags=["partners"],
    summary="A reseller's indirect providers",
)
def list_indirect_providers(
    call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT
):
    return perform(call, _partners(Action.VIEW_INDIRECT_PROVIDERS, cursor, limit))


@router.post(
    "/indirect-resellers/invitations",
    status_code=201,
    response_model=schemas.ResellerInvitation,
    responses=CREATED,
    tags=["partners"],
    summary="A provider invites an enrolled reseller (emailed an authorization link)",
)
def invite_reseller(body: schemas.ResellerInvitationIn, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.ResellerInvitation:
        link, _token = partners.invite_reseller(
            session, actor, email=body.email, mpn_id=body.mpn_id, message=body.message
        )
        reseller = stored(session, Organization, link.target_org_id)
        return schemas.ResellerInvitation(
            id=saved_id(link.id),
            reseller=schemas.Ref(id=saved_id(reseller.id), name=reseller.name),
            status=link.status.value,
            expires_at=link.expires_at,
        )

    return perform(call, work, status_code=201, idempotent=True)
