"""Webhook events: `emit(session, org_ids, type, data)` adds one `WebhookDelivery` per matching active endpoint
to the caller's session, so the event exists exactly when the change commits (`webhook_delivery` sends them);
the builders below make each hook in a service one line.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any, overload

from sqlmodel import Session, col, select

from rxapp.models import (
    Organization,
    Product,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEndpointStatus,
    utcnow,
)
from rxapp.models.rows import saved_id

# The events an endpoint can subscribe to (the test event is always sent to the endpoint it is sent from).
EVENT_TYPES: tuple[str, ...] = (
    "customer.relationship_accepted",  # a customer accepted a reseller (to the reseller)
    "customer.indirect_reseller_relationship_accepted",  # ... a reseller and its provider (to the provider)
    "indirect_provider.authorized",  # a reseller authorized a provider (to both)
    "delegated_admin.approved",  # a customer granted delegated admin privileges (to the reseller)
    "delegated_admin.removed",
    "delegated_admin.expiring",
    "delegated_admin.expired",
    "subscription.created",  # to the subscription's reseller and provider
    "subscription.changed",
    "subscription.suspended",
    "enrollment.approved",  # to the enrolling organization and the platform
    "enrollment.rejected",
)


def message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def body(event_type: str, org_id: int, data: dict[str, Any], *, now: datetime | None = None) -> str:
    """The JSON body of an event, exactly as it will be signed and sent."""
    document = {
        "type": event_type,
        "timestamp": (now or utcnow()).isoformat().replace("+00:00", "Z"),
        "organization_id": org_id,
        "data": data,
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return str(value)


def new_delivery(endpoint: WebhookEndpoint, msg_id: str, event_type: str, payload: str) -> WebhookDelivery:
    return WebhookDelivery(
        endpoint_id=saved_id(endpoint.id),
        org_id=endpoint.org_id,
        message_id=msg_id,
        event_type=event_type,
        payload=payload,
        next_attempt_at=utcnow(),
    )


def emit(session: Session, org_ids: Iterable[int | None], event_type: str, data: dict[str, Any]) -> int:
    """Queue `event_type` for every active endpoint of `org_ids` that chose it, in the caller's transaction.
    Returns how many deliveries were queued."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event {event_type!r}")
    queued = 0
    for org_id in dict.fromkeys(org_id for org_id in org_ids if org_id is not None):
        endpoints = [
            endpoint
            for endpoint in session.exec(
                select(WebhookEndpoint).where(
                    WebhookEndpoint.org_id == org_id,
                    WebhookEndpoint.status == WebhookEndpointStatus.ACTIVE,
                    col(WebhookEndpoint.deleted_at).is_(None),
                )
            )
            if event_type in endpoint.event_types.split()
        ]
        if not endpoints:
            continue
        msg_id, payload = message_id(), body(event_type, org_id, data)
        for endpoint in endpoints:
            session.add(new_delivery(endpoint, msg_id, event_type, payload))
            queued += 1
    return queued


# Overloads: a given organization gives a mapping (the builders spread it into their payloads).
@overload
def org_ref(org: Organization) -> dict[str, Any]: ...
@overload
def org_ref(org: Organization | None) -> dict[str, Any] | None: ...
def org_ref(org: Organization | None) -> dict[str, Any] | None:
    return None if org is None else {"id": org.id, "name": org.name}


# Event builders: the services call these so each hook is one line.


def relationship_accepted(
    session: Session,
    *,
    customer: Organization,
    reseller: Organization,
    provider: Organization | None,
    relationship_id: int | None,
    provider_relationship_id: int | None,
) -> None:
    """A customer accepted a reseller (and, with a two-party link, its indirect provider)."""
    data = {
        "customer": {**org_ref(customer), "domain": customer.domain},
        "reseller": org_ref(reseller),
        "provider": org_ref(provider),
    }
    if relationship_id is not None:
        emit(session, [reseller.id], "customer.relationship_accepted", {**data, "relationship_id": relationship_id})
    if provider is not None and provider_relationship_id is not None:
        emit(
            session,
            [provider.id],
            "customer.indirect_reseller_relationship_accepted",
            {**data, "relationship_id": provider_relationship_id},
        )


def delegated_admin(
    session: Session,
    event_type: str,
    *,
    customer: Organization | None,
    reseller_org_id: int,
    grant_id: int | None = None,
    expires_at: datetime | None = None,
    **extra: Any,
) -> None:
    """`delegated_admin.approved | removed | expiring | expired`, to the reseller."""
    reseller = session.get(Organization, reseller_org_id)
    emit(
        session,
        [reseller_org_id],
        event_type,
        {
            "customer": org_ref(customer),
            "reseller": org_ref(reseller),
            "grant_id": grant_id,
            "expires_at": expires_at,
            **extra,
        },
    )


def delegated_admin_expiring(session: Session, grant: Any, *, days_left: int) -> None:
    """For the expiry-notice task: a grant runs out in `days_left` days."""
    delegated_admin(
        session,
        "delegated_admin.expiring",
        customer=session.get(Organization, grant.customer_org_id),
        reseller_org_id=grant.reseller_org_id,
        grant_id=grant.id,
        expires_at=grant.expires_at,
        days_left=days_left,
    )


def delegated_admin_expired(session: Session, grant: Any) -> None:
    """For the expiry-notice task: a grant has run out."""
    delegated_admin(
        session,
        "delegated_admin.expired",
        customer=session.get(Organization, grant.customer_org_id),
        reseller_org_id=grant.reseller_org_id,
        grant_id=grant.id,
        expires_at=grant.expires_at,
    )


def subscription_event(session: Session, event_type: str, subscription: Any, **extra: Any) -> None:
    """`subscription.created | changed | suspended`, to the subscription's reseller and provider."""
    product = session.get(Product, subscription.product_id)
    data = {
        "subscription_id": subscription.id,
        "customer": org_ref(session.get(Organization, subscription.customer_org_id)),
        "reseller": org_ref(session.get(Organization, subscription.reseller_org_id)),
        "provider": org_ref(session.get(Organization, subscription.provider_org_id)),
        "product": {"id": product.id, "name": product.name} if product else None,
        "quantity": subscription.quantity,
        "status": subscription.status.value,
        **extra,
    }
    emit(session, [subscription.reseller_org_id, subscription.provider_org_id], event_type, data)


def enrollment_event(
    session: Session, event_type: str, *, enrollment_id: int, org: Organization, reviewer_org_id: int, **extra: Any
) -> None:
    """`enrollment.approved | rejected`, to the enrolling organization and the reviewing platform."""
    emit(
        session,
        [org.id, reviewer_org_id],
        event_type,
        {"enrollment_id": enrollment_id, "organization": {**org_ref(org), "mpn_id": org.mpn_id}, **extra},
    )
