"""Applications of work accounts to become indirect resellers."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import created_at_field, enum_field, timestamp_field
from rxapp.models.enums import EnrollmentStatus


class Enrollment(SQLModel, table=True):
    """One application; moves draft → pending_verification → in_review → approved | rejected."""

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    applicant_user_id: int = Field(foreign_key="user.id")
    mpn_profile_id: int | None = Field(default=None, foreign_key="mpnprofile.id")
    status: EnrollmentStatus = enum_field(EnrollmentStatus, EnrollmentStatus.DRAFT, length=24, index=True)

    legal_name: str = Field(default="", max_length=200)
    address_line1: str = Field(default="", max_length=200)
    address_line2: str = Field(default="", max_length=200)
    city: str = Field(default="", max_length=100)
    region: str = Field(default="", max_length=100)
    postal_code: str = Field(default="", max_length=20)
    country: str = Field(default="", max_length=2)
    contact_first_name: str = Field(default="", max_length=100)
    contact_last_name: str = Field(default="", max_length=100)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    support_email: str = Field(default="", max_length=254)
    support_phone: str = Field(default="", max_length=40)
    support_website: str = Field(default="", max_length=300)

    created_at: datetime = created_at_field()
    submitted_at: datetime | None = timestamp_field()
    verified_at: datetime | None = timestamp_field()
    decided_at: datetime | None = timestamp_field()
    decided_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    rejection_reason: str | None = Field(default=None, max_length=1000)

    __table_args__ = (
        # At most one open (not rejected) application per work account.
        sa.Index(
            "ux_enrollment_open_per_org",
            "org_id",
            unique=True,
            sqlite_where=sa.text("status != 'rejected'"),
            postgresql_where=sa.text("status != 'rejected'"),
        ),
    )
