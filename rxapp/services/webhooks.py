"""Webhooks (Account settings › Webhooks): an organization's endpoints, the events written to the webhook outbox
in the transaction of the change, Standard Webhooks signatures, and the refusal of receivers on private networks.

- An endpoint is an https URL (plain http and private addresses only with `WEBHOOKS_ALLOW_PRIVATE=true`, for
  local development and tests), the event types chosen, and a signing secret `whsec_<base64>` shown once.
- `emit(session, org_ids, type, data)` adds one `WebhookDelivery` per matching active endpoint to the caller's
  session: the event exists exactly when the change commits. `webhook_delivery` sends them.
- Signatures follow the Standard Webhooks scheme: headers `webhook-id`, `webhook-timestamp` and
  `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's bytes.
No Reflex here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Session, select

from rxapp.boundary import record_id
from rxapp.errors import Conflict, NotFound, ValidationFailed
from rxapp.models import (
    AdminRole,
    Organization,
    Product,
    User,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEndpointStatus,
    utcnow,
)
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit
from rxapp.settings import get_settings

SECRET_MARK = "whsec_"  # noqa: S105 (the marker that starts every signing secret, not a secret)
URL_MAX = 2000
DESCRIPTION_MAX = 200
MAX_ENDPOINTS = 20
DELIVERY_PAGE = 25
TEST_EVENT = "webhook.test"

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


class UnsafeReceiver(ValueError):
    """A receiver address the portal must not call (private, loopback, link-local... or unresolvable)."""


# ------------------------------------------------------------------------------------------ signatures


def new_secret() -> str:
    return SECRET_MARK + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_MARK))


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value for one message (Standard Webhooks, version 1)."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


def signed_headers(secret: str, message_id: str, body: bytes, *, timestamp: int) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
        "user-agent": "PartnerCenter-Webhooks/1",
    }


# ------------------------------------------------------------------------------------------ receivers


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (raises UnsafeReceiver when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnsafeReceiver("the host name does not resolve") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise UnsafeReceiver("the host name does not resolve")
    return addresses


def check_receiver(url: str, *, allow_private: bool | None = None) -> tuple[Any, list[str]]:
    """The URL's parts and the addresses to call, after refusing what a server must not call: other schemes,
    credentials in the URL, and (unless allowed) plain http and any address that is not public — every
    address the host resolves to is checked (private, loopback, link-local, shared, reserved, multicast)."""
    allow = get_settings().webhooks_allow_private if allow_private is None else allow_private
    parts = urlsplit(url)
    if parts.scheme not in (("https", "http") if allow else ("https",)):
        raise UnsafeReceiver("the URL must start with https://")
    if parts.username is not None or parts.password is not None:
        raise UnsafeReceiver("the URL must not hold credentials")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeReceiver("the URL has an invalid port") from exc
    host = parts.hostname
    if not host:
        raise UnsafeReceiver("the URL has no host")
    addresses = resolve(host, port)
    if not allow:
        private = [address for address in addresses if not _is_public(address)]
        if private:
            raise UnsafeReceiver(f"the host resolves to a private or reserved address ({private[0]})")
    return parts, addresses


def _validated_url(url: str) -> str:
    text = (url or "").strip()
    if not text:
        raise ValidationFailed("validation.required", field="webhook_url")
    if len(text) > URL_MAX or any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise ValidationFailed("webhooks.url_invalid", field="webhook_url")
    try:
        check_receiver(text)
    except UnsafeReceiver as refusal:
        raise ValidationFailed("webhooks.url_refused", field="webhook_url", reason=str(refusal)) from None
    return text


# ------------------------------------------------------------------------------------------ endpoints


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
        id=endpoint.id, url=endpoint.url, description=endpoint.description,
        event_types=endpoint.event_types.split(), status=endpoint.status.value,
        disabled_reason=endpoint.disabled_reason or "", created_at=endpoint.created_at,
        secret_hint=endpoint.secret[:len(SECRET_MARK) + 2] + "…",
    )


def _row(delivery: WebhookDelivery) -> DeliveryRow:
    return DeliveryRow(
        id=delivery.id, message_id=delivery.message_id, event_type=delivery.event_type,
        status=delivery.status.value, attempts=delivery.attempts, response_status=delivery.response_status,
        duration_ms=delivery.duration_ms, last_error=delivery.last_error or "", created_at=delivery.created_at,
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
    rows = session.exec(select(WebhookEndpoint).where(WebhookEndpoint.org_id == actor.org_id,
                                                      WebhookEndpoint.deleted_at.is_(None))
                        .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id))
    return [_summary(endpoint) for endpoint in rows]


def create_endpoint(session: Session, actor: Actor, *, url: str, event_types: Iterable[str],
                    description: str = "") -> IssuedEndpoint:
    """Register a receiver; returns it with its signing secret (shown once)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    events = _event_types(event_types)
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValidationFailed("validation.too_long", field="webhook_description", max=DESCRIPTION_MAX)
    count = session.exec(select(sa.func.count()).select_from(WebhookEndpoint).where(
        WebhookEndpoint.org_id == actor.org_id, WebhookEndpoint.deleted_at.is_(None))).one()
    if count >= MAX_ENDPOINTS:
        raise ValidationFailed("webhooks.too_many", field="webhook_url", max=MAX_ENDPOINTS)
    url = _validated_url(url)
    secret = new_secret()
    endpoint = WebhookEndpoint(org_id=actor.org_id, url=url, description=description, event_types=" ".join(events),
                               secret=secret, created_by_user_id=actor.user_id)
    session.add(endpoint)
    session.flush()
    audit.record(session, action="webhook.endpoint_created", actor=actor, target_type="webhookendpoint",
                 target_id=endpoint.id, detail=f"{url}; {' '.join(events)}"[:2000])
    return IssuedEndpoint(endpoint=_summary(endpoint), secret=secret)


