"""An organization's webhook endpoints (Account settings › Webhooks): create (the signing secret is shown once),
enable, delete, send a test event, the delivery log and resending one delivery.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.boundary import column_length, record_id
from rxapp.errors import Conflict, NotFound, ValidationFailed
from rxapp.models import (
    AdminRole,
    User,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEndpointStatus,
    utcnow,
)
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit
from rxapp.services.webhooks.events import EVENT_TYPES, body, message_id, new_delivery
from rxapp.services.webhooks.security import SECRET_MARK, new_secret, validated_url

DESCRIPTION_MAX = column_length(WebhookEndpoint, "description")
MAX_ENDPOINTS = 20
DELIVERY_PAGE = 25
TEST_EVENT = "webhook.test"


@dataclass(frozen=True)
class EndpointSummary:
    id: int
    url: str
    description: str
    event_types: list[str]
    status: str  # active | disabled
    disabled_reason: str
    created_at: datetime
    secret_hint: str  # "whsec_ab…"


@dataclass(frozen=True)
class IssuedEndpoint:
    endpoint: EndpointSummary
    secret: str = field(repr=False)


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    message_id: str
    event_type: str
    status: str  # pending | succeeded | failed
    attempts: int
    response_status: int | None
    duration_ms: int | None
    last_error: str
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    resend_of_id: int | None


def _summary(endpoint: WebhookEndpoint) -> EndpointSummary:
    return EndpointSummary(
        id=saved_id(endpoint.id),
        url=endpoint.url,
        description=endpoint.description,
        event_types=endpoint.event_types.split(),
        status=endpoint.status.value,
        disabled_reason=endpoint.disabled_reason or "",
        created_at=endpoint.created_at,
        secret_hint=endpoint.secret[: len(SECRET_MARK) + 2] + "…",
    )


def _row(delivery: WebhookDelivery) -> DeliveryRow:
    return DeliveryRow(
        id=saved_id(delivery.id),
        message_id=delivery.message_id,
        event_type=delivery.event_type,
        status=delivery.status.value,
        attempts=delivery.attempts,
        response_status=delivery.response_status,
        duration_ms=delivery.duration_ms,
        last_error=delivery.last_error or "",
        created_at=delivery.created_at,
        last_attempt_at=delivery.last_attempt_at,
        next_attempt_at=delivery.next_attempt_at if delivery.status == WebhookDeliveryStatus.PENDING else None,
        resend_of_id=delivery.resend_of_id,
    )


def _own_endpoint(session: Session, actor: Actor, endpoint_id: object) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, record_id(endpoint_id))
    if endpoint is None or endpoint.org_id != actor.org_id or endpoint.deleted_at is not None:
        raise NotFound()
    return endpoint


def _event_types(chosen: Iterable[str]) -> list[str]:
    picked = [str(value) for value in (chosen or [])]
    if not picked:
        raise ValidationFailed("webhooks.events_required", field="webhook_events")
    unknown = [value for value in picked if value not in EVENT_TYPES]
    if unknown:
        raise ValidationFailed("webhooks.event_unknown", field="webhook_events", event=unknown[0][:64])
    return [event for event in EVENT_TYPES if event in picked]


def list_endpoints(session: Session, actor: Actor) -> list[EndpointSummary]:
    require(actor, Action.MANAGE_WEBHOOKS, read=True)
    rows = session.exec(
        select(WebhookEndpoint)
        .where(WebhookEndpoint.org_id == actor.org_id, col(WebhookEndpoint.deleted_at).is_(None))
        .order_by(col(WebhookEndpoint.created_at), col(WebhookEndpoint.id))
    )
    return [_summary(endpoint) for endpoint in rows]


def create_endpoint(
    session: Session, actor: Actor, *, url: str, event_types: Iterable[str], description: str = ""
) -> IssuedEndpoint:
    """Register a receiver; returns it with its signing secret (shown once)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    events = _event_types(event_types)
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValidationFailed("validation.too_long", field="webhook_description", max=DESCRIPTION_MAX)
    count = session.exec(
        select(sa.func.count())
        .select_from(WebhookEndpoint)
        .where(WebhookEndpoint.org_id == actor.org_id, col(WebhookEndpoint.deleted_at).is_(None))
    ).one()
    if count >= MAX_ENDPOINTS:
        raise ValidationFailed("webhooks.too_many", field="webhook_url", max=MAX_ENDPOINTS)
    url = validated_url(url)
    secret = new_secret()
    endpoint = WebhookEndpoint(
        org_id=actor.org_id,
        url=url,
        description=description,
        event_types=" ".join(events),
        secret=secret,
        created_by_user_id=actor.user_id,
    )
    session.add(endpoint)
    session.flush()
    audit.record(
        session,
        action="webhook.endpoint_created",
        actor=actor,
        target_type="webhookendpoint",
        target_id=endpoint.id,
        detail=f"{url}; {' '.join(events)}"[:2000],
    )
    return IssuedEndpoint(endpoint=_summary(endpoint), secret=secret)


