"""Catalog and orders: a provider orders for a customer it has a reseller relationship with, naming an indirect
reseller of record that the customer has also accepted (the seed's "Important")."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from rxapp.boundary import choice_id, form_number
from rxapp.errors import NotFound, PermissionDenied, RuleViolation, ValidationFailed
from rxapp.models import (
    Order,
    OrderLine,
    OrderStatus,
    Organization,
    OrgKind,
    Product,
    RelationshipKind,
    Subscription,
    SubscriptionStatus,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit, onbehalf, relationships, webhooks
from rxapp.services.onbehalf import MAX_QUANTITY


@dataclass(frozen=True)
class OrderRow:
    id: int
    created_at: str
    customer: str
    provider: str
    reseller: str
    product: str
    quantity: int
    total_cents: int
    status: str


@dataclass(frozen=True, slots=True)
class ResellerChoice:
    """A reseller of record the order form may name."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class OrderOption:
    """A customer the provider may order for, with the resellers of record it may name."""

    id: int
    name: str
    resellers: tuple[ResellerChoice, ...]


def list_products(session: Session) -> list[Product]:
    """The active catalog."""
    return list(session.exec(select(Product).where(Product.is_active).order_by(Product.name)))


def _partner_reseller_ids(session: Session, provider_org_id: int) -> list[int]:
    return relationships.active_client_ids(session, RelationshipKind.PROVIDER_RESELLER, provider_org_id)


def _provider_known_customer_ids(session: Session, provider_org_id: int) -> set[int]:
    """Customers the provider may know about: its own and those of its indirect resellers."""
    own = relationships.active_client_ids(session, RelationshipKind.PROVIDER_CUSTOMER, provider_org_id)
    resellers = _partner_reseller_ids(session, provider_org_id)
    return {*own, *relationships.active_client_ids(session, RelationshipKind.RESELLER_CUSTOMER, resellers)}


def order_options(session: Session, actor: Actor) -> list[OrderOption]:
    """For the order form: each customer the provider serves, with the resellers of record it may name."""
    require(actor, Action.SUBMIT_ORDERS, read=True)
    resellers = _partner_reseller_ids(session, actor.org_id)
    options: list[OrderOption] = []
    for customer in relationships.served_customers(session, actor):
        eligible = [
            org
            for org in (session.get(Organization, rid) for rid in resellers)
            if org is not None
            and relationships.has_active_relationship(
                session, RelationshipKind.RESELLER_CUSTOMER, saved_id(org.id), saved_id(customer.id)
            )
        ]
        options.append(
            OrderOption(
                id=saved_id(customer.id),
                name=customer.name,
                resellers=tuple(ResellerChoice(id=saved_id(org.id), name=org.name) for org in eligible),
            )
        )
    return options


