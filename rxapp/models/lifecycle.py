"""Partnership lifecycle: delegated admin expiry notices (one row per grant, end date and threshold, so a
notice is sent once whichever worker gets there first), incentive programs and monthly billing records."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import UTCDateTime, created_at_field


class DelegatedAdminNotice(SQLModel, table=True):
    """A sent expiry notice: `threshold_days` 30, 7 or 1 before `expires_at`, or 0 when it ended. The unique
    key makes the notice task idempotent across restarts and workers; a renewal (new end date) starts over."""

    __tablename__ = "delegated_admin_notice"  # pyright: ignore[reportAssignmentType]  (SQLModel types it declared_attr; a str is what SQLAlchemy reads)

    id: int | None = Field(default=None, primary_key=True)
    grant_id: int = Field(foreign_key="delegatedadmingrant.id", ondelete="CASCADE")
    threshold_days: int
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    sent_at: datetime = created_at_field()

    __table_args__ = (
        sa.UniqueConstraint("grant_id", "expires_at", "threshold_days", name="ux_delegated_admin_notice"),
    )


class IncentiveProgram(SQLModel, table=True):
    """An incentive program defined by platform staff: `rate_basis_points` (1/100 of a percent) of the
    monthly billed amount of `product_families` (comma-separated), for eligible partner kinds and countries
    (comma-separated; empty countries: every country)."""

    __tablename__ = "incentive_program"  # pyright: ignore[reportAssignmentType]  (SQLModel types it declared_attr; a str is what SQLAlchemy reads)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    product_families: str = Field(max_length=200)
    rate_basis_points: int = Field(ge=0)
    starts_on: date
    ends_on: date
    partner_kinds: str = Field(max_length=100)
    countries: str = Field(default="", max_length=1000)
    created_at: datetime = created_at_field()


class BillingRecord(SQLModel, table=True):
    """What a partner was billed for one month, customer and product family (cents)."""

    __tablename__ = "billing_record"  # pyright: ignore[reportAssignmentType]  (SQLModel types it declared_attr; a str is what SQLAlchemy reads)

    id: int | None = Field(default=None, primary_key=True)
    partner_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    customer_org_id: int | None = Field(default=None, foreign_key="organization.id", ondelete="CASCADE")
    month: date
    product_family: str = Field(max_length=24)
    amount_cents: int = Field(ge=0)

    __table_args__ = (sa.Index("ix_billing_record_partner_month", "partner_org_id", "month"),)