def fail_pending(session: Session, endpoint_id: int, reason: str) -> int:
    result = session.execute(
        sa.update(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id, WebhookDelivery.status == WebhookDeliveryStatus.PENDING)
        .values(status=WebhookDeliveryStatus.FAILED, next_attempt_at=None, last_error=reason)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def delete_endpoint(session: Session, actor: Actor, *, endpoint_id: object) -> None:
    """Stop sending to an endpoint (its delivery log is kept; undelivered events are dropped)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    endpoint.deleted_at = utcnow()
    endpoint.status = WebhookEndpointStatus.DISABLED
    session.add(endpoint)
    fail_pending(session, endpoint.id, "endpoint deleted")
    audit.record(session, action="webhook.endpoint_deleted", actor=actor, target_type="webhookendpoint",
                 target_id=endpoint.id, detail=endpoint.url)


def enable_endpoint(session: Session, actor: Actor, *, endpoint_id: object) -> EndpointSummary:
    """Turn a disabled endpoint on again (its URL is checked again)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    if endpoint.status == WebhookEndpointStatus.ACTIVE:
        raise Conflict("webhooks.already_enabled")
    _validated_url(endpoint.url)
    endpoint.status, endpoint.disabled_at, endpoint.disabled_reason = WebhookEndpointStatus.ACTIVE, None, None
    session.add(endpoint)
    audit.record(session, action="webhook.endpoint_enabled", actor=actor, target_type="webhookendpoint",
                 target_id=endpoint.id, detail=endpoint.url)
    return _summary(endpoint)


def _require_active(endpoint: WebhookEndpoint) -> None:
    if endpoint.status != WebhookEndpointStatus.ACTIVE:
        raise Conflict("webhooks.endpoint_disabled")


def send_test_event(session: Session, actor: Actor, *, endpoint_id: object) -> DeliveryRow:
    """**Send test event**: a `webhook.test` message to this endpoint only."""
    require(actor, Action.MANAGE_WEBHOOKS)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    _require_active(endpoint)
    delivery = _delivery(endpoint, message_id(), TEST_EVENT, body(TEST_EVENT, endpoint.org_id,
                                                                   {"endpoint_id": endpoint.id}))
    session.add(delivery)
    session.flush()
    audit.record(session, action="webhook.test_sent", actor=actor, target_type="webhookendpoint",
                 target_id=endpoint.id, detail=delivery.message_id)
    return _row(delivery)


def list_deliveries(session: Session, actor: Actor, *, endpoint_id: object, before_id: int | None = None,
                    limit: int = DELIVERY_PAGE) -> list[DeliveryRow]:
    """The endpoint's delivery log, newest first (`before_id`: the page after the row with that id)."""
    require(actor, Action.MANAGE_WEBHOOKS, read=True)
    endpoint = _own_endpoint(session, actor, endpoint_id)
    query = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
    if before_id is not None:
        query = query.where(WebhookDelivery.id < int(before_id))
    limit = max(1, min(int(limit), 100))
    return [_row(d) for d in session.exec(query.order_by(WebhookDelivery.id.desc()).limit(limit))]


def resend(session: Session, actor: Actor, *, delivery_id: object) -> DeliveryRow:
    """**Resend**: deliver a logged event again (same `webhook-id` and body, freshly signed)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    original = session.get(WebhookDelivery, record_id(delivery_id))
    if original is None or original.org_id != actor.org_id:
        raise NotFound()
    endpoint = _own_endpoint(session, actor, original.endpoint_id)
    _require_active(endpoint)
    again = _delivery(endpoint, original.message_id, original.event_type, original.payload)
    again.resend_of_id = original.id
    session.add(again)
    session.flush()
    audit.record(session, action="webhook.resent", actor=actor, target_type="webhookdelivery", target_id=again.id,
                 detail=f"{original.event_type} {original.message_id}")
    return _row(again)


def global_admin_emails(session: Session, org_id: int) -> list[str]:
    return list(session.exec(select(User.email).where(User.org_id == org_id, User.is_active,
                                                       User.admin_role == AdminRole.GLOBAL_ADMIN)
                             .order_by(User.id)))


# ------------------------------------------------------------------------------------------ events


def message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def body(event_type: str, org_id: int, data: dict[str, Any], *, now: datetime | None = None) -> str:
    """The JSON body of an event, exactly as it will be signed and sent."""
    document = {"type": event_type, "timestamp": (now or utcnow()).isoformat().replace("+00:00", "Z"),
                "organization_id": org_id, "data": data}
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return str(value)


def _delivery(endpoint: WebhookEndpoint, msg_id: str, event_type: str, payload: str) -> WebhookDelivery:
    return WebhookDelivery(endpoint_id=endpoint.id, org_id=endpoint.org_id, message_id=msg_id,
                           event_type=event_type, payload=payload, next_attempt_at=utcnow())


def emit(session: Session, org_ids: Iterable[int | None], event_type: str, data: dict[str, Any]) -> int:
    """Queue `event_type` for every active endpoint of `org_ids` that chose it, in the caller's transaction.
    Returns how many deliveries were queued."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event {event_type!r}")
    queued = 0
    for org_id in dict.fromkeys(org_id for org_id in org_ids if org_id is not None):
        endpoints = [endpoint for endpoint in session.exec(
            select(WebhookEndpoint).where(WebhookEndpoint.org_id == org_id,
                                          WebhookEndpoint.status == WebhookEndpointStatus.ACTIVE,
                                          WebhookEndpoint.deleted_at.is_(None)))
            if event_type in endpoint.event_types.split()]
        if not endpoints:
            continue
        msg_id, payload = message_id(), body(event_type, org_id, data)
        for endpoint in endpoints:
            session.add(_delivery(endpoint, msg_id, event_type, payload))
            queued += 1
    return queued


