"""The customer's own Partners page (SPEC section 5): its resellers and providers of record, what each may do,
the history, and the customer's removal of a relationship or of delegated admin privileges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.boundary import record_id
from rxapp.errors import Conflict, NotFound
from rxapp.models import (
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Organization,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    utcnow,
)
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, mail, profile, webhooks
from rxapp.services.relationships import (
    end_relationship,
    grant_state,
)


@dataclass(frozen=True, slots=True)
class PartnerEntry:
    """A reseller or provider of record of the customer (current or ended), and what it may do."""

    id: int  # the relationship's
    partner_id: int
    name: str
    kind: str  # RelationshipKind's value
    since: datetime
    ended_at: datetime | None
    delegated_admin: str  # active | expired | removed | none (a reseller's newest grant)
    delegated_admin_expires: datetime | None
    grant_id: int | None  # the live grant's, None unless delegated_admin is "active"
    suspended: bool
    marketing: dict[str, str]  # a current partner's marketing profile ({} when none, and for ended ones)


@dataclass(frozen=True, slots=True)
class RemovedGrant:
    """Delegated admin privileges the customer removed."""

    id: int
    name: str  # the reseller's
    granted_at: datetime
    removed_at: datetime | None


@dataclass(frozen=True, slots=True)
class CustomerPartners:
    """The customer's Partners page: current partners, ended relationships, removed delegated admin grants."""

    current: list[PartnerEntry]
    history: list[PartnerEntry]
    removed_grants: list[RemovedGrant]


def list_partners(session: Session, actor: Actor) -> CustomerPartners:
    """The customer's resellers and providers of record (what each may do) and the history."""
    require(actor, Action.VIEW_CUSTOMER_PARTNERS, read=True)
    rels = session.exec(
        select(Relationship, Organization)
        .join(Organization, col(Organization.id) == Relationship.partner_org_id)
        .where(
            Relationship.client_org_id == actor.org_id,
            col(Relationship.kind).in_((RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)),
        )
        .order_by(col(Relationship.started_at).desc(), col(Relationship.id).desc())
    ).all()
    grants = session.exec(
        select(DelegatedAdminGrant, Organization)
        .join(Organization, col(Organization.id) == DelegatedAdminGrant.reseller_org_id)
        .where(DelegatedAdminGrant.customer_org_id == actor.org_id)
        .order_by(col(DelegatedAdminGrant.granted_at).desc(), col(DelegatedAdminGrant.id).desc())
    ).all()
    newest: dict[int, DelegatedAdminGrant] = {}
    for grant, _ in grants:
        newest.setdefault(grant.reseller_org_id, grant)
    # what each current partner tells its customers about itself
    marketing = profile.marketing_profiles(
        session, [saved_id(org.id) for rel, org in rels if rel.status == RelationshipStatus.ACTIVE]
    )
    current: list[PartnerEntry] = []
    history: list[PartnerEntry] = []
    for rel, org in rels:
        is_current = rel.status == RelationshipStatus.ACTIVE
        grant = newest.get(saved_id(org.id)) if rel.kind == RelationshipKind.RESELLER_CUSTOMER else None
        state = grant_state(grant) if rel.kind == RelationshipKind.RESELLER_CUSTOMER else "none"
        item = PartnerEntry(
            id=saved_id(rel.id),
            partner_id=saved_id(org.id),
            name=org.name,
            kind=rel.kind.value,
            since=rel.started_at,
            ended_at=rel.ended_at,
            delegated_admin=state,
            delegated_admin_expires=grant.expires_at if grant else None,
            grant_id=grant.id if grant and state == "active" else None,
            suspended=org.suspended_at is not None,
            marketing=marketing.get(saved_id(org.id), {}) if is_current else {},
        )
        (current if is_current else history).append(item)
    removed = [
        RemovedGrant(id=saved_id(g.id), name=org.name, granted_at=g.granted_at, removed_at=g.removed_at)
        for g, org in grants
        if g.status == DelegatedAdminStatus.REMOVED
    ]
    return CustomerPartners(current=current, history=history, removed_grants=removed)


def remove_relationship(session: Session, actor: Actor, *, relationship_id: Any) -> None:
    """End a reseller or provider relationship (its delegated admin privileges go with it); history kept."""
    require(actor, Action.MANAGE_CUSTOMER_PARTNERS)
    rel = session.get(Relationship, record_id(relationship_id))
    if (
        rel is None
        or rel.client_org_id != actor.org_id
        or rel.kind not in (RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)
    ):
        raise NotFound()
    if not end_relationship(session, rel, user_id=actor.user_id):
        raise Conflict()
    partner = session.get(Organization, rel.partner_org_id)
    if rel.kind == RelationshipKind.RESELLER_CUSTOMER and _remove_grants(session, actor, rel.partner_org_id):
        webhooks.delegated_admin(
            session,
            "delegated_admin.removed",
            customer=session.get(Organization, actor.org_id),
            reseller_org_id=rel.partner_org_id,
            reason="relationship_ended",
        )
    audit.record(
        session,
        action="customers.relationship_ended",
        actor=actor,
        target_type="relationship",
        target_id=rel.id,
        detail=partner.name if partner else "",
    )
    audit.record(
        session,
        action="customers.relationship_ended",
        actor=actor,
        org_id=rel.partner_org_id,
        target_type="relationship",
        target_id=rel.id,
        detail=actor.org_name,
    )
    if partner is not None and partner.contact_email:
        mail.queue_catalog_email(
            session,
            to=partner.contact_email,
            key="mail.relationship_ended",
            customer=actor.org_name,
            partner=partner.name,
        )


def _remove_grants(session: Session, actor: Actor, reseller_org_id: int) -> int:
    result = session.execute(
        sa.update(DelegatedAdminGrant)
        .where(
            col(DelegatedAdminGrant.reseller_org_id) == reseller_org_id,
            col(DelegatedAdminGrant.customer_org_id) == actor.org_id,
            col(DelegatedAdminGrant.status) == DelegatedAdminStatus.ACTIVE,
        )
        .values(status=DelegatedAdminStatus.REMOVED, removed_at=utcnow(), removed_by_user_id=actor.user_id)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


def remove_delegated_admin(session: Session, actor: Actor, *, reseller_org_id: Any) -> None:
    """Remove a reseller's delegated admin privileges (the relationship stays); history kept."""
    require(actor, Action.MANAGE_CUSTOMER_PARTNERS)
    reseller_id = record_id(reseller_org_id)
    if _remove_grants(session, actor, reseller_id) == 0:
        raise NotFound()
    reseller = session.get(Organization, reseller_id)
    webhooks.delegated_admin(
        session,
        "delegated_admin.removed",
        customer=session.get(Organization, actor.org_id),
        reseller_org_id=reseller_id,
        reason="removed_by_customer",
    )
    audit.record(
        session,
        action="customers.delegated_admin_removed",
        actor=actor,
        target_type="organization",
        target_id=reseller_id,
        detail=reseller.name if reseller else "",
    )
    audit.record(
        session,
        action="customers.delegated_admin_removed",
        actor=actor,
        org_id=reseller_id,
        target_type="organization",
        target_id=actor.org_id,
        detail=actor.org_name,
    )
    if reseller is not None and reseller.contact_email:
        mail.queue_catalog_email(
            session,
            to=reseller.contact_email,
            key="mail.delegated_admin_removed",
            customer=actor.org_name,
            reseller=reseller.name,
        )
