"""What partners sell and do on behalf of customers: catalog, orders, subscriptions, licenses, leads,
support and service health."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import created_at_field, enum_field, timestamp_field
from rxapp.models.enums import (
    HealthStatus,
    LeadSource,
    LeadStatus,
    OrderStatus,
    ProductFamily,
    SubscriptionStatus,
    TicketKind,
    TicketStatus,
)


class Product(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    sku: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    family: ProductFamily = enum_field(ProductFamily, length=24)
    monthly_price_cents: int = Field(default=0, ge=0)
    is_active: bool = Field(default=True)


class Order(SQLModel, table=True):
    """An order a provider submits for a customer, naming the indirect reseller of record."""

    id: int | None = Field(default=None, primary_key=True)
    customer_org_id: int = Field(foreign_key="organization.id", index=True)
    provider_org_id: int = Field(foreign_key="organization.id", index=True)
    reseller_org_id: int = Field(foreign_key="organization.id", index=True)
    placed_by_user_id: int = Field(foreign_key="user.id")
    status: OrderStatus = enum_field(OrderStatus, OrderStatus.SUBMITTED, length=16)
    created_at: datetime = created_at_field()


class OrderLine(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="order.id", index=True, ondelete="CASCADE")
    product_id: int = Field(foreign_key="product.id")
    quantity: int = Field(gt=0)
    unit_price_cents: int = Field(ge=0)


class Subscription(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    customer_org_id: int = Field(foreign_key="organization.id", index=True)
    product_id: int = Field(foreign_key="product.id")
    reseller_org_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    provider_org_id: int | None = Field(default=None, foreign_key="organization.id")
    order_id: int | None = Field(default=None, foreign_key="order.id")
    quantity: int = Field(default=1, ge=0)
    status: SubscriptionStatus = enum_field(SubscriptionStatus, SubscriptionStatus.ACTIVE, length=16)
    created_at: datetime = created_at_field()


class CustomerUser(SQLModel, table=True):
    """A user in the customer's own tenant, administered on its behalf by partners."""

    id: int | None = Field(default=None, primary_key=True)
    customer_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    display_name: str = Field(max_length=200)
    user_principal_name: str = Field(max_length=254)
    is_active: bool = Field(default=True)
    created_at: datetime = created_at_field()

    __table_args__ = (sa.UniqueConstraint("customer_org_id", "user_principal_name"),)


class LicenseAssignment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id", ondelete="CASCADE")
    customer_user_id: int = Field(foreign_key="customeruser.id", index=True, ondelete="CASCADE")
    assigned_at: datetime = created_at_field()

    __table_args__ = (sa.UniqueConstraint("subscription_id", "customer_user_id"),)


class Lead(SQLModel, table=True):
    """A referral of a prospective customer, from the platform or a provider."""

    id: int | None = Field(default=None, primary_key=True)
    partner_org_id: int = Field(foreign_key="organization.id", index=True)
    source: LeadSource = enum_field(LeadSource, length=16)
    source_org_id: int | None = Field(default=None, foreign_key="organization.id")
    company_name: str = Field(max_length=200)
    contact_name: str = Field(max_length=200)
    contact_email: str = Field(max_length=254)
    country: str = Field(max_length=2)
    status: LeadStatus = enum_field(LeadStatus, LeadStatus.NEW, length=16)
    link_id: int | None = Field(default=None, foreign_key="link.id")
    created_at: datetime = created_at_field()


class SupportTicket(SQLModel, table=True):
    """A ticket to the platform, or a support request on behalf of a customer."""

    id: int | None = Field(default=None, primary_key=True)
    kind: TicketKind = enum_field(TicketKind, length=16)
    org_id: int = Field(foreign_key="organization.id", index=True)
    customer_org_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    subscription_id: int | None = Field(default=None, foreign_key="subscription.id")
    created_by_user_id: int = Field(foreign_key="user.id")
    subject: str = Field(max_length=200)
    status: TicketStatus = enum_field(TicketStatus, TicketStatus.OPEN, length=16)
    created_at: datetime = created_at_field()
    closed_at: datetime | None = timestamp_field()


class SupportMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="supportticket.id", index=True, ondelete="CASCADE")
    author_user_id: int = Field(foreign_key="user.id")
    body: str = Field(max_length=8000)
    created_at: datetime = created_at_field()


class ServiceHealthEntry(SQLModel, table=True):
    """A service health post by platform staff, per product family."""

    id: int | None = Field(default=None, primary_key=True)
    family: ProductFamily = enum_field(ProductFamily, length=24, index=True)
    status: HealthStatus = enum_field(HealthStatus, length=16)
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=4000)
    posted_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = created_at_field()
    resolved_at: datetime | None = timestamp_field()
