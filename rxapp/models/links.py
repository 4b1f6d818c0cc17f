"""Emailed links (verification, invitation, authorization): hashed tokens, single use, expiring."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import UTCDateTime, created_at_field, enum_field, timestamp_field
from rxapp.models.enums import LinkPurpose, LinkStatus


class Link(SQLModel, table=True):
    """One personalized link. The token itself is never stored, only its SHA-256."""

    id: int | None = Field(default=None, primary_key=True)
    purpose: LinkPurpose = enum_field(LinkPurpose, length=32)
    token_hash: str = Field(max_length=64, unique=True)
    status: LinkStatus = enum_field(LinkStatus, LinkStatus.PENDING, length=16)

    issuer_org_id: int | None = Field(default=None, foreign_key="organization.id", ondelete="CASCADE")
    issuer_user_id: int | None = Field(default=None, foreign_key="user.id")
    target_email: str | None = Field(default=None, max_length=254)
    target_org_id: int | None = Field(default=None, foreign_key="organization.id")
    target_mpn_id: str | None = Field(default=None, max_length=20)
    provider_org_id: int | None = Field(default=None, foreign_key="organization.id")
    enrollment_id: int | None = Field(default=None, foreign_key="enrollment.id", index=True)
    message: str | None = Field(default=None, max_length=4000)
    # delegated admin requests: the duration the partner asks for (days); None: the default
    grant_days: int | None = Field(default=None)

    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    opened_at: datetime | None = timestamp_field()
    used_at: datetime | None = timestamp_field()
    used_by_user_id: int | None = Field(default=None, foreign_key="user.id")

    __table_args__ = (sa.Index("ix_link_issuer", "issuer_org_id", "purpose", "status"),)
