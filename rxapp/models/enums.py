"""Closed sets of values stored in the database (stored as their string values)."""

from enum import StrEnum


class OrgKind(StrEnum):
    PLATFORM = "platform"
    PROVIDER = "provider"
    RESELLER = "reseller"
    CUSTOMER = "customer"


class OrgStatus(StrEnum):
    UNENROLLED = "unenrolled"  # a work account that is not (yet) a partner
    ACTIVE = "active"
    INACTIVE = "inactive"


class AgentRole(StrEnum):
    ADMIN_AGENT = "admin_agent"
    HELPDESK_AGENT = "helpdesk_agent"
    SALES_AGENT = "sales_agent"  # customers, orders, subscriptions, leads; no delegated admin, support or users
    NOT_AN_AGENT = "not_an_agent"


class AdminRole(StrEnum):
    GLOBAL_ADMIN = "global_admin"
    USER_MANAGEMENT_ADMIN = "user_management_admin"
    BILLING_ADMIN = "billing_admin"
    NOT_AN_ADMIN = "not_an_admin"


class EnrollmentStatus(StrEnum):
    DRAFT = "draft"
    PENDING_VERIFICATION = "pending_verification"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"


class ProfileStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class RelationshipKind(StrEnum):
    PROVIDER_RESELLER = "provider_reseller"
    RESELLER_CUSTOMER = "reseller_customer"
    PROVIDER_CUSTOMER = "provider_customer"


class RelationshipStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class DelegatedAdminStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    REMOVED = "removed"


class LinkPurpose(StrEnum):
    ENROLLMENT_VERIFICATION = "enrollment_verification"
    RESELLER_AUTHORIZATION = "reseller_authorization"
    CUSTOMER_RELATIONSHIP = "customer_relationship"
    CUSTOMER_TWO_PARTY = "customer_two_party"
    DELEGATED_ADMIN = "delegated_admin"
    CONTACT_VERIFICATION = "contact_verification"
    SIGN_IN_UNBLOCK = "sign_in_unblock"


class LinkStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


class EmailStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class AuditOutcome(StrEnum):
    OK = "ok"
    REFUSED = "refused"
    THROTTLED = "throttled"


class ProductFamily(StrEnum):
    OFFICE_365 = "office_365"
    MICROSOFT_365 = "microsoft_365"
    AZURE = "azure"
    DYNAMICS_365 = "dynamics_365"


class OrderStatus(StrEnum):
    SUBMITTED = "submitted"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class LeadSource(StrEnum):
    PLATFORM = "platform"
    PROVIDER = "provider"


class LeadStatus(StrEnum):
    NEW = "new"
    INVITED = "invited"
    CONVERTED = "converted"
    DISMISSED = "dismissed"


class TicketKind(StrEnum):
    PLATFORM = "platform"  # a partner's ticket to the platform's support
    ON_BEHALF = "on_behalf"  # a support request on behalf of a customer


class TicketStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class HealthStatus(StrEnum):
    HEALTHY = "healthy"
    ADVISORY = "advisory"
    INCIDENT = "incident"
    RESOLVED = "resolved"
