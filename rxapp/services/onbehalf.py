"""Who may act for which customer: the relationship checks shared by orders, subscriptions, licenses, support,
service health and billing (read straight from the relationship tables; no Reflex here).

- A reseller serves the customers it has an active `RESELLER_CUSTOMER` relationship with.
- A provider serves the customers it has an active `PROVIDER_CUSTOMER` relationship with.
- Administering a customer's users and licenses also needs live delegated admin privileges
  (`DelegatedAdminGrant` active and not expired).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from rxapp.errors import DomainError, NotFound
from rxapp.models import (
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Organization,
    OrgKind,
    Product,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    Subscription,
    utcnow,
)
from rxapp.permissions import Actor
from rxapp.services import audit

MAX_QUANTITY = 10_000


def has_active_relationship(session: Session, kind: RelationshipKind, partner_org_id: int,
                            client_org_id: int) -> bool:
    """Whether an active relationship of `kind` links `partner_org_id` (serving) to `client_org_id`."""
    row = session.exec(
        select(Relationship.id).where(
            Relationship.kind == kind,
            Relationship.partner_org_id == partner_org_id,
            Relationship.client_org_id == client_org_id,
            Relationship.status == RelationshipStatus.ACTIVE,
        )
    ).first()
    return row is not None


def _customer_kind(actor: Actor) -> RelationshipKind | None:
    if actor.org_kind == OrgKind.RESELLER:
        return RelationshipKind.RESELLER_CUSTOMER
    if actor.org_kind == OrgKind.PROVIDER:
        return RelationshipKind.PROVIDER_CUSTOMER
    return None


def served_customer_ids(session: Session, actor: Actor) -> list[int]:
    """The customers the actor's organization currently serves (empty for anyone but partners)."""
    kind = _customer_kind(actor)
    if kind is None:
        return []
    rows = session.exec(
        select(Relationship.client_org_id).where(
            Relationship.kind == kind,
            Relationship.partner_org_id == actor.org_id,
            Relationship.status == RelationshipStatus.ACTIVE,
        )
    )
    return sorted(set(rows))


def served_customers(session: Session, actor: Actor) -> list[Organization]:
    ids = served_customer_ids(session, actor)
    if not ids:
        return []
    return list(session.exec(select(Organization).where(Organization.id.in_(ids)).order_by(Organization.name)))


def require_served_customer(session: Session, actor: Actor, customer_org_id: int) -> Organization:
    """The customer, if the actor's organization serves it; otherwise `NotFound` (unknown and forbidden alike)."""
    kind = _customer_kind(actor)
    customer = session.get(Organization, int(customer_org_id)) if customer_org_id else None
    if kind is None or customer is None or customer.kind != OrgKind.CUSTOMER:
        raise NotFound()
    if not has_active_relationship(session, kind, actor.org_id, customer.id):
        raise NotFound()
    return customer


def live_delegated_admin(session: Session, partner_org_id: int, customer_org_id: int,
                         *, now: datetime | None = None) -> bool:
    """Whether the customer's administrator permissions for the partner are active and not expired."""
    now = now or utcnow()
    row = session.exec(
        select(DelegatedAdminGrant.id).where(
            DelegatedAdminGrant.reseller_org_id == partner_org_id,
            DelegatedAdminGrant.customer_org_id == customer_org_id,
            DelegatedAdminGrant.status == DelegatedAdminStatus.ACTIVE,
            DelegatedAdminGrant.expires_at > now,
        )
    ).first()
    return row is not None


def require_live_delegated_admin(session: Session, actor: Actor, customer_org_id: int) -> None:
    if not live_delegated_admin(session, actor.org_id, customer_org_id):
        raise DomainError("onbehalf.delegated_admin_required")


def subscription_scope(session: Session, actor: Actor):
    """A query of the subscriptions the actor's organization sells to customers it still serves."""
    customer_ids = served_customer_ids(session, actor)
    query = select(Subscription, Product, Organization).join(Product, Product.id == Subscription.product_id).join(
        Organization, Organization.id == Subscription.customer_org_id)
    owner = Subscription.reseller_org_id if actor.org_kind == OrgKind.RESELLER else Subscription.provider_org_id
    return query.where(owner == actor.org_id, Subscription.customer_org_id.in_(customer_ids or [-1]))


def get_visible_subscription(session: Session, actor: Actor, subscription_id: int) -> tuple[Subscription, Product]:
    """One subscription the actor may see, with its product, or `NotFound`."""
    try:
        wanted = int(subscription_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    row = session.exec(subscription_scope(session, actor).where(Subscription.id == wanted)).first()
    if row is None:
        raise NotFound()
    subscription, product, _customer = row
    return subscription, product


def record(session: Session, actor: Actor, *, customer_org_id: int, action: str, target_type: str,
           target_id: int | None, detail: str = "") -> None:
    """Audit an action in the actor's log and in the customer's own log (it sees what partners did for it)."""
    audit.record(session, action=action, actor=actor, target_type=target_type, target_id=target_id, detail=detail)
    if customer_org_id != actor.org_id:
        audit.record(session, action=action, actor=actor, org_id=customer_org_id, target_type=target_type,
                     target_id=target_id, detail=f"{actor.org_name}: {detail}" if detail else actor.org_name)
