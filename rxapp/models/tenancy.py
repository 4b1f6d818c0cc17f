"""Organizations (tenants), their users and sign-in sessions."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import UTCDateTime, created_at_field, enum_field, timestamp_field
from rxapp.models.enums import AdminRole, AgentRole, OrgKind, OrgStatus


class Organization(SQLModel, table=True):
    """A tenant: the platform itself, a provider, a reseller (or a work account about to enroll) or a customer."""

    id: int | None = Field(default=None, primary_key=True)
    kind: OrgKind = enum_field(OrgKind, length=16, index=True)
    status: OrgStatus = enum_field(OrgStatus, OrgStatus.ACTIVE, length=16)
    name: str = Field(max_length=200, index=True)
    country: str = Field(max_length=2, description="ISO 3166-1 alpha-2 country/region")
    domain: str | None = Field(default=None, max_length=253, unique=True)
    # A new customer's domain until its Global admin confirms the email (a claim: not unique, blocks nothing).
    claimed_domain: str | None = Field(default=None, max_length=253, index=True)
    mpn_id: str | None = Field(default=None, max_length=20, unique=True)

    # Legal business profile (entered at enrollment, editable later; the country stays locked).
    legal_name: str | None = Field(default=None, max_length=200)
    address_line1: str | None = Field(default=None, max_length=200)
    address_line2: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, max_length=100)
    postal_code: str | None = Field(default=None, max_length=20)

    contact_first_name: str | None = Field(default=None, max_length=100)
    contact_last_name: str | None = Field(default=None, max_length=100)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=40)

    support_email: str | None = Field(default=None, max_length=254)
    support_phone: str | None = Field(default=None, max_length=40)
    support_website: str | None = Field(default=None, max_length=300)

    # Provider directory (platform staff publish official providers).
    directory_published: bool = Field(default=False, index=True)
    directory_programs: str | None = Field(default=None, max_length=500)

    # Suspension by platform staff (issue 14): a mark beside the status, so reinstatement restores exactly what
    # was there. While set, the permission matrix refuses every change its users or API clients ask for.
    suspended_at: datetime | None = timestamp_field()
    suspension_reason: str | None = Field(default=None, max_length=500)
    # Set by the organization's Global admin: every user signs in with a second factor.
    require_mfa: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})

    created_at: datetime = created_at_field()


class MarketingProfile(SQLModel, table=True):
    """A partner's public marketing profile (the seed's next step)."""

    org_id: int = Field(foreign_key="organization.id", primary_key=True, ondelete="CASCADE")
    description: str = Field(default="", max_length=4000)
    industries: str = Field(default="", max_length=1000)
    products: str = Field(default="", max_length=1000)
    regions_served: str = Field(default="", max_length=1000)
    updated_at: datetime = created_at_field()


class User(SQLModel, table=True):
    """A person who signs in. Exactly one agent role and one admin role."""

    # The Users page lists an organization's users by name (case-insensitive), a page at a time: this index
    # serves it in order, where the organization index alone read and sorted all of them on every page.
    __table_args__ = (sa.Index("ix_user_org_name", "org_id", sa.text("lower(full_name)"), "id"),)

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=254, unique=True, description="normalized, lower-case")
    full_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    agent_role: AgentRole = enum_field(AgentRole, AgentRole.NOT_AN_AGENT, length=24)
    admin_role: AdminRole = enum_field(AdminRole, AdminRole.NOT_AN_ADMIN, length=24)
    is_active: bool = Field(default=True)
    must_change_password: bool = Field(default=False)
    temporary_password_expires_at: datetime | None = timestamp_field()
    password_changed_at: datetime | None = timestamp_field()
    failed_sign_ins: int = Field(default=0, description="consecutive failures; survives restarts")
    locked_until: datetime | None = timestamp_field()
    language: str | None = Field(
        default=None, max_length=8, description="the UI language last used ('en', 'ko'); emails to the user use it"
    )
    # Second factor (TOTP, RFC 6238): the base32 key, the key being set up (until its first code is
    # confirmed), when it was turned on and the last time step accepted (a code is accepted once).
    totp_secret: str | None = Field(default=None, max_length=64)
    totp_pending_secret: str | None = Field(default=None, max_length=64)
    totp_enabled_at: datetime | None = timestamp_field()
    totp_last_step: int | None = Field(default=None, sa_type=sa.BigInteger)
    # After too many failures in a day sign-in waits for the link emailed to the account itself.
    sign_in_blocked_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()


class AuthSession(SQLModel, table=True):
    """A server-side sign-in session. Only the SHA-256 of the browser's token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
    last_seen_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    ended_at: datetime | None = timestamp_field()
    client_address: str | None = Field(default=None, max_length=64)
    # The password was right, the second factor is still to come: such a session grants nothing.
    second_factor_pending: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})

    __table_args__ = (sa.Index("ix_authsession_user_open", "user_id", "ended_at"),)
