"""The partner API's invitations: the links sent, revoked and resent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends
from sqlmodel import Session

from rxapp.api import paging, schemas
from rxapp.api.calls import Call, caller, creating_caller, perform
from rxapp.api.routes.common import CREATED, CursorParam, Id, Limit, link_by_url, stored
from rxapp.errors import ValidationFailed
from rxapp.models import Link, OrgKind
from rxapp.models.rows import saved_id
from rxapp.permissions import Actor
from rxapp.services import invitations, partners

router = APIRouter()


@router.get(
    "/invitations",
    response_model=schemas.Page[schemas.Invitation],
    tags=["invitations"],
    summary="The links you sent: customer links (resellers) or reseller authorizations (providers)",
)
def list_invitations(call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        if actor.org_kind == OrgKind.PROVIDER:
            rows = [
                schemas.Invitation(
                    id=i.id,
                    kind="reseller_authorization",
                    status=i.status,
                    created_at=i.created_at,
                    expires_at=i.expires_at,
                    reseller=i.reseller_name,
                    sent_to=i.sent_to or None,
                )
                for i in partners.list_invitations(session, actor)
            ]
            return paging.slice_after(
                rows,
                "invitations.provider",
                lambda r: (r.created_at.isoformat() if r.created_at else "", r.id),
                cursor,
                limit,
                descending=True,
            )
        values = paging.decode(cursor, "invitations", size=2)
        after = None
        if values is not None:
            try:
                after = (datetime.fromisoformat(values[0]), int(values[1]))
            except (TypeError, ValueError):
                raise ValidationFailed("api.cursor_invalid", field="cursor") from None
        page = invitations.list_invitations(session, actor, page_size=limit, after=after)
        rows = [
            schemas.Invitation(
                id=r.id,
                kind=r.purpose,
                status=r.status,
                created_at=r.created_at,
                expires_at=r.expires_at,
                opened_at=r.opened_at,
                created_by=r.created_by or None,
                indirect_provider=r.provider_name or None,
                customer=r.customer_name or None,
            )
            for r in page.rows
        ]
        last = page.rows[-1] if page.rows else None
        more = last is not None and len(page.rows) == limit
        return {
            "data": rows,
            "next_cursor": paging.encode("invitations", [last.created_at.isoformat(), last.id])
            if last is not None and more
            else None,
        }

    return perform(call, work)


@router.post(
    "/invitations/{invitation_id}/revoke",
    response_model=schemas.Invitation,
    tags=["invitations"],
    summary="Revoke a pending link: it stops working at once",
)
def revoke_invitation(invitation_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Invitation:
        if actor.org_kind == OrgKind.PROVIDER:
            partners.revoke_invitation(session, actor, link_id=invitation_id)
        else:
            invitations.revoke_invitation(session, actor, link_id=invitation_id)
        link = stored(session, Link, invitation_id)
        return schemas.Invitation(
            id=saved_id(link.id),
            kind=link.purpose.value,
            status=link.status.value,
            created_at=link.created_at,
            expires_at=link.expires_at,
        )

    return perform(call, work)


@router.post(
    "/invitations/{invitation_id}/resend",
    status_code=201,
    response_model=schemas.ResentInvitation,
    responses=CREATED,
    tags=["invitations"],
    summary="Replace a pending or expired link by a new one (the old one stops working)",
)
def resend_invitation(invitation_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.ResentInvitation:
        if actor.org_kind == OrgKind.PROVIDER:
            link, _token = partners.resend_invitation(session, actor, link_id=invitation_id)
            return schemas.ResentInvitation(
                replaced_id=invitation_id,
                invitation_id=saved_id(link.id),
                url=None,
                emailed=True,
                expires_at=link.expires_at,
            )
        fresh = invitations.new_link(session, actor, link_id=invitation_id)
        link = link_by_url(session, fresh.draft.url)
        return schemas.ResentInvitation(
            replaced_id=fresh.replaced_id,
            invitation_id=saved_id(link.id),
            url=fresh.draft.url,
            emailed=fresh.emailed,
            expires_at=link.expires_at,
        )

    return perform(call, work, status_code=201, idempotent=True)