def submit_order(
    session: Session, actor: Actor, *, customer_org_id: int, reseller_org_id: int, product_id: int, quantity: int
) -> Order:
    """Place an order and provision it (a new subscription, or more licenses on the existing one)."""
    require(actor, Action.SUBMIT_ORDERS)
    customer_id = choice_id(customer_org_id, "op_customer")
    reseller_id = choice_id(reseller_org_id, "op_reseller")
    product_id = choice_id(product_id, "op_product")
    quantity = form_number(quantity, "op_quantity")
    customer = session.get(Organization, customer_id)
    if (
        customer is None
        or customer.kind != OrgKind.CUSTOMER
        or (customer.id not in _provider_known_customer_ids(session, actor.org_id))
    ):
        raise NotFound()
    if not relationships.has_active_relationship(
        session, RelationshipKind.PROVIDER_CUSTOMER, actor.org_id, customer.id
    ):
        raise RuleViolation("orders.no_customer_relationship", customer=customer.name)
    reseller = session.get(Organization, reseller_id)
    if (
        reseller is None
        or reseller.kind != OrgKind.RESELLER
        or not relationships.has_partnership(
            session, provider_org_id=actor.org_id, reseller_org_id=saved_id(reseller.id)
        )
    ):
        raise RuleViolation("orders.reseller_not_partner")
    if reseller.suspended_at is not None:  # a suspended reseller takes no new business until reinstated
        raise RuleViolation("orders.reseller_suspended", reseller=reseller.name)
    if not relationships.has_active_relationship(
        session, RelationshipKind.RESELLER_CUSTOMER, saved_id(reseller.id), customer.id
    ):
        raise RuleViolation("orders.reseller_not_of_record", reseller=reseller.name, customer=customer.name)
    product = session.get(Product, product_id)
    if product is None or not product.is_active:
        raise NotFound()
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationFailed("subscriptions.quantity_range", field="op_quantity", max=MAX_QUANTITY)

    order = Order(
        customer_org_id=customer.id,
        provider_org_id=actor.org_id,
        reseller_org_id=saved_id(reseller.id),
        placed_by_user_id=actor.user_id,
        status=OrderStatus.SUBMITTED,
    )
    session.add(order)
    session.flush()
    session.add(
        OrderLine(
            order_id=saved_id(order.id),
            product_id=saved_id(product.id),
            quantity=quantity,
            unit_price_cents=product.monthly_price_cents,
        )
    )
    subscription = session.exec(
        select(Subscription).where(
            Subscription.customer_org_id == customer.id,
            Subscription.product_id == product.id,
            Subscription.reseller_org_id == reseller.id,
            Subscription.provider_org_id == actor.org_id,
            Subscription.status == SubscriptionStatus.ACTIVE,
        )
    ).first()
    previous = None
    if subscription is not None and subscription.quantity + quantity <= MAX_QUANTITY:
        previous = subscription.quantity
        subscription.quantity += quantity
    else:
        subscription = Subscription(
            customer_org_id=customer.id,
            product_id=saved_id(product.id),
            reseller_org_id=reseller.id,
            provider_org_id=actor.org_id,
            order_id=order.id,
            quantity=quantity,
        )
    session.add(subscription)
    order.status = OrderStatus.FULFILLED
    session.add(order)
    session.flush()
    if previous is None:
        webhooks.subscription_event(session, "subscription.created", subscription, order_id=order.id)
    else:
        webhooks.subscription_event(
            session,
            "subscription.changed",
            subscription,
            order_id=order.id,
            change="quantity",
            previous_quantity=previous,
        )
    detail = f"{product.name} × {quantity} for {customer.name}, reseller of record {reseller.name}"
    onbehalf.record(
        session,
        actor,
        customer_org_id=customer.id,
        action="order.submit",
        target_type="order",
        target_id=order.id,
        detail=detail,
    )
    audit.record(
        session,
        action="order.submit",
        actor=actor,
        org_id=reseller.id,
        target_type="order",
        target_id=order.id,
        detail=f"{actor.org_name}: {detail}",
    )
    return order


def _order_filter(actor: Actor):
    if actor.org_kind == OrgKind.PROVIDER:
        return Order.provider_org_id == actor.org_id
    if actor.org_kind == OrgKind.RESELLER:
        return Order.reseller_org_id == actor.org_id
    return Order.customer_org_id == actor.org_id


def list_orders(session: Session, actor: Actor, *, limit: int = 100) -> list[OrderRow]:
    """The order history of the actor's organization (provider: placed; reseller: of record; customer: its own)."""
    if not (can(actor, Action.VIEW_CUSTOMERS) or can(actor, Action.SUBMIT_ORDERS) or can(actor, Action.VIEW_BILLING)):
        require(actor, Action.VIEW_CUSTOMERS, read=True)
    if actor.org_kind == OrgKind.CUSTOMER and not can(actor, Action.VIEW_BILLING):
        raise PermissionDenied(action=Action.VIEW_BILLING.value, roles=["billing_admin", "global_admin"])
    orders = list(
        session.exec(
            select(Order)
            .where(_order_filter(actor))
            .order_by(col(Order.created_at).desc(), col(Order.id).desc())
            .limit(max(1, min(limit, 500)))
        )
    )
    names: dict[int, str] = {}

    def name(org_id: int) -> str:
        if org_id not in names:
            org = session.get(Organization, org_id)
            names[org_id] = org.name if org else ""
        return names[org_id]

    rows = []
    for order in orders:
        lines = list(
            session.exec(
                select(OrderLine, Product)
                .join(Product, col(Product.id) == OrderLine.product_id)
                .where(OrderLine.order_id == order.id)
            )
        )
        rows.append(
            OrderRow(
                id=saved_id(order.id),
                created_at=order.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                customer=name(order.customer_org_id),
                provider=name(order.provider_org_id),
                reseller=name(order.reseller_org_id),
                product=", ".join(product.name for _line, product in lines),
                quantity=sum(line.quantity for line, _p in lines),
                total_cents=sum(line.quantity * line.unit_price_cents for line, _p in lines),
                status=order.status.value,
            )
        )
    return rows
