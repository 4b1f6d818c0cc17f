"""Acting on behalf of served customers: the subscriptions in scope for orders, subscriptions, licenses,
support, service health and billing, and the audit entry in both logs. Which customers an organization serves,
and the delegated admin rule, live in `relationships`. No Reflex here.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from rxapp.boundary import record_id
from rxapp.errors import NotFound
from rxapp.models import Organization, OrgKind, Product, Subscription
from rxapp.permissions import Actor
from rxapp.services import audit, relationships

MAX_QUANTITY = 10_000


def subscription_scope(session: Session, actor: Actor):
    """A query of the subscriptions the actor's organization sells to customers it still serves."""
    customer_ids = relationships.served_customer_ids(session, actor)
    query = (
        select(Subscription, Product, Organization)
        .join(Product, col(Product.id) == Subscription.product_id)
        .join(Organization, col(Organization.id) == Subscription.customer_org_id)
    )
    owner = Subscription.reseller_org_id if actor.org_kind == OrgKind.RESELLER else Subscription.provider_org_id
    return query.where(owner == actor.org_id, col(Subscription.customer_org_id).in_(customer_ids or [-1]))


def get_visible_subscription(session: Session, actor: Actor, subscription_id: int) -> tuple[Subscription, Product]:
    """One subscription the actor may see, with its product, or `NotFound`."""
    wanted = record_id(subscription_id)
    row = session.exec(subscription_scope(session, actor).where(Subscription.id == wanted)).first()
    if row is None:
        raise NotFound()
    subscription, product, _customer = row
    return subscription, product


def record(
    session: Session,
    actor: Actor,
    *,
    customer_org_id: int,
    action: str,
    target_type: str,
    target_id: int | None,
    detail: str = "",
) -> None:
    """Audit an action in the actor's log and in the customer's own log (it sees what partners did for it)."""
    audit.record(session, action=action, actor=actor, target_type=target_type, target_id=target_id, detail=detail)
    if customer_org_id != actor.org_id:
        audit.record(
            session,
            action=action,
            actor=actor,
            org_id=customer_org_id,
            target_type=target_type,
            target_id=target_id,
            detail=f"{actor.org_name}: {detail}" if detail else actor.org_name,
        )
