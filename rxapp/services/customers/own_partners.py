"""The customer's own Partners page (SPEC section 5): its resellers and providers of record, what each may do,
the history, and the customer's removal of a relationship or of delegated admin privileges."""

from __future__ import annotations

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


def list_partners(session: Session, actor: Actor) -> dict[str, list[dict[str, Any]]]:
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
    current, history = [], []
    for rel, org in rels:
        item = {
            "id": rel.id,
            "partner_id": org.id,
            "name": org.name,
            "kind": rel.kind.value,
            "since": rel.started_at,
            "ended_at": rel.ended_at,
            "delegated_admin": "none",
            "delegated_admin_expires": None,
            "grant_id": None,
            "suspended": org.suspended_at is not None,
        }
        if rel.kind == RelationshipKind.RESELLER_CUSTOMER:
            grant = newest.get(saved_id(org.id))
            item["delegated_admin"] = grant_state(grant)
            item["delegated_admin_expires"] = grant.expires_at if grant else None
            item["grant_id"] = grant.id if grant and item["delegated_admin"] == "active" else None
        (current if rel.status == RelationshipStatus.ACTIVE else history).append(item)
    removed = [
        {"id": g.id, "name": org.name, "granted_at": g.granted_at, "removed_at": g.removed_at}
        for g, org in grants
        if g.status == DelegatedAdminStatus.REMOVED
    ]
    marketing = profile.marketing_profiles(session, [item["partner_id"] for item in current])
    for item in current:  # what each current partner tells its customers about itself
        item["marketing"] = marketing.get(item["partner_id"], {})
    return {"current": current, "history": history, "removed_grants": removed}


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
