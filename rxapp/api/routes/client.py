"""The partner API's `/me`: the calling client, its organization and its rights."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlmodel import Session

from rxapp.api import schemas
from rxapp.api.calls import Call, caller, perform
from rxapp.api.routes.common import stored
from rxapp.models import ApiClient
from rxapp.models.rows import saved_id
from rxapp.permissions import Actor, allowed_actions

router = APIRouter()


@router.get(
    "/me", response_model=schemas.Me, tags=["client"], summary="The calling client, its organization and its rights"
)
def me(call: Call = Depends(caller)):
    def work(session: Session, actor: Actor) -> schemas.Me:
        client = stored(session, ApiClient, actor.api_client_id)
        return schemas.Me(
            client=schemas.ClientInfo(
                id=saved_id(client.id),
                name=client.name,
                prefix=client.secret_prefix,
                agent_role=client.agent_role.value,
                admin_role=client.admin_role.value,
                expires_at=client.expires_at,
            ),
            organization=schemas.OrganizationInfo(id=actor.org_id, name=actor.org_name, kind=actor.org_kind.value),
            rights=sorted(action.value for action in allowed_actions(actor)),
        )

    return perform(call, work)
