"""The email outbox and the audit (activity) log."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import created_at_field, enum_field, timestamp_field
from rxapp.models.enums import AuditOutcome, EmailStatus


class OutboxEmail(SQLModel, table=True):
    """An email written in the same transaction as the change that causes it; delivered later."""

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=300)
    body: str = Field(max_length=20000)
    status: EmailStatus = enum_field(EmailStatus, EmailStatus.PENDING, length=16, index=True)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=1000)
    next_attempt_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
    sent_at: datetime | None = timestamp_field()


class AuditEvent(SQLModel, table=True):
    """Who did what to which record, when (UTC), with what outcome. Never holds secrets."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at_field()
    org_id: int | None = Field(default=None, foreign_key="organization.id", description="whose log")
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    actor_email: str | None = Field(default=None, max_length=254)
    actor_api_client_id: int | None = Field(default=None, foreign_key="apiclient.id",
                                            description="set when an API client acted (actor_user_id is then empty)")
    action: str = Field(max_length=64)
    target_type: str | None = Field(default=None, max_length=32)
    target_id: int | None = None
    detail: str = Field(default="", max_length=2000)
    outcome: AuditOutcome = enum_field(AuditOutcome, AuditOutcome.OK, length=16)
    client_address: str | None = Field(default=None, max_length=64)

    __table_args__ = (sa.Index("ix_auditevent_org_at", "org_id", "at"),)
