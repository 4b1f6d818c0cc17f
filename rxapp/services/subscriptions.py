"""Subscriptions and licenses managed on behalf of customers.

Managing a subscription (quantity, suspend, reactivate) needs `MANAGE_SUBSCRIPTIONS`; for Office 365 products
also `MANAGE_OFFICE_365_SUBSCRIPTIONS` (the seed: a Helpdesk agent must be an Admin agent for those).
Assigning licenses administers the customer (`ADMINISTER_CUSTOMERS`) and needs live delegated admin privileges;
assignments never exceed the subscription's quantity.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from rxapp.boundary import record_id
from rxapp.errors import Conflict, NotFound, PermissionDenied, RuleViolation, ValidationFailed
from rxapp.models import (
    CustomerUser,
    LicenseAssignment,
    Product,
    ProductFamily,
    Subscription,
    SubscriptionStatus,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import MATRIX, Action, Actor, can, require
from rxapp.services import onbehalf, relationships, webhooks
from rxapp.services.onbehalf import MAX_QUANTITY


@dataclass(frozen=True)
class SubscriptionRow:
    id: int
    customer_id: int
    customer: str
    product: str
    family: str
    quantity: int
    assigned: int
    status: str
    office_365: bool
    monthly_price_cents: int


def assigned_count(session: Session, subscription_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(LicenseAssignment).where(LicenseAssignment.subscription_id == subscription_id)
    ).one()


def require_manage(actor: Actor, product: Product) -> None:
    """The matrix for one subscription: the Office 365 exception on top of the general right."""
    require(actor, Action.MANAGE_SUBSCRIPTIONS)
    if product.family == ProductFamily.OFFICE_365 and not can(actor, Action.MANAGE_OFFICE_365_SUBSCRIPTIONS):
        needed = sorted(role.value for role in MATRIX[Action.MANAGE_OFFICE_365_SUBSCRIPTIONS].roles)
        raise PermissionDenied(
            "subscriptions.office_365_needs_admin_agent",
            action=Action.MANAGE_OFFICE_365_SUBSCRIPTIONS.value,
            roles=needed,
        )


def list_subscriptions(
    session: Session,
    actor: Actor,
    *,
    customer_org_id: int | None = None,
    after_id: int | None = None,
    limit: int | None = None,
) -> list[SubscriptionRow]:
    """The subscriptions the actor's organization sells to the customers it serves, by id (`after_id` and
    `limit` read one page of them: the API's cursor)."""
    require(actor, Action.VIEW_CUSTOMERS, read=True)
    query = onbehalf.subscription_scope(session, actor)
    if customer_org_id:
        query = query.where(Subscription.customer_org_id == int(customer_org_id))
    if after_id is not None:
        query = query.where(col(Subscription.id) > int(after_id))
    query = query.order_by(col(Subscription.id))
    if limit is not None:
        query = query.limit(max(1, min(int(limit), 500)))
    rows = []
    for subscription, product, customer in session.exec(query):
        rows.append(
            SubscriptionRow(
                id=saved_id(subscription.id),
                customer_id=saved_id(customer.id),
                customer=customer.name,
                product=product.name,
                family=product.family.value,
                quantity=subscription.quantity,
                assigned=assigned_count(session, saved_id(subscription.id)),
                status=subscription.status.value,
                office_365=product.family == ProductFamily.OFFICE_365,
                monthly_price_cents=product.monthly_price_cents,
            )
        )
    return rows


def _lock(session: Session, subscription: Subscription) -> None:
    """Take the subscription row's write lock before reading counts (serializes concurrent changes)."""
    session.execute(
        sa.update(Subscription)
        .where(col(Subscription.id) == subscription.id)
        .values(quantity=Subscription.quantity)
        .execution_options(synchronize_session=False)
    )
    session.refresh(subscription)


def change_quantity(session: Session, actor: Actor, *, subscription_id: int, quantity: int) -> Subscription:
    """Set the license count; never below the licenses already assigned."""
    subscription, product = onbehalf.get_visible_subscription(session, actor, subscription_id)
    require_manage(actor, product)
    try:
        quantity = int(quantity)
    except (TypeError, ValueError):
        raise ValidationFailed("subscriptions.quantity_range", field="op_quantity", max=MAX_QUANTITY) from None
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationFailed("subscriptions.quantity_range", field="op_quantity", max=MAX_QUANTITY)
    _lock(session, subscription)
    if subscription.status != SubscriptionStatus.ACTIVE:
        raise RuleViolation("subscriptions.suspended")
    assigned = assigned_count(session, saved_id(subscription.id))
    if quantity < assigned:
        raise ValidationFailed("subscriptions.below_assigned", field="op_quantity", assigned=assigned)
    before = subscription.quantity
    subscription.quantity = quantity
    session.add(subscription)
    onbehalf.record(
        session,
        actor,
        customer_org_id=subscription.customer_org_id,
        action="subscription.quantity",
        target_type="subscription",
        target_id=subscription.id,
        detail=f"{product.name}: {before} → {quantity}",
    )
    webhooks.subscription_event(
        session, "subscription.changed", subscription, change="quantity", previous_quantity=before
    )
    return subscription


