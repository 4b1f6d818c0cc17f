"""Relationships between tenants (history kept: ended rows stay) and delegated admin privileges."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import UTCDateTime, created_at_field, enum_field, timestamp_field
from rxapp.models.enums import DelegatedAdminStatus, RelationshipKind, RelationshipStatus

_ACTIVE = sa.text("status = 'active'")
# Relationship kinds whose client is a customer (each has its own partial pair index).
CUSTOMER_KINDS = (RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)


class Relationship(SQLModel, table=True):
    """`partner_org` serves `client_org`: provider→reseller, reseller→customer or provider→customer."""

    id: int | None = Field(default=None, primary_key=True)
    kind: RelationshipKind = enum_field(RelationshipKind, length=24)
    partner_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    client_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    status: RelationshipStatus = enum_field(RelationshipStatus, RelationshipStatus.ACTIVE, length=16)
    started_at: datetime = created_at_field()
    ended_at: datetime | None = timestamp_field()
    ended_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    via_link_id: int | None = Field(default=None, foreign_key="link.id")

    __table_args__ = (
        sa.Index("ix_relationship_partner", "partner_org_id", "kind", "status"),
        sa.Index("ix_relationship_client", "client_org_id", "kind", "status"),
        # Exactly one active relationship per pair: concurrent acceptances cannot both succeed.
        sa.Index(
            "ux_relationship_active_pair",
            "partner_org_id",
            "client_org_id",
            unique=True,
            sqlite_where=_ACTIVE,
            postgresql_where=_ACTIVE,
        ),
        # "Is this organization an active customer of that partner?" (customer search), one small index per
        # customer kind. Unique like the pair index above (which implies it). The planner uses one only when the
        # query spells its WHERE out with literals: `kind = '<kind>' AND status = 'active'`.
        *(
            sa.Index(
                f"ux_relationship_active_{kind.value}",
                "partner_org_id",
                "client_org_id",
                unique=True,
                sqlite_where=sa.text(f"kind = '{kind.value}' AND status = 'active'"),
                postgresql_where=sa.text(f"kind = '{kind.value}' AND status = 'active'"),
            )
            for kind in CUSTOMER_KINDS
        ),
    )


class DelegatedAdminGrant(SQLModel, table=True):
    """Administrator permissions a customer granted a reseller; they expire and can be removed."""

    id: int | None = Field(default=None, primary_key=True)
    reseller_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    customer_org_id: int = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    status: DelegatedAdminStatus = enum_field(DelegatedAdminStatus, DelegatedAdminStatus.ACTIVE, length=16)
    granted_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    removed_at: datetime | None = timestamp_field()
    removed_by_user_id: int | None = Field(default=None, foreign_key="user.id")

    __table_args__ = (sa.Index("ix_delegatedadmin_pair", "reseller_org_id", "customer_org_id", "status"),)
