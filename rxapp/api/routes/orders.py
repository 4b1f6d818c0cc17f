"""The partner API's orders: the catalog, placing an order, the order history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlmodel import Session, col, select

from rxapp.api import paging, schemas
from rxapp.api.calls import Call, caller, creating_caller, perform
from rxapp.api.routes.common import CREATED, CursorParam, Limit
from rxapp.models import OrderLine, Subscription, SubscriptionStatus
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import orders

router = APIRouter()


@router.get("/products", response_model=list[schemas.Product], tags=["orders"], summary="The active catalog")
def list_products(call: Call = Depends(caller)):
    def work(session: Session, actor: Actor) -> list[schemas.Product]:
        if not can(actor, Action.SUBMIT_ORDERS):
            require(actor, Action.VIEW_CUSTOMERS, read=True)
        return [
            schemas.Product(
                id=saved_id(p.id),
                sku=p.sku,
                name=p.name,
                family=p.family.value,
                monthly_price_cents=p.monthly_price_cents,
            )
            for p in orders.list_products(session)
        ]

    return perform(call, work)


@router.post(
    "/orders",
    status_code=201,
    response_model=schemas.Order,
    responses=CREATED,
    tags=["orders"],
    summary="A provider places an order for a customer it has a reseller relationship with",
)
def place_order(body: schemas.OrderIn, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Order:
        order = orders.submit_order(
            session,
            actor,
            customer_org_id=body.customer_id,
            reseller_org_id=body.reseller_id,
            product_id=body.product_id,
            quantity=body.quantity,
        )
        lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id)).all()
        subscription = session.exec(
            select(Subscription.id)
            .where(
                Subscription.customer_org_id == order.customer_org_id,
                Subscription.product_id == body.product_id,
                Subscription.reseller_org_id == order.reseller_org_id,
                Subscription.provider_org_id == actor.org_id,
                Subscription.status == SubscriptionStatus.ACTIVE,
            )
            .order_by(col(Subscription.id).desc())
        ).first()
        return schemas.Order(
            id=saved_id(order.id),
            customer_id=order.customer_org_id,
            reseller_id=order.reseller_org_id,
            provider_id=order.provider_org_id,
            status=order.status.value,
            created_at=order.created_at,
            lines=[
                schemas.OrderLine(
                    product_id=line.product_id, quantity=line.quantity, unit_price_cents=line.unit_price_cents
                )
                for line in lines
            ],
            subscription_id=subscription,
        )

    return perform(call, work, status_code=201, idempotent=True)


@router.get(
    "/orders",
    response_model=schemas.Page[schemas.OrderSummary],
    tags=["orders"],
    summary="Order history (provider: placed; reseller: of record), newest first",
)
def list_orders(call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        rows = [schemas.OrderSummary(**row.__dict__) for row in orders.list_orders(session, actor, limit=500)]
        return paging.slice_after(rows, "orders", lambda r: (r.id,), cursor, limit, descending=True)

    return perform(call, work)
