"""The partner API and webhooks: API clients (hashed secrets), idempotency records, webhook endpoints and the
webhook outbox (one delivery row per event and endpoint, written in the transaction of the change)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import UTCDateTime, created_at_field, enum_field, timestamp_field
from rxapp.models.enums import AdminRole, AgentRole


class WebhookEndpointStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class ApiClient(SQLModel, table=True):
    """A machine identity of one organization. Only the SHA-256 of its secret is stored; `secret_prefix` (the
    secret's first characters) lets people recognise it. It acts with its own two roles."""

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    agent_role: AgentRole = enum_field(AgentRole, length=24)
    admin_role: AdminRole = enum_field(AdminRole, length=24)
    secret_hash: str = Field(max_length=64, unique=True)
    secret_prefix: str = Field(max_length=16)
    created_by_user_id: int = Field(foreign_key="user.id")
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    rotated_at: datetime | None = timestamp_field()
    revoked_at: datetime | None = timestamp_field()
    revoked_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    last_used_at: datetime | None = timestamp_field()
    last_used_address: str | None = Field(default=None, max_length=64)


class ApiIdempotencyKey(SQLModel, table=True):
    """A creating call made with an `Idempotency-Key`: a retry with the same key and body gets the stored
    response; the same key with another request is refused. Written in the transaction of the call."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="apiclient.id", ondelete="CASCADE")
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    response_status: int
    response_body: str = Field(max_length=200_000)
    created_at: datetime = created_at_field()

    __table_args__ = (sa.UniqueConstraint("client_id", "key", name="ux_apiidempotencykey_client_key"),)


class WebhookEndpoint(SQLModel, table=True):
    """Where an organization wants its events: an http(s) URL, the event types it chose, and the signing secret
    (`whsec_...`, kept as it must be to sign; shown to people once)."""

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    url: str = Field(max_length=2000)
    description: str = Field(default="", max_length=200)
    event_types: str = Field(max_length=2000, description="space-separated event types")
    secret: str = Field(max_length=100)
    status: WebhookEndpointStatus = enum_field(WebhookEndpointStatus, WebhookEndpointStatus.ACTIVE, length=16)
    disabled_at: datetime | None = timestamp_field()
    disabled_reason: str | None = Field(default=None, max_length=500)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = created_at_field()
    deleted_at: datetime | None = timestamp_field()


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint (the webhook outbox): delivered by the delivery loop, retried with growing
    delays for 24 hours. `message_id` is the `webhook-id` header (the same on every retry and resend)."""

    id: int | None = Field(default=None, primary_key=True)
    endpoint_id: int = Field(foreign_key="webhookendpoint.id", ondelete="CASCADE")
    org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    message_id: str = Field(max_length=64)
    event_type: str = Field(max_length=64)
    payload: str = Field(max_length=100_000, description="the JSON body, exactly as signed and sent")
    status: WebhookDeliveryStatus = enum_field(WebhookDeliveryStatus, WebhookDeliveryStatus.PENDING, length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = timestamp_field()
    last_attempt_at: datetime | None = timestamp_field()
    response_status: int | None = None
    duration_ms: int | None = None
    last_error: str | None = Field(default=None, max_length=500)
    resend_of_id: int | None = Field(default=None, foreign_key="webhookdelivery.id")
    created_at: datetime = created_at_field()
    delivered_at: datetime | None = timestamp_field()

    __table_args__ = (
        sa.Index("ix_webhookdelivery_due", "status", "next_attempt_at"),
        sa.Index("ix_webhookdelivery_endpoint", "endpoint_id", "id"),
    )
