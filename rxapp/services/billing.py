"""Billing: the organization's orders and monthly charges (active subscriptions × the product's monthly price),
exportable to CSV with formula injection neutralized. Billing admins and Global admins only."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlmodel import Session, col, select

from rxapp.models import Organization, OrgKind, Product, Subscription, SubscriptionStatus
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, onbehalf, orders

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ChargeRow:
    subscription_id: int
    customer: str
    product: str
    quantity: int
    unit_price_cents: int
    monthly_cents: int


def _charge_query(session: Session, actor: Actor):
    if actor.org_kind == OrgKind.CUSTOMER:
        return (
            select(Subscription, Product, Organization)
            .join(Product, col(Product.id) == Subscription.product_id)
            .join(Organization, col(Organization.id) == Subscription.customer_org_id)
            .where(Subscription.customer_org_id == actor.org_id)
        )
    return onbehalf.subscription_scope(session, actor)


def monthly_charges(session: Session, actor: Actor) -> tuple[list[ChargeRow], int]:
    """Each active subscription's monthly charge, and the total (in cents)."""
    require(actor, Action.VIEW_BILLING, read=True)
    query = _charge_query(session, actor).where(Subscription.status == SubscriptionStatus.ACTIVE)
    rows = [
        ChargeRow(
            subscription_id=saved_id(s.id),
            customer=c.name,
            product=p.name,
            quantity=s.quantity,
            unit_price_cents=p.monthly_price_cents,
            monthly_cents=s.quantity * p.monthly_price_cents,
        )
        for s, p, c in session.exec(query.order_by(Organization.name, col(Subscription.id)))
    ]
    return rows, sum(row.monthly_cents for row in rows)


def billing_orders(session: Session, actor: Actor) -> list[orders.OrderRow]:
    require(actor, Action.VIEW_BILLING, read=True)
    return orders.list_orders(session, actor)


def money(cents: int) -> str:
    return f"{cents / 100:,.2f}"


def neutralize(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(session: Session, actor: Actor) -> str:
    """The monthly charges and the order history as CSV (UTF-8 text)."""
    charges, total = monthly_charges(session, actor)
    history = billing_orders(session, actor)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["section", "date", "customer", "product", "quantity", "unit price (USD)", "amount (USD)", "status"]
    )
    for row in charges:
        writer.writerow(
            [
                neutralize(v)
                for v in (
                    "monthly charge",
                    "",
                    row.customer,
                    row.product,
                    row.quantity,
                    money(row.unit_price_cents),
                    money(row.monthly_cents),
                    "active",
                )
            ]
        )
    writer.writerow(["monthly total", "", "", "", "", "", money(total), ""])
    for order in history:
        writer.writerow(
            [
                neutralize(v)
                for v in (
                    "order",
                    order.created_at,
                    order.customer,
                    order.product,
                    order.quantity,
                    "",
                    money(order.total_cents),
                    order.status,
                )
            ]
        )
    audit.record(session, action="billing.export", actor=actor, detail=f"{len(charges)} charges, {len(history)} orders")
    return buffer.getvalue()
