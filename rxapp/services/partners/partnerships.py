"""Partnerships between indirect providers and resellers (SPEC section 4): either side's list, and ending one
(history kept).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, or_, select

from rxapp.boundary import record_id
from rxapp.errors import Conflict, NotFound
from rxapp.models import (
    Organization,
    OrgKind,
    Relationship,
    RelationshipStatus,
    utcnow,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, relationships
from rxapp.services.partners.common import KIND, MAX_ROWS, clean_query, date_text, global_admin_emails, send_to


@dataclass(frozen=True)
class Partnership:
    id: int
    org_id: int
    name: str
    country: str
    mpn_id: str
    contact_email: str
    support_phone: str
    started_on: str
    ended_on: str
    status: str
    partner_status: str = "active"  # "suspended" while platform staff suspend the other organization
    contact_phone: str = ""  # the primary contact's own phone (the Contact column pairs it with their email)
    support_email: str = ""


def _side(actor: Actor) -> tuple[Action, Mapped[int], Mapped[int]]:
    """(view action, own column, other column) for the actor's side of a provider–reseller partnership."""
    if actor.org_kind == OrgKind.PROVIDER:
        return Action.VIEW_INDIRECT_RESELLERS, col(Relationship.partner_org_id), col(Relationship.client_org_id)
    return Action.VIEW_INDIRECT_PROVIDERS, col(Relationship.client_org_id), col(Relationship.partner_org_id)


def list_partnerships(
    session: Session, actor: Actor, *, active: bool = True, query: str | None = None
) -> list[Partnership]:
    """A provider's indirect resellers, or a reseller's indirect providers (`active=False`: the history)."""
    action, own, other = _side(actor)
    require(actor, action, read=True)
    statement = (
        select(Relationship, Organization)
        .join(Organization, col(Organization.id) == other)
        .where(
            Relationship.kind == KIND,
            own == actor.org_id,
            Relationship.status == (RelationshipStatus.ACTIVE if active else RelationshipStatus.ENDED),
        )
    )
    needle = clean_query(query).lower()
    if needle:
        statement = statement.where(
            or_(
                sa.func.lower(Organization.name).contains(needle, autoescape=True),
                sa.func.lower(Organization.domain).contains(needle, autoescape=True),
                col(Organization.mpn_id).contains(needle, autoescape=True),
            )
        )
    order = Organization.name if active else col(Relationship.ended_at).desc()
    rows = session.exec(statement.order_by(order, col(Relationship.id)).limit(MAX_ROWS))
    return [
        Partnership(
            id=saved_id(rel.id),
            org_id=saved_id(org.id),
            name=org.name,
            country=org.country,
            mpn_id=org.mpn_id or "",
            contact_email=org.contact_email or "",
            support_phone=org.support_phone or "",
            contact_phone=org.contact_phone or "",
            support_email=org.support_email or "",
            started_on=date_text(rel.started_at),
            ended_on=date_text(rel.ended_at),
            status=rel.status.value,
            partner_status="suspended" if org.suspended_at is not None else "active",
        )
        for rel, org in rows
    ]


def end_partnership(session: Session, actor: Actor, *, relationship_id: int) -> Relationship:
    """End a partnership from either side (provider: Admin agent or Global admin; reseller: Global admin).
    The row stays as history (status ended, ended_at); both sides are told."""
    if actor.org_kind == OrgKind.PROVIDER:
        require(actor, Action.INVITE_RESELLERS)
    else:
        require(actor, Action.AUTHORIZE_PROVIDERS)
    relationship = session.get(Relationship, record_id(relationship_id))
    if (
        relationship is None
        or relationship.kind != KIND
        or actor.org_id not in (relationship.partner_org_id, relationship.client_org_id)
    ):
        raise NotFound()
    now = utcnow()
    if not relationships.end_relationship(session, relationship, user_id=actor.user_id, now=now):
        raise Conflict("partners.already_ended")
    session.refresh(relationship)
    provider = session.get(Organization, relationship.partner_org_id)
    reseller = session.get(Organization, relationship.client_org_id)
    assert provider is not None, "a relationship's organizations exist (foreign keys)"
    assert reseller is not None, "a relationship's organizations exist (foreign keys)"
    other = reseller if actor.org_id == provider.id else provider
    audit.record(
        session,
        action="partners.partnership_ended",
        actor=actor,
        target_type="relationship",
        target_id=relationship.id,
        detail=f"with={other.name}",
    )
    audit.record(
        session,
        action="partners.partnership_ended",
        actor=actor,
        org_id=other.id,
        target_type="relationship",
        target_id=relationship.id,
        detail=f"by={actor.org_name}",
    )
    recipients = global_admin_emails(session, saved_id(provider.id)) + global_admin_emails(
        session, saved_id(reseller.id)
    )
    send_to(
        session,
        recipients,
        "partners.mail.ended",
        provider=provider.name,
        reseller=reseller.name,
        by=actor.org_name,
        date=date_text(now),
    )
    return relationship
