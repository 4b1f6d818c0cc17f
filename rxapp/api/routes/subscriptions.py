"""The partner API's subscriptions: the list, quantity changes, suspension and reactivation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlmodel import Session

from rxapp.api import paging, schemas
from rxapp.api.calls import Call, caller, creating_caller, perform
from rxapp.api.routes.common import CursorParam, Id, Limit
from rxapp.errors import NotFound, ValidationFailed
from rxapp.permissions import Actor
from rxapp.services import subscriptions

router = APIRouter()


def _subscription(row: subscriptions.SubscriptionRow) -> schemas.Subscription:
    return schemas.Subscription(
        id=row.id,
        customer_id=row.customer_id,
        customer=row.customer,
        product=row.product,
        family=row.family,
        quantity=row.quantity,
        assigned=row.assigned,
        status=row.status,
        office_365=row.office_365,
    )


def _one_subscription(session: Session, actor: Actor, subscription_id: int) -> schemas.Subscription:
    rows = subscriptions.list_subscriptions(session, actor, after_id=subscription_id - 1, limit=1)
    if not rows or rows[0].id != subscription_id:
        raise NotFound()
    return _subscription(rows[0])


@router.get(
    "/subscriptions",
    response_model=schemas.Page[schemas.Subscription],
    tags=["subscriptions"],
    summary="Subscriptions you sell to the customers you serve",
)
def list_subscriptions(
    call: Call = Depends(caller),
    customer_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    cursor: CursorParam = None,
    limit: Limit = paging.DEFAULT_LIMIT,
):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        values = paging.decode(cursor, "subscriptions", size=1)
        if values is not None and not isinstance(values[0], int):
            raise ValidationFailed("api.cursor_invalid", field="cursor")
        rows = subscriptions.list_subscriptions(
            session, actor, customer_org_id=customer_id, after_id=values[0] if values else None, limit=limit + 1
        )
        return paging.page([_subscription(row) for row in rows], "subscriptions", lambda r: (r.id,), limit)

    return perform(call, work)


@router.patch(
    "/subscriptions/{subscription_id}",
    response_model=schemas.Subscription,
    tags=["subscriptions"],
    summary="Change the license quantity (never below the licenses assigned)",
)
def change_quantity(subscription_id: Id, body: schemas.QuantityIn, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Subscription:
        subscriptions.change_quantity(session, actor, subscription_id=subscription_id, quantity=body.quantity)
        return _one_subscription(session, actor, subscription_id)

    return perform(call, work)


@router.post(
    "/subscriptions/{subscription_id}/suspend",
    response_model=schemas.Subscription,
    tags=["subscriptions"],
    summary="Suspend a subscription",
)
def suspend(subscription_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Subscription:
        subscriptions.suspend(session, actor, subscription_id=subscription_id)
        return _one_subscription(session, actor, subscription_id)

    return perform(call, work)


@router.post(
    "/subscriptions/{subscription_id}/reactivate",
    response_model=schemas.Subscription,
    tags=["subscriptions"],
    summary="Reactivate a suspended subscription",
)
def reactivate(subscription_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Subscription:
        subscriptions.reactivate(session, actor, subscription_id=subscription_id)
        return _one_subscription(session, actor, subscription_id)

    return perform(call, work)
