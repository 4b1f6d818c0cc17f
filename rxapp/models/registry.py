"""The partner network registry: the Partner Membership Center stand-in that enrollment links against."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from rxapp.models.base import created_at_field, enum_field, timestamp_field
from rxapp.models.enums import ProfileStatus


class PmcAccount(SQLModel, table=True):
    """A Partner Membership Center sign-in (user name + password)."""

    id: int | None = Field(default=None, primary_key=True)
    user_name: str = Field(max_length=100, unique=True)
    password_hash: str = Field(max_length=255)
    is_active: bool = Field(default=True)
    failed_sign_ins: int = Field(default=0)
    locked_until: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()


class MpnProfile(SQLModel, table=True):
    """An organization profile with its MPN ID, at most once linked to a Partner Center account."""

    id: int | None = Field(default=None, primary_key=True)
    mpn_id: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=200)
    country: str = Field(max_length=2)
    status: ProfileStatus = enum_field(ProfileStatus, ProfileStatus.ACTIVE, length=16)
    linked_org_id: int | None = Field(default=None, foreign_key="organization.id", unique=True)
    created_at: datetime = created_at_field()


class PmcAccess(SQLModel, table=True):
    """Which PMC users may act for which organization profiles."""

    pmc_account_id: int = Field(foreign_key="pmcaccount.id", primary_key=True, ondelete="CASCADE")
    mpn_profile_id: int = Field(foreign_key="mpnprofile.id", primary_key=True, ondelete="CASCADE")


class RegistryCustomer(SQLModel, table=True):
    """A customer already served under an MPN ID through other portals; becomes a relationship on approval."""

    id: int | None = Field(default=None, primary_key=True)
    mpn_profile_id: int = Field(foreign_key="mpnprofile.id", index=True, ondelete="CASCADE")
    customer_org_id: int = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