def _set_status(
    session: Session, actor: Actor, subscription_id: int, *, to: SubscriptionStatus, action: str
) -> Subscription:
    subscription, product = onbehalf.get_visible_subscription(session, actor, subscription_id)
    require_manage(actor, product)
    _lock(session, subscription)
    if subscription.status == to:
        raise Conflict()
    subscription.status = to
    session.add(subscription)
    onbehalf.record(
        session,
        actor,
        customer_org_id=subscription.customer_org_id,
        action=action,
        target_type="subscription",
        target_id=subscription.id,
        detail=product.name,
    )
    if to == SubscriptionStatus.SUSPENDED:
        webhooks.subscription_event(session, "subscription.suspended", subscription)
    else:
        webhooks.subscription_event(session, "subscription.changed", subscription, change="reactivated")
    return subscription


def suspend(session: Session, actor: Actor, *, subscription_id: int) -> Subscription:
    return _set_status(session, actor, subscription_id, to=SubscriptionStatus.SUSPENDED, action="subscription.suspend")


def reactivate(session: Session, actor: Actor, *, subscription_id: int) -> Subscription:
    return _set_status(session, actor, subscription_id, to=SubscriptionStatus.ACTIVE, action="subscription.reactivate")


# --- licenses --------------------------------------------------------------------------------------------


def require_administer(actor: Actor) -> None:
    """Administering customers' users and licenses: Admin agent or Global admin."""
    require(actor, Action.ADMINISTER_CUSTOMERS)


def _administered_subscription(session: Session, actor: Actor, subscription_id: int) -> tuple[Subscription, Product]:
    require(actor, Action.ADMINISTER_CUSTOMERS)
    subscription, product = onbehalf.get_visible_subscription(session, actor, subscription_id)
    relationships.require_live_delegated_admin(session, actor, subscription.customer_org_id)
    return subscription, product


def _customer_user(session: Session, customer_org_id: int, customer_user_id: int) -> CustomerUser:
    user = session.get(CustomerUser, record_id(customer_user_id))
    if user is None or user.customer_org_id != customer_org_id:
        raise NotFound()
    return user


def license_overview(session: Session, actor: Actor, *, customer_org_id: int) -> dict:
    """A customer's users, its subscriptions (with free seats) and who holds which license."""
    require(actor, Action.ADMINISTER_CUSTOMERS)
    customer = relationships.require_served_customer(session, actor, customer_org_id)
    relationships.require_live_delegated_admin(session, actor, saved_id(customer.id))
    subscriptions = list(list_subscriptions(session, actor, customer_org_id=customer.id))
    sub_names = {row.id: row.product for row in subscriptions}
    users = list(
        session.exec(
            select(CustomerUser).where(CustomerUser.customer_org_id == customer.id).order_by(CustomerUser.display_name)
        )
    )
    assignments: dict[int, list[dict]] = {saved_id(user.id): [] for user in users}
    if users and sub_names:
        for assignment in session.exec(
            select(LicenseAssignment).where(
                col(LicenseAssignment.customer_user_id).in_([u.id for u in users]),
                col(LicenseAssignment.subscription_id).in_(list(sub_names)),
            )
        ):
            assignments[assignment.customer_user_id].append(
                {"subscription_id": assignment.subscription_id, "product": sub_names[assignment.subscription_id]}
            )
    return {
        "customer": {"id": customer.id, "name": customer.name},
        "subscriptions": subscriptions,
        "users": [
            {
                "id": u.id,
                "name": u.display_name,
                "upn": u.user_principal_name,
                "active": u.is_active,
                "licenses": assignments[saved_id(u.id)],
            }
            for u in users
        ],
    }


def assign_license(session: Session, actor: Actor, *, subscription_id: int, customer_user_id: int) -> LicenseAssignment:
    """Give a customer user a license of the subscription, if a seat is free."""
    subscription, product = _administered_subscription(session, actor, subscription_id)
    user = _customer_user(session, subscription.customer_org_id, customer_user_id)
    _lock(session, subscription)
    if subscription.status != SubscriptionStatus.ACTIVE:
        raise RuleViolation("subscriptions.suspended")
    if not user.is_active:
        raise RuleViolation("licenses.user_inactive")
    existing = session.exec(
        select(LicenseAssignment).where(
            LicenseAssignment.subscription_id == subscription.id, LicenseAssignment.customer_user_id == user.id
        )
    ).first()
    if existing is not None:
        raise ValidationFailed(
            "licenses.already_assigned", field="op_license", user=user.display_name, product=product.name
        )
    if assigned_count(session, saved_id(subscription.id)) >= subscription.quantity:
        raise ValidationFailed(
            "licenses.no_free_seat", field="op_license", product=product.name, quantity=subscription.quantity
        )
    assignment = LicenseAssignment(subscription_id=saved_id(subscription.id), customer_user_id=saved_id(user.id))
    session.add(assignment)
    session.flush()
    onbehalf.record(
        session,
        actor,
        customer_org_id=subscription.customer_org_id,
        action="license.assign",
        target_type="customer_user",
        target_id=user.id,
        detail=f"{product.name} → {user.user_principal_name}",
    )
    return assignment


def unassign_license(session: Session, actor: Actor, *, subscription_id: int, customer_user_id: int) -> None:
    subscription, product = _administered_subscription(session, actor, subscription_id)
    user = _customer_user(session, subscription.customer_org_id, customer_user_id)
    assignment = session.exec(
        select(LicenseAssignment).where(
            LicenseAssignment.subscription_id == subscription.id, LicenseAssignment.customer_user_id == user.id
        )
    ).first()
    if assignment is None:
        raise NotFound()
    session.delete(assignment)
    onbehalf.record(
        session,
        actor,
        customer_org_id=subscription.customer_org_id,
        action="license.unassign",
        target_type="customer_user",
        target_id=user.id,
        detail=f"{product.name} ← {user.user_principal_name}",
    )
