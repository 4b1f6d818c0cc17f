"""The dashboard's and the operations pages' rows: subscriptions, licenses, billing, service health, orders,
support tickets, the mailbox."""

from __future__ import annotations

from typing import TypedDict

from rxapp.state.rows.common import IdName

# --- dashboard ---------------------------------------------------------------------------------------------


class TodoRow(TypedDict):
    key: str
    count: str
    href: str
    days: str  # the oldest's age in days, "" when not known


# --- operations: subscriptions, licenses, billing, service health ----------------------------------------


class SubscriptionRow(TypedDict):
    id: str
    customer: str
    product: str
    quantity: str
    assigned: str
    status: str
    family: str
    office_365: bool
    active: bool


class LicenseOption(TypedDict):
    """An active subscription of the customer, as the assign form offers it."""

    id: str
    product: str
    quantity: str
    assigned: str
    label: str


class AssignedLicense(TypedDict):
    subscription_id: str
    product: str


class LicenseUserRow(TypedDict):
    id: str
    name: str
    upn: str
    licenses: list[AssignedLicense]


class LicenseConfirm(TypedDict, total=False):
    """The unassignment waiting for confirmation (empty when none)."""

    subscription: str  # the ids, as the page sent them
    user: str
    label: str


class ChargeRow(TypedDict):
    customer: str
    product: str
    quantity: str
    unit: str
    amount: str


class OrderRow(TypedDict):
    id: str
    created_at: str
    customer: str
    provider: str
    reseller: str
    product: str
    quantity: str
    total_cents: int
    total: str
    status: str


class HealthRow(TypedDict):
    id: str
    family: str
    status: str
    title: str
    description: str
    posted_at: str
    resolved: bool
    customers: str


# --- orders, support, mailbox ----------------------------------------------------------------------------------


class OrderOption(TypedDict):
    """A customer the user may order for, with the resellers that may order for it."""

    id: str
    name: str
    resellers: list[IdName]


class TicketRow(TypedDict):
    id: str
    kind: str
    subject: str
    status: str
    org: str
    customer: str
    created_at: str


class TicketSubscription(TypedDict):
    id: str
    customer_id: str
    name: str


class TicketDetail(TypedDict, total=False):
    """The open ticket (empty when none is; only `id` right after one is created)."""

    id: str
    kind: str
    subject: str
    status: str
    org: str
    customer: str


class TicketMessage(TypedDict):
    author: str
    org: str
    staff: bool
    body: str
    at: str


class MailRow(TypedDict):
    id: int
    to: str
    subject: str
    body: str
    links: list[str]
    at: str
    status: str