def fail_pending(session: Session, endpoint_id: int, reason: str) -> int:
    result = session.execute(
        sa.update(WebhookDelivery)
        .where(
            col(WebhookDelivery.endpoint_id) == endpoint_id,
            col(WebhookDelivery.status) == WebhookDeliveryStatus.PENDING,
        )
        .values(status=WebhookDeliveryStatus.FAILED, next_attempt_at=None, last_error=reason)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


def delete_endpoint(session: Session, actor: Actor, *, endpoint_id: object) -> None:
    """Stop sending to an endpoint (its delivery log is kept; undelivered events are dropped)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    endpoint.deleted_at = utcnow()
    endpoint.status = WebhookEndpointStatus.DISABLED
    session.add(endpoint)
    fail_pending(session, saved_id(endpoint.id), "endpoint deleted")
    audit.record(
        session,
        action="webhook.endpoint_deleted",
        actor=actor,
        target_type="webhookendpoint",
        target_id=endpoint.id,
        detail=endpoint.url,
    )


def enable_endpoint(session: Session, actor: Actor, *, endpoint_id: object) -> EndpointSummary:
    """Turn a disabled endpoint on again (its URL is checked again)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    if endpoint.status == WebhookEndpointStatus.ACTIVE:
        raise Conflict("webhooks.already_enabled")
    validated_url(endpoint.url)
    endpoint.status, endpoint.disabled_at, endpoint.disabled_reason = WebhookEndpointStatus.ACTIVE, None, None
    session.add(endpoint)
    audit.record(
        session,
        action="webhook.endpoint_enabled",
        actor=actor,
        target_type="webhookendpoint",
        target_id=endpoint.id,
        detail=endpoint.url,
    )
    return _summary(endpoint)


def _require_active(endpoint: WebhookEndpoint) -> None:
    if endpoint.status != WebhookEndpointStatus.ACTIVE:
        raise Conflict("webhooks.endpoint_disabled")


def send_test_event(session: Session, actor: Actor, *, endpoint_id: object) -> DeliveryRow:
    """**Send test event**: a `webhook.test` message to this endpoint only."""
    require(actor, Action.MANAGE_WEBHOOKS)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    _require_active(endpoint)
    delivery = new_delivery(
        endpoint, message_id(), TEST_EVENT, body(TEST_EVENT, endpoint.org_id, {"endpoint_id": endpoint.id})
    )
    session.add(delivery)
    session.flush()
    audit.record(
        session,
        action="webhook.test_sent",
        actor=actor,
        target_type="webhookendpoint",
        target_id=endpoint.id,
        detail=delivery.message_id,
    )
    return _row(delivery)


def list_deliveries(
    session: Session, actor: Actor, *, endpoint_id: object, before_id: int | None = None, limit: int = DELIVERY_PAGE
) -> list[DeliveryRow]:
    """The endpoint's delivery log, newest first (`before_id`: the page after the row with that id)."""
    require(actor, Action.MANAGE_WEBHOOKS, read=True)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    query = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
    if before_id is not None:
        query = query.where(col(WebhookDelivery.id) < int(before_id))
    limit = max(1, min(int(limit), 100))
    return [_row(d) for d in session.exec(query.order_by(col(WebhookDelivery.id).desc()).limit(limit))]


def resend(session: Session, actor: Actor, *, delivery_id: object) -> DeliveryRow:
    """**Resend**: deliver a logged event again (same `webhook-id` and body, freshly signed)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    original = session.get(WebhookDelivery, record_id(delivery_id))
    if original is None or original.org_id != actor.org_id:
        raise NotFound()
    endpoint = _own_endpoint(session, actor, original.endpoint_id)
    _require_active(endpoint)
    again = new_delivery(endpoint, original.message_id, original.event_type, original.payload)
    again.resend_of_id = original.id
    session.add(again)
    session.flush()
    audit.record(
        session,
        action="webhook.resent",
        actor=actor,
        target_type="webhookdelivery",
        target_id=again.id,
        detail=f"{original.event_type} {original.message_id}",
    )
    return _row(again)


def global_admin_emails(session: Session, org_id: int) -> list[str]:
    return list(
        session.exec(
            select(User.email)
            .where(User.org_id == org_id, User.is_active, User.admin_role == AdminRole.GLOBAL_ADMIN)
            .order_by(col(User.id))
        )
    )