def org_ref(org: Organization | None) -> dict[str, Any] | None:
    return None if org is None else {"id": org.id, "name": org.name}


# Event builders: the services call these so each hook is one line.


def relationship_accepted(session: Session, *, customer: Organization, reseller: Organization,
                          provider: Organization | None, relationship_id: int | None,
                          provider_relationship_id: int | None) -> None:
    """A customer accepted a reseller (and, with a two-party link, its indirect provider)."""
    data = {"customer": {**org_ref(customer), "domain": customer.domain}, "reseller": org_ref(reseller),
            "provider": org_ref(provider)}
    if relationship_id is not None:
        emit(session, [reseller.id], "customer.relationship_accepted", {**data, "relationship_id": relationship_id})
    if provider is not None and provider_relationship_id is not None:
        emit(session, [provider.id], "customer.indirect_reseller_relationship_accepted",
             {**data, "relationship_id": provider_relationship_id})


def delegated_admin(session: Session, event_type: str, *, customer: Organization | None, reseller_org_id: int,
                    grant_id: int | None = None, expires_at: datetime | None = None, **extra: Any) -> None:
    """`delegated_admin.approved | removed | expiring | expired`, to the reseller."""
    reseller = session.get(Organization, reseller_org_id)
    emit(session, [reseller_org_id], event_type, {"customer": org_ref(customer), "reseller": org_ref(reseller),
                                                   "grant_id": grant_id, "expires_at": expires_at, **extra})


def delegated_admin_expiring(session: Session, grant: Any, *, days_left: int) -> None:
    """For the expiry-notice task: a grant runs out in `days_left` days."""
    delegated_admin(session, "delegated_admin.expiring", customer=session.get(Organization, grant.customer_org_id),
                    reseller_org_id=grant.reseller_org_id, grant_id=grant.id, expires_at=grant.expires_at,
                    days_left=days_left)


def delegated_admin_expired(session: Session, grant: Any) -> None:
    """For the expiry-notice task: a grant has run out."""
    delegated_admin(session, "delegated_admin.expired", customer=session.get(Organization, grant.customer_org_id),
                    reseller_org_id=grant.reseller_org_id, grant_id=grant.id, expires_at=grant.expires_at)


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


def enrollment_event(session: Session, event_type: str, *, enrollment_id: int, org: Organization,
                     reviewer_org_id: int, **extra: Any) -> None:
    """`enrollment.approved | rejected`, to the enrolling organization and the reviewing platform."""
    emit(session, [org.id, reviewer_org_id], event_type,
         {"enrollment_id": enrollment_id, "organization": {**org_ref(org), "mpn_id": org.mpn_id}, **extra})
