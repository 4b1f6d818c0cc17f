"""Every table of the portal. Importing this package registers them all on `SQLModel.metadata`."""

from rxapp.models.api import (
    ApiClient,
    ApiIdempotencyKey,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEndpointStatus,
)
from rxapp.models.base import UTCDateTime, utcnow
from rxapp.models.commerce import (
    CustomerUser,
    Lead,
    LicenseAssignment,
    Order,
    OrderLine,
    Product,
    ServiceHealthEntry,
    Subscription,
    SupportMessage,
    SupportTicket,
)
from rxapp.models.enrollment import Enrollment
from rxapp.models.enums import *  # noqa: F403  (the enums are part of the models' public surface)
from rxapp.models.lifecycle import BillingRecord, DelegatedAdminNotice, IncentiveProgram
from rxapp.models.links import Link
from rxapp.models.messaging import AuditCount, AuditEvent, OutboxEmail
from rxapp.models.registry import MpnProfile, PmcAccess, PmcAccount, RegistryCustomer
from rxapp.models.relationships import DelegatedAdminGrant, Relationship, RelationshipCount
from rxapp.models.security import AttemptCounter, RecoveryCode
from rxapp.models.tenancy import AuthSession, MarketingProfile, Organization, User

__all__ = [
    "ApiClient",
    "ApiIdempotencyKey",
    "AttemptCounter",
    "AuditCount",
    "AuditEvent",
    "AuthSession",
    "BillingRecord",
    "CustomerUser",
    "DelegatedAdminGrant",
    "DelegatedAdminNotice",
    "Enrollment",
    "IncentiveProgram",
    "Lead",
    "LicenseAssignment",
    "Link",
    "MarketingProfile",
    "MpnProfile",
    "Order",
    "OrderLine",
    "Organization",
    "OutboxEmail",
    "PmcAccess",
    "RecoveryCode",
    "PmcAccount",
    "Product",
    "RegistryCustomer",
    "Relationship",
    "RelationshipCount",
    "ServiceHealthEntry",
    "Subscription",
    "SupportMessage",
    "SupportTicket",
    "User",
    "UTCDateTime",
    "utcnow",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEndpointStatus",
]
